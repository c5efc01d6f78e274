"""Russian wordings of danger in every aspect, voice and word order, teen slang and spelling
(«отпинали», «трясут бабки», «выпилиться», «отчим к ней лезет», no ё, no commas), and ordinary
sentences that share words with danger («убью за двойку», «бей по воротам»), as the rules
read them: ``tests/data/forms_ru.txt`` holds each with its expected reading (``u|category`` for a
danger the rules alone must call urgent in that category, ``-|*`` for a sentence they must not
call urgent). The sentences were written to search the lexicon for gaps (the data README, "Kyrgyz
word forms, all of them" and the Russian audit after it); the file keeps the ones it reads
right, so a change that loses one shows up."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import classify

FORMS = Path(__file__).resolve().parent / "data" / "forms_ru.txt"


def forms():
    for line in FORMS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            expected, category, text = line.split("|", 2)
            yield expected, category, text


class RussianFormsTests(SimpleTestCase):
    def test_the_file_covers_every_urgent_concept_and_ordinary_speech(self):
        rows = list(forms())
        self.assertGreaterEqual(len(rows), 300)
        categories = {c for e, c, _ in rows if e == "u"}
        for category in ("violence", "sexual_abuse", "self_harm", "extortion", "family",
                         "forced_marriage", "substances", "teacher_conduct"):  # fmt: skip
            self.assertIn(category, categories)
        self.assertGreaterEqual(sum(1 for e, _, _ in rows if e == "-"), 50)

    def test_each_danger_is_urgent_in_its_category(self):
        for expected, category, text in forms():
            if expected == "u":
                result = classify(text, backstop=False)
                self.assertEqual(result.urgency, "urgent", text)
                if category != "*":
                    self.assertEqual(result.category, category, text)

    def test_ordinary_sentences_are_not_urgent(self):
        for expected, _, text in forms():
            if expected == "-":
                self.assertNotEqual(classify(text, backstop=False).urgency, "urgent", text)
