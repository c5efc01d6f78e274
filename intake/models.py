from django.db import models


class PaperForm(models.Model):
    """A printed appeal form with its own receipt code on a tear-off stub.

    Only the slow hash of the code is kept (as for online receipts). When the letter written
    on it is registered, the code typed from the form links the appeal to this stub, so the
    author reads the answer online with it.
    """

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="paper_forms")
    lookup = models.BinaryField(unique=True)
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
        PaperForm.objects.create(
            school=school, lookup=vault.author_key(code, school.receipt_salt).lookup
        )
        codes.append(code)
    return codes
