import datetime
import tempfile
from pathlib import Path

from django.test import TestCase

from backups.lib import prune
from ishenim.testing import make_school


class PruneTestCase(TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        for name in ("2020-01-10_020000", "2024-06-01_020000", "2026-12-01_020000", "notes"):
            (self.dir / name).mkdir()
        self.now = datetime.datetime(2026, 12, 6, tzinfo=datetime.UTC)

    def school(self, slug, years):
        school, _key, _recovery = make_school(slug)
        school.retention_years = years
        school.save(update_fields=["retention_years"])

    def test_it_removes_backups_older_than_the_longest_retention(self):
        self.school("mektep", 3)
        removed = prune(self.dir, now=self.now)
        self.assertEqual([p.name for p in removed], ["2020-01-10_020000"])
        self.assertTrue((self.dir / "2024-06-01_020000").exists())
        self.assertTrue((self.dir / "notes").exists())

    def test_the_longest_retention_of_any_school_decides(self):
        self.school("a", 3)
        self.school("b", 10)
        self.assertEqual(prune(self.dir, now=self.now), [])

    def test_it_always_keeps_the_newest_backup(self):
        self.school("a", 1)
        removed = prune(self.dir, now=self.now + datetime.timedelta(days=3650))
        self.assertEqual(len(removed), 2)
        self.assertTrue((self.dir / "2026-12-01_020000").exists())
