"""The issue's goals, checked on one labelled file: urgent recall ≥ 0.95, urgent precision
≥ 0.80, category accuracy ≥ 0.75 ("attention" counts as not urgent)."""

from triage.evaluation import evaluate, load_jsonl


class LabelledFileGoals:
    """Mix into a SimpleTestCase and set `path` to a JSONL file of labelled appeals."""

    path = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rows = load_jsonl(cls.path)
        cls.report = evaluate(cls.rows)

    def test_urgent_recall_is_at_least_95_percent(self):
        self.assertGreaterEqual(self.report["urgent_recall"], 0.95, self.report["misses"])

    def test_urgent_precision_is_at_least_80_percent(self):
        self.assertGreaterEqual(self.report["urgent_precision"], 0.80, self.report["false_alarms"])

    def test_category_accuracy_is_at_least_75_percent(self):
        self.assertGreaterEqual(self.report["category_accuracy"], 0.75, self.report["errors"])
