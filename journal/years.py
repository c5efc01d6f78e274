"""The school years' journals: the closing date, closing the year, the frozen printed year,
and the letters carried over into the new year (regulation A, "Record keeping")."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from audit.models import record
from journal.closing import ChecksumError, carried_over, close_year, freeze_year_pdf, open_year_pdf
from schools.models import School, SchoolYear
from vault.keys import school_key

MANAGERS = (Membership.RESPONSIBLE, Membership.DIRECTOR, Membership.ADMIN)


class ClosingDateForm(forms.Form):
    closes_on = forms.DateField(
        label=gettext_lazy("The journal closes on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The end of the school year unless the school sets another day."),
        error_messages={"required": gettext_lazy("Give the day the journal closes.")},
    )

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_closes_on(self):
        value = self.cleaned_data["closes_on"]
        if not (self.year.starts_on <= value <= self.year.ends_on):
            raise forms.ValidationError(
                _("The day must fall within the school year (%(start)s – %(end)s).")
                % {
                    "start": self.year.starts_on.strftime("%d.%m.%Y"),
                    "end": self.year.ends_on.strftime("%d.%m.%Y"),
                }
            )
        return value


def _schools(user):
    return list(
        School.objects.filter(
            memberships__user=user,
            memberships__role__in=set(Membership.READERS) | set(MANAGERS),
        ).distinct()
    )


def _is_manager(user, school):
    return Membership.objects.filter(user=user, school=school, role__in=MANAGERS).exists()


@login_required
def years(request):
    schools = _schools(request.user)
    if not schools:
        raise Http404
    wanted = request.POST.get("school") or request.GET.get("school")
    school = next((s for s in schools if str(s.pk) == wanted), None) if wanted else schools[0]
    if school is None:
        raise Http404
    today = timezone.localdate()
    current = school.journal_year(today)
    key = school_key(request, school)
    manager = _is_manager(request.user, school)
    date_form = ClosingDateForm(
        initial={"closes_on": current.closing_date}, year=current, prefix="y"
    )
    if request.method == "POST":
        action = request.POST.get("action")
        year = get_object_or_404(SchoolYear, school=school, pk=request.POST.get("year"))
        if action == "closes_on" and manager and not year.is_closed:
            date_form = ClosingDateForm(request.POST, year=year, prefix="y")
            if date_form.is_valid():
                year.closes_on = date_form.cleaned_data["closes_on"]
                year.save(update_fields=["closes_on"])
                record(
                    "year_closing_date",
                    actor=request.user,
                    school=school,
                    year=str(year),
                    closes_on=year.closes_on.isoformat(),
                )
                messages.success(request, _("Saved."))
                return redirect(_url(school, schools))
        elif action == "close" and manager and not year.is_closed:
            close_year(year, request.user, today)
            messages.success(
                request,
                _("The journal of %(year)s is closed. New letters go to the next year's journal.")
                % {"year": year},
            )
            return redirect(_url(school, schools))
        elif action == "freeze" and key is not None and year.is_closed:
            lang = "ru" if request.LANGUAGE_CODE in ("ru", "en") else "ky"
            freeze_year_pdf(year, request.user, key, lang)
            messages.success(
                request, _("The printed journal of %(year)s is frozen.") % {"year": year}
            )
            return redirect(_url(school, schools))
        else:
            raise Http404
    return render(
        request,
        "journal/years.html",
        {
            "school": school,
            "schools": schools,
            "years": SchoolYear.objects.filter(school=school).order_by("-starts_on"),
            "current": current,
            "carried": carried_over(school, current),
            "date_form": date_form,
            "manager": manager,
            "locked": key is None,
            "today": today,
        },
    )


def _url(school, schools):
    from django.urls import reverse

    url = reverse("journal:years")
    return f"{url}?school={school.pk}" if len(schools) > 1 else url


@login_required
def year_pdf(request, pk):
    """The frozen printed year: opened with the school key and checked against its checksum."""
    schools = _schools(request.user)
    year = get_object_or_404(SchoolYear, school__in=schools, pk=pk, sealed_pdf__isnull=False)
    key = school_key(request, year.school)
    if key is None:
        raise Http404
    try:
        body = open_year_pdf(year, key)
    except ChecksumError:
        messages.error(
            request,
            _(
                "The frozen journal does not match the checksum kept when it was frozen. "
                "Tell the administrator: it may have been changed."
            ),
        )
        return redirect("journal:years")
    record("export", actor=request.user, school=year.school, document="year_pdf", year=str(year))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="journal-{year.school.slug}-{year.starts_on.year}-'
        f'v{year.pdf_version}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
