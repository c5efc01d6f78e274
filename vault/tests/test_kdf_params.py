"""Finding 5: the Argon2id parameters are stored with every hash and wrap. Changing VAULT_* or
RECEIPT_* locks nobody out; staff wraps move to today's cost at the next login; receipts
keep the cost they were made with."""

from django.apps import apps
from django.test import override_settings
from django.utils import timezone

from intake.models import PaperForm, print_form_codes
from ishenim.testing import PASSWORD, BaseTestCase
from journal.models import Appeal
from journal.sealing import find_by_receipt
from journal.work import register_paper
from vault.crypto import KdfParams
from vault.keys import recover
from vault.models import KeyGrant, MemberKey

LATER_VAULT = {"VAULT_OPSLIMIT": 2, "VAULT_MEMLIMIT": 16 * 1024}
LATER_RECEIPT = {"RECEIPT_OPSLIMIT": 2, "RECEIPT_MEMLIMIT": 32 * 1024}


class VaultParamsTests(BaseTestCase):
    def test_changing_the_vault_settings_does_not_lock_staff_out(self):
        appeal, _ = self.submit("Купуя кат")
        with override_settings(**LATER_VAULT):
            self.login("aida")
            self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Купуя кат")

    def test_staff_wraps_are_redone_with_todays_parameters_at_the_next_login(self):
        before = MemberKey.objects.get(user=self.aida)
        self.assertEqual(before.kdf_params, KdfParams(1, 8 * 1024))
        with override_settings(**LATER_VAULT):
            self.login("aida")
            after = MemberKey.objects.get(user=self.aida)
            self.assertEqual(after.kdf_params, KdfParams(2, 16 * 1024))
            self.assertNotEqual(bytes(after.salt), bytes(before.salt))
            self.client.logout()
            appeal, _ = self.submit("Экинчи кат")
            self.login("aida")
            self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Экинчи кат")
        self.assertEqual(MemberKey.objects.get(user=self.bolot).kdf_params, KdfParams(1, 8 * 1024))

    def test_a_wrong_password_redoes_nothing(self):
        with override_settings(**LATER_VAULT):
            self.client.post("/staff/login/", {"username": "aida", "password": "wrong"})
        self.assertEqual(MemberKey.objects.get(user=self.aida).kdf_params, KdfParams(1, 8 * 1024))

    def test_the_recovery_key_opens_after_the_settings_change(self):
        with override_settings(**LATER_VAULT):
            key = recover(self.school, self.recovery)
        self.assertEqual(bytes(key.public_key), bytes(self.school.public_key))
        # Issue 16: the recovery key is random, so it needs no Argon2 cost at all.
        self.assertEqual((self.school.recovery_opslimit, self.school.recovery_memlimit), (0, 0))

    def test_a_password_change_wraps_at_todays_cost(self):
        with override_settings(**LATER_VAULT):
            self.login("aida")
            new = "a much longer new passphrase"
            self.client.post(
                "/staff/password/",
                {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
            )
        self.assertEqual(MemberKey.objects.get(user=self.aida).kdf_params, KdfParams(2, 16 * 1024))


class ReceiptParamsTests(BaseTestCase):
    def test_a_receipt_keeps_working_after_the_receipt_settings_change(self):
        appeal, code = self.submit("Мени урушат")
        self.assertEqual((appeal.receipt_opslimit, appeal.receipt_memlimit), (1, 8 * 1024))
        with override_settings(**LATER_RECEIPT):
            found, author = find_by_receipt(self.school, code)
            self.assertEqual(found, appeal)
            r = self.client.post("/s/demo/check/", {"code": code})
            self.assertRedirects(r, "/s/demo/conversation/")
            self.assertContains(self.client.get("/s/demo/conversation/"), "Мени урушат")
            new, new_code = self.submit("Жаңы кат")
        self.assertEqual((new.receipt_opslimit, new.receipt_memlimit), (2, 32 * 1024))
        self.assertEqual(find_by_receipt(self.school, new_code)[0], new)

    @override_settings(RECEIPT_OPSLIMIT=2, RECEIPT_MEMLIMIT=32 * 1024)
    def test_receipts_have_their_own_settings_not_the_vaults(self):
        appeal, _ = self.submit()
        self.assertEqual((appeal.receipt_opslimit, appeal.receipt_memlimit), (2, 32 * 1024))
        self.assertEqual(MemberKey.objects.get(user=self.aida).kdf_params, KdfParams(1, 8 * 1024))

    def test_a_paper_forms_code_keeps_working_after_the_receipt_settings_change(self):
        (code,) = print_form_codes(self.school, 1)
        with override_settings(**LATER_RECEIPT):
            appeal = register_paper(
                self.school,
                self.aida,
                received_on=timezone.localdate(),
                text="Кагаз кат",
                author_kind="pupil",
                form_code=code,
            )
        self.assertEqual(PaperForm.objects.get().appeal, appeal)
        self.assertEqual((appeal.receipt_opslimit, appeal.receipt_memlimit), (1, 8 * 1024))
        self.assertEqual(find_by_receipt(self.school, code)[0], appeal)


class MigrationTests(BaseTestCase):
    @override_settings(VAULT_OPSLIMIT=3, VAULT_MEMLIMIT=64 * 1024 * 1024)
    def test_existing_rows_get_the_parameters_that_were_in_use(self):
        from vault.kdf_migration import filler

        self.submit()
        KeyGrant.objects.update(kdf_opslimit=0, kdf_memlimit=0)
        Appeal.objects.update(receipt_opslimit=None, receipt_memlimit=None)
        filler("vault", "KeyGrant", "kdf_opslimit", "kdf_memlimit")(apps, None)
        filler(
            "journal",
            "Appeal",
            "receipt_opslimit",
            "receipt_memlimit",
            only={"receipt_hash__isnull": False},
        )(apps, None)
        self.assertEqual(
            set(Appeal.objects.values_list("receipt_opslimit", "receipt_memlimit")),
            {(3, 64 * 1024 * 1024)},
        )
