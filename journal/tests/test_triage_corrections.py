import json
from io import StringIO

from django.core.management import call_command

from audit.models import Event
from ishenim.testing import BaseTestCase


class TriageCorrectionTests(BaseTestCase):
    def test_a_staff_correction_is_audited_and_counted(self):
        appeal, _ = self.submit("Математикадан үй тапшырма өтө көп.")
        self.assertEqual(appeal.suggested_urgency, "normal")
        self.login()
        self.client.post(
            f"/staff/appeals/{appeal.pk}/",
            {
                "action": "work",
                "work-status": "in_work",
                "work-category": "violence",
                "work-urgency": "urgent",
            },
        )
        self.assertTrue(Event.objects.filter(appeal=appeal, detail__field="urgency").exists())
        out = StringIO()
        call_command("triage_corrections", "--format", "json", stdout=out)
        figures = json.loads(out.getvalue())
        self.assertEqual(figures["n"], 1)
        self.assertEqual(figures["corrected"], 1)
        self.assertEqual(figures["urgent_recall"], 0.0)
        self.assertEqual(figures["category_accuracy"], 0.0)

    def test_agreement_counts_as_correct(self):
        self.submit("Мен жашагым келбейт, өзүмдү өлтүрөм.")
        out = StringIO()
        call_command("triage_corrections", "--format", "json", stdout=out)
        figures = json.loads(out.getvalue())
        self.assertEqual((figures["urgent_recall"], figures["category_accuracy"]), (1.0, 1.0))
