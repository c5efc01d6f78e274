"""Working an appeal: registration with gapless numbers, answers, changes — each audited."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

import vault
from audit.models import record
from journal.models import Appeal, JournalCorrection, JournalCounter
from journal.sealing import create_appeal, seal_field
from schools.models import SchoolYear

# Changes to these fields are audit events with old and new values (plain metadata).
PLAIN_FIELDS = (
    "status",
    "category",
    "urgency",
    "assignee_id",
    "referred_to",
    "referred_on",
    "also_reported_elsewhere",
)
SEALED_FIELDS = ("summary", "measures", "referral_note")


def _counter(school_year):
    try:
        with transaction.atomic():
            counter, _ = JournalCounter.objects.get_or_create(school_year=school_year)
    except IntegrityError:  # created by a concurrent registration a moment ago
        counter = JournalCounter.objects.get(school_year=school_year)
    return counter


def assign_number(appeal):
    """The next number of the appeal's school year. Call inside a transaction: the counter's
    row stays locked until commit, so concurrent registrations neither skip nor repeat."""
    counter = _counter(appeal.school_year)
    JournalCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    counter.refresh_from_db(fields=["last_number"])
    return counter.last_number


def register(appeal, user, summary=""):
    """Enter the appeal into the journal (status new → registered)."""
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.number is None:
            if appeal.school_year_id is None:
                appeal.school_year = appeal.school.current_school_year(appeal.received_on)
            # A closed year's journal takes no new rows: the next year's, from number 1.
            year = SchoolYear.objects.select_for_update().get(pk=appeal.school_year_id)
            if year.closed_at is not None:
                appeal.school_year = appeal.school.journal_year(appeal.received_on)
            appeal.number = assign_number(appeal)
            appeal.registered_at = timezone.now()
            if appeal.status == Appeal.NEW:
                appeal.status = Appeal.REGISTERED
            if summary:
                appeal.sealed_summary = seal_field(appeal, summary)
            appeal.save()
            record("register", actor=user, appeal=appeal, number=appeal.number)
    return appeal


class FormCodeError(ValueError):
    """The code typed from a paper form is unknown or already used."""


def claim_form_code(school, code):
    """The paper form printed with `code`, locked for linking; FormCodeError if unusable."""
    from intake.models import PaperForm
    from journal.sealing import receipt_params_in_use

    forms = PaperForm.objects.filter(school=school)
    form = author = None
    for params in receipt_params_in_use(forms):
        author = vault.author_key(code, school.receipt_salt, params)
        form = (
            forms.select_for_update()
            .filter(
                lookup=author.lookup,
                receipt_opslimit=params.opslimit,
                receipt_memlimit=params.memlimit,
            )
            .first()
        )
        if form is not None:
            break
    if form is None:
        raise FormCodeError(_("No paper form of this school has this code. Check the digits."))
    if form.appeal_id is not None:
        raise FormCodeError(
            _("This form's code is already linked to appeal No. %(number)s.")
            % {"number": form.appeal.number or form.appeal.tag}
        )
    return form, author


def register_paper(
    school,
    user,
    *,
    received_on,
    text,
    author_kind,
    identity=None,
    summary="",
    attachment=None,
    form_code=None,
    token=None,
    excluded_staff=(),
):
    """A letter taken from the box: typed in, optionally with its photo, registered at once.
    With the code of the paper form it was written on, its author reads the answer online.
    `token` (the form's) makes a second submit of one form raise IntegrityError, not register
    the letter twice: the number is taken in the same transaction, so none is lost either."""
    with transaction.atomic():
        form = author = None
        if form_code:
            form, author = claim_form_code(school, form_code)
        appeal, _code = create_appeal(
            school,
            text=text,
            author_kind=author_kind,
            is_anonymous=not identity,
            identity=identity,
            attachment=attachment,
            channel=Appeal.PAPER,
            received_on=received_on,
            author=author,
            token=token or None,
            excluded_staff=excluded_staff,
        )
        if form is not None:
            form.appeal = appeal
            form.save(update_fields=["appeal"])
        appeal = register(appeal, user, summary=summary)
    return appeal


class NotRegistered(ValueError):
    """An answer to a letter that has no journal number yet."""


def require_registered(appeal):
    """Regulation A, "Record keeping": a letter gets its number when it is registered, and is
    answered only after that — on every channel (conversation, e-mail, in person, board)."""
    if appeal.number is None:
        raise NotRegistered(
            _(
                "This letter has no journal number yet. Register it in the journal first, "
                "then answer it."
            )
        )


def mark_answered(appeal, user, how, on=None):
    """The first answer that goes out fills the journal's 'date of the answer': the day it was
    given (`on`: the talk's own date; otherwise today, the day the mail left or the post went
    up on the board)."""
    require_registered(appeal)
    changed = []
    if appeal.answered_on is None:
        appeal.answered_on = on or timezone.localdate()
        changed.append("answered_on")
    if appeal.status in (Appeal.NEW, Appeal.REGISTERED, Appeal.IN_WORK):
        appeal.status = Appeal.ANSWERED
        changed.append("status")
    if changed:
        appeal.save(update_fields=changed)
    record("answer", actor=user, appeal=appeal, channel=how)


def correct(appeal, user, field, new, reason, key):
    """Regulation A, "Record keeping": a registered entry is never changed in place. The
    correction is a new version of the field, kept with who, when and why — sealed like the
    field it corrects. `key` opens the sealed old value to keep it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a correction needs its reason")
    require_registered(appeal)
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("school").get(pk=appeal.pk)
        version = appeal.corrections.filter(field=field).count() + 2  # the first is version 1
        correction = JournalCorrection(
            appeal=appeal,
            field=field,
            version=version,
            sealed_reason=seal_field(appeal, reason),
            made_by=user,
            made_at=timezone.now(),
        )
        if field in JournalCorrection.SEALED:
            old = vault.open_text(key, getattr(appeal, f"sealed_{field}"))
            correction.sealed_old = seal_field(appeal, old)
            correction.sealed_new = seal_field(appeal, new)
            setattr(appeal, f"sealed_{field}", seal_field(appeal, new))
        else:
            correction.old_date, correction.new_date = getattr(appeal, field), new
            setattr(appeal, field, new)
            if field == JournalCorrection.RECEIVED_ON:  # the answer clock runs from arrival
                school = appeal.school
                appeal.due_on = school.calendar().add_working_days(
                    new, school.rules(new).answer_days
                )
        correction.save()
        appeal.save()
        record("correct", actor=user, appeal=appeal, field=field, version=version)
    return correction


def void(appeal, user, reason):
    """A duplicate or mistaken entry is voided with its reason; it keeps its number."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("voiding needs its reason")
    require_registered(appeal)
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("school").get(pk=appeal.pk)
        if appeal.is_voided:
            return appeal
        old_status = appeal.status
        appeal.status = Appeal.VOIDED
        appeal.voided_at = timezone.now()
        appeal.voided_by = user
        appeal.sealed_void_reason = seal_field(appeal, reason)
        appeal.save()
        record("void", actor=user, appeal=appeal, number=appeal.number, old=old_status)
    return appeal


def update_work(appeal, user, data, key):
    """Apply the work form; each changed field is one audit event. `key` opens sealed fields.
    On a registered entry a journal field that already holds a value is corrected (a new
    version with `data["correction_reason"]`), never overwritten."""
    events = []
    corrected = []
    for field in PLAIN_FIELDS:
        name = field.removesuffix("_id")
        if name not in data:
            continue
        new = data[name]
        new_value = new.pk if hasattr(new, "pk") else new
        old = getattr(appeal, field)
        if old != new_value:
            setattr(appeal, field, new_value)
            events.append((name, _plain(old), _plain(new_value)))
    for field in SEALED_FIELDS:
        if field not in data:
            continue
        current = vault.open_text(key, getattr(appeal, f"sealed_{field}"))
        if (data[field] or "") != current:
            if appeal.number is not None and current and field in JournalCorrection.SEALED:
                corrected.append(field)
                continue
            setattr(appeal, f"sealed_{field}", seal_field(appeal, data[field]))
            events.append((field, None, None))  # sealed: the log says that, not what
    if events:
        appeal.save()
        for name, old, new in events:
            record("change", actor=user, appeal=appeal, field=name, old=old, new=new)
    for field in corrected:
        correct(appeal, user, field, data[field] or "", data.get("correction_reason"), key)
    return [e[0] for e in events] + corrected


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
