"""Finding 11: a flood of letters from one browser or one address is never refused; past a
limit per session and per attempt source (a keyed hash kept in the cache for minutes) the
letters are marked as a possible flood, grouped on the journal page, and urgent ones still
alert."""

from django.test import override_settings

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from urgent.models import UrgentCase

QUIET = "Мектептеги ашкана жөнүндө айткым келет."
URGENT = "Өгөй атам мени күн сайын уруп жатат, үйгө баргандан коркуп жатам, жардам бериңиз."


def form(text, n):
    return {"author_kind": "pupil", "signed": "0", "text": text, "token": f"{n:032d}"}


@override_settings(SUBMISSIONS_BEFORE_FLOOD_PER_SESSION=3, SUBMISSIONS_BEFORE_FLOOD_PER_SOURCE=6)
class FloodTests(BaseTestCase):
    url = "/s/demo/write/"

    def test_letters_past_the_limit_per_session_are_accepted_and_marked_as_a_possible_flood(self):
        for n in range(5):
            r = self.client.post(self.url, form(QUIET, n))
            self.assertRedirects(r, "/s/demo/receipt/")  # never refused
        marks = list(Appeal.objects.order_by("pk").values_list("possible_flood", flat=True))
        self.assertEqual(marks, [False, False, False, True, True])

    def test_letters_past_the_limit_per_source_are_marked_even_without_the_cookie(self):
        for n in range(8):
            self.client.cookies.clear()  # a new session each time, the same address
            r = self.client.post(self.url, form(QUIET, n), REMOTE_ADDR="10.1.2.3")
            self.assertEqual(r.status_code, 302)
        self.assertEqual(Appeal.objects.filter(possible_flood=True).count(), 2)
        # Another address is not affected.
        self.client.cookies.clear()
        self.client.post(self.url, form(QUIET, 99), REMOTE_ADDR="10.9.9.9")
        self.assertFalse(Appeal.objects.latest("pk").possible_flood)

    def test_an_urgent_letter_in_a_flood_still_alerts(self):
        for n in range(4):
            self.client.post(self.url, form(QUIET, n))
        self.client.post(self.url, form(URGENT, 9))
        appeal = Appeal.objects.latest("pk")
        self.assertTrue(appeal.possible_flood)
        self.assertEqual(appeal.urgency, Appeal.URGENT)
        self.assertTrue(UrgentCase.objects.filter(appeal=appeal).exists())

    def test_possible_flood_letters_are_grouped_on_the_journal_page(self):
        for n in range(6):
            self.client.post(self.url, form(QUIET, n))
        self.client.post(self.url, form(URGENT, 9))
        flood = list(Appeal.objects.filter(possible_flood=True))
        self.assertEqual(len(flood), 4)
        self.login("aida")
        r = self.client.get("/staff/")
        main = [row["appeal"].pk for row in r.context["rows"]]
        urgent = Appeal.objects.get(urgency=Appeal.URGENT)
        self.assertIn(urgent.pk, main)  # the urgent lane and the list keep it in view
        for a in flood:
            if a.pk != urgent.pk:
                self.assertNotIn(a.pk, main)
        self.assertEqual(r.context["flood_count"], 3)
        self.assertContains(r, '<details class="card soft flood">')

    def test_no_source_address_is_stored(self):
        self.client.post(self.url, form(QUIET, 1), REMOTE_ADDR="10.77.66.55")
        appeal = Appeal.objects.get()
        for value in Appeal.objects.filter(pk=appeal.pk).values().get().values():
            self.assertNotIn("10.77.66.55", str(value))
