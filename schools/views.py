"""School settings: the regulation's parameters and the school's own days off."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Membership
from audit.models import record
from intake.helplines import help_lines
from schools.calendar import public_holidays
from schools.forms import ContactForm, DayOffForm, RegulationForm, SchoolSettingsForm
from schools.models import DayOff, Regulation, School, SchoolContact
from schools.regulation import data_sheet_pdf, describe, regulation_pdf
from schools.setup import choose_regulation

MANAGERS = (Membership.RESPONSIBLE, Membership.DIRECTOR, Membership.ADMIN)


def _get_school_for_manager(request, slug):
    return get_object_or_404(
        School.objects.filter(
            memberships__user=request.user, memberships__role__in=MANAGERS
        ).distinct(),
        slug=slug,
    )


@login_required
def settings_view(request, slug):
    school = _get_school_for_manager(request, slug)
    form = SchoolSettingsForm(request.POST or None, instance=school, prefix="s")
    day_form = DayOffForm(prefix="d", school=school)
    contact_form = ContactForm(prefix="c")
    today = datetime.date.today()
    in_force = Regulation.objects.in_force(school, today)
    regulation_form = RegulationForm(
        prefix="r",
        school=school,
        today=today,
        initial={"starts_on": today, "kind": in_force.kind if in_force else Regulation.B},
        instance=Regulation(**{n: getattr(school.rules(today), n) for n in Regulation.SWITCHES}),
    )
    if request.method == "POST" and request.POST.get("action") == "regulation":
        form = SchoolSettingsForm(instance=school, prefix="s")
        regulation_form = RegulationForm(request.POST, prefix="r", school=school, today=today)
        if regulation_form.is_valid():
            data = regulation_form.cleaned_data
            regulation = choose_regulation(
                school,
                data["kind"],
                data["starts_on"],
                request.user,
                **{n: data[n] for n in Regulation.SWITCHES},
            )
            record(
                "regulation_chosen",
                actor=request.user,
                school=school,
                kind=regulation.kind,
                starts_on=regulation.starts_on.isoformat(),
            )
            messages.success(request, _("Saved."))
            return redirect("schools:settings", slug=school.slug)
    elif request.method == "POST" and request.POST.get("action") == "settings":
        if form.is_valid():
            changed = form.changed_data
            form.save()
            if changed:
                record("settings", actor=request.user, school=school, fields=changed)
            messages.success(request, _("Saved."))
            return redirect("schools:settings", slug=school.slug)
    elif request.method == "POST" and request.POST.get("action") == "day_off":
        form = SchoolSettingsForm(instance=school, prefix="s")
        day_form = DayOffForm(request.POST, prefix="d", school=school)
        if day_form.is_valid():
            days = day_form.save_days()
            record(
                "day_off_add",
                actor=request.user,
                school=school,
                date=days[0].date.isoformat(),
                until=days[-1].date.isoformat(),
                days=len(days),
            )
            return redirect("schools:settings", slug=school.slug)
    elif request.method == "POST" and request.POST.get("action") == "contact":
        form = SchoolSettingsForm(instance=school, prefix="s")
        contact_form = ContactForm(request.POST, prefix="c")
        if contact_form.is_valid():
            contact = contact_form.save(commit=False)
            contact.school = school
            contact.position = school.contacts.count()
            contact.save()
            record("contact_add", actor=request.user, school=school)
            return redirect("schools:settings", slug=school.slug)
    holidays_ = sorted(
        (d, n)
        for year in (today.year, today.year + 1)
        for d, n in public_holidays(year, request.LANGUAGE_CODE).items()
        if d >= today
    )[:12]
    return render(
        request,
        "schools/settings.html",
        {
            "school": school,
            "form": form,
            "day_form": day_form,
            "contact_form": contact_form,
            "days_off": day_off_ranges(
                school.days_off.filter(date__gte=today - datetime.timedelta(days=30))
            ),
            "holidays": holidays_,
            "regulation_form": regulation_form,
            "in_force": in_force,
            "planned": school.regulations.filter(starts_on__gt=today),
            "rules_lines": describe(school.rules(today)),
        },
    )


@login_required
@require_POST
def day_off_delete(request, slug, pk):
    school = _get_school_for_manager(request, slug)
    day = get_object_or_404(DayOff, school=school, pk=pk)
    # A vacation shown as one line is removed as one: its days up to `until`, same reason.
    last = parse_date(request.POST.get("until") or "") or day.date
    days = DayOff.objects.filter(
        school=school, date__gte=day.date, date__lte=max(last, day.date), reason=day.reason
    )
    record(
        "day_off_remove",
        actor=request.user,
        school=school,
        date=day.date.isoformat(),
        until=max(last, day.date).isoformat(),
    )
    days.delete()
    return redirect("schools:settings", slug=school.slug)


def day_off_ranges(days):
    """Consecutive days off with the same reason as one line: (first, last, reason)."""
    ranges = []
    for d in days:
        if ranges and ranges[-1][1].date + datetime.timedelta(days=1) == d.date:
            if ranges[-1][2] == d.reason:
                ranges[-1][1] = d
                continue
        ranges.append([d, d, d.reason])
    return ranges


@login_required
@require_POST
def contact_delete(request, slug, pk):
    school = _get_school_for_manager(request, slug)
    get_object_or_404(SchoolContact, school=school, pk=pk).delete()
    record("contact_remove", actor=request.user, school=school)
    return redirect("schools:settings", slug=school.slug)


@login_required
def regulation_pdf_view(request, slug, lang):
    """The school's regulation printed from its settings, for the director's signature."""
    school = _get_school_for_manager(request, slug)
    if lang not in ("ky", "ru"):
        raise Http404
    today = datetime.date.today()
    regulation = Regulation.objects.in_force(school, today)
    with translation.override(lang):
        lines = [(number, str(label)) for number, label in help_lines()]
        body = regulation_pdf(
            school,
            school.rules(today),
            lang,
            help_lines=lines,
            starts_on=regulation.starts_on if regulation else None,
        )
    record("export", actor=request.user, school=school, document="regulation", lang=lang)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="regulation-{school.slug}-{lang}.pdf"'
    return response


@login_required
def data_sheet_view(request, slug, lang):
    """One page for the registration as a personal-data holder (Law No. 58)."""
    school = _get_school_for_manager(request, slug)
    if lang not in ("ky", "ru"):
        raise Http404
    body = data_sheet_pdf(school, lang)
    record("export", actor=request.user, school=school, document="data_sheet", lang=lang)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="data-sheet-{school.slug}-{lang}.pdf"'
    return response
