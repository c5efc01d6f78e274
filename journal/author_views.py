"""The author's own data (Law No. 58): with the receipt code they download their letter and
the answers, or ask to erase their own words. No script; plain forms."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from intake.views import _author_appeal
from journal.retention import Held, author_copy, erase_at_authors_request, is_held
from schools.models import School


def author_download(request, slug):
    school = get_object_or_404(School, slug=slug)
    appeal, key = _author_appeal(request, school)
    if appeal is None:
        return redirect("intake:check", slug=slug)
    response = HttpResponse(author_copy(appeal, key), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ishenim-{appeal.tag}.txt"'
    response["Cache-Control"] = "no-store"
    return response


def author_erase(request, slug):
    school = get_object_or_404(School, slug=slug)
    appeal, _key = _author_appeal(request, school)
    if appeal is None:
        return redirect("intake:check", slug=slug)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            erase_at_authors_request(appeal)
        except Held:
            pass  # the page below says why
        else:
            return redirect("intake:conversation", slug=slug)
    return render(
        request,
        "journal/author_erase.html",
        {"school": school, "appeal": appeal, "held": is_held(appeal)},
    )
