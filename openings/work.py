"""Recording an opening, registering the letters found into the journal, signing the act and
telling the director about a damaged seal. Each step is an audit event."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import vault
from accounts.models import Membership
from audit.models import record
from ishenim.lib.urls import absolute_url
from journal.work import register_paper
from notify.models import Notice
from notify.tasks import queue_mail
from openings.models import ActSignature, BoxOpening, OpeningLetter
from schools.models import School

SEAL_DAMAGED = "seal_damaged"


class ActError(ValueError):
    """A step the act does not allow now; str(error) is a translated sentence."""


def create_opening(school, user, commission, data):
    """Record an opening with the next number of the school. A form submitted twice (same
    token) gives back the opening made the first time."""
    token = data.get("token") or None
    if token:
        existing = BoxOpening.objects.filter(school=school, submission_token=token).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            # Lock the school row so that two openings recorded at once get two numbers.
            School.objects.select_for_update().filter(pk=school.pk).first()
            last = BoxOpening.objects.filter(school=school).aggregate(n=Max("number"))["n"]
            seal_state = data["seal_state"]
            description = data.get("damage_description", "")
            if data.get("seal_mismatch"):
                # A seal that is not the one put on last time: the box may have been opened.
                # Recorded as a damaged seal, so the act says so and the director is told.
                seal_state = BoxOpening.DAMAGED
                description = "{} {}".format(
                    _(
                        "The seal removed (№ %(found)s) is not the seal put on at the last "
                        "opening (№ %(expected)s)."
                    )
                    % {"found": data["seal_removed"], "expected": data["expected_seal"]},
                    description,
                ).strip()
            damaged = BoxOpening.DAMAGED in (data["box_state"], seal_state)
            opening = BoxOpening.objects.create(
                school=school,
                number=(last or 0) + 1,
                opened_at=data["opened_at"],
                commission=commission,
                box_state=data["box_state"],
                seal_state=seal_state,
                damage_description=description if damaged else "",
                seal_removed=data["seal_removed"],
                seal_applied=data["seal_applied"],
                found_appeals=data["found_appeals"],
                sheets=data["sheets"],
                copies=data["copies"],
                created_by=user,
                submission_token=token,
            )
            opening.members_present.set(data["members_present"])
            record(
                "box_opened",
                actor=user,
                school=school,
                opening=opening.number,
                damaged=opening.is_damaged,
                found_appeals=opening.found_appeals,
            )
    except IntegrityError:
        existing = BoxOpening.objects.filter(school=school, submission_token=token).first()
        if token and existing:
            return existing
        raise
    if opening.is_damaged:
        notify_damaged(opening)
    return opening


def notify_damaged(opening):
    """Regulation B 5.1: the box guards confidential letters, so a damaged box or seal goes to
    the director at once: a notice and a mail, without any letter's content. Idempotent."""
    directors = Membership.objects.filter(
        school=opening.school, role=Membership.DIRECTOR, user__is_active=True
    ).select_related("user")
    key = f"{SEAL_DAMAGED}:{opening.pk}"
    url = absolute_url(reverse("openings:detail", args=[opening.pk]))
    for user in {m.user for m in directors}:
        try:
            with transaction.atomic():
                Notice.objects.create(user=user, school=opening.school, kind=SEAL_DAMAGED, key=key)
        except IntegrityError:
            pass  # told already
        if user.email:
            with translation.override("ky"):
                values = {
                    "school": opening.school.name_ky,
                    "number": opening.number,
                    "when": timezone.localtime(opening.opened_at).strftime("%d.%m.%Y %H:%M"),
                    "url": url,
                }
                subject = _("Trust box opening No. %(number)s: the box or its seal was damaged")
                body = _(
                    "At %(school)s, the trust box was opened on %(when)s (opening No. "
                    "%(number)s) and the box or its seal was found damaged. Log in to see the "
                    "act:\n%(url)s\n\nFor confidentiality this mail does not contain any letter."
                )
            queue_mail(f"{key}:{user.pk}", user.email, subject % values, body % values)


def add_letter(opening, user, form):
    """Register a letter found into the journal (paper channel, received on the opening's
    date) and add it to the act's list. FormCodeError passes through with nothing stored."""
    d = form.cleaned_data
    token = d.get("token") or None
    if token:
        existing = OpeningLetter.objects.filter(opening=opening, submission_token=token).first()
        if existing:
            return existing
    if not opening.found_appeals:
        raise ActError(_("This opening found no appeals in the box, so it lists none."))
    if opening.signatures.exists():
        raise ActError(
            _(
                "The act has been signed, so its list can no longer change. "
                "Register this letter in the journal as a paper letter."
            )
        )
    key = opening.school.public_key
    with transaction.atomic():
        BoxOpening.objects.select_for_update().filter(pk=opening.pk).first()
        appeal = register_paper(
            opening.school,
            user,
            received_on=timezone.localdate(opening.opened_at),
            text=d["text"],
            author_kind=d["author_kind"],
            identity=form.identity(),
            summary=d.get("summary") or "",
            attachment=d.get("photo"),
            form_code=d.get("form_code"),
        )
        last = opening.letters.aggregate(n=Max("position"))["n"] or 0
        letter = OpeningLetter.objects.create(
            opening=opening,
            appeal=appeal,
            position=last + 1,
            sealed_from_whom=_seal(key, d.get("from_whom")),
            sealed_return_address=_seal(key, form.act_return_address()),
            sealed_note=_seal(key, d.get("note")),
            submission_token=token,
        )
        record(
            "act_letter_added",
            actor=user,
            appeal=appeal,
            opening=opening.number,
            position=letter.position,
            number=appeal.number,
        )
    return letter


def _seal(public_key, text):
    text = (text or "").strip()
    return vault.seal_text(public_key, text) if text else None


def open_letters(opening, key, user=None):
    """The act's list with its sealed columns opened (None when the key is not at hand).
    A letter the author kept from `user` gives its position and journal number only."""
    rows = []
    kept = set()
    if user is not None:
        kept = set(
            opening.letters.filter(appeal__excluded_staff=user).values_list("appeal_id", flat=True)
        )
    for letter in opening.letters.select_related("appeal"):
        row = {"letter": letter, "appeal": letter.appeal, "locked": key is None}
        if letter.appeal_id in kept:
            row.update(locked=True, kept=True)
        elif key is not None:
            row["from_whom"] = vault.open_text(key, letter.sealed_from_whom)
            row["return_address"] = vault.open_text(key, letter.sealed_return_address)
            row["note"] = vault.open_text(key, letter.sealed_note)
        rows.append(row)
    return rows


def pending_roles(opening, user):
    """The act's signatures this user may still give: (role, member or None) pairs."""
    signed = {(s.role, s.member_id) for s in opening.signatures.all()}
    director_signed = any(role == ActSignature.DIRECTOR for role, _ in signed)
    roles = []
    for row in opening.signers():
        if row["signature"] or row["on_paper"] or row["role"] == ActSignature.DIRECTOR:
            continue
        if row["user"] == user:
            roles.append((row["role"], row["member"]))
    is_director = Membership.objects.filter(
        user=user, school=opening.school, role=Membership.DIRECTOR
    ).exists()
    if is_director and not director_signed:
        roles.append((ActSignature.DIRECTOR, None))
    return roles


def is_signer(opening, user):
    """Whether the user signs this act at all (signed already or not)."""
    if Membership.objects.filter(
        user=user, school=opening.school, role=Membership.DIRECTOR
    ).exists():
        return True
    return any(r["user"] == user and r["member"] is not None for r in opening.signers())


def sign_act(opening, user):
    """Sign the act electronically in every role the user holds in it; return the roles."""
    if opening.found_appeals and not opening.letters.exists():
        raise ActError(_("Register the letters found before signing: the act lists them."))
    roles = pending_roles(opening, user)
    if not roles:
        if is_signer(opening, user):
            raise ActError(_("You have already signed this act."))
        raise ActError(
            _(
                "Only the commission members present at the opening, the chair of the "
                "commission and the school director sign this act. Nothing was changed."
            )
        )
    done = []
    for role, member in roles:
        try:
            with transaction.atomic():
                ActSignature.objects.create(
                    opening=opening,
                    member=member,
                    user=user if member is None else None,
                    role=role,
                    signed_by=user,
                )
                record(
                    "act_signed",
                    actor=user,
                    school=opening.school,
                    opening=opening.number,
                    role=role,
                )
        except IntegrityError:
            continue  # the same button pressed twice, or a second director a moment ago
        done.append(role)
    return done
