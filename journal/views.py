"""The staff side: the journal, an appeal's work and answers. Every read of sealed content,
every export and every change is an audit event."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

import vault
from accounts.menu import home_url
from accounts.models import Membership
from audit.models import Event, record
from journal import notices
from journal.forms import (
    CorrectionsExportForm,
    DateCorrectionForm,
    EmailAnswerForm,
    InPersonForm,
    JournalFilterForm,
    PaperLetterForm,
    RegisterForm,
    ReplyForm,
    VoidForm,
    WorkForm,
)
from journal.history import history as appeal_history
from journal.models import Appeal, JournalCorrection, Message, initials
from journal.names import replace_names
from journal.paging import NEWEST_FIRST, URGENT_OPEN, UrgentFirst
from journal.sealing import add_staff_message, open_attachment, open_identity
from journal.work import (
    FormCodeError,
    NotRegistered,
    correct,
    mark_answered,
    register,
    register_paper,
    require_registered,
    update_work,
    void,
)
from notify.models import Notice
from notify.tasks import enqueue
from schools.models import School, SchoolYear
from search import index as search_index
from triage.engine import classify, highlight
from triage.reasons import explains, reason, reasons
from urgent.tasks import letter_arrived
from vault.keys import school_key

PAGE_SIZE = 50
# A search counts its matches up to this many; past it the journal says "more than 1,000" and
# pages through the first 1,000 (refine the search to see others).
SEARCH_COUNT_CAP = 1000
FLOOD_SHOWN = 200  # the folded flood line lists this many; the count is exact
OPEN_FIRST = Case(
    When(status__in=Appeal.OPEN_STATUSES, urgency=Appeal.URGENT, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def _get_appeal_for_user(request, pk):
    """The appeal if this user may read it; 404 otherwise (never reveal it exists)."""
    return get_object_or_404(
        Appeal.objects.readable_by(request.user).select_related("school", "school_year"), pk=pk
    )


def _reader_schools(user):
    return School.objects.filter(
        memberships__user=user, memberships__role__in=Membership.READERS
    ).distinct()


def _by_name(school):
    """School's own order (Meta.ordering), for schools gathered from memberships."""
    return (school.name_ky, school.pk)


def _keys(request, schools):
    return {s.pk: school_key(request, s) for s in schools}


def _filtered(user, form):
    appeals = (
        Appeal.objects.in_journal_of(user)
        .select_related("school", "school_year", "assignee")
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=Message.objects.filter(sender=Message.AUTHOR),
                to_attr="author_messages",
            )
        )
    )
    if not form.is_valid():
        return appeals.order_by(OPEN_FIRST, "-received_on", "-id"), ""
    d = form.cleaned_data
    if any(d.get(f) for f in ("status", "category", "urgency", "channel", "overdue")):
        # A filter on what a kept letter hides would tell it: kept letters answer no filter.
        appeals = appeals.filter(kept=False)
    for field in ("status", "category", "urgency", "channel"):
        if d.get(field):
            appeals = appeals.filter(**{field: d[field]})
    if d.get("year"):
        appeals = appeals.filter(school_year_id=d["year"])
    if d.get("date_from"):
        appeals = appeals.filter(received_on__gte=d["date_from"])
    if d.get("date_to"):
        appeals = appeals.filter(received_on__lte=d["date_to"])
    if d.get("overdue"):
        appeals = appeals.filter(
            status__in=Appeal.OPEN_STATUSES,
            answered_on__isnull=True,
            due_on__lt=timezone.localdate(),
        )
    return appeals.order_by(OPEN_FIRST, "-received_on", "-id"), d.get("q", "").strip()


# The coded fields a journal row shows as words (each row's `labels`).
LABELLED = ("urgency", "channel", "status", "category", "author_kind")
DEADLINE_BADGES = {
    "overdue": ("urgent", _lazy("overdue")),
    "today": ("attention", _lazy("due today")),
    "tomorrow": ("attention", _lazy("due tomorrow")),
}


def _labels():
    """{field: {code: word}} in the active language, made once per page: the model's
    get_FOO_display() rebuilds and hashes the translated choices for every call (5 × 50)."""
    return {
        name: {code: str(word) for code, word in Appeal._meta.get_field(name).flatchoices}
        for name in LABELLED
    }


def journal_rows(appeals, keys, today=None, readable=None):
    """The journal's seven fields for each appeal, opened with the school keys at hand.
    `readable`: the schools whose letters this user may open (a row links to its letter).
    Each key is opened once for the whole page (`keys` holds the unsealed keyrings)."""
    today = today or timezone.localdate()
    words = _labels()
    badges = {state: (css, str(word)) for state, (css, word) in DEADLINE_BADGES.items()}
    rows = []
    for a in appeals:
        if getattr(a, "kept", False):
            # Finding 7: the author kept it from this user: its number and dates, nothing else.
            rows.append({"appeal": a, "kept": True, "locked": True, "readable": False})
            continue
        key = keys.get(a.school_id)
        deadline = a.deadline_state(today)
        row = {
            "appeal": a,
            "deadline": deadline,
            "badge": badges.get(deadline),
            "labels": {f: words[f].get(getattr(a, f), getattr(a, f)) for f in LABELLED},
            "locked": key is None,
            "readable": readable is None or a.school_id in readable,
        }
        if key is not None:
            identity = open_identity(key, a)
            row["author"] = ", ".join(str(identity[k]) for k in ("name", "age") if identity.get(k))
            row["contact"] = ", ".join(
                str(identity[k]) for k in ("address", "phone", "email") if identity.get(k)
            )
            row["summary"] = (
                _("erased at the author's request")
                if a.erased_at_authors_request
                else vault.open_text(key, a.sealed_summary)
            )
            row["measures"] = vault.open_text(key, a.sealed_measures)
            first = a.author_messages[0] if a.author_messages else None
            row["excerpt"] = vault.open_text(key, first.body_for_school)[:160] if first else ""
        rows.append(row)
    return rows


@login_required
def journal(request):
    # The user's memberships once, with their schools: the schools they see (School.for_user)
    # and those whose letters they read (_reader_schools) without two DISTINCT queries.
    memberships = list(Membership.objects.filter(user=request.user).select_related("school"))
    schools = sorted({m.school_id: m.school for m in memberships}.values(), key=_by_name)
    if not schools:
        # District staff have no journal: each role starts on its own page (issue 15).
        home = home_url(request.user)
        if home != request.path:
            return redirect(home)
    readable = {m.school_id for m in memberships if m.role in Membership.READERS}
    keys = {pk: k for pk, k in _keys(request, schools).items() if pk in readable}
    years = SchoolYear.objects.filter(school__in=schools).order_by("-starts_on")
    form = JournalFilterForm(request.GET or None, years=years)
    if not readable:
        del form.fields["q"]  # searching inside letters needs a key
    appeals, query = _filtered(request.user, form)
    # The page shows no school, year or assignee of a row (the exports do): no joins for them.
    appeals = appeals.select_related(None)
    if query:
        appeals = search_index.matching(appeals.filter(kept=False), query, keys)
    # The user's schools also as plain ids: with one school the database sees an equality and
    # walks the journal's index in order (journal/paging.py).
    appeals = appeals.filter(school_id__in=[s.pk for s in schools])
    # Finding 11: letters marked as a possible flood fold into one line under the list; open
    # urgent ones stay in the list (and in the urgent lane).
    flooded = Q(possible_flood=True, kept=False) & ~URGENT_OPEN
    flood = appeals.filter(flooded)
    flood_count = flood.count()
    everything, appeals = appeals, appeals.exclude(flooded)
    first = URGENT_OPEN & Q(kept=False)
    listed = UrgentFirst(
        appeals,
        first,
        cap=SEARCH_COUNT_CAP if query else None,
        # The same exact count without testing every letter of the year for the flood line
        # (on an index only, ~10 times faster at 100,000 letters).
        count=lambda: everything.order_by().count() - flood_count,
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    # The director holds no key: rows of figures, without links that would end in a 404.
    rows = journal_rows(page.object_list, keys, readable=readable)
    search_index.index_page(page.object_list, keys)  # the sealed search's index (search/index.py)
    flood_rows = (
        journal_rows(flood.order_by(*NEWEST_FIRST)[:FLOOD_SHOWN], {}, readable=readable)
        if flood_count
        else []
    )
    opened = [r["appeal"].pk for r in rows if not r["locked"]]
    if opened:
        record(
            "journal_read",
            actor=request.user,
            school=schools[0] if len(schools) == 1 else None,
            appeals=opened,
            search=bool(query),
        )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "journal/journal.html",
        {
            "rows": rows,
            "flood_count": flood_count,
            "flood_rows": flood_rows,
            "page": page,
            "more_than": SEARCH_COUNT_CAP if listed.capped else None,
            "form": form,
            "schools": schools,
            "locked": bool(readable) and not any(keys.values()),
            "reader": bool(readable),
            "reader_school_ids": sorted(readable),  # for the urgent lane, not asked again
            "params": params.urlencode(),
        },
    )


def _staff_of(school):
    return (
        get_user_model()
        .objects.filter(memberships__school=school, memberships__role__in=Membership.READERS)
        .distinct()
        .order_by("last_name", "first_name")
    )


@login_required
def appeal_detail(request, pk):
    appeal = _get_appeal_for_user(request, pk)
    key = school_key(request, appeal.school)
    if key is None:
        return render(request, "journal/appeal_detail.html", {"appeal": appeal, "locked": True})
    search_index.index_letters(key, [appeal])
    identity = open_identity(key, appeal)
    sealed = {
        "summary": vault.open_text(key, appeal.sealed_summary),
        "measures": vault.open_text(key, appeal.sealed_measures),
        "referral_note": vault.open_text(key, appeal.sealed_referral_note),
    }
    forms_ = {
        "reply": ReplyForm(prefix="reply"),
        "register": RegisterForm(prefix="reg", initial={"summary": sealed["summary"]}),
        "work": WorkForm(
            prefix="work",
            staff=_staff_of(appeal.school),
            journal=sealed if appeal.number else None,
            initial={
                "status": appeal.status,
                "category": appeal.category or "other",
                "urgency": appeal.urgency,
                "assignee": appeal.assignee_id,
                "referred_to": appeal.referred_to,
                "referred_on": appeal.referred_on,
                "also_reported_elsewhere": appeal.also_reported_elsewhere,
                **sealed,
            },
        ),
        "email": EmailAnswerForm(
            prefix="mail",
            initial={"subject": _("Answer to your appeal %(tag)s") % {"tag": appeal.tag}},
        ),
        "in_person": InPersonForm(prefix="talk", initial={"held_on": timezone.localdate()}),
        "fix_date": DateCorrectionForm(prefix="fix", appeal=appeal),
        "void": VoidForm(prefix="void"),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        done = _handle(request, appeal, key, action, forms_, identity)
        if done:
            return redirect("journal:appeal", pk=appeal.pk)
    items, triage_reasons = _conversation(appeal, key)
    record("appeal_read", actor=request.user, appeal=appeal)
    Notice.objects.filter(user=request.user, appeal=appeal, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    history = appeal_history(
        Event.objects.filter(appeal=appeal).select_related("actor").order_by("-id")[:50]
    )
    void_reason = vault.open_text(key, appeal.sealed_void_reason) if appeal.is_voided else ""
    return render(
        request,
        "journal/appeal_detail.html",
        {
            "appeal": appeal,
            "items": items,
            "identity": identity,
            "sealed": sealed,
            "history": history,
            "deadline": appeal.deadline_state(),
            "triage_reasons": triage_reasons,
            "versions": _versions(appeal, key),
            "void_reason": void_reason,
            **forms_,
        },
    )


def _versions(appeal, key):
    """The journal entry's corrections, opened: each a new version of one field."""
    rows = []
    for c in appeal.corrections.select_related("made_by"):
        if c.field in JournalCorrection.SEALED:
            old, new = vault.open_text(key, c.sealed_old), vault.open_text(key, c.sealed_new)
        else:
            old, new = _day(c.old_date), _day(c.new_date)
        rows.append(
            {
                "c": c,
                "old": old,
                "new": new,
                "reason": vault.open_text(key, c.sealed_reason),
            }
        )
    return rows


def _day(value):
    return f"{value:%d.%m.%Y}" if value else ""


def _conversation(appeal, key):
    """The opened messages, the author's with marked phrases, and the triage's reasons in the
    staff member's language. A mark refers to its reason by sentence, never by rule id."""
    conversation = appeal.messages.select_related("staff_user").prefetch_related("attachments")
    opened = [(m, vault.open_text(key, m.body_for_school)) for m in conversation]
    results = {m.pk: classify(text) for m, text in opened if m.sender == Message.AUTHOR}
    category = appeal.suggested_category or appeal.category
    triage_reasons = reasons(appeal.triage_rules, results.values(), category=category)
    for number, entry in enumerate(triage_reasons, 1):
        entry["anchor"] = f"reason-{number}"
    anchors = {entry["sentence"]: entry["anchor"] for entry in triage_reasons}
    items = []
    for m, text in opened:
        parts = [(text, None, None)]
        if m.pk in results:
            parts = []
            for part, rule_id in highlight(text, results[m.pk]):
                shown = rule_id and explains(rule_id, category)
                sentence = reason(rule_id) if shown else None
                parts.append((part, sentence, anchors.get(sentence)))
        items.append({"m": m, "parts": parts})
    return items, triage_reasons


def _refused_unregistered(appeal, form):
    """Every answer path waits for the journal number; the refusal keeps what was typed."""
    try:
        require_registered(appeal)
    except NotRegistered as error:
        form.add_error(None, str(error))
        return True
    return False


def _handle(request, appeal, key, action, forms_, identity):
    """One POST action of the appeal page; returns True when done (redirect)."""
    post = request.POST
    if appeal.is_voided and action != "erase_identity":
        messages.error(request, _("This entry is voided: it is kept as it is and not worked on."))
        return True
    if action == "reply":
        form = forms_["reply"] = ReplyForm(post, prefix="reply")
        if form.is_valid():
            to_author = form.cleaned_data["to_author"]
            if to_author and _refused_unregistered(appeal, form):
                return False
            add_staff_message(appeal, request.user, form.cleaned_data["text"], to_author=to_author)
            if to_author:
                mark_answered(appeal, request.user, Message.CONVERSATION)
            else:
                record("note", actor=request.user, appeal=appeal)
            return True
    elif action == "register":
        form = forms_["register"] = RegisterForm(post, prefix="reg")
        if form.is_valid():
            appeal = register(appeal, request.user, summary=form.cleaned_data["summary"])
            messages.success(
                request,
                _("Registered in the journal as No. %(number)d.") % {"number": appeal.number},
            )
            return True
    elif action == "work":
        journal_values = None
        if appeal.number:
            journal_values = {
                f: vault.open_text(key, getattr(appeal, f"sealed_{f}"))
                for f in ("summary", "measures")
            }
        form = forms_["work"] = WorkForm(
            post, prefix="work", staff=_staff_of(appeal.school), journal=journal_values
        )
        if form.is_valid():
            changed = update_work(appeal, request.user, form.cleaned_data, key)
            if changed:
                messages.success(request, _("Saved."))
            return True
    elif action == "email":
        form = forms_["email"] = EmailAnswerForm(post, prefix="mail")
        if not identity.get("email"):
            form.add_error(
                None,
                _(
                    "The author left no e-mail address. Answer in person, "
                    "in the conversation or on the board."
                ),
            )
        elif form.is_valid() and not _refused_unregistered(appeal, form):
            return _send_email_answer(request, appeal, form, identity["email"])
    elif action == "in_person":
        form = forms_["in_person"] = InPersonForm(
            post, prefix="talk", received_on=appeal.received_on
        )
        if form.is_valid() and not _refused_unregistered(appeal, form):
            add_staff_message(
                appeal,
                request.user,
                form.cleaned_data["text"],
                to_author=False,
                channel=Message.IN_PERSON,
            )
            mark_answered(appeal, request.user, Message.IN_PERSON, on=form.cleaned_data["held_on"])
            return True
    elif action == "fix_date" and appeal.number:
        form = forms_["fix_date"] = DateCorrectionForm(post, prefix="fix", appeal=appeal)
        if form.is_valid():
            d = form.cleaned_data
            correct(appeal, request.user, d["field"], d["new_date"], d["reason"], key)
            messages.success(request, _("The correction is entered; the old date is kept."))
            return True
    elif action == "void" and appeal.number:
        form = forms_["void"] = VoidForm(post, prefix="void")
        if form.is_valid():
            void(appeal, request.user, form.cleaned_data["reason"])
            messages.success(
                request,
                _("Entry No. %(number)d is voided. It keeps its number.")
                % {"number": appeal.number},
            )
            return True
    elif action == "resend":
        if appeal.number is None:
            return True  # an e-mail answer is only ever saved for a registered letter
        return _resend(request, appeal, key, identity)
    elif action == "erase_identity":
        # Law on personal data: a person may ask to have their data removed. The journal
        # entry stays (the regulation keeps it); the name, age and contacts go.
        if request.POST.get("confirm") and appeal.sealed_identity:
            Appeal.objects.filter(pk=appeal.pk).update(sealed_identity=None, is_anonymous=True)
            record("identity_erased", actor=request.user, appeal=appeal)
            messages.success(request, _("The author's name and contacts were erased."))
        return True
    return False


@login_required
def author_data(request, pk):
    """Everything stored about the author of one appeal, for their request (Law No. 58)."""
    appeal = _get_appeal_for_user(request, pk)
    key = school_key(request, appeal.school)
    if key is None:
        return redirect("journal:appeal", pk=appeal.pk)
    identity = open_identity(key, appeal)
    appeal_word, received_word = _("Appeal"), _("Date received")
    lines = [
        f"{appeal_word} {appeal.tag} · {appeal.school.name}",
        f"{received_word}: {appeal.received_on:%d.%m.%Y}",
        "",
    ]
    lines += [f"{label}: {identity[k]}" for k, label in IDENTITY_LABELS if identity.get(k)]
    lines.append("")
    for m in appeal.messages.filter(sender=Message.AUTHOR):
        lines += [f"— {m.created_at:%d.%m.%Y %H:%M}", vault.open_text(key, m.body_for_school), ""]
    record("export", actor=request.user, appeal=appeal, what="author_data")
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="author-{appeal.tag}.txt"'
    response["Cache-Control"] = "no-store"
    return response


IDENTITY_LABELS = [
    ("name", _lazy("Name and surname")),
    ("age", _lazy("Age")),
    ("school_class", _lazy("Class")),
    ("address", _lazy("Address")),
    ("phone", _lazy("Phone")),
    ("email", _lazy("E-mail")),
]


def _send_email_answer(request, appeal, form, address):
    """Send now; the answer is kept sealed either way, so a mail-server fault loses nothing."""
    text = form.cleaned_data["text"]
    message = add_staff_message(
        appeal, request.user, text, to_author=True, channel=Message.EMAIL, delivered=False
    )
    if _deliver(appeal, message, form.cleaned_data["subject"], text, address):
        mark_answered(appeal, request.user, Message.EMAIL)
        messages.success(request, _("The answer was sent by e-mail."))
    else:
        messages.error(
            request,
            _("The mail server did not answer. The answer is saved; press “Send again” later."),
        )
    return True


def _deliver(appeal, message, subject, text, address):
    try:
        EmailMessage(subject, text, to=[address]).send()
    except Exception:  # noqa: BLE001 — any transport error: keep the answer, retry by hand
        record("email_failed", appeal=appeal, message=message.pk)
        return False
    Message.objects.filter(pk=message.pk).update(delivered_at=timezone.now())
    return True


def _resend(request, appeal, key, identity):
    pending = appeal.messages.filter(channel=Message.EMAIL, delivered_at__isnull=True)
    subject = _("Answer to your appeal %(tag)s") % {"tag": appeal.tag}
    for message in pending:
        text = vault.open_text(key, message.body_for_school)
        if _deliver(appeal, message, subject, text, identity.get("email", "")):
            mark_answered(appeal, request.user, Message.EMAIL)
            messages.success(request, _("The answer was sent by e-mail."))
        else:
            messages.error(
                request,
                _("The mail server did not answer. The answer is saved; press “Send again” later."),
            )
            break
    return True


@login_required
def attachment(request, pk, attachment_pk):
    appeal = _get_appeal_for_user(request, pk)
    item = get_object_or_404(appeal.attachments, pk=attachment_pk)
    key = school_key(request, appeal.school)
    if key is None:
        return redirect("journal:appeal", pk=appeal.pk)
    name, content_type, data = open_attachment(key, item)
    record("attachment_read", actor=request.user, appeal=appeal, attachment=item.pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def paper_letter(request):
    schools = list(_reader_schools(request.user))
    if not schools:
        return redirect("journal:home")
    school = _chosen_school(request, schools)
    readers = list(_staff_of(school).filter(is_active=True))
    form = PaperLetterForm(request.POST or None, request.FILES or None, readers=readers)
    if request.method == "POST":
        already = _paper_letter_of_token(school, request.POST.get("token"))
        if already is not None:  # the same form again: one letter, one number
            return _registered(request, already)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            appeal = register_paper(
                school,
                request.user,
                received_on=d["received_on"],
                text=d["text"],
                author_kind=d["author_kind"],
                identity=form.identity(),
                summary=d["summary"],
                attachment=d.get("photo"),
                form_code=d.get("form_code"),
                token=d.get("token"),
                excluded_staff=form.excluded_users(),
            )
        except IntegrityError:  # registered by the same form a moment ago, in parallel
            already = _paper_letter_of_token(school, d.get("token"))
            if already is None:
                raise
            return _registered(request, already)
        except FormCodeError as error:
            form.add_error("form_code", str(error))
            return render(
                request,
                "journal/paper_letter.html",
                {"form": form, "school": school, "schools": schools},
            )
        # An urgent letter from the box alerts like an online one; excluded staff are skipped.
        enqueue(letter_arrived, appeal.pk)
        if request.user in form.excluded_users():
            messages.success(
                request,
                _("Registered in the journal as No. %(number)d.") % {"number": appeal.number},
            )
            return redirect("journal:home")  # the author kept it from the one who typed it in
        return _registered(request, appeal)
    return render(
        request, "journal/paper_letter.html", {"form": form, "school": school, "schools": schools}
    )


def _paper_letter_of_token(school, token):
    if not token:
        return None
    return Appeal.objects.filter(school=school, submission_token=token).first()


def _registered(request, appeal):
    messages.success(
        request, _("Registered in the journal as No. %(number)d.") % {"number": appeal.number}
    )
    return redirect("journal:appeal", pk=appeal.pk)


def _chosen_school(request, schools):
    wanted = request.POST.get("school") or request.GET.get("school")
    return next((s for s in schools if str(s.pk) == wanted), schools[0])


EXPORT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_CHUNK = 50  # letters opened between two progress reports


@login_required
def export(request, fmt):
    """The journal's file at once, in this request. The journal page asks for it as a long job
    (jobs/) instead, so that a big school year shows progress rather than a hanging page."""
    schools = list(_reader_schools(request.user))
    if not schools:
        return redirect("journal:home")
    school = _chosen_school(request, schools)
    key = school_key(request, school)
    if key is None:
        return redirect("journal:home")
    lang = "ru" if request.LANGUAGE_CODE in ("ru", "en") else "ky"
    data, filename = export_file(request.user, school, key, fmt, request.GET.urlencode(), lang)
    response = HttpResponse(data, content_type=EXPORT_TYPES.get(fmt, EXPORT_TYPES["xlsx"]))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def export_file(user, school, key, fmt, query_string, lang, progress=None):
    """The journal of one school year as (bytes, file name), filtered as the journal page's
    query string says. `progress(done, total)` is told after each chunk of letters opened."""
    from journal.documents import journal_pdf, journal_xlsx

    # The same filter as the journal page; the printed book is one school year (the one
    # chosen, or the current one), so its numbers never repeat.
    params = QueryDict(query_string)
    form = JournalFilterForm(
        params or None, years=SchoolYear.objects.filter(school=school).order_by("-starts_on")
    )
    appeals, query = _filtered(user, form)
    year = (form.is_valid() and form.cleaned_data.get("year")) or None
    year = (
        SchoolYear.objects.filter(school=school, pk=year).first() if year else None
    ) or school.current_school_year()
    appeals = appeals.filter(school=school, school_year=year, number__isnull=False)
    if query:
        appeals = search_index.matching(appeals.filter(kept=False), query, {school.pk: key})
    appeals = appeals.order_by("number")
    with translation.override(lang):
        filter_line = _filter_line(form, year, lang)
    anonymous = "Аноним" if lang == "ru" else "Анонимдүү"
    appeals = list(appeals.select_related("voided_by").prefetch_related("corrections__made_by"))
    rows = []
    for start in range(0, len(appeals), EXPORT_CHUNK):
        chunk = appeals[start : start + EXPORT_CHUNK]
        rows += [
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
            for r in journal_rows(chunk, {school.pk: key})
        ]
        if progress:
            progress(len(rows), len(appeals))
    name = school.name_ru if lang == "ru" else school.name_ky
    record(
        "export",
        actor=user,
        school=school,
        format=fmt,
        year=str(year),
        rows=len(rows),
        filtered=sorted(k for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v),
    )
    if fmt == "pdf":
        data = journal_pdf(name, str(year), rows, lang, filter_line=filter_line)
    else:
        fmt = "xlsx"
        data = journal_xlsx(name, str(year), rows, lang, filter_line=filter_line)
    return data, f"journal-{school.slug}-{year.starts_on.year}.{fmt}"


def _corrections_for_print(appeal, key):
    """What the printed journal needs to show a corrected book: each corrected field's old
    values with the corrector's initials and date, and a voided entry's reason."""
    extra = {}
    corrections = {}
    for c in appeal.corrections.all():
        if c.field in JournalCorrection.SEALED:
            old = vault.open_text(key, c.sealed_old)
        else:
            old = c.old_date
        corrections.setdefault(c.field, []).append(
            {"old": old, "by": c.initials, "on": timezone.localdate(c.made_at)}
        )
    if corrections:
        extra["corrections"] = corrections
    if appeal.is_voided:
        extra["voided"] = {
            "reason": vault.open_text(key, appeal.sealed_void_reason),
            "by": initials(appeal.voided_by),
            "on": timezone.localdate(appeal.voided_at),
        }
    return extra


def _filter_line(form, year, lang):
    """The export's first line: which filter made it, in words (never a field's code)."""
    from journal.documents import WORDS

    conditions = [f"{form.fields['year'].label} — {year}"]
    d = form.cleaned_data if form.is_valid() else {}
    for name in ("status", "category", "urgency", "channel"):
        if d.get(name):
            shown = dict(form.fields[name].choices).get(d[name], "")
            conditions.append(f"{form.fields[name].label} — {shown}")
    for name in ("date_from", "date_to"):
        if d.get(name):
            conditions.append(f"{form.fields[name].label} — {d[name]:%d.%m.%Y}")
    if d.get("overdue"):
        conditions.append(str(form.fields["overdue"].label))
    if (d.get("q") or "").strip():
        conditions.append(f"{form.fields['q'].label} — «{d['q'].strip()}»")
    if len(conditions) == 1:
        conditions.append(WORDS[lang]["all_entries"])
    return WORDS[lang]["filter"].format(conditions="; ".join(conditions))


def _own_school_or_404(request, schools):
    """The school asked for (or the first); 404 for any other, so nobody learns it exists."""
    wanted = request.POST.get("school") or request.GET.get("school")
    if not wanted:
        return schools[0]
    school = next((s for s in schools if str(s.pk) == wanted), None)
    if school is None:
        raise Http404
    return school


@login_required
def corrections(request):
    """Staff corrections of the triage as labelled JSONL rows, so a district can retrain the
    triage on its own letters (issue 12). Key holders only; the text only when asked for,
    with names replaced; every export is an audit event."""
    schools = list(_reader_schools(request.user))
    if not schools:
        raise Http404
    school = _own_school_or_404(request, schools)
    key = school_key(request, school)
    appeals = Appeal.objects.readable_by(request.user).filter(school=school).corrected()
    form = CorrectionsExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and key is not None and form.is_valid():
        d = form.cleaned_data
        if d["date_from"]:
            appeals = appeals.filter(received_on__gte=d["date_from"])
        if d["date_to"]:
            appeals = appeals.filter(received_on__lte=d["date_to"])
        appeals = list(appeals.order_by("received_on", "id"))
        lines = [
            json.dumps(_labelled_row(a, key, d["include_text"]), ensure_ascii=False)
            for a in appeals
        ]
        record(
            "export",
            actor=request.user,
            school=school,
            what="triage_corrections",
            rows=len(lines),
            with_text=d["include_text"],
            appeals=[a.pk for a in appeals],
        )
        response = HttpResponse(
            "".join(f"{line}\n" for line in lines), content_type="application/x-ndjson"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="triage-corrections-{school.slug}.jsonl"'
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "journal/corrections.html",
        {
            "form": form,
            "school": school,
            "schools": schools,
            "locked": key is None,
            "count": appeals.count(),
        },
    )


def _labelled_row(appeal, key, include_text):
    """One row in the triage data's shape. The appeal's tag, not its journal number, names
    it; the language is not recorded for appeals, so it is left empty."""
    row = {
        "id": appeal.tag,
        "lang": "",
        "urgent": appeal.urgency == Appeal.URGENT,
        "urgency": appeal.urgency,
        "category": appeal.category,
        "suggested_urgency": appeal.suggested_urgency,
        "suggested_category": appeal.suggested_category,
        "rules": appeal.triage_rules,
    }
    if include_text:
        name = open_identity(key, appeal).get("name", "")
        letters = appeal.messages.filter(sender=Message.AUTHOR)
        text = "\n\n".join(vault.open_text(key, m.body_for_school) for m in letters)
        row["text"] = replace_names(text, [name])
    return row


def _back(request):
    """Back to the page the panel was on (a local path only), else the journal."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("journal:home")


@login_required
@require_POST
def notice_read(request, pk):
    """One urgent notice, or a reminder's whole group (its letter and kind)."""
    notice = Notice.objects.filter(user=request.user, pk=pk).first()
    if notice is not None:
        notices.mark_read(request.user, notice, timezone.now())
    return _back(request)


@login_required
@require_POST
def notices_read_all(request):
    """Every reminder at once; urgent notices stay until each is read (issue 15)."""
    notices.mark_all_reminders_read(request.user, timezone.now())
    return _back(request)
