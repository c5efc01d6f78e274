"""Keeping and erasing (Law No. 58 "on personal information"): the school's retention
schedule run by the worker, the author's copy of their letter, and the author's request to
erase their own words. The journal row (number, dates) and the printed year always stay;
what was erased is recorded, never the content."""

from django.db import transaction
from django.utils import timezone

import vault
from audit.models import record
from journal.models import Appeal, Erasure, Message
from schools.models import SchoolYear

ERASED = b""  # an erased body: nothing left to open


class Held(Exception):
    """The letter was referred (police, ИДН, social protection): it is held, not erased."""


def is_held(appeal):
    return appeal.status == Appeal.REFERRED or bool(appeal.referred_to)


def _erase(appeal, reason, author_only):
    """Wipe the letter's words: the author's messages (and, by the schedule, the answers too)
    with their attachments. Returns (messages, attachments) erased."""
    messages = appeal.messages.all()
    if author_only:
        messages = messages.filter(sender=Message.AUTHOR)
    count_m = count_a = 0
    for message in messages:
        for attachment in message.attachments.all():
            attachment.blob.delete(save=False)
            attachment.delete()
            count_a += 1
        Message.objects.filter(pk=message.pk).update(body_for_school=ERASED, body_for_author=None)
        count_m += 1
    Erasure.objects.create(
        school=appeal.school,
        appeal=appeal,
        number=appeal.number,
        year=str(appeal.school_year) if appeal.school_year_id else "",
        reason=reason,
        messages=count_m,
        attachments=count_a,
    )
    return count_m, count_a


def erase_at_authors_request(appeal):
    """The author asked to erase their words. The row stays; its summary is marked erased at
    the author's request; a frozen printed year is re-issued by the next key holder."""
    if is_held(appeal):
        raise Held()
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        messages, attachments = _erase(appeal, Erasure.AUTHOR, author_only=True)
        appeal.sealed_summary = None
        appeal.sealed_identity = None
        appeal.erased_at = timezone.now()
        appeal.erased_at_authors_request = True
        appeal.save(
            update_fields=[
                "sealed_summary",
                "sealed_identity",
                "erased_at",
                "erased_at_authors_request",
            ]
        )
        SchoolYear.objects.filter(pk=appeal.school_year_id, sealed_pdf__isnull=False).update(
            pdf_needs_reissue=True
        )
        record(
            "erased_by_author",
            appeal=appeal,
            messages=messages,
            attachments=attachments,
        )
    return appeal


def expired_years(today):
    """Closed school years whose retention has run out for their school."""
    for year in SchoolYear.objects.filter(closed_at__isnull=False).select_related("school"):
        keep = year.school.retention_years
        closed_on = year.closes_on or year.ends_on
        try:
            until = closed_on.replace(year=closed_on.year + keep)
        except ValueError:  # 29 February
            until = closed_on.replace(year=closed_on.year + keep, day=28)
        if until < today:
            yield year


def erase_expired(today=None):
    """The worker's pass: the sealed content of every closed letter of an expired year is
    erased (held letters excepted); returns how many letters were erased. Idempotent."""
    today = today or timezone.localdate()
    erased = 0
    for year in expired_years(today):
        appeals = Appeal.objects.filter(school_year=year, erased_at__isnull=True).exclude(
            status__in=Appeal.OPEN_STATUSES
        )
        for appeal in appeals:
            if is_held(appeal):
                continue
            with transaction.atomic():
                messages, attachments = _erase(appeal, Erasure.SCHEDULE, author_only=False)
                Appeal.objects.filter(pk=appeal.pk).update(erased_at=timezone.now())
                record(
                    "retention_erased",
                    appeal=appeal,
                    year=str(year),
                    messages=messages,
                    attachments=attachments,
                )
            erased += 1
    return erased


def author_copy(appeal, author_key):
    """The author's letter and the answers they can read, as plain text for download."""
    lines = [
        f"{appeal.school.name_ky} / {appeal.school.name_ru}",
        f"{appeal.tag} · {appeal.received_on:%d.%m.%Y}",
        "",
    ]
    for m in appeal.messages.filter(body_for_author__isnull=False).order_by("created_at"):
        who = "Мен / Я" if m.sender == Message.AUTHOR else "Мектеп / Школа"
        when = timezone.localtime(m.created_at).strftime("%d.%m.%Y %H:%M")
        lines += [f"— {who}, {when}", vault.open_text(author_key, m.body_for_author), ""]
    return "\n".join(lines)
