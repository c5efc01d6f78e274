import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class PaperForm(models.Model):
    """A printed appeal form with its own receipt code on a tear-off stub.

    Only the slow hash of the code is kept (as for online receipts). When the letter written
    on it is registered, the code typed from the form links the appeal to this stub, so the
    author reads the answer online with it.
    """

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="paper_forms")
    lookup = models.BinaryField(unique=True)
    # The Argon2id cost the code's hash was made with (vault.crypto.KdfParams).
    receipt_opslimit = models.PositiveIntegerField(editable=False)
    receipt_memlimit = models.PositiveBigIntegerField(editable=False)
    printed_at = models.DateTimeField(auto_now_add=True)
    appeal = models.OneToOneField(
        "journal.Appeal", models.SET_NULL, null=True, blank=True, related_name="paper_form"
    )


def print_form_codes(school, count):
    """New codes for `count` paper forms; returns the codes (to print) — only hashes are kept."""
    import vault

    codes = []
    for _ in range(count):
        code = vault.new_receipt_code()
        author = vault.author_key(code, school.receipt_salt)
        PaperForm.objects.create(
            school=school,
            lookup=author.lookup,
            receipt_opslimit=author.params.opslimit,
            receipt_memlimit=author.params.memlimit,
        )
        codes.append(code)
    return codes


class PendingReceipt(models.Model):
    """A receipt code kept for a few minutes, sealed under the token of the form that sent the
    letter: a double tap on Send posts the form twice at once, and the phone shows the answer
    to the last tap — which must show the same code (issue 13, finding 4). Only a hash of the
    token is stored; the code is encrypted with a key derived from the token, which exists only
    in the author's page and the two posts. Expired rows are deleted by the next letter."""

    lookup = models.BinaryField(unique=True)
    appeal = models.ForeignKey("journal.Appeal", models.CASCADE, related_name="+")
    sealed_code = models.BinaryField()
    expires_at = models.DateTimeField(db_index=True)

    @classmethod
    def keep(cls, token, appeal, code):
        import vault.crypto

        now = timezone.now()
        cls.objects.filter(expires_at__lt=now).delete()
        cls.objects.create(
            lookup=vault.crypto.token_lookup(token),
            appeal=appeal,
            sealed_code=vault.crypto.seal_under_token(token, code.encode()),
            expires_at=now + datetime.timedelta(seconds=settings.PENDING_RECEIPT_SECONDS),
        )

    @classmethod
    def recall(cls, token):
        """(appeal, code) for the form's token while it is kept, else (None, None)."""
        import nacl.exceptions

        import vault.crypto

        pending = (
            cls.objects.select_related("appeal__school")
            .filter(lookup=vault.crypto.token_lookup(token), expires_at__gte=timezone.now())
            .first()
        )
        if pending is None:
            return None, None
        try:
            code = vault.crypto.open_under_token(token, pending.sealed_code).decode()
        except nacl.exceptions.CryptoError:
            return None, None
        return pending.appeal, code
