import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

FIXTURE = Path(__file__).parent / "data" / "eval_fixture.jsonl"


class EvalCommandTests(SimpleTestCase):
    def test_json_output_has_the_required_keys(self):
        out = StringIO()
        call_command("triage_eval", str(FIXTURE), "--format", "json", stdout=out)
        report = json.loads(out.getvalue())
        for key in ("n", "urgent_recall", "urgent_precision", "category_accuracy", "confusion"):
            self.assertIn(key, report)
        self.assertEqual(report["n"], 6)
        self.assertEqual(report["urgent_recall"], 1.0)
        self.assertEqual(report["urgent_precision"], 1.0)
        self.assertEqual(report["misses"], [])
        self.assertEqual(report["false_alarms"], [])
        for lang in report["by_lang"].values():
            for key in ("n", "urgent_recall", "urgent_precision", "category_accuracy",
                        "confusion", "misses", "false_alarms"):  # fmt: skip
                self.assertIn(key, lang)
        self.assertEqual(sum(r["n"] for r in report["by_lang"].values()), report["n"])

    def test_misses_and_false_alarms_are_separate_lists_of_ids(self):
        from triage.evaluation import evaluate

        rows = [
            {"id": "a", "lang": "ru", "text": "Хорошая погода, спасибо.", "urgent": True,
             "category": "gratitude"},
            {"id": "b", "lang": "ky", "text": "Мен эми жашагым келбейт.", "urgent": False,
             "category": "self_harm"},
        ]  # fmt: skip
        report = evaluate(rows)
        self.assertEqual(report["misses"], ["a"])
        self.assertEqual(report["false_alarms"], ["b"])
        self.assertEqual(report["by_lang"]["ru"]["misses"], ["a"])
        self.assertEqual(report["by_lang"]["ky"]["false_alarms"], ["b"])
        self.assertEqual({e["id"] for e in report["errors"]}, {"a", "b"})

    def test_text_output_names_the_figures(self):
        out = StringIO()
        call_command("triage_eval", str(FIXTURE), stdout=out)
        text = out.getvalue()
        for label in ("n", "urgent recall", "urgent precision", "category accuracy", "confusion"):
            self.assertIn(label, text)

    def test_a_missing_file_is_a_command_error(self):
        with self.assertRaises(CommandError):
            call_command("triage_eval", "/nonexistent/file.jsonl", stdout=StringIO())
