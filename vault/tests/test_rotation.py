"""Issue 13, key rotation: after a member leaves, a key holder starts a new generation. New
letters are sealed to it, the remaining members and a new recovery key get it, the leaver's
seals of every generation are deleted, older letters stay under their generation."""

import nacl.exceptions
from django.conf import settings
from django.utils import translation

import vault
from accounts.models import Membership
from ishenim.testing import PASSWORD, BaseTestCase
from vault import crypto
from vault.keys import KeyMissing, recover, rotate
from vault.models import GenerationSeal, KeyGeneration, MemberKey, RecoverySeal


def _backup_of(user):
    """What an old copy of the database holds for a member: their wrapped key and seals."""
    own = MemberKey.objects.get(user=user)
    return {
        "own": (bytes(own.wrapped_key), bytes(own.salt), own.kdf_params),
        "seals": [bytes(s.sealed_key) for s in GenerationSeal.objects.filter(user=user)],
        "recovery": [
            bytes(s.sealed_key)
            for s in RecoverySeal.objects.filter(generation__school__slug="demo")
        ],
    }


def _open_with_backup(backup, password, sealed):
    wrapped, salt, params = backup["own"]
    own = crypto.unwrap(wrapped, password, salt, params)
    keys = [crypto.PrivateKey(crypto.open_sealed(own, s)) for s in backup["seals"]]
    return vault.open_text(crypto.Keyring(keys), sealed)


class RotationTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def leave_and_rotate(self):
        """Bolot leaves (as the staff-leave page does it); Aida starts a new key in the web."""
        self.bolot.is_active = False
        self.bolot.save(update_fields=["is_active"])
        self.login("aida")
        r = self.client.post("/staff/key/demo/", {"confirm": "on"})
        self.assertEqual(r.status_code, 200)
        self.school.refresh_from_db()
        return r.context["recovery"]

    def test_a_removed_member_with_old_credentials_and_an_old_backup_cannot_open_a_letter_written_after_rotation(
        self,
    ):
        before, _ = self.submit("Ротацияга чейин")
        backup = _backup_of(self.bolot)
        self.leave_and_rotate()
        after, _ = self.submit("Ротациядан кийин")
        sealed = self._first_body(after)
        # Old credentials + old backup: the letter from before opens, the one after does not.
        self.assertEqual(
            _open_with_backup(backup, PASSWORD, self._first_body(before)), "Ротацияга чейин"
        )
        with self.assertRaises(nacl.exceptions.CryptoError):
            _open_with_backup(backup, PASSWORD, sealed)
        # And in today's database he holds nothing at all.
        self.assertFalse(GenerationSeal.objects.filter(user=self.bolot).exists())
        # Nor does the recovery sheet of the old backup.
        old_recovery = crypto.recovery_key_pair(self.recovery)
        for sealed_key in backup["recovery"]:
            key = crypto.PrivateKey(crypto.open_sealed(old_recovery, sealed_key))
            with self.assertRaises(nacl.exceptions.CryptoError):
                vault.open_text(key, sealed)

    def _first_body(self, appeal):
        from journal.models import Message

        return bytes(Message.objects.filter(appeal=appeal).order_by("pk").first().body_for_school)

    def test_new_letters_are_sealed_to_the_new_generation_and_old_ones_stay_readable(self):
        before, _ = self.submit("Эски кат")
        self.leave_and_rotate()
        after, _ = self.submit("Жаңы кат")
        self.assertEqual(
            list(KeyGeneration.objects.filter(school=self.school).values_list("number", flat=True)),
            [2, 1],
        )
        self.assertEqual(
            bytes(self.school.public_key),
            bytes(KeyGeneration.objects.get(school=self.school, number=2).public_key),
        )
        for appeal, text in ((before, "Эски кат"), (after, "Жаңы кат")):
            self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), text)

    def test_a_remaining_member_gets_the_new_generation_without_giving_a_password(self):
        Membership.objects.create(user=self.dana, school=self.school, role=Membership.DEPUTY)
        from vault.keys import grant

        grant(self.school, self.dana, PASSWORD, self.key)
        self.leave_and_rotate()
        after, _ = self.submit("Жаңы кат")
        dana = self.client_class()
        dana.post("/staff/login/", {"username": "dana", "password": PASSWORD})
        self.assertContains(dana.get(f"/staff/appeals/{after.pk}/"), "Жаңы кат")

    def test_the_old_recovery_sheet_stops_working_and_the_new_one_opens_every_generation(self):
        before, _ = self.submit("Эски кат")
        recovery = self.leave_and_rotate()
        after, _ = self.submit("Жаңы кат")
        with self.assertRaises(nacl.exceptions.CryptoError):
            recover(self.school, self.recovery)
        keyring = recover(self.school, recovery)
        self.assertEqual(len(keyring), 2)
        self.assertEqual(vault.open_text(keyring, self._first_body(before)), "Эски кат")
        self.assertEqual(vault.open_text(keyring, self._first_body(after)), "Жаңы кат")

    def test_the_sheet_is_shown_once_and_never_stored(self):
        recovery = self.leave_and_rotate()
        self.assertRegex(recovery, r"^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$")
        normalised = recovery.replace("-", "")
        for row in RecoverySeal.objects.all():
            self.assertNotIn(normalised.encode(), bytes(row.sealed_key))

    def test_a_holder_without_every_generation_cannot_rotate(self):
        new_key = crypto.Keyring([crypto.new_key_pair()])
        with self.assertRaises(KeyMissing):
            rotate(self.school, new_key, by=self.aida)

    def test_only_a_key_holder_sees_the_key_page(self):
        for who in ("dana", "chyngyz"):
            self.client.logout()
            self.login(who)
            self.assertEqual(self.client.get("/staff/key/demo/").status_code, 404, who)

    def test_the_staff_leave_page_takes_the_key_from_the_leaver(self):
        self.login("dana")
        self.client.post(
            "/staff/staff-leave/demo/",
            {"leaver": self.bolot.pk, "successor": self.aida.pk, "confirm": "on"},
        )
        self.assertFalse(GenerationSeal.objects.filter(user=self.bolot).exists())
        self.assertTrue(GenerationSeal.objects.filter(user=self.aida).exists())
