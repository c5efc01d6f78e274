"""Issue 13, staff leave: the handover record is signed by both, the one who left (in person,
with their password at the director's screen) and the one who took over (from their login);
the page shows what is signed and what is not."""

from django.conf import settings
from django.utils import translation

from accounts.models import Handover
from ishenim.testing import PASSWORD, BaseTestCase


class HandoverSignatureTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        self.login("dana")
        self.client.post(
            "/staff/staff-leave/demo/",
            {"leaver": self.bolot.pk, "successor": self.aida.pk, "confirm": "on"},
        )
        self.handover = Handover.objects.get()
        self.url = f"/staff/handover/{self.handover.pk}/"

    def test_the_leaver_signs_in_person_and_the_receiver_from_their_login(self):
        r = self.client.get(self.url)
        self.assertContains(r, "not signed yet", count=2)
        r = self.client.post(self.url, {"sign": "left", "password": "wrong"})
        self.assertContains(r, "This password is not right.")
        r = self.client.post(self.url, {"sign": "left", "password": PASSWORD})
        self.assertRedirects(r, self.url)
        self.client.logout()
        self.login("aida")
        self.assertContains(self.client.get("/staff/"), "Handover to sign")
        r = self.client.post(self.url, {"sign": "to", "confirm": "on"})
        self.assertRedirects(r, self.url)
        self.handover.refresh_from_db()
        self.assertTrue(self.handover.is_signed)
        self.assertNotContains(self.client.get(self.url), "not signed yet")

    def test_the_director_cannot_sign_for_the_receiver(self):
        self.client.post(self.url, {"sign": "to", "confirm": "on"})
        self.handover.refresh_from_db()
        self.assertIsNone(self.handover.to_signed_at)

    def test_the_staff_leave_page_shows_the_state(self):
        self.assertContains(self.client.get("/staff/staff-leave/demo/"), "waiting for signatures")

    def test_outsider_gets_404(self):
        self.client.logout()
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)
