"""The staff pages of box openings: the journal of openings, a new opening, an opening's page
(the letters found, the act's signatures) and the printed act and journal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.models import record
from commission.models import Commission
from journal.work import FormCodeError
from notify.models import Notice
from openings import documents
from openings.forms import LetterFoundForm, OpeningForm
from openings.models import BoxOpening
from openings.work import (
    ActError,
    add_letter,
    create_opening,
    is_signer,
    open_letters,
    pending_roles,
    sign_act,
)
from schools.models import School
from vault.keys import school_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get_opening_for_user(request, pk):
    """The opening if it belongs to one of the user's schools; 404 otherwise."""
    return get_object_or_404(
        BoxOpening.objects.for_user(request.user).select_related("school", "commission"), pk=pk
    )


def _staff_schools(user):
    schools = list(School.objects.for_user(user))
    if not schools:
        raise Http404
    return schools


def _chosen_school(request, schools):
    wanted = request.POST.get("school") or request.GET.get("school")
    return next((s for s in schools if str(s.pk) == wanted), schools[0])


def _can_record(user, school):
    """Recording openings and registering letters: the people who keep the box and its letters
    (responsible person, commission members, administrator). The director reads and signs."""
    return Membership.objects.filter(user=user, school=school, role__in=Membership.READERS).exists()


def _lang(request):
    return "ru" if request.LANGUAGE_CODE in ("ru", "en") else "ky"


def _school_name(school, lang):
    return school.name_ru if lang == "ru" else school.name_ky


@login_required
def openings(request):
    schools = _staff_schools(request.user)
    school = _chosen_school(request, schools)
    items = (
        BoxOpening.objects.filter(school=school)
        .select_related("commission", "school")
        .prefetch_related("letters__appeal", "members_present", "signatures")
    )
    rows = []
    for opening in items:
        signed, needed = opening.signature_counts()
        rows.append(
            {
                "opening": opening,
                "appeal_numbers": [letter.appeal.number for letter in opening.letters.all()],
                "signed": signed,
                "needed": needed,
                "complete": opening.is_signed_by_all(),
            }
        )
    return render(
        request,
        "openings/openings.html",
        {
            "rows": rows,
            "school": school,
            "schools": schools,
            "can_record": _can_record(request.user, school),
            "commission": Commission.objects.current(school),
            "rules": school.rules(),
        },
    )


@login_required
def new_opening(request):
    schools = _staff_schools(request.user)
    school = _chosen_school(request, schools)
    if not _can_record(request.user, school):
        messages.error(
            request,
            _(
                "Openings are recorded by the responsible person or a commission member. "
                "You can read and sign the act."
            ),
        )
        return redirect(_list_url(school, schools))
    commission = Commission.objects.current(school)
    last = BoxOpening.objects.filter(school=school).order_by("-number").first()
    rules = school.rules()
    form = OpeningForm(
        request.POST or None,
        commission=commission,
        expected_seal=last.seal_applied if last and rules.seal_and_openings_journal else "",
        rules=rules,
    )
    if request.method == "POST" and commission is not None and form.is_valid():
        opening = create_opening(school, request.user, commission, form.cleaned_data)
        messages.success(
            request, _("Opening No. %(number)d is recorded.") % {"number": opening.number}
        )
        return redirect("openings:detail", pk=opening.pk)
    return render(
        request,
        "openings/new_opening.html",
        {
            "form": form,
            "school": school,
            "schools": schools,
            "commission": commission,
            "rules": rules,
        },
    )


def _list_url(school, schools):
    from django.urls import reverse

    url = reverse("openings:list")
    return f"{url}?school={school.pk}" if len(schools) > 1 else url


@login_required
def opening_detail(request, pk):
    opening = _get_opening_for_user(request, pk)
    can_record = _can_record(request.user, opening.school)
    rules = opening.school.rules(opening.opened_at.date())
    with_act = rules.removal_act
    letter_form = LetterFoundForm(prefix="letter", with_act=with_act) if can_record else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "sign":
            try:
                roles = sign_act(opening, request.user)
            except ActError as error:
                messages.error(request, str(error))
            else:
                if roles:
                    messages.success(
                        request,
                        _("You signed the act.") if with_act else _("You signed the record."),
                    )
            return redirect("openings:detail", pk=opening.pk)
        if action == "letter" and can_record:
            letter_form = LetterFoundForm(
                request.POST, request.FILES, prefix="letter", with_act=with_act
            )
            if letter_form.is_valid():
                try:
                    letter = add_letter(opening, request.user, letter_form)
                except FormCodeError as error:
                    letter_form.add_error("form_code", str(error))
                except ActError as error:
                    letter_form.add_error(None, str(error))
                else:
                    if with_act:
                        done = _(
                            "Registered in the journal as No. %(number)d and listed in the act "
                            "as line %(position)d."
                        )
                    else:
                        done = _(
                            "Registered in the journal as No. %(number)d and listed as line "
                            "%(position)d."
                        )
                    messages.success(
                        request,
                        done % {"number": letter.appeal.number, "position": letter.position},
                    )
                    return redirect(f"{request.path}#letters")
        elif action == "letter":
            messages.error(
                request,
                _(
                    "Letters are registered by the responsible person or a commission member. "
                    "Nothing was changed."
                ),
            )
            return redirect("openings:detail", pk=opening.pk)
    key = school_key(request, opening.school)
    letters = open_letters(opening, key, request.user)
    if key is not None and letters:
        record(
            "act_read",
            actor=request.user,
            school=opening.school,
            opening=opening.number,
            appeals=[row["appeal"].pk for row in letters if not row.get("kept")],
        )
    Notice.objects.filter(
        user=request.user, key=f"seal_damaged:{opening.pk}", read_at__isnull=True
    ).update(read_at=timezone.now())
    signers = opening.signers()
    return render(
        request,
        "openings/opening_detail.html",
        {
            "opening": opening,
            "letters": letters,
            "locked": key is None and bool(letters),
            "letter_form": letter_form,
            "can_record": can_record,
            "can_add_letters": can_record
            and opening.found_appeals
            and not opening.signatures.exists(),
            "signers": signers,
            "complete": opening.is_signed_by_all(),
            "can_sign": bool(pending_roles(opening, request.user)),
            "is_signer": is_signer(opening, request.user),
            "members_present": opening.members_present.all(),
            "reader": can_record,
            "rules": rules,
        },
    )


def _state(opening):
    """What the act and the openings journal both say about one opening."""
    return {
        "opened_at": timezone.localtime(opening.opened_at),
        "box_damaged": opening.box_state == BoxOpening.DAMAGED,
        "seal_damaged": opening.seal_state == BoxOpening.DAMAGED,
        "damage": opening.damage_description,
        "seal_removed": opening.seal_removed,
        "seal_applied": opening.seal_applied,
        "found": opening.found_appeals,
        "sheets": opening.sheets,
        "copies": opening.copies,
    }


def act_data(opening, key, lang, user=None):
    """The act's content as plain data for openings.documents."""
    letters = open_letters(opening, key, user)
    return {
        "school": _school_name(opening.school, lang),
        "number": opening.number,
        **_state(opening),
        "letters": [
            {
                "position": row["letter"].position,
                "journal_number": row["appeal"].number,
                "from_whom": row.get("from_whom", ""),
                "return_address": row.get("return_address", ""),
                "note": row.get("note", ""),
            }
            for row in letters
        ],
        "signers": _signer_data(opening),
    }


def _signer_data(opening):
    return [
        {
            "role": s["role"],
            "name": s["name"],
            "signed_at": timezone.localtime(s["signature"].signed_at) if s["signature"] else None,
        }
        for s in opening.signers()
    ]


@login_required
def act(request, pk, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    opening = _get_opening_for_user(request, pk)
    # Only a school whose regulation keeps the act of removal prints one (regulation B 3.1).
    if not opening.school.rules(opening.opened_at.date()).removal_act:
        raise Http404
    key = school_key(request, opening.school)
    if key is None and opening.letters.exists():
        # The list names the authors: it is printed by someone who holds the school key.
        messages.error(
            request,
            _(
                "The act's list of letters is confidential. It is printed by the responsible "
                "person or a commission member; you sign the printed act."
            ),
        )
        return redirect("openings:detail", pk=opening.pk)
    lang = _lang(request)
    data = act_data(opening, key, lang, request.user)
    record(
        "export",
        actor=request.user,
        school=opening.school,
        document="removal_act",
        format=fmt,
        opening=opening.number,
    )
    if fmt == "pdf":
        body, content_type = documents.act_pdf(data, lang), "application/pdf"
    else:
        body, content_type = documents.act_docx(data, lang), DOCX
    return _download(body, content_type, f"act-{opening.school.slug}-{opening.number}.{fmt}")


def journal_data(openings):
    rows = []
    for opening in openings:
        rows.append(
            {
                "number": opening.number,
                **_state(opening),
                "appeal_numbers": [letter.appeal.number for letter in opening.letters.all()],
                "signers": _signer_data(opening),
            }
        )
    return rows


@login_required
def journal_export(request, fmt):
    """The journal of openings holds no letter content: every staff role may print it."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    schools = _staff_schools(request.user)
    school = _chosen_school(request, schools)
    # Regulation B 3.3: the journal of openings, kept only where the regulation has it.
    if not school.rules().seal_and_openings_journal:
        raise Http404
    items = (
        BoxOpening.objects.filter(school=school)
        .select_related("commission", "school")
        .prefetch_related("letters__appeal", "members_present", "signatures")
        .order_by("number")
    )
    lang = _lang(request)
    rows = journal_data(items)
    name = _school_name(school, lang)
    record(
        "export",
        actor=request.user,
        school=school,
        document="openings_journal",
        format=fmt,
        rows=len(rows),
    )
    if fmt == "pdf":
        body, content_type = documents.journal_pdf(name, rows, lang), "application/pdf"
    else:
        body, content_type = documents.journal_xlsx(name, rows, lang), XLSX
    return _download(body, content_type, f"openings-{school.slug}.{fmt}")


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
