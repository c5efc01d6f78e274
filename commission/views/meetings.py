"""Meetings, the first meeting's open vote, the weekly review and the minutes signed by
every member (regulation B 4.3–4.5, regulation A)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

import vault
from audit.models import record
from commission.forms import (
    CandidateForm,
    DecisionForm,
    MeetingForm,
    PaperSignForm,
    VoteForm,
)
from commission.meetings import (
    ConfirmError,
    SignError,
    VoteError,
    appeals_for_review,
    apply_election,
    cast_vote,
    confirm_late,
    election_result,
    first_meeting_agenda,
    is_entered_late,
    next_minutes_number,
    review_agenda,
    review_period,
    sign,
    unsigned_members,
)
from commission.models import Candidacy, Commission, CommissionMember, Meeting, Signature
from commission.views.access import (
    _forbidden,
    _get_meeting_for_user,
    _get_school_for_user,
    _member_of,
    can_manage,
)
from journal.models import Appeal, Message
from journal.work import update_work
from vault.keys import school_key

# --- meetings -------------------------------------------------------------------------------


def _seal_minutes(school, text):
    return vault.seal_text(school.public_key, text) if text else None


@login_required
def meeting_new(request, slug):
    school = _get_school_for_user(request, slug)
    commission = Commission.objects.current(school)
    if commission is None:
        messages.error(request, _("There is no commission in force: appoint one by an order."))
        return redirect("commission:home", slug=school.slug)
    if not can_manage(request.user, commission):
        return _forbidden(
            request,
            school,
            _("The minutes are kept by the secretary, the chair or the responsible person."),
        )
    key = school_key(request, school)
    if request.method == "POST":
        form = MeetingForm(request.POST, commission=commission, new=True)
        if form.is_valid():
            d = form.cleaned_data
            meeting = Meeting(
                commission=commission,
                held_on=d["held_on"],
                kind=d["kind"],
                agenda=d["agenda"],
                decisions=d["decisions"],
                sealed_minutes=_seal_minutes(school, d.get("minutes", "")),
                number=next_minutes_number(school, d["held_on"]),
                created_by=request.user,
                entered_late=is_entered_late(school, d["held_on"], timezone.localdate()),
            )
            if meeting.kind == Meeting.FIRST:
                meeting.agenda = first_meeting_agenda(meeting.agenda)
            if meeting.kind == Meeting.WEEKLY_REVIEW:
                meeting.period_start, meeting.period_end = review_period(school, d["held_on"])
                if not meeting.agenda.strip():
                    meeting.agenda = review_agenda(school, meeting.period_start, meeting.period_end)
            meeting.save()
            meeting.attendance.set(d["attendance"])
            record(
                "meeting_created",
                actor=request.user,
                school=school,
                meeting=meeting.pk,
                kind=meeting.kind,
                number=meeting.number,
            )
            messages.success(request, _("The meeting is recorded."))
            return redirect("commission:meeting", pk=meeting.pk)
    else:
        today = timezone.localdate()
        kind = request.GET.get("kind")
        if kind not in dict(Meeting.KIND_CHOICES):
            kind = Meeting.FIRST if not Meeting.objects.filter(commission=commission) else None
        initial = {
            "held_on": today,
            "kind": kind or Meeting.REGULAR,
            "attendance": list(commission.members.all()),
        }
        if kind == Meeting.WEEKLY_REVIEW:
            initial["agenda"] = review_agenda(school, *review_period(school, today))
        form = MeetingForm(initial=initial, commission=commission)
    return render(
        request,
        "commission/meeting_form.html",
        {"school": school, "commission": commission, "form": form, "locked": key is None},
    )


def _first_lines(text, lines=2, limit=200):
    short = "\n".join(text.strip().splitlines()[:lines])
    return short if len(short) <= limit else short[:limit].rstrip() + "…"


def _review_rows(request, meeting, key, post_forms):
    """The week's appeals the user may see; their first lines and a decision form for readers
    holding the school key (the director manages by figures and sees metadata only)."""
    school = meeting.school
    # Every letter of the week is listed (the minutes are signed by all); those the author
    # kept from this user show their number and date only (finding 7).
    appeals = appeals_for_review(school, meeting.period_start, meeting.period_end)
    kept = set(
        Appeal.excluded_staff.through.objects.filter(
            user_id=request.user.pk, appeal__in=appeals
        ).values_list("appeal_id", flat=True)
    )
    readable = set(Appeal.objects.readable_by(request.user).values_list("pk", flat=True))
    rows = []
    for a in appeals:
        if a.pk in kept:
            rows.append({"appeal": a, "kept": True, "open": False})
            continue
        row = {"appeal": a, "open": key is not None and a.pk in readable}
        if row["open"]:
            first = a.messages.filter(sender=Message.AUTHOR).first()
            row["excerpt"] = (
                _first_lines(vault.open_text(key, first.body_for_school)) if first else ""
            )
            row["form"] = post_forms.get(a.pk) or DecisionForm(
                prefix=f"d{a.pk}",
                initial={
                    "measures": vault.open_text(key, a.sealed_measures),
                    "referred_to": a.referred_to,
                    "referred_on": a.referred_on,
                },
            )
        rows.append(row)
    opened = [r["appeal"].pk for r in rows if r["open"]]
    if opened:
        record("review_read", actor=request.user, school=school, meeting=meeting.pk, appeals=opened)
    return rows


@login_required
def meeting_detail(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    commission, school = meeting.commission, meeting.school
    key = school_key(request, school)
    manage = can_manage(request.user, commission)
    me = _member_of(request.user, commission)
    minutes_text = vault.open_text(key, meeting.sealed_minutes) if key else None
    forms_ = {}
    review_forms = {}
    if request.method == "POST":
        response = _handle(request, meeting, key, manage, me, minutes_text, forms_, review_forms)
        if response is not None:
            return response
    if minutes_text:
        record("minutes_read", actor=request.user, school=school, meeting=meeting.pk)
    edit = forms_.get("edit") or MeetingForm(
        initial={
            "held_on": meeting.held_on,
            "kind": meeting.kind,
            "attendance": list(meeting.attendance.all()),
            "agenda": meeting.agenda,
            "decisions": meeting.decisions,
            "minutes": minutes_text or "",
        },
        commission=commission,
        with_minutes=key is not None,
    )
    members = list(commission.members.select_related("user"))
    signatures = {s.member_id: s for s in meeting.signatures.select_related("recorded_by")}
    for m in members:
        m.signature = signatures.get(m.pk)
    unsigned_paper = unsigned_members(meeting).filter(user__isnull=True)
    context = {
        "not_counting": meeting.why_it_does_not_count()
        if school.rules(meeting.held_on).keeps_meetings
        else [],
        "i_am_chair": me is not None and me.position == CommissionMember.CHAIR,
        "school": school,
        "meeting": meeting,
        "commission": commission,
        "members": members,
        "present": set(meeting.attendance.values_list("pk", flat=True)),
        "minutes_text": minutes_text,
        "locked": key is None,
        "manage": manage,
        "me": me,
        "my_signature": signatures.get(me.pk) if me else None,
        "edit": edit,
        "paper": forms_.get("paper") or PaperSignForm(members=unsigned_paper, prefix="paper"),
        "has_paper": unsigned_paper.exists(),
        "signed_count": len(signatures),
    }
    if meeting.kind == Meeting.FIRST:
        context.update(_election_context(meeting, manage, me, forms_))
    if meeting.kind == Meeting.WEEKLY_REVIEW and meeting.period_start:
        context["rows"] = _review_rows(request, meeting, key, review_forms)
    return render(request, "commission/meeting_detail.html", context)


def _voters(meeting, manage, me):
    ids = [me.pk] if me else []
    if manage:
        ids += list(
            meeting.commission.members.filter(user__isnull=True).values_list("pk", flat=True)
        )
    return meeting.commission.members.filter(pk__in=ids)


def _election_context(meeting, manage, me, forms_):
    voters = _voters(meeting, manage, me)
    return {
        "results": [election_result(meeting, p) for p, _label in Candidacy.POSITION_CHOICES],
        "votes": meeting.votes.select_related("voter", "candidate", "recorded_by"),
        "candidate_form": forms_.get("candidate")
        or CandidateForm(commission=meeting.commission, prefix="cand"),
        "vote_form": forms_.get("vote") or VoteForm(meeting=meeting, voters=voters, prefix="vote"),
        "can_vote": voters.exists() and meeting.candidacies.exists(),
    }


def _handle(request, meeting, key, manage, me, minutes_text, forms_, review_forms):
    """One POST action of the meeting page: a response when done, None to show the page."""
    action = request.POST.get("action")
    school = meeting.school
    back = redirect("commission:meeting", pk=meeting.pk)
    if action == "sign":
        if me is None:
            return _forbidden(
                request,
                school,
                _("Only the members of this commission sign its minutes. Nothing was changed."),
            )
        if me.user_id != request.user.pk:
            raise Http404
        try:
            sign(meeting, me, Signature.ELECTRONIC, request.user)
        except SignError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("You signed the minutes."))
        return back
    if action == "decision":
        return _decision(request, meeting, key, review_forms)
    if action == "confirm_late":
        try:
            confirm_late(meeting, request.user)
        except ConfirmError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("You confirmed the meeting: it now counts."))
        return back
    if action == "vote":
        voters = _voters(meeting, manage, me)
        form = forms_["vote"] = VoteForm(
            request.POST, meeting=meeting, voters=voters, prefix="vote"
        )
        if not voters.exists():
            return _forbidden(
                request, school, _("Only the members of this commission vote. Nothing was changed.")
            )
        if form.is_valid():
            d = form.cleaned_data
            try:
                cast_vote(
                    meeting,
                    d["position"],
                    d["voter"],
                    d["candidate"],
                    request.user,
                    on_behalf=d["voter"].user_id != request.user.pk,
                )
            except VoteError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, _("The vote is recorded."))
                return back
        return None
    if not manage:
        return _forbidden(
            request,
            school,
            _("The minutes are kept by the secretary, the chair or the responsible person."),
        )
    if action == "edit":
        return _edit(request, meeting, key, minutes_text, forms_)
    if action == "paper":
        members = unsigned_members(meeting).filter(user__isnull=True)
        form = forms_["paper"] = PaperSignForm(request.POST, members=members, prefix="paper")
        if form.is_valid():
            try:
                sign(meeting, form.cleaned_data["member"], Signature.PAPER, request.user)
            except SignError as e:
                messages.error(request, str(e))
            return back
        return None
    if action == "candidate":
        form = forms_["candidate"] = CandidateForm(
            request.POST, commission=meeting.commission, prefix="cand"
        )
        if form.is_valid():
            _c, created = Candidacy.objects.get_or_create(meeting=meeting, **form.cleaned_data)
            if created:
                record(
                    "candidate_proposed",
                    actor=request.user,
                    school=school,
                    meeting=meeting.pk,
                    position=form.cleaned_data["position"],
                    member=form.cleaned_data["member"].pk,
                )
            return back
        return None
    if action == "apply":
        problems = apply_election(meeting, request.user)
        for p in problems:
            messages.error(request, p)
        if not problems:
            messages.success(request, _("The chair and the secretary are elected."))
        return back
    return back


def _edit(request, meeting, key, minutes_text, forms_):
    form = forms_["edit"] = MeetingForm(
        request.POST, commission=meeting.commission, with_minutes=key is not None
    )
    if meeting.is_final:
        form.add_error(
            None, _("These minutes are final: every member has signed. They can't change.")
        )
        return None
    if not form.is_valid():
        return None
    d = form.cleaned_data
    changed = (
        d["held_on"] != meeting.held_on
        or d["kind"] != meeting.kind
        or d["agenda"] != meeting.agenda
        or d["decisions"] != meeting.decisions
        or set(d["attendance"]) != set(meeting.attendance.all())
        or ("minutes" in d and d["minutes"] != (minutes_text or ""))
    )
    if not changed:
        return redirect("commission:meeting", pk=meeting.pk)
    with transaction.atomic():
        meeting.held_on, meeting.kind = d["held_on"], d["kind"]
        meeting.agenda, meeting.decisions = d["agenda"], d["decisions"]
        if "minutes" in d:
            meeting.sealed_minutes = _seal_minutes(meeting.school, d["minutes"])
        if meeting.kind == Meeting.WEEKLY_REVIEW and not meeting.period_start:
            meeting.period_start, meeting.period_end = review_period(
                meeting.school, meeting.held_on, exclude=meeting
            )
        meeting.save()
        meeting.attendance.set(d["attendance"])
        withdrawn = meeting.signatures.count()
        meeting.signatures.all().delete()
    record(
        "minutes_changed",
        actor=request.user,
        school=meeting.school,
        meeting=meeting.pk,
        signatures_withdrawn=withdrawn,
    )
    if withdrawn:
        messages.warning(
            request,
            _(
                "The minutes changed, so the signatures given so far were withdrawn: "
                "every member signs again."
            ),
        )
    else:
        messages.success(request, _("Saved."))
    return redirect("commission:meeting", pk=meeting.pk)


def _decision(request, meeting, key, review_forms):
    """The commission's decision on one appeal of the review, written into the appeal."""
    try:
        appeal_pk = int(request.POST.get("appeal", ""))
    except ValueError:
        raise Http404 from None
    if meeting.kind != Meeting.WEEKLY_REVIEW or not meeting.period_start:
        raise Http404
    appeal = get_object_or_404(
        appeals_for_review(meeting.school, meeting.period_start, meeting.period_end).filter(
            pk__in=Appeal.objects.readable_by(request.user).values("pk")
        ),
        pk=appeal_pk,
    )
    if key is None:
        messages.error(
            request,
            _(
                "Letters are locked in this session. Log out and log in again with your password "
                "to open them."
            ),
        )
        return redirect("commission:meeting", pk=meeting.pk)
    form = review_forms[appeal.pk] = DecisionForm(request.POST, prefix=f"d{appeal.pk}")
    if not form.is_valid():
        return None
    changed = update_work(appeal, request.user, form.cleaned_data, key)
    if changed:
        record(
            "review_decision",
            actor=request.user,
            appeal=appeal,
            meeting=meeting.pk,
            fields=changed,
        )
        messages.success(
            request,
            _("Written into appeal %(label)s.")
            % {"label": f"№ {appeal.number}" if appeal.number else appeal.tag},
        )
    return redirect(f"{meeting_url(meeting)}#a{appeal.pk}")


def meeting_url(meeting):
    return reverse("commission:meeting", args=[meeting.pk])


# --- the printed minutes ----------------------------------------------------------------------


@login_required
def minutes_export(request, pk, fmt):
    from commission.documents import minutes_data, minutes_docx, minutes_pdf

    meeting = _get_meeting_for_user(request, pk)
    school = meeting.school
    key = school_key(request, school)
    if meeting.sealed_minutes and key is None:
        messages.error(
            request,
            _(
                "The text of the minutes is sealed. Print them from an account that holds the "
                "school's key."
            ),
        )
        return redirect("commission:meeting", pk=meeting.pk)
    lang = "ru" if request.LANGUAGE_CODE in ("ru", "en") else "ky"
    data = minutes_data(meeting, vault.open_text(key, meeting.sealed_minutes) if key else "", lang)
    record("export", actor=request.user, school=school, format=fmt, meeting=meeting.pk)
    if fmt == "pdf":
        body, content_type = minutes_pdf(data, lang), "application/pdf"
    elif fmt == "docx":
        body = minutes_docx(data, lang)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="minutes-{school.slug}-{meeting.held_on:%Y%m%d}-'
        f'{meeting.number or meeting.pk}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response
