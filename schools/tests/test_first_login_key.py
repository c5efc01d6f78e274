"""Issue 16, national onboarding: `import_schools` makes no key and invites each school's
responsible person; the school, its key and its recovery-key sheet are made at that person's
first login, so the national operator never holds a school's key."""

import re
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils import translation

import vault
from accounts.models import Invitation, Membership
from notify.models import OutgoingMail
from schools.models import Enrolment, School
from schools.tests.test_import_schools import HEADER, ROWS
from vault.keys import recover
from vault.models import GenerationSeal, KeyGeneration

CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")
PASSWORD = "the responsible person's passphrase"


class FirstLoginKeyTests(TestCase):
    def setUp(self):
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        path = Path(tempfile.mkdtemp()) / "schools.csv"
        path.write_text(HEADER + ROWS, encoding="utf-8")
        self.out = StringIO()
        call_command("import_schools", str(path), stdout=self.out)

    def accept(self, email="aida@example.org", username="aida"):
        mail = OutgoingMail.objects.get(to=email)
        code = CODE.search(mail.body).group(0)
        self.assertIn(f"/staff/join/{code}/", mail.body)
        r = self.client.post(
            "/staff/join/",
            {
                "code": code,
                "username": username,
                "first_name": "Аида",
                "last_name": "Токтобаева",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        self.assertRedirects(r, "/staff/login/")

    def test_the_import_invites_each_responsible_person_and_makes_no_key(self):
        # Two responsible persons, and the director whose e-mail the list has.
        self.assertIn("invitations sent 3", self.out.getvalue())
        self.assertEqual(OutgoingMail.objects.count(), 3)
        self.assertFalse(School.objects.exists())
        self.assertFalse(KeyGeneration.objects.exists())
        self.assertEqual(Invitation.objects.filter(role=Membership.RESPONSIBLE).count(), 2)
        # In the school's language.
        self.assertIn("Ишеним", OutgoingMail.objects.get(to="aida@example.org").subject)

    def test_a_second_import_sends_no_second_invitation(self):
        path = Path(tempfile.mkdtemp()) / "schools.csv"
        path.write_text(HEADER + ROWS, encoding="utf-8")
        call_command("import_schools", str(path), stdout=StringIO())
        self.assertEqual(OutgoingMail.objects.count(), 3)

    def test_the_school_key_and_its_recovery_sheet_are_made_at_the_first_login(self):
        self.accept()
        self.assertFalse(School.objects.exists())
        r = self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        self.assertRedirects(r, "/staff/first-key/")
        self.assertContains(self.client.get("/staff/first-key/"), "Ак-Терек мектеби")
        r = self.client.post("/staff/first-key/", {"confirm": "on"})
        self.assertEqual(r.status_code, 200)
        sheet = r.context["recovery"]
        self.assertContains(r, sheet)
        school = School.objects.get()
        self.assertEqual(Enrolment.objects.get(code="KG-0001").school, school)
        self.assertEqual(school.memberships.get().role, Membership.RESPONSIBLE)
        self.assertEqual(school.rules().kind, "A")  # the national list's regulation
        self.assertTrue(GenerationSeal.objects.filter(generation__school=school).exists())
        # Letters come in at once and open for her and with the sheet.
        from journal.sealing import create_appeal

        appeal, _ = create_appeal(
            school, text="Биринчи кат", author_kind="pupil", is_anonymous=True
        )
        self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Биринчи кат")
        from journal.models import Message

        body = Message.objects.filter(appeal=appeal).first().body_for_school
        self.assertEqual(vault.open_text(recover(school, sheet), body), "Биринчи кат")
        # The director's invitation from the import now leads to the school (no key for them).
        director = Invitation.objects.get(school=school, role=Membership.DIRECTOR)
        self.assertEqual(director.email, "dana@example.org")
        self.assertEqual(Invitation.objects.filter(role=Membership.DIRECTOR).count(), 1)
        # A second visit does not make another key.
        self.assertRedirects(
            self.client.get("/staff/first-key/"), "/staff/", fetch_redirect_response=False
        )
        self.assertEqual(KeyGeneration.objects.filter(school=school).count(), 1)

    def test_nobody_but_the_invited_person_reaches_the_first_key(self):
        self.assertRedirects(
            self.client.get("/staff/first-key/"), "/staff/login/?next=/staff/first-key/"
        )


class DirectorInvitedAtImportTests(TestCase):
    """The director is invited at import too when the list has their e-mail, not only once the
    school's key is made; they join the school whichever comes first."""

    setUp = FirstLoginKeyTests.setUp
    accept = FirstLoginKeyTests.accept

    def make_key(self):
        self.accept()
        self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        self.client.post("/staff/first-key/", {"confirm": "on"})
        self.client.post("/staff/logout/")
        return School.objects.get()

    def test_the_import_invites_the_director_by_e_mail(self):
        director = Invitation.objects.get(role=Membership.DIRECTOR)
        self.assertEqual(director.email, "dana@example.org")
        self.assertEqual(director.enrolment.code, "KG-0001")
        self.assertIsNone(director.school)
        mail = OutgoingMail.objects.get(to="dana@example.org")
        self.assertIn("Ишеним", mail.subject)  # the school's language
        # The school without a director's e-mail invites only its responsible person.
        self.assertFalse(Invitation.objects.filter(enrolment__code="KG-0002", role="director"))

    def test_a_director_who_accepts_before_the_key_joins_when_it_is_made(self):
        self.accept("dana@example.org", "dana")
        r = self.client.post("/staff/login/", {"username": "dana", "password": PASSWORD})
        self.assertRedirects(r, "/staff/", fetch_redirect_response=False)  # no first key
        self.client.post("/staff/logout/")
        school = self.make_key()
        self.assertEqual(Membership.objects.get(user__username="dana").school, school)
        self.assertEqual(Membership.objects.get(user__username="dana").role, "director")
        self.assertFalse(GenerationSeal.objects.filter(user__username="dana").exists())

    def test_a_director_who_accepts_after_the_key_joins_at_once(self):
        school = self.make_key()
        self.accept("dana@example.org", "dana")
        self.assertEqual(Membership.objects.get(user__username="dana").school, school)
        self.assertEqual(OutgoingMail.objects.filter(to="dana@example.org").count(), 1)
