"""The key pages show words in Kyrgyz and Russian, never the code's own values (issue 15's
rule): invitation states and ways, roles, key generations' reasons, handover states."""

from django.conf import settings
from django.utils import translation

from accounts.models import Handover, Invitation, Membership
from ishenim.testing import BaseTestCase, internal_values, internal_values_in, visible_text


class KeyPagesShowWordsNotCodesTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def test_no_internal_value_is_visible_on_the_key_pages(self):
        appeal, _ = self.submit("Кат")
        Invitation.issue(school=self.school, role=Membership.MEMBER, full_name="Гүлнара")
        Invitation.issue(
            school=self.school,
            role=Membership.DIRECTOR,
            full_name="Жаңы директор",
            email="d@example.org",
            delivery=Invitation.EMAIL,
        )
        handover = Handover.objects.create(
            school=self.school, left=self.bolot, to=self.aida, by=self.dana
        )
        self.login("aida")
        self.client.get(f"/staff/appeals/{appeal.pk}/")
        self.client.post("/staff/key/demo/", {"confirm": "on"})  # a second generation
        values = internal_values()
        for lang in ("ky", "ru"):
            self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
            for path in (
                "/staff/invitations/demo/",
                "/staff/key/demo/",
                "/staff/access/demo/",
                f"/staff/handover/{handover.pk}/",
            ):
                with self.subTest(lang=lang, path=path):
                    response = self.client.get(path)
                    self.assertEqual(response.status_code, 200)
                    text = visible_text(response.content.decode())
                    self.assertEqual(internal_values_in(text, values), [], text)
