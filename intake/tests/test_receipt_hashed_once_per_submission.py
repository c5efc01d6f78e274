"""Issue 16: a letter costs one slow hash of its receipt, not two."""

from unittest import mock

from intake.tests.test_write import form_data
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from vault import crypto


class ReceiptHashedOnceTests(BaseTestCase):
    def test_one_submission_derives_the_receipt_key_once(self):
        with mock.patch.object(crypto, "_kdf", wraps=crypto._kdf) as kdf:
            r = self.client.post("/s/demo/write/", form_data())
        self.assertRedirects(r, "/s/demo/receipt/", fetch_redirect_response=False)
        self.assertEqual(kdf.call_count, 1)
        self.assertEqual(Appeal.objects.count(), 1)

    def test_the_author_can_still_read_the_conversation_after_submitting(self):
        self.client.post("/s/demo/write/", form_data())
        r = self.client.get("/s/demo/conversation/")
        self.assertContains(r, "Мени класста шылдыңдашат.")
