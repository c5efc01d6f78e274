"""Issue 13, finding 1: staff are added in the web. A key holder or the director invites a
person (a link by e-mail or a code on paper; the invitation carries no key, its code is
stored hashed, works once and runs out); the invitee sets their password; a key holder grants
the school key after confirming who accepted."""

import datetime
import re

from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from accounts.models import Invitation, Membership
from ishenim.testing import PASSWORD, BaseTestCase
from vault.models import GenerationSeal

NEW_PASSWORD = "a long new staff passphrase"
CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


class InvitationTests(BaseTestCase):
    url = "/staff/invitations/demo/"

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def invite(self, **extra):
        data = {"full_name": "Гүлнара Асанова", "role": Membership.MEMBER, "delivery": "paper"}
        data.update(extra)
        return self.client.post(self.url, data)

    def paper_code(self, who="aida"):
        self.login(who)
        r = self.invite()
        self.assertEqual(r.status_code, 200)
        self.client.logout()
        return CODE.search(r.content.decode()).group(0)

    def join(self, code, username="gulnara", client=None):
        client = client or self.client
        return client.post(
            "/staff/join/",
            {
                "code": code,
                "username": username,
                "first_name": "Гүлнара",
                "last_name": "Асанова",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )

    def test_finding_1_a_person_is_invited_sets_a_password_and_gets_the_key_from_a_key_holder(
        self,
    ):
        appeal, _ = self.submit("Купуя кат")
        code = self.paper_code()
        # The invitation carries no key and keeps no code: only its hash.
        invitation = Invitation.objects.get()
        self.assertNotIn(code.replace("-", ""), invitation.code_hash.upper())
        self.assertRedirects(self.join(code), "/staff/login/")
        gulnara = invitation.__class__.objects.get().user
        self.assertEqual(gulnara.username, "gulnara")
        self.assertFalse(GenerationSeal.objects.filter(user=gulnara).exists())
        # Logged in, she cannot read letters yet.
        newcomer = self.client_class()
        newcomer.post("/staff/login/", {"username": "gulnara", "password": NEW_PASSWORD})
        self.assertNotContains(
            newcomer.get(f"/staff/appeals/{appeal.pk}/"), "Купуя кат", status_code=200
        )
        # Aida, a key holder, confirms who accepted and gives the key: no password asked.
        self.login("aida")
        r = self.client.get(self.url)
        self.assertContains(r, "gulnara")
        confirm = f"/staff/invitations/demo/{invitation.pk}/confirm/"
        self.assertRedirects(self.client.post(confirm, {"confirm": "on"}), self.url)
        self.assertTrue(GenerationSeal.objects.filter(user=gulnara).exists())
        # Her open session now opens the letter without logging in again.
        self.assertContains(newcomer.get(f"/staff/appeals/{appeal.pk}/"), "Купуя кат")

    def test_a_code_works_once(self):
        code = self.paper_code()
        self.assertRedirects(self.join(code), "/staff/login/")
        r = self.join(code, username="someone")
        self.assertContains(r, "does not work")

    def test_an_expired_code_is_refused(self):
        code = self.paper_code()
        Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
        self.assertContains(self.join(code), "does not work")

    def test_a_cancelled_code_is_refused(self):
        code = self.paper_code()
        self.login("aida")
        self.client.post(f"/staff/invitations/demo/{Invitation.objects.get().pk}/cancel/")
        self.client.logout()
        self.assertContains(self.join(code), "does not work")

    def test_an_existing_login_is_refused_and_its_account_is_untouched(self):
        code = self.paper_code()
        before = self.chyngyz.password
        r = self.join(code, username="Chyngyz")
        self.assertContains(r, "taken")
        self.chyngyz.refresh_from_db()
        self.assertEqual(self.chyngyz.password, before)
        self.assertFalse(self.chyngyz.memberships.filter(school=self.school).exists())

    def test_an_invitation_by_email_sends_a_link_with_the_code(self):
        self.login("aida")
        r = self.invite(delivery="email", email="gulnara@example.org")
        self.assertRedirects(r, self.url)
        (message,) = mail.outbox
        self.assertEqual(message.to, ["gulnara@example.org"])
        code = CODE.search(message.body).group(0)
        self.assertIn(f"/staff/join/{code}/", message.body)
        self.client.logout()
        self.assertContains(self.client.get(f"/staff/join/{code}/"), code)
        self.assertRedirects(self.join(code), "/staff/login/")

    def test_an_email_invitation_needs_an_address(self):
        self.login("aida")
        self.assertContains(self.invite(delivery="email"), "e-mail address")
        self.assertFalse(Invitation.objects.exists())

    def test_the_director_invites_but_only_a_key_holder_gives_the_key(self):
        code = self.paper_code("dana")
        self.join(code)
        invitation = Invitation.objects.get()
        self.login("dana")
        r = self.client.post(f"/staff/invitations/demo/{invitation.pk}/confirm/", {"confirm": "on"})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(GenerationSeal.objects.filter(user=invitation.user).exists())

    def test_a_director_invited_is_confirmed_without_a_key(self):
        self.login("aida")
        r = self.invite(role=Membership.DIRECTOR)
        code = CODE.search(r.content.decode()).group(0)
        self.client.logout()
        self.join(code)
        invitation = Invitation.objects.get()
        self.login("aida")
        self.client.post(f"/staff/invitations/demo/{invitation.pk}/confirm/", {"confirm": "on"})
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.confirmed_at)
        self.assertFalse(GenerationSeal.objects.filter(user=invitation.user).exists())

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.invite().status_code, 404)

    def test_a_member_who_holds_no_key_cannot_invite(self):
        GenerationSeal.objects.filter(user=self.bolot).delete()
        self.login("bolot")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_pages_speak_kyrgyz_and_russian(self):
        self.login("aida")
        for language, word in (("ky", "Чакыр"), ("ru", "Пригла")):
            self.client.cookies["lang"] = language
            self.assertContains(self.client.get(self.url, HTTP_ACCEPT_LANGUAGE=language), word)
        self.assertEqual(PASSWORD, PASSWORD)
