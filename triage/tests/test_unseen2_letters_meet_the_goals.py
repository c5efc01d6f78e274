"""unseen2.jsonl: 240 invented letters (103 urgent) written before the lexicons were read, from
writers unlike the earlier files: pupils of 10-12 with simple words and misspellings, teens
with slang, emoji and transliteration, parents and grandparents (formal or run-on), teachers
reporting about a pupil, Russian-speaking city pupils, village Kyrgyz with dialect words and
Uzbek-speaking pupils from the south. All 13 categories, every urgent kind in the data README,
and hard negatives (idioms, hyperbole, games, films, sport, lessons, resolved problems,
proposals, questions about serious topics, a strict but fair teacher, a sibling quarrel).

First measurement, before any tuning on this file (the honest estimate on new wording):
rules + n-gram backstop as shipped: urgent recall 0.951 (5 of 103 missed), precision 0.891
(12 false alarms), category accuracy 0.767. Rules only: recall 0.796 (21 missed), precision
0.921 (7 false alarms), category accuracy 0.767. The lexicons (and the folding of Russian
был/была/были, which read as "бил", "hit") were then changed with these letters in view, so
passing here is a regression guard, not an unbiased estimate. The backstop was NOT trained on
this file."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.tests.goals import LabelledFileGoals

UNSEEN2 = Path(__file__).parent / "data" / "unseen2.jsonl"


class Unseen2GoalTests(LabelledFileGoals, SimpleTestCase):
    path = UNSEEN2

    def test_the_file_is_big_enough_and_mixed(self):
        self.assertGreaterEqual(self.report["n"], 200)
        langs = {r["lang"] for r in self.rows}
        self.assertEqual(langs, {"ky", "ky-plain", "ky-latin", "ru", "mixed", "uz"})
        self.assertEqual(len({r["category"] for r in self.rows}), 13)

    def test_russian_was_is_not_a_beating(self):
        from triage.engine import classify

        result = classify("Она была дома, мы были рады, он был в школе.", backstop=False)
        self.assertNotEqual(result.urgency, "urgent", result.rules)
