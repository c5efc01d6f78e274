"""Staff leave (issue 13): a director or the school's admin switches off a staff member from a
web page; their sessions end at once, the urgent lane and notices skip them, and their open
letters go to a named person with a handover record and a line in each letter's history."""

from django.contrib.auth import get_user_model

from accounts.models import Handover
from audit.models import Event
from journal.models import Appeal
from notify.models import Notice
from notify.tasks import notify_appeal
from urgent.tests.base import T0, LaneTestCase


class StaffLeaveTests(LaneTestCase):
    url = "/staff/staff-leave/demo/"

    def setUp(self):
        super().setUp()
        self.open_letter, _ = self.submit("Мени класста шылдыңдашат.")
        self.kept_from_bolot, _ = self.submit("Болот агай жөнүндө.", excluded_staff=[self.bolot])
        self.closed, _ = self.submit("Рахмат, баары жакшы.")
        Appeal.objects.filter(pk__in=[self.open_letter.pk, self.kept_from_bolot.pk]).update(
            assignee=self.aida
        )
        Appeal.objects.filter(pk=self.closed.pk).update(assignee=self.aida, status=Appeal.CLOSED)

    def leave(self, **extra):
        data = {"leaver": self.aida.pk, "successor": self.bolot.pk, "confirm": "on", **extra}
        return self.client.post(self.url, data)

    def test_a_director_deactivates_a_member_and_their_sessions_end_at_once(self):
        aida_browser = self.client_class()
        aida_browser.post(
            "/staff/login/", {"username": "aida", "password": "correct horse battery"}
        )
        self.assertEqual(aida_browser.get("/staff/").status_code, 200)
        self.login("dana")
        r = self.leave()
        self.assertRedirects(r, self.url)
        self.aida.refresh_from_db()
        self.assertFalse(self.aida.is_active)
        r = aida_browser.get("/staff/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])

    def test_open_letters_are_handed_to_the_named_person_with_a_handover_record(self):
        self.login("dana")
        self.leave()
        self.assertEqual(Appeal.objects.get(pk=self.open_letter.pk).assignee, self.bolot)
        # The author kept this one from Bolot: it is not given to him.
        self.assertIsNone(Appeal.objects.get(pk=self.kept_from_bolot.pk).assignee)
        self.assertEqual(Appeal.objects.get(pk=self.closed.pk).assignee, self.aida)
        handover = Handover.objects.get()
        self.assertEqual(
            (handover.left, handover.to, handover.by), (self.aida, self.bolot, self.dana)
        )
        self.assertEqual(list(handover.appeals.all()), [self.open_letter])
        self.assertEqual(list(handover.not_handed.all()), [self.kept_from_bolot])
        self.assertTrue(
            Event.objects.filter(appeal=self.open_letter, detail__handover=handover.pk).exists()
        )

    def test_the_handover_is_in_the_letters_history_in_words(self):
        self.login("dana")
        self.leave()
        self.login("bolot")
        r = self.client.get(f"/staff/appeals/{self.open_letter.pk}/")
        self.assertContains(r, "өткөрүлүп берилди")
        self.assertContains(r, "Аида Токтобаева → Болот Иманов")

    def test_the_urgent_lane_and_notices_skip_the_member_who_left(self):
        self.login("dana")
        self.leave()
        appeal = self.urgent_letter()
        self.tick(T0)
        self.assertNotIn("aida", self.alerted(appeal))
        self.assertTrue(self.alerted(appeal))  # someone else is alerted
        quiet, _ = self.submit("Ашканада тамак жетишпейт.")
        notify_appeal(quiet)
        self.assertFalse(Notice.objects.filter(user=self.aida, appeal=quiet).exists())

    def test_nothing_changes_without_the_confirmation(self):
        self.login("dana")
        r = self.client.post(self.url, {"leaver": self.aida.pk, "successor": self.bolot.pk})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(get_user_model().objects.get(pk=self.aida.pk).is_active)
        self.assertFalse(Handover.objects.exists())

    def test_the_leaver_cannot_take_over_their_own_letters(self):
        self.login("dana")
        r = self.leave(successor=self.aida.pk)
        self.assertEqual(r.status_code, 200)
        self.assertTrue(get_user_model().objects.get(pk=self.aida.pk).is_active)

    def test_a_member_and_an_outsider_get_404(self):
        for username in ("bolot", "chyngyz"):
            self.login(username)
            self.assertEqual(self.client.get(self.url).status_code, 404)
            self.assertEqual(self.leave().status_code, 404)
        self.assertTrue(get_user_model().objects.get(pk=self.aida.pk).is_active)

    def test_the_page_is_in_the_directors_menu(self):
        self.login("dana")
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, f'href="{self.url}"')
