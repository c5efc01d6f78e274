"""The board: staff publish and withdraw posts; anyone reads the school's board, on screen
(no script, no login) or as the A4 sheet for the real board beside the box."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import record
from board.forms import BoardPostForm
from board.models import BoardPost
from intake.helplines import help_lines
from journal.documents import BOARD_LANGUAGES
from journal.documents import board_pdf as render_board
from journal.models import Appeal, Message
from journal.sealing import add_staff_message
from journal.work import NotRegistered, mark_answered, require_registered
from schools.models import School


def _get_appeal_for_user(request, pk):
    """The appeal if this user may read it; 404 otherwise (never reveal it exists)."""
    return get_object_or_404(
        Appeal.objects.readable_by(request.user).select_related("school"), pk=pk
    )


@login_required
def staff_board(request, pk):
    appeal = _get_appeal_for_user(request, pk)
    form = BoardPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            require_registered(appeal)
        except NotRegistered as error:
            form.add_error(None, str(error))
        else:
            _publish(request, appeal, form.cleaned_data)
            messages.success(request, _("Published on the board."))
            return redirect("board:staff", pk=appeal.pk)
    posts = appeal.board_posts.select_related("published_by", "withdrawn_by")
    return render(
        request, "board/staff_board.html", {"appeal": appeal, "form": form, "posts": posts}
    )


def _publish(request, appeal, data):
    fields = {k: data[k] for k in ("kind", "question", "answer", "person")}
    with transaction.atomic():
        # A double submit publishes once (DESIGN.md §6).
        if appeal.board_posts.filter(withdrawn_at__isnull=True, **fields).exists():
            return
        post = BoardPost.objects.create(
            school=appeal.school,
            appeal=appeal,
            published_by=request.user,
            published_at=timezone.now(),
            **fields,
        )
        # The author who comes back with the code finds the answer in the conversation too.
        text = post.answer if post.kind == BoardPost.ANSWER else post.person
        post.message = add_staff_message(
            appeal, request.user, text, to_author=True, channel=Message.BOARD
        )
        post.save(update_fields=["message"])
        # Regulation A: for an anonymous author the board is the answer's channel.
        mark_answered(appeal, request.user, "board", on=post.published_on)
        record("board_publish", actor=request.user, appeal=appeal, post=post.pk, kind=post.kind)


@login_required
@require_POST
def withdraw(request, pk, post_pk):
    appeal = _get_appeal_for_user(request, pk)
    post = get_object_or_404(appeal.board_posts, pk=post_pk)
    if post.withdrawn_at is None:
        post.withdrawn_at = timezone.now()
        post.withdrawn_by = request.user
        post.save(update_fields=["withdrawn_at", "withdrawn_by"])
        record("board_withdraw", actor=request.user, appeal=appeal, post=post.pk)
        messages.success(request, _("Withdrawn from the board."))
    return redirect("board:staff", pk=appeal.pk)


def public_board(request, slug):
    school = get_object_or_404(School, slug=slug)
    return render(
        request,
        "board/public_board.html",
        {
            "school": school,
            "posts": BoardPost.objects.current(school),
            "help_lines": help_lines(),
        },
    )


def _document_language():
    # The sheet exists in Kyrgyz, Russian and Uzbek; an English reader in Kyrgyzstan reads
    # Russian more readily, and School.name shows Russian for "en" too.
    language = translation.get_language()
    if language in BOARD_LANGUAGES:
        return language
    return "ru" if language == "en" else "ky"


def board_pdf(request, slug):
    school = get_object_or_404(School, slug=slug)
    lang = _document_language()
    posts = [p.as_document_post() for p in BoardPost.objects.current(school)]
    with translation.override(lang):
        # Numbers come from settings (they change); labels in the sheet's language.
        lines = [(number, str(label)) for number, label in help_lines()]
        name = school.name_ru if lang == "ru" else school.name_ky  # no Uzbek name
        data = render_board(name, posts, lang, timezone.localdate(), help_lines=lines)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="board-{school.slug}.pdf"'
    response["Cache-Control"] = "no-cache"  # a withdrawn post must not linger in a cache
    return response
