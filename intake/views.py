"""The author's side: no script, no account, no address kept (DESIGN.md §4)."""

import json
import time
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from nacl.public import PrivateKey

import vault
from accounts.models import Membership
from intake.forms import CheckForm, LetterFields, LetterForm, SchoolSearchForm, SignedLetterForm
from intake.helplines import help_lines
from intake.models import PendingReceipt
from ishenim import throttle
from journal.models import Appeal
from journal.sealing import add_attachment, add_author_message, create_appeal, find_by_receipt
from notify.tasks import appeal_received, author_wrote, enqueue
from schools.models import District, School
from urgent.tasks import letter_arrived
from vault.keys import session_drop, session_get, session_put

FOLD = str.maketrans("өүңё", "оуне")


def fold(text):
    """Case and Kyrgyz letters folded, so "ак-терек" finds "Ак-Терек" and "үч" finds "уч"."""
    return text.casefold().translate(FOLD)


def school_list(request):
    form = SchoolSearchForm(request.GET)
    schools = School.objects.select_related("district").order_by("district__name_ky", "name_ky")
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        # In Python, not SQL: SQLite's LIKE folds only ASCII case; a country has ~2,300 schools.
        needle = fold(query)
        schools = [
            s
            for s in schools
            if needle in fold(f"{s.name_ky} {s.name_ru} {s.district.name_ky} {s.district.name_ru}")
        ]
    districts = {}
    for school in schools:
        districts.setdefault(school.district, []).append(school)
    return render(
        request,
        "intake/school_list.html",
        {
            "form": form,
            "districts": districts,
            "query": query,
            "has_any": District.objects.exists(),
        },
    )


def _readers(school):
    User = get_user_model()
    return (
        User.objects.filter(
            memberships__school=school, memberships__role__in=Membership.READERS, is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def school_page(request, slug):
    school = get_object_or_404(School, slug=slug)
    return render(
        request,
        "intake/school_page.html",
        {"school": school, "readers": _readers(school), "help_lines": help_lines()},
    )


def write(request, slug):
    """The first step: anonymous or with a name. Each leads to its own form, so the anonymous
    one has no field asking who the author is, with or without JavaScript (issue 15)."""
    school = get_object_or_404(School, slug=slug)
    if request.method == "POST":
        # A form opened before the two forms existed still posts here: its letter is not lost.
        return _write(request, school, signed=request.POST.get("signed") == "1")
    return render(request, "intake/write_choice.html", {"school": school})


def write_anonymous(request, slug):
    return _write(request, get_object_or_404(School, slug=slug), signed=False)


def write_signed(request, slug):
    return _write(request, get_object_or_404(School, slug=slug), signed=True)


def _write(request, school, signed):
    slug = school.slug
    readers = list(_readers(school))
    form_class = SignedLetterForm if signed else LetterForm
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, readers=readers)
        token = request.POST.get("token", "")
        if token and Appeal.objects.filter(submission_token=token).exists():
            return _show_kept_receipt(request, slug, token)  # a double submit: one appeal
        if form.is_valid():
            d = form.cleaned_data
            flood = _counts_as_flood(request)
            # The receipt's slow hash is derived once, here, outside the transaction: its key
            # seals the letter and then opens the conversation (issue 16: it was derived twice).
            code = vault.new_receipt_code()
            author = vault.author_key(code, school.receipt_salt)
            try:
                with transaction.atomic():
                    appeal, _none = create_appeal(
                        school,
                        text=d["text"],
                        author_kind=d["author_kind"],
                        is_anonymous=not signed,
                        identity=form.identity(),
                        attachment=d.get("attachment"),
                        excluded_staff=form.excluded_users(),
                        token=d["token"],
                        author=author,
                    )
                    if flood:
                        Appeal.objects.filter(pk=appeal.pk).update(possible_flood=True)
                    # In the same transaction: whoever sees the appeal sees its receipt too.
                    PendingReceipt.keep(d["token"], appeal, code)
            except IntegrityError:  # the other tap stored it a moment ago
                return _show_kept_receipt(request, slug, d["token"])
            _remember_receipt(request, appeal, code, author)
            enqueue(appeal_received, appeal.pk)
            enqueue(letter_arrived, appeal.pk)
            return redirect("intake:receipt", slug=slug)
    else:
        form = form_class(initial={"token": uuid.uuid4().hex}, readers=readers)
    return render(
        request,
        "intake/write.html",
        {"school": school, "form": form, "signed": signed, "text_max": settings.APPEAL_TEXT_MAX},
    )


def _counts_as_flood(request):
    """Count this letter per session and per attempt source (a keyed hash kept in the cache
    for minutes, never stored); past the limit in either, the letter is a possible flood. The
    letter is accepted all the same: the urgent lane still alerts for it."""
    window = settings.SUBMISSION_FLOOD_WINDOW_SECONDS
    limit = settings.SUBMISSIONS_BEFORE_FLOOD_PER_SESSION
    now = time.time()
    recent = [t for t in request.session.get("sent_at", []) if now - t < window]
    recent.append(now)
    request.session["sent_at"] = recent[-(limit + 1) :]
    by_source = throttle.hit(f"submit:src:{throttle.source(request)}", window)
    return len(recent) > limit or by_source > settings.SUBMISSIONS_BEFORE_FLOOD_PER_SOURCE


def _remember_receipt(request, appeal, code, author=None):
    receipt = {"appeal": appeal.pk, "code": code, "tag": appeal.tag}
    session_put(request, "receipt", json.dumps(receipt).encode())
    _enter_conversation(request, appeal, author, code)


def _show_kept_receipt(request, slug, token):
    """The second of two posts of one form shows the same receipt as the first."""
    appeal, code = PendingReceipt.recall(token)
    if appeal is not None and appeal.school.slug == slug:
        _remember_receipt(request, appeal, code)
    return redirect("intake:receipt", slug=slug)


def _receipt(request):
    raw = session_get(request, "receipt")
    return json.loads(raw) if raw else None


def receipt(request, slug, printable=False):
    school = get_object_or_404(School, slug=slug)
    data = _receipt(request)
    appeal = Appeal.objects.filter(pk=data["appeal"], school=school).first() if data else None
    template = "intake/receipt_print.html" if printable else "intake/receipt.html"
    return render(
        request,
        template,
        {
            "school": school,
            "appeal": appeal,
            "code": vault.format_receipt(data["code"]) if appeal else None,
            "help_lines": help_lines(),
        },
    )


# Wrong receipt codes (finding 14): limited per author session, per attempt source (a
# short-lived keyed hash of the address, in the cache for minutes: dropping the cookie does not
# help) and, with back-off, for everyone: when the whole installation sees a flood of wrong
# codes, each source gets fewer tries. Never a school-wide lock-out: a pupil typing a right code
# for the first time from a new source always gets in.


def _check_keys(request):
    return f"check:src:{throttle.source(request)}", "check:all"


def _source_allowance():
    under_attack = throttle.count("check:all") >= settings.CHECK_FAILURES_GLOBAL_WINDOW
    if under_attack:
        return settings.CHECK_FAILURES_PER_SOURCE_UNDER_ATTACK
    return settings.CHECK_FAILURES_PER_SOURCE


def _session_paused(request):
    if request.session.get("check_failures", 0) >= settings.CHECK_FAILURES_PER_SESSION:
        if time.time() - request.session.get("check_failed_at", 0) < settings.CHECK_WINDOW_SECONDS:
            return True
        request.session["check_failures"] = 0
    return False


def _take_check_attempt(request):
    """Count the attempt before the code is checked (parallel requests get no more); False
    when it must be refused unheard."""
    if _session_paused(request):
        return False
    source_key, _all = _check_keys(request)
    return throttle.take(source_key, _source_allowance(), settings.CHECK_WINDOW_SECONDS)


def _count_failure(request):
    request.session["check_failures"] = request.session.get("check_failures", 0) + 1
    request.session["check_failed_at"] = time.time()
    throttle.hit(_check_keys(request)[1], settings.CHECK_WINDOW_SECONDS)


def _count_success(request):
    request.session["check_failures"] = 0
    throttle.give_back(_check_keys(request)[0])  # pupils behind one school router


def _enter_conversation(request, appeal, author, code=None):
    if author is None:
        params = vault.KdfParams(appeal.receipt_opslimit, appeal.receipt_memlimit)
        author = vault.author_key(code, appeal.school.receipt_salt, params)
    state = {"appeal": appeal.pk, "key": bytes(author.private_key).hex()}
    session_put(request, "author", json.dumps(state).encode())
    request.session.set_expiry(settings.AUTHOR_SESSION_SECONDS)


def check(request, slug):
    school = get_object_or_404(School, slug=slug)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _take_check_attempt(request):
            minutes = settings.CHECK_WINDOW_SECONDS // 60
            form.add_error(
                None,
                _("Too many wrong codes. Please wait %(minutes)d minutes and try again.")
                % {"minutes": minutes},
            )
        else:
            appeal, author = find_by_receipt(school, form.cleaned_data["code"])
            if appeal is None:
                _count_failure(request)
                form.add_error(
                    "code",
                    _(
                        "No appeal with this code was found at this school. Check the digits and the school."
                    ),
                )
            else:
                _count_success(request)
                _enter_conversation(request, appeal, author)
                return redirect("intake:conversation", slug=slug)
    return render(request, "intake/check.html", {"school": school, "form": form})


def _author_appeal(request, school):
    raw = session_get(request, "author")
    if not raw:
        return None, None
    state = json.loads(raw)
    appeal = Appeal.objects.filter(pk=state["appeal"], school=school).first()
    return appeal, PrivateKey(bytes.fromhex(state["key"]))


def conversation(request, slug):
    school = get_object_or_404(School, slug=slug)
    appeal, key = _author_appeal(request, school)
    if appeal is None:
        return redirect("intake:check", slug=slug)
    form = LetterFields(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        message = add_author_message(appeal, form.cleaned_data["text"])
        if form.cleaned_data.get("attachment"):
            add_attachment(appeal, message, form.cleaned_data["attachment"])
        enqueue(author_wrote, appeal.pk)
        enqueue(letter_arrived, appeal.pk)
        request.session["sent_flash"] = True
        return redirect("intake:conversation", slug=slug)
    messages = []
    shown = appeal.messages.filter(body_for_author__isnull=False)
    for m in shown.select_related("board_post").prefetch_related("attachments"):
        post = getattr(m, "board_post", None)
        messages.append(
            {
                "from_author": m.sender == m.AUTHOR,
                "on_board": m.channel == m.BOARD,
                "invitation": post is not None and post.is_invitation,
                "at": m.created_at,
                "text": vault.open_text(key, m.body_for_author),
                "files": len(m.attachments.all()),
            }
        )
    return render(
        request,
        "intake/conversation.html",
        {
            "school": school,
            "appeal": appeal,
            "messages_": messages,
            "form": form,
            "sent": request.session.pop("sent_flash", False),
            "help_lines": help_lines(),
        },
    )


@require_POST
def leave(request, slug):
    session_drop(request, "author")
    session_drop(request, "receipt")
    request.session.flush()
    return redirect("intake:school", slug=slug)
