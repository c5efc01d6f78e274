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

    def test_text_output_names_the_figures(self):
        out = StringIO()
        call_command("triage_eval", str(FIXTURE), stdout=out)
        text = out.getvalue()
        for label in ("n", "urgent recall", "urgent precision", "category accuracy", "confusion"):
            self.assertIn(label, text)

    def test_a_missing_file_is_a_command_error(self):
        with self.assertRaises(CommandError):
            call_command("triage_eval", "/nonexistent/file.jsonl", stdout=StringIO())
