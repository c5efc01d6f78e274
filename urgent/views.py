"""Pages of the urgent lane: confirm, decide on referral, the school's ladder and absences, and
the district specialist's letters."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import vault
from accounts.models import Membership
from audit.models import record
from journal.models import Appeal
from schools.views import _get_school_for_manager
from urgent import ladder
from urgent.forms import AbsenceForm, DecisionForm, LadderForm
from urgent.models import (
    Absence,
    ChildProtectionSpecialist,
    LadderStep,
    SpecialistCopy,
    UrgentCase,
)
from urgent.specialist import open_copy
from vault.keys import school_key, session_drop, session_put, specialist_key

# The journal's own referral list, for the measures column and the journal's fields.
JOURNAL_REFERRAL = {
    "police": "juvenile_inspector",
    "social": "social_services",
    "medical": "health",
    "helpline": "other",
    "other": "other",
}


def _case_for_reader(request, pk):
    """The case of a letter this user may read and holds the key for; 404 otherwise."""
    appeal = get_object_or_404(Appeal.objects.readable_by(request.user), pk=pk)
    case = get_object_or_404(UrgentCase.objects.select_related("school"), appeal=appeal)
    key = school_key(request, appeal.school)
    if key is None:
        raise Http404
    return appeal, case, key


def _append_measures(appeal, key, line):
    """The journal's "measures taken" column gets a dated line (sealed, like the column)."""
    with transaction.atomic():
        fresh = Appeal.objects.select_for_update().get(pk=appeal.pk)
        old = vault.open_text(key, fresh.sealed_measures)
        text = f"{old}\n{line}".strip()
        Appeal.objects.filter(pk=appeal.pk).update(
            sealed_measures=vault.seal_text(appeal.school.public_key, text)
        )


def _stamp(user, now):
    name = user.get_full_name() or user.get_username()
    return f"{date_format(timezone.localtime(now), 'd.m.Y H:i')} — {name}"


@login_required
@require_POST
def acknowledge(request, pk):
    appeal, case, key = _case_for_reader(request, pk)
    now = timezone.now()
    case, won = ladder.acknowledge(case, request.user, now)
    if won:
        seen = _("I have seen it, I am acting")
        _append_measures(appeal, key, f"{_stamp(request.user, now)}: {seen}")
        messages.success(
            request, _("Confirmed. The alerts have stopped; decide on referral today.")
        )
    else:
        who = case.acknowledged_by
        messages.info(
            request,
            _("Already confirmed by %(name)s at %(time)s.")
            % {
                "name": (who.get_full_name() or who.get_username()) if who else "—",
                "time": date_format(timezone.localtime(case.acknowledged_at), "H:i"),
            },
        )
    return redirect("journal:appeal", pk=appeal.pk)


@login_required
@require_POST
def decide(request, pk):
    appeal, case, key = _case_for_reader(request, pk)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        # Keep what was typed: the letter page shows this form with its errors.
        # (encrypted under the browser-held secret: the note may name people)
        typed = {k: v for k, v in request.POST.items() if k.startswith("decision-")}
        session_put(request, "urgent_decision_post", json.dumps(typed).encode())
        messages.error(request, _("The decision was not saved: see the marked fields."))
        return redirect("journal:appeal", pk=appeal.pk)
    d = form.cleaned_data
    now = timezone.now()
    with transaction.atomic():
        updated = UrgentCase.objects.filter(pk=case.pk, decided_at__isnull=True).update(
            decided_at=now,
            decided_by=request.user,
            referred=d["referred"],
            referral_to=d["referral_to"] if d["referred"] else "",
            referral_how=d["referral_how"] if d["referred"] else "",
            referred_at=d["referred_at"] if d["referred"] else None,
            sealed_decision_note=vault.seal_text(appeal.school.public_key, d["note"])
            if d["note"]
            else None,
            acknowledged_at=case.acknowledged_at or now,
            acknowledged_by=case.acknowledged_by or request.user,
            next_alert_at=None,
        )
        if not updated:
            messages.info(request, _("The decision had already been recorded."))
            return redirect("journal:appeal", pk=appeal.pk)
        if d["referred"]:
            Appeal.objects.filter(pk=appeal.pk).update(
                referred_to=JOURNAL_REFERRAL[d["referral_to"]],
                referred_on=timezone.localtime(d["referred_at"]).date(),
            )
            case.refresh_from_db()
            line = _("Referred: %(to)s, %(how)s") % {
                "to": case.get_referral_to_display(),
                "how": case.get_referral_how_display(),
            }
        else:
            line = _("Not referred")
        if d["note"]:
            line += f" ({d['note']})"
        _append_measures(appeal, key, f"{_stamp(request.user, now)}: {line}")
        record(
            "urgent_decision",
            actor=request.user,
            appeal=appeal,
            referred=d["referred"],
            to=d["referral_to"] if d["referred"] else "",
        )
    session_drop(request, "urgent_decision_post")
    messages.success(request, _("The decision on referral is recorded."))
    return redirect("journal:appeal", pk=appeal.pk)


def _school_staff(school):
    return (
        get_user_model()
        .objects.filter(memberships__school=school, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@login_required
def ladder_settings(request, slug):
    school = _get_school_for_manager(request, slug)
    staff = list(_school_staff(school))
    has_specialist = ChildProtectionSpecialist.objects.filter(
        district_id=school.district_id
    ).exists()
    current = ladder.steps_for(school)
    initial = {"decision_cutoff": school.decision_cutoff}
    for i, step in enumerate(current, start=1):
        initial[f"step{i}_staff"] = [str(u.pk) for u in step.users]
        initial[f"step{i}_minutes"] = step.minutes
        initial[f"step{i}_specialist"] = bool(step.specialists)
    form = LadderForm(
        request.POST or None, initial=initial, staff=staff, has_specialist=has_specialist
    )
    by_pk = {u.pk: u for u in staff}
    if request.method == "POST" and form.is_valid():
        rows = form.rows()
        steps = [
            ladder.Step(
                pos,
                minutes,
                [by_pk[pk] for pk in pks],
                ladder._specialists(school) if specialist else [],
            )
            for pos, minutes, pks, specialist in rows
        ]
        problems = ladder.ladder_problems(steps, school)
        if problems:
            for p in problems:
                form.add_error(None, p)
        else:
            with transaction.atomic():
                LadderStep.objects.filter(school=school).delete()
                for pos, minutes, pks, specialist in rows:
                    step = LadderStep.objects.create(
                        school=school, position=pos, minutes=minutes, district_specialist=specialist
                    )
                    step.staff.set(pks)
                school.decision_cutoff = form.cleaned_data["decision_cutoff"]
                school.save(update_fields=["decision_cutoff"])
                record("ladder_changed", actor=request.user, school=school, steps=len(rows))
            messages.success(request, _("The ladder is saved."))
            return redirect("urgent:ladder", slug=school.slug)
    holders = ladder.key_holder_ids(school)
    return render(
        request,
        "urgent/ladder.html",
        {
            "school": school,
            "form": form,
            "current": current,
            "holders": holders,
            "saved": LadderStep.objects.filter(school=school).exists(),
        },
    )


@login_required
def absences(request, slug):
    school = _get_school_for_manager(request, slug)
    staff = list(_school_staff(school))
    form = AbsenceForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        Absence.objects.create(user_id=d["user"], starts_on=d["starts_on"], ends_on=d["ends_on"])
        record("absence_added", actor=request.user, school=school)
        messages.success(request, _("The absence is saved."))
        return redirect("urgent:absences", slug=school.slug)
    items = Absence.objects.filter(
        user__in=staff, ends_on__gte=timezone.localdate()
    ).select_related("user")
    return render(request, "urgent/absences.html", {"school": school, "form": form, "items": items})


@login_required
@require_POST
def absence_delete(request, slug, pk):
    school = _get_school_for_manager(request, slug)
    item = get_object_or_404(Absence, pk=pk, user__memberships__school=school)
    item.delete()
    record("absence_removed", actor=request.user, school=school)
    return redirect("urgent:absences", slug=school.slug)


def _specialist_or_404(request):
    specialist = ChildProtectionSpecialist.objects.filter(user=request.user).first()
    if specialist is None:
        raise Http404
    return specialist


@login_required
def district(request):
    """The specialist's page: urgent letters of the district not yet confirmed (figures only),
    and the letters sealed to their own key (their authors excluded every school reader)."""
    specialist = _specialist_or_404(request)
    cases = (
        UrgentCase.objects.filter(school__district=specialist.district, level=UrgentCase.URGENT)
        .filter(acknowledged_at__isnull=True, appeal__status__in=Appeal.OPEN_STATUSES)
        .select_related("school", "appeal")
    )
    copies = SpecialistCopy.objects.filter(specialist=specialist).select_related(
        "appeal", "appeal__school", "appeal__urgent_case"
    )
    return render(
        request,
        "urgent/district.html",
        {
            "cases": cases,
            "copies": copies,
            "locked": specialist_key(request) is None,
            "now": timezone.now(),
        },
    )


@login_required
def district_letter(request, pk):
    specialist = _specialist_or_404(request)
    copy = get_object_or_404(
        SpecialistCopy.objects.select_related("appeal", "appeal__school"),
        pk=pk,
        specialist=specialist,
    )
    key = specialist_key(request)
    if key is None:
        return render(request, "urgent/district_letter.html", {"copy": copy, "locked": True})
    case = UrgentCase.objects.filter(appeal=copy.appeal).first()
    if request.method == "POST" and case is not None:
        case, won = ladder.acknowledge(case, request.user)
        if won:
            messages.success(request, _("Confirmed. The alerts have stopped."))
        return redirect("urgent:district-letter", pk=copy.pk)
    content = open_copy(key, copy)
    record("appeal_read", actor=request.user, appeal=copy.appeal, by="district_specialist")
    return render(
        request,
        "urgent/district_letter.html",
        {"copy": copy, "content": content, "case": case, "roles": Membership.ROLE_CHOICES},
    )
