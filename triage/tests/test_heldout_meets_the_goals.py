"""The held-out file was written independently of the lexicon (invented appeals in all the
languages and categories, with hard cases and hard negatives). Regressions show up here."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.tests.goals import LabelledFileGoals

HELDOUT = Path(__file__).parent / "data" / "heldout.jsonl"


class HeldoutGoalTests(LabelledFileGoals, SimpleTestCase):
    path = HELDOUT

    def test_the_file_is_big_enough_to_mean_something(self):
        self.assertGreaterEqual(self.report["n"], 100)
