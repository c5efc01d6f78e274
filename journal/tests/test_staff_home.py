from audit.models import Event
from ishenim.testing import BaseTestCase


class StaffHomeTests(BaseTestCase):
    def test_login_is_required(self):
        r = self.client.get("/staff/")
        self.assertRedirects(r, "/staff/login/?next=/staff/")

    def test_the_responsible_person_reads_new_letters(self):
        self.submit("Мени класста шылдыңдашат.")
        self.login("aida")
        r = self.client.get("/staff/")
        self.assertContains(r, "Мени класста шылдыңдашат.")

    def test_reading_the_list_is_audited(self):
        appeal, _ = self.submit()
        self.login("aida")
        self.client.get("/staff/")
        event = Event.objects.get(action="journal_read")
        self.assertEqual(event.actor, self.aida)
        self.assertEqual(event.detail["appeals"], [appeal.pk])

    def test_outsider_sees_no_letter_of_another_school(self):
        self.submit("Бул башка мектептин каты.")
        self.login("chyngyz")
        r = self.client.get("/staff/")
        self.assertNotContains(r, "Бул башка мектептин каты.")

    def test_the_director_manages_without_reading_letters(self):
        self.submit("Директор окубашы керек.")
        self.login("dana")
        r = self.client.get("/staff/")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Директор окубашы керек.")

    def test_urgent_letters_top_the_list(self):
        self.submit("Математикадан үй тапшырма көп.")
        urgent, _ = self.submit("Мен жашагым келбейт, бүгүн өзүмдү өлтүрөм.")
        self.login("aida")
        rows = self.client.get("/staff/").context["rows"]
        self.assertEqual(rows[0]["appeal"], urgent)
