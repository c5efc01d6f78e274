"""The school year's journal closes (regulation A, "Record keeping"): on the date the school
sets, the year's numbering ends, its last number is kept and the printed year is frozen —
sealed like a letter's content, its checksum in the audit chain. Later letters go to the next
year's journal from number 1; letters still open keep their old number and are carried over.

The worker closes the numbering on the date (it holds no key); the printed year needs the
school key, so it is frozen by the first key holder who opens the journal after that."""

import hashlib

from django.db import transaction
from django.utils import timezone

import vault
from audit.models import Event, record
from journal.models import Appeal, JournalCounter
from schools.models import SchoolYear


def close_year(year, user=None, today=None):
    """End the year's numbering; returns the year. Closing twice changes nothing."""
    with transaction.atomic():
        year = SchoolYear.objects.select_for_update().get(pk=year.pk)
        if year.closed_at is not None:
            return year
        counter = JournalCounter.objects.filter(school_year=year).first()
        year.last_number = counter.last_number if counter else 0
        year.closed_at = timezone.now()
        year.closed_by = user if user is not None and user.is_authenticated else None
        if today is not None and year.closes_on is None and today < year.ends_on:
            year.closes_on = today  # closed by hand before the end of the year
        year.save(update_fields=["last_number", "closed_at", "closed_by", "closes_on"])
        record(
            "year_closed",
            actor=user,
            school=year.school,
            year=str(year),
            last_number=year.last_number,
        )
    return year


def close_due_years(today=None):
    """The worker's daily pass: every year whose closing date has passed is closed."""
    today = today or timezone.localdate()
    closed = 0
    for year in SchoolYear.objects.filter(closed_at__isnull=True, ends_on__lt=today):
        close_year(year)
        closed += 1
    for year in SchoolYear.objects.filter(closed_at__isnull=True, closes_on__lt=today):
        close_year(year)
        closed += 1
    return closed


def carried_over(school, year):
    """Letters of the school's closed earlier years still open: listed in `year`'s journal
    under their old numbers until answered."""
    return (
        Appeal.objects.filter(
            school=school,
            school_year__closed_at__isnull=False,
            school_year__starts_on__lt=year.starts_on,
            number__isnull=False,
            status__in=Appeal.OPEN_STATUSES,
            answered_on__isnull=True,
        )
        .select_related("school_year")
        .order_by("school_year__starts_on", "number")
    )


def year_rows(year, key, lang):
    """The printed journal's rows for a whole year, as the journal's PDF export makes them."""
    from journal.views import _corrections_for_print, journal_rows

    anonymous = "Аноним" if lang == "ru" else "Анонимдүү"
    appeals = (
        Appeal.objects.filter(school_year=year, number__isnull=False)
        .select_related("school", "school_year", "voided_by")
        .prefetch_related("corrections__made_by")
        .order_by("number")
    )
    appeals_list = list(appeals)
    for a in appeals_list:
        a.author_messages = []  # the printed journal has no letter text
    return [
        {
            "number": r["appeal"].number,
            "received_on": r["appeal"].received_on,
            "author": r["author"] or anonymous,
            "contact": r["contact"],
            "summary": r["summary"],
            "answered_on": r["appeal"].answered_on,
            "measures": r["measures"],
            **_corrections_for_print(r["appeal"], key),
        }
        for r in journal_rows(appeals_list, {year.school_id: key})
    ]


def freeze_year_pdf(year, user, key, lang="ky"):
    """Print the closed year with its closing line and seal it to the school's key. Each
    freeze is a new version (an erasure at an author's request re-issues it); the old sealed
    bytes are replaced, and the audit chain keeps every version's checksum."""
    from journal.documents import journal_pdf

    if year.closed_at is None:
        raise ValueError("the year's journal is not closed")
    school = year.school
    name = school.name_ru if lang == "ru" else school.name_ky
    closing = {
        "closed_on": year.closes_on or timezone.localdate(year.closed_at),
        "last_number": year.last_number,
    }
    pdf = journal_pdf(name, str(year), year_rows(year, key, lang), lang, closing=closing)
    sealed = vault.seal(school.public_key, pdf)
    with transaction.atomic():
        year = SchoolYear.objects.select_for_update().get(pk=year.pk)
        year.sealed_pdf = sealed
        year.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        year.sealed_pdf_sha256 = hashlib.sha256(sealed).hexdigest()
        year.pdf_version += 1
        year.pdf_frozen_at = timezone.now()
        year.pdf_needs_reissue = False
        year.save(
            update_fields=[
                "sealed_pdf",
                "pdf_sha256",
                "sealed_pdf_sha256",
                "pdf_version",
                "pdf_frozen_at",
                "pdf_needs_reissue",
            ]
        )
        record(
            "year_pdf_frozen",
            actor=user,
            school=school,
            year=str(year),
            year_id=year.pk,
            version=year.pdf_version,
            sha256=year.pdf_sha256,
            sealed_sha256=year.sealed_pdf_sha256,
        )
    return year


def open_year_pdf(year, key):
    """The frozen PDF's bytes, after checking them against the checksum kept at freezing."""
    pdf = vault.open_sealed(key, bytes(year.sealed_pdf))
    if hashlib.sha256(pdf).hexdigest() != year.pdf_sha256:
        raise ChecksumError(str(year))
    return pdf


class ChecksumError(ValueError):
    """A frozen year's PDF is not the one that was frozen."""


def verify_year(year):
    """Problems found with a frozen year's PDF (empty when it is intact): the sealed bytes
    against the checksum kept beside them and against the one in the audit chain (which a
    silent edit of the database can't rewrite without breaking the chain)."""
    problems = []
    if not year.sealed_pdf:
        return [f"{year.school.slug} {year}: closed, not frozen yet"]
    actual = hashlib.sha256(bytes(year.sealed_pdf)).hexdigest()
    if actual != year.sealed_pdf_sha256:
        problems.append(f"{year.school.slug} {year}: the sealed PDF does not match its checksum")
    event = (
        Event.objects.filter(school=year.school, action="year_pdf_frozen")
        .filter(detail__year_id=year.pk, detail__version=year.pdf_version)
        .order_by("-seq")
        .first()
    )
    if event is None:
        problems.append(f"{year.school.slug} {year}: no freezing in the audit log")
    elif event.detail.get("sealed_sha256") != actual:
        problems.append(
            f"{year.school.slug} {year}: the sealed PDF is not the one recorded in the audit log"
        )
    return problems


def holiday(school, on=None):
    """True on a day the school does not work (weekend, public holiday, vacation)."""
    on = on or timezone.localdate()
    return not school.calendar().is_working_day(on)
