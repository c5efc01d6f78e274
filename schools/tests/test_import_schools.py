"""National onboarding (issue 16): the ministry's CSV becomes enrolments, whole or not at all,
and no school key is made centrally."""

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from schools.models import District, Enrolment, School

HEADER = (
    "code,name_ky,name_ru,district_ky,district_ru,region,language,regulation,"
    "responsible_email,director_email\n"
)
ROWS = (
    "KG-0001,Ак-Терек мектеби,Школа Ак-Терек,Ысык-Ата району,Ысык-Атинский район,Чүй,ky,A,"
    "aida@example.org,dana@example.org\n"
    "KG-0002,Өрүк мектеби,Школа Урюк,Ысык-Ата району,Ысык-Атинский район,Чүй,ru,B,"
    "bolot@example.org,\n"
)


class ImportSchoolsTests(TestCase):
    def run_import(self, text, *args):
        path = Path(tempfile.mkdtemp()) / "schools.csv"
        path.write_text(text, encoding="utf-8")
        out = StringIO()
        call_command("import_schools", str(path), *args, stdout=out)
        return out.getvalue()

    def test_it_imports_every_line_as_an_enrolment_without_making_a_key(self):
        out = self.run_import(HEADER + ROWS)
        self.assertIn("created 2", out)
        first = Enrolment.objects.get(code="KG-0001")
        self.assertEqual((first.language, first.regulation), ("ky", "A"))
        self.assertEqual(first.district.name_ru, "Ысык-Атинский район")
        self.assertEqual(District.objects.count(), 1)
        self.assertIsNone(first.school)
        self.assertFalse(School.objects.exists())  # no school, hence no key, made centrally

    def test_a_second_run_changes_nothing_and_says_so(self):
        self.run_import(HEADER + ROWS)
        before = list(Enrolment.objects.values_list("pk", "updated_at"))
        out = self.run_import(HEADER + ROWS)
        self.assertIn("nothing to change, all 2 schools are already imported", out)
        self.assertEqual(list(Enrolment.objects.values_list("pk", "updated_at")), before)

    def test_a_changed_line_updates_its_school_only(self):
        self.run_import(HEADER + ROWS)
        out = self.run_import(HEADER + ROWS.replace("bolot@example.org", "new@example.org"))
        self.assertIn("created 0, updated 1, unchanged 1", out)
        self.assertEqual(Enrolment.objects.get(code="KG-0002").responsible_email, "new@example.org")

    def test_a_bad_line_is_named_and_nothing_is_imported(self):
        bad = ROWS + "KG-0003,,Школа,Район,Район,Чүй,kg,C,not-an-email,\n"
        with self.assertRaises(CommandError) as caught:
            self.run_import(HEADER + bad)
        message = str(caught.exception)
        self.assertIn("nothing imported", message)
        self.assertIn("line 4: name_ky is empty", message)
        self.assertIn("line 4: language 'kg' is not one of ky, ru, uz", message)
        self.assertIn("line 4: regulation 'C' is not A or B", message)
        self.assertIn("line 4: responsible_email 'not-an-email' is not an e-mail address", message)
        self.assertFalse(Enrolment.objects.exists())
        self.assertFalse(District.objects.exists())

    def test_a_code_twice_in_the_file_is_refused(self):
        with self.assertRaisesMessage(CommandError, "line 4: code 'kg-0001' is already on line 2"):
            self.run_import(HEADER + ROWS + ROWS.splitlines()[0].replace("KG-", "kg-") + "\n")

    def test_a_missing_column_is_refused(self):
        with self.assertRaisesMessage(CommandError, "missing column(s): regulation"):
            self.run_import(HEADER.replace(",regulation", "") + "x\n")

    def test_a_spreadsheet_saved_with_semicolons_and_a_bom_is_read(self):
        text = "\ufeff" + (HEADER + ROWS).replace(",", ";")
        self.assertIn("created 2", self.run_import(text))

    def test_a_dry_run_changes_nothing(self):
        out = self.run_import(HEADER + ROWS, "--dry-run")
        self.assertIn("would have created 2", out)
        self.assertFalse(Enrolment.objects.exists())

    def test_the_help_says_no_key_is_made(self):
        from schools.management.commands.import_schools import Command

        self.assertIn("NO SCHOOL KEY IS MADE", Command.help)

    def test_a_school_already_made_gets_the_regulation_of_the_file(self):
        from ishenim.testing import make_school

        self.run_import(HEADER + ROWS)
        school, _key, _recovery = make_school("kg-0002")
        Enrolment.objects.filter(code="KG-0002").update(school=school)
        self.run_import(HEADER + ROWS.replace(",ru,B,", ",ru,A,"))
        self.assertEqual(school.rules().regulation.kind, "A")
