import nacl.exceptions
from django.test import SimpleTestCase

import vault
from ishenim.testing import BaseTestCase
from vault.crypto import new_key_pair, new_salt, unwrap, vault_params, wrap
from vault.keys import recover, rewrap_grants
from vault.models import GenerationSeal, MemberKey


class ReceiptCodeTests(SimpleTestCase):
    def test_a_code_has_16_digits(self):
        code = vault.new_receipt_code()
        self.assertRegex(code, r"^\d{16}$")
        self.assertEqual(vault.format_receipt(code).count(" "), 3)

    def test_spaces_and_dashes_do_not_matter(self):
        self.assertEqual(vault.normalise_receipt(" 1234-5678 9012\t3456 "), "1234567890123456")

    def test_malformed_codes_are_refused(self):
        for typed in ("", "123", "1234 5678 9012 345x", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "1" * 17):
            self.assertIsNone(vault.normalise_receipt(typed), typed)


class KeyWrappingTests(SimpleTestCase):
    def test_a_wrong_secret_cannot_unwrap(self):
        key, salt, params = new_key_pair(), new_salt(), vault_params()
        wrapped = wrap(key, "right", salt, params)
        self.assertEqual(bytes(unwrap(wrapped, "right", salt, params)), bytes(key))
        with self.assertRaises(nacl.exceptions.CryptoError):
            unwrap(wrapped, "wrong", salt, params)


class SchoolKeyTests(BaseTestCase):
    def test_the_recovery_key_opens_the_school_key(self):
        key = recover(self.school, self.recovery.lower().replace("-", ""))
        self.assertEqual(bytes(key.public_key), bytes(self.school.public_key))

    def test_a_password_change_rewraps_the_grants(self):
        rewrap_grants(self.aida, "correct horse battery", "a new long passphrase")
        own = MemberKey.objects.get(user=self.aida)
        key = unwrap(own.wrapped_key, "a new long passphrase", own.salt, own.kdf_params)
        self.assertEqual(bytes(key.public_key), bytes(own.public_key))

    def test_the_director_gets_no_key(self):
        self.assertFalse(GenerationSeal.objects.filter(user=self.dana).exists())

    def test_sealed_text_opens_only_with_the_school_key(self):
        sealed = vault.seal_text(self.school.public_key, "купуя")
        self.assertEqual(vault.open_text(self.key, sealed), "купуя")
        with self.assertRaises(nacl.exceptions.CryptoError):
            vault.open_text(self.other_key, sealed)
