import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from commission.models import Commission, Meeting
from journal.models import Appeal
from openings.models import BoxOpening
from schools.models import School


class SeedDemoTests(TestCase):
    def test_the_demo_school_is_lived_in_and_created_once(self):
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())):
            out = StringIO()
            call_command("seed_demo", stdout=out)
            call_command("seed_demo", stdout=out)
        # One school under each regulation (issue 14).
        self.assertEqual(
            {s.slug: s.rules().kind for s in School.objects.all()}, {"demo": "B", "demo-a": "A"}
        )
        statuses = set(Appeal.objects.values_list("status", flat=True))
        self.assertTrue(
            {"new", "registered", "in_work", "answered", "closed", "referred"} <= statuses
        )
        self.assertEqual(set(Appeal.objects.values_list("channel", flat=True)), {"online", "paper"})
        self.assertEqual(set(Commission.objects.values_list("status", flat=True)), {"active"})
        self.assertEqual(BoxOpening.objects.get(school__slug="demo").letters.count(), 1)
        # Regulation B has no weekly review; regulation A reviews on the sixth day.
        reviews = Meeting.objects.filter(kind=Meeting.WEEKLY_REVIEW)
        self.assertFalse(reviews.filter(commission__school__slug="demo").exists())
        self.assertTrue(reviews.filter(commission__school__slug="demo-a").exists())
        self.assertIn("demo-ishenim-2026", out.getvalue())
        self.assertIn("Recovery key", out.getvalue())
