"""Creating appeals and messages: every text is sealed before it touches the database."""

import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

import vault
from journal.models import Appeal, Attachment, Message
from triage.engine import classify

URGENCY_ORDER = {Appeal.NORMAL: 0, Appeal.ATTENTION: 1, Appeal.URGENT: 2}


def create_appeal(
    school,
    *,
    text,
    author_kind,
    is_anonymous,
    identity=None,
    attachment=None,
    excluded_staff=(),
    token=None,
    channel=Appeal.ONLINE,
    received_on=None,
    author=None,
):
    """Store a new appeal; return (appeal, receipt code). Triage reads the text before sealing.
    `author` (a key from a paper form's code) replaces the new receipt code (then code is None)."""
    code = None
    if author is None:
        code = vault.new_receipt_code()
        author = vault.author_key(code, school.receipt_salt)
    result = classify(text)
    with transaction.atomic():
        appeal = Appeal(
            school=school,
            tag=Appeal.unique_tag(school),
            channel=channel,
            author_kind=author_kind,
            is_anonymous=is_anonymous,
            category=result.category,
            urgency=result.urgency,
            suggested_category=result.category,
            suggested_urgency=result.urgency,
            triage_rules=list(result.rules),
            receipt_hash=author.lookup,
            receipt_opslimit=author.params.opslimit,
            receipt_memlimit=author.params.memlimit,
            author_public_key=author.public_key,
            submission_token=token,
        )
        if received_on:
            appeal.received_on = received_on
        appeal.school_year = school.journal_year(appeal.received_on)
        appeal.due_on = school.calendar().add_working_days(
            appeal.received_on, school.rules(appeal.received_on).answer_days
        )
        if identity and not is_anonymous:
            clean = {k: v for k, v in identity.items() if v not in ("", None)}
            if clean:
                appeal.sealed_identity = vault.seal_text(
                    school.public_key, json.dumps(clean, ensure_ascii=False)
                )
        appeal.save()
        if excluded_staff:
            appeal.excluded_staff.set(excluded_staff)
        message = add_author_message(appeal, text, result=result)
        if excluded_staff:
            from urgent.specialist import copy_if_needed

            clean_identity = identity if (identity and not is_anonymous) else {}
            copy_if_needed(appeal, text, clean_identity, [u.pk for u in excluded_staff])
        if attachment is not None:
            add_attachment(appeal, message, attachment)
    return appeal, code


def add_author_message(appeal, text, *, result=None):
    """A letter from the author: triaged, sealed to the school and to the author."""
    result = result or classify(text)
    message = Message.objects.create(
        appeal=appeal,
        sender=Message.AUTHOR,
        body_for_school=vault.seal_text(appeal.school.public_key, text),
        body_for_author=vault.seal_text(appeal.author_public_key, text),
        urgency=result.urgency,
        triage_rules=list(result.rules),
    )
    # A later letter may raise the appeal's urgency, never lower it silently.
    if URGENCY_ORDER[result.urgency] > URGENCY_ORDER[appeal.urgency]:
        appeal.urgency = result.urgency
        appeal.triage_rules = sorted(set(appeal.triage_rules) | set(result.rules))
        appeal.save(update_fields=["urgency", "triage_rules"])
    return message


def add_staff_message(appeal, user, text, *, to_author=True, channel=None, delivered=True):
    """A staff answer; the author can read it with their code only when `to_author`."""
    channel = channel or (Message.CONVERSATION if to_author else Message.NOTE)
    return Message.objects.create(
        appeal=appeal,
        sender=Message.STAFF,
        staff_user=user,
        channel=channel,
        delivered_at=timezone.now() if delivered and channel != Message.NOTE else None,
        body_for_school=vault.seal_text(appeal.school.public_key, text),
        body_for_author=(
            vault.seal_text(appeal.author_public_key, text)
            if to_author and appeal.author_public_key
            else None
        ),
    )


def add_attachment(appeal, message, cleaned):
    """`cleaned` is an intake.files.CleanFile: safe bytes with metadata already stripped."""
    header = json.dumps({"name": cleaned.name, "type": cleaned.content_type}).encode()
    payload = len(header).to_bytes(4, "big") + header + cleaned.data
    sealed = vault.seal(appeal.school.public_key, payload)
    attachment = Attachment(appeal=appeal, message=message)
    attachment.blob.save("sealed", ContentFile(sealed), save=False)
    attachment.save()
    return attachment


def open_attachment(private_key, attachment):
    """Return (name, content_type, bytes)."""
    with attachment.blob.open("rb") as f:
        payload = vault.open_sealed(private_key, f.read())
    size = int.from_bytes(payload[:4], "big")
    header = json.loads(payload[4 : 4 + size])
    return header["name"], header["type"], payload[4 + size :]


def open_identity(private_key, appeal):
    if not appeal.sealed_identity:
        return {}
    return json.loads(vault.open_text(private_key, appeal.sealed_identity))


def receipt_params_in_use(queryset):
    """Each Argon2id cost the receipts of `queryset` were made with, today's first: a code is
    hashed once per cost (receipts keep the cost they were made with, issue 13 finding 5)."""
    from vault.crypto import KdfParams, receipt_params

    today = receipt_params()
    stored = (
        queryset.exclude(receipt_opslimit=None)
        .values_list("receipt_opslimit", "receipt_memlimit")
        .distinct()
    )
    return [today] + sorted({KdfParams(*row) for row in stored} - {today}, key=repr)


def find_by_receipt(school, code):
    """The appeal and the author's key for a receipt code, or (None, None)."""
    appeals = Appeal.objects.filter(school=school)
    for params in receipt_params_in_use(appeals):
        author = vault.author_key(code, school.receipt_salt, params)
        appeal = appeals.filter(
            receipt_hash=author.lookup,
            receipt_opslimit=params.opslimit,
            receipt_memlimit=params.memlimit,
        ).first()
        if appeal:
            return appeal, author
    return None, None


def seal_field(appeal, text):
    return vault.seal_text(appeal.school.public_key, text) if text else None
