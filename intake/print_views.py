"""Printed paper for the real trust box: appeal forms with a tear-off stub (staff who read
letters), the foyer poster and the QR code (public), and the page that gathers them with a
link for the school's website (regulation A: pupils and parents are told about the trust mail at
class hours, parents' meetings and on the school website)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from audit.models import record
from intake.helplines import help_lines
from intake.models import print_form_codes
from intake.printables import POSTER_LANGUAGES, paper_forms_pdf, poster_pdf, qr_png
from ishenim.lib.urls import absolute_url
from schools.models import School

FORMS_MAX = 60

# The one line pasted into the school's website, in both languages (no script, no image).
SNIPPET_TEXT = (
    "Ишеним почтасы: мектепке кат жазыңыз — анонимдүү жазсаңыз да болот. / "
    "Почта доверия: напишите в школу — можно анонимно."
)


def mailbox_url(school):
    return absolute_url(reverse("intake:school", args=[school.slug]))


def check_url(school):
    return absolute_url(reverse("intake:check", args=[school.slug]))


def website_snippet(school):
    return f'<a href="{escape(mailbox_url(school))}">{escape(SNIPPET_TEXT)}</a>'


def _reader_schools(user):
    return School.objects.filter(
        memberships__user=user, memberships__role__in=Membership.READERS
    ).distinct()


def _chosen_school(request, schools):
    """The school named by ?school=<slug> among the user's own, else their first; another
    school's slug is a 404 (never reveal whether the user may not, or it does not exist)."""
    wanted = request.POST.get("school") or request.GET.get("school")
    if not wanted:
        return schools[0]
    for school in schools:
        if school.slug == wanted:
            return school
    raise Http404


class PaperFormsForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many forms"),
        min_value=1,
        max_value=FORMS_MAX,
        initial=6,
        help_text=_("Two forms on each A4 sheet. Each form has its own code."),
        error_messages={
            "required": _("Please say how many forms to print."),
            "invalid": _("Please type a whole number."),
            "min_value": _("Print at least %(limit_value)s form."),
            "max_value": _("At most %(limit_value)s forms at a time. Print again for more."),
        },
    )


@login_required
def print_home(request):
    schools = list(School.objects.for_user(request.user))
    if not schools:
        raise Http404
    school = _chosen_school(request, schools)
    may_print_forms = _reader_schools(request.user).filter(pk=school.pk).exists()
    return render(
        request,
        "intake/print_home.html",
        {
            "school": school,
            "schools": schools,
            "may_print_forms": may_print_forms,
            "mailbox_url": mailbox_url(school),
            "snippet": website_snippet(school),
        },
    )


@login_required
def print_forms(request):
    # Only those who read letters print forms: the forms' codes later open letters' answers.
    schools = list(_reader_schools(request.user))
    if not schools:
        raise Http404
    school = _chosen_school(request, schools)
    form = PaperFormsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = form.cleaned_data["count"]
        # Codes, rows and the audit event stand or fall together with the PDF.
        with transaction.atomic():
            codes = print_form_codes(school, count)
            pdf = paper_forms_pdf(
                (school.name_ky, school.name_ru), school.address, check_url(school), codes
            )
            record("paper_forms_printed", actor=request.user, school=school, count=count)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="ishenim-forms-{school.slug}.pdf"'
        response["Cache-Control"] = "no-store"  # the codes must not stay in any cache
        return response
    return render(
        request,
        "intake/print_forms.html",
        {"school": school, "schools": schools, "form": form, "forms_max": FORMS_MAX},
    )


def _help_lines(second="ru"):
    """(number, Kyrgyz label, label in `second`): numbers from settings, since they change."""
    with translation.override("ky"):
        ky = [(number, str(label)) for number, label in help_lines()]
    with translation.override(second):
        other = [str(label) for _number, label in help_lines()]
    return [(number, label_ky, label) for (number, label_ky), label in zip(ky, other, strict=True)]


def poster(request, slug):
    """Kyrgyz and Russian; ?second=uz puts Uzbek in the right-hand column instead, for the
    schools of the south where many pupils read Uzbek (the school has no Uzbek name, so its
    Kyrgyz name stands alone)."""
    school = get_object_or_404(School, slug=slug)
    second = request.GET.get("second", "ru")
    if second not in POSTER_LANGUAGES:
        raise Http404
    names = (school.name_ky, school.name_ru if second == "ru" else school.name_ky)
    pdf = poster_pdf(
        names, mailbox_url(school), school.answer_days, _help_lines(second), second=second
    )
    suffix = "" if second == "ru" else f"-{second}"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ishenim-poster-{school.slug}{suffix}.pdf"'
    return response


def qr(request, slug):
    school = get_object_or_404(School, slug=slug)
    response = HttpResponse(qr_png(mailbox_url(school)), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="ishenim-{school.slug}-qr.png"'
    return response
