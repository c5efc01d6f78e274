"""The reading of time and person in pairs that differ only in it: an adult's memory and a child
now, one's own childhood and «ever since I was little», a closed case and a danger that goes on
after a light sentence, a child found and one still searched for, grown-ups and a child
(``tests/data/readings.txt``: ``u|text`` must be urgent by the rules and the readings, ``a|text``
must not). The sentences were written to test the readings (the data README, "Time and person,
read again"); the file keeps the ones read right, so a change that loses one shows up."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import READING_MEMORY, classify

READINGS = Path(__file__).resolve().parent / "data" / "readings.txt"


def readings():
    for line in READINGS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            expected, text = line.split("|", 1)
            yield expected, text


class TimeAndPersonTests(SimpleTestCase):
    def test_the_file_holds_both_kinds_in_both_languages(self):
        rows = list(readings())
        self.assertGreaterEqual(sum(1 for e, _ in rows if e == "u"), 100)
        self.assertGreaterEqual(sum(1 for e, _ in rows if e == "a"), 30)
        self.assertTrue(any("ө" in t or "ү" in t for _, t in rows))

    def test_a_danger_now_stays_urgent_and_a_memory_or_closed_case_does_not(self):
        for expected, text in readings():
            urgency = classify(text, backstop=False).urgency
            if expected == "u":
                self.assertEqual(urgency, "urgent", text)
            else:
                self.assertNotEqual(urgency, "urgent", text)

    def test_words_children_and_parents_use_now_are_not_an_adults_memory(self):
        for text in (
            "Мама на работе до вечера, а отчим в это время трогает меня. Сейчас мне страшно.",
            "Апам ишке кеткенде өгөй атам мени урат, мурда да ушундай болгон.",
            "Я вспоминаю это каждую ночь: старшеклассники много лет отбирают у меня деньги и бьют.",
        ):
            result = classify(text, backstop=False)
            self.assertNotIn(READING_MEMORY, result.rules, text)
            self.assertEqual(result.urgency, "urgent", text)
