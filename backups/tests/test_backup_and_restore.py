import tempfile
import types
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TransactionTestCase, override_settings

import vault
from ishenim.testing import make_school
from journal.models import Appeal, Attachment
from journal.sealing import add_attachment, create_appeal, open_attachment
from schools.models import School
from vault.keys import recover

TEXT = "Мени класста шылдыңдашат, жардам бериңиз"


def empty_the_database():
    """What a new database looks like: no table at all."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")


class BackupAndRestoreTests(TransactionTestCase):
    def setUp(self):
        self.media = Path(tempfile.mkdtemp(prefix="ishenim-media-"))
        self.backups = Path(tempfile.mkdtemp(prefix="ishenim-backups-"))
        override = override_settings(MEDIA_ROOT=self.media, BACKUP_DIR=self.backups)
        override.enable()
        self.addCleanup(override.disable)
        self.school, _key, self.recovery = make_school()
        self.appeal, _code = create_appeal(
            self.school, text=TEXT, author_kind="pupil", is_anonymous=True
        )
        picture = types.SimpleNamespace(name="сүрөт.png", content_type="image/png", data=b"PNG!")
        add_attachment(self.appeal, self.appeal.messages.first(), picture)

    def backup(self):
        out = StringIO()
        call_command("backup", stdout=out)
        return Path(out.getvalue().strip().splitlines()[-1])

    def test_a_backup_restored_into_an_empty_database_opens_with_the_recovery_key(self):
        folder = self.backup()
        self.assertTrue((folder / "manifest.json").is_file())
        empty_the_database()
        for path in self.media.rglob("*"):
            if path.is_file():
                path.unlink()

        call_command("restore", str(folder), stdout=StringIO())

        school = School.objects.get(slug="demo")
        key = recover(school, self.recovery)  # the printed sheet from the school safe
        appeal = Appeal.objects.get(pk=self.appeal.pk)
        message = appeal.messages.get()
        self.assertEqual(vault.open_text(key, message.body_for_school), TEXT)
        name, _type, data = open_attachment(key, Attachment.objects.get(appeal=appeal))
        self.assertEqual((name, data), ("сүрөт.png", b"PNG!"))

    def test_the_backup_holds_no_letter_in_the_clear(self):
        folder = self.backup()
        for path in folder.rglob("*"):
            if path.is_file():
                self.assertNotIn(TEXT.encode(), path.read_bytes(), path)

    def test_it_refuses_a_database_that_is_not_empty(self):
        folder = self.backup()
        with self.assertRaisesMessage(CommandError, "not empty"):
            call_command("restore", str(folder), stdout=StringIO())

    def test_it_refuses_a_damaged_backup_before_touching_anything(self):
        folder = self.backup()
        sealed = next(p for p in (folder / "media").rglob("*") if p.is_file())
        sealed.write_bytes(b"damaged")
        empty_the_database()
        with self.assertRaisesMessage(CommandError, "damaged"):
            call_command("restore", str(folder), stdout=StringIO())
        self.assertEqual(connection.introspection.table_names(), [])
        call_command("migrate", verbosity=0)  # the test database as the next test expects it
