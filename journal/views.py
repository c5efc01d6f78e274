"""The staff side of appeals. Every read of sealed content is an audit event."""

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

import vault
from audit.models import record
from journal.forms import ReplyForm
from journal.models import Appeal
from journal.sealing import add_staff_message, open_attachment, open_identity
from notify.models import Notice
from schools.models import School
from vault.keys import school_key

URGENCY_RANK = Case(
    When(urgency=Appeal.URGENT, then=Value(0)),
    When(urgency=Appeal.ATTENTION, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _get_appeal_for_user(request, pk):
    """The appeal if this user may read it; 404 otherwise (never reveal it exists)."""
    return get_object_or_404(Appeal.objects.readable_by(request.user).select_related("school"), pk=pk)


@login_required
def staff_home(request):
    schools = list(School.objects.for_user(request.user))
    appeals = list(
        Appeal.objects.readable_by(request.user)
        .select_related("school")
        .prefetch_related("messages")
        .annotate(rank=URGENCY_RANK)
        .order_by("rank", "-created_at")[:100]
    )
    keys = {s.pk: school_key(request, s) for s in schools}
    rows = []
    for appeal in appeals:
        key = keys.get(appeal.school_id)
        first = appeal.messages.all()[0] if appeal.messages.all() else None
        excerpt = vault.open_text(key, first.body_for_school)[:200] if key and first else None
        rows.append({"appeal": appeal, "excerpt": excerpt})
    if rows and any(keys.values()):
        record("list_read", actor=request.user, school=schools[0] if len(schools) == 1 else None,
               appeals=[a.pk for a in appeals if keys.get(a.school_id)])
    notices = Notice.objects.filter(user=request.user, read_at__isnull=True).select_related("appeal")[:20]
    return render(
        request,
        "journal/staff_home.html",
        {"rows": rows, "schools": schools, "locked": not any(keys.values()), "notices": notices},
    )


@login_required
def appeal_detail(request, pk):
    appeal = _get_appeal_for_user(request, pk)
    key = school_key(request, appeal.school)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and key and form.is_valid():
        add_staff_message(appeal, request.user, form.cleaned_data["text"],
                          to_author=form.cleaned_data["to_author"])
        if form.cleaned_data["to_author"] and appeal.status in (Appeal.NEW, Appeal.REGISTERED, Appeal.IN_WORK):
            appeal.status = Appeal.ANSWERED
            appeal.save(update_fields=["status"])
        record("reply", actor=request.user, appeal=appeal, to_author=form.cleaned_data["to_author"])
        return redirect("journal:appeal", pk=appeal.pk)
    messages_ = []
    identity = {}
    if key:
        for m in appeal.messages.select_related("staff_user").prefetch_related("attachments"):
            messages_.append({"m": m, "text": vault.open_text(key, m.body_for_school)})
        identity = open_identity(key, appeal)
        record("appeal_read", actor=request.user, appeal=appeal)
    Notice.objects.filter(user=request.user, appeal=appeal, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(
        request,
        "journal/appeal_detail.html",
        {"appeal": appeal, "messages_": messages_, "identity": identity, "form": form,
         "locked": key is None},
    )


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
