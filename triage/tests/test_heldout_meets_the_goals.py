"""The held-out file was written independently of the lexicon (invented appeals in all the
languages and categories, with hard cases and hard negatives). Regressions show up here."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.evaluation import evaluate, load_jsonl

HELDOUT = Path(__file__).parent / "data" / "heldout.jsonl"


class HeldoutGoalTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = evaluate(load_jsonl(HELDOUT))

    def test_the_file_is_big_enough_to_mean_something(self):
        self.assertGreaterEqual(self.report["n"], 100)

    def test_urgent_recall_is_at_least_95_percent(self):
        self.assertGreaterEqual(self.report["urgent_recall"], 0.95, self.report["misses"])

    def test_urgent_precision_is_at_least_80_percent(self):
        self.assertGreaterEqual(self.report["urgent_precision"], 0.80, self.report["misses"])

    def test_category_accuracy_is_at_least_75_percent(self):
        self.assertGreaterEqual(self.report["category_accuracy"], 0.75, self.report["misses"])
