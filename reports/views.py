"""The school's dashboard, the quarterly analytic report (regulation B 4.6) and the district
statistics. Only plain metadata is counted: these pages never open a sealed field, so the
director and district viewers manage by figures without reading a child's letter."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Membership
from audit.models import record
from journal.models import Appeal
from reports import charts, documents
from reports.district import district_table
from reports.due import report_due
from reports.figures import (
    OPEN,
    calendar_quarter,
    previous_quarter,
    quarter_bounds,
    quarter_figures,
    quarter_of,
    report_figures,
)
from reports.forms import (
    DraftForm,
    MeetingForm,
    QuarterFilterForm,
    ReportPeriodForm,
    ReportTextForm,
)
from reports.labels import column_names, comparison, quarter_name, sections, value_labels
from reports.models import QuarterlyReport, ReportPeriod
from schools.models import District, School

EDITORS = (Membership.RESPONSIBLE, Membership.ADMIN)


def _get_school_for_user(request, slug):
    return get_object_or_404(School.objects.for_user(request.user), slug=slug)


def _get_report_for_user(request, pk):
    return get_object_or_404(
        QuarterlyReport.objects.for_user(request.user).select_related("school", "meeting"), pk=pk
    )


def _can_edit(user, school):
    return Membership.objects.filter(user=user, school=school, role__in=EDITORS).exists()


def _school_meetings(school):
    from commission.models import Meeting

    return Meeting.objects.filter(commission__school=school).select_related("commission")


@login_required
def home(request):
    schools = list(School.objects.for_user(request.user))
    districts = list(District.objects.filter(viewers__user=request.user))
    if len(schools) == 1 and not districts:
        return redirect("reports:dashboard", schools[0].slug)
    if not schools and not districts:
        raise Http404
    return render(request, "reports/home.html", {"schools": schools, "districts": districts})


# -- the dashboard -------------------------------------------------------------------------


def meetings_this_half_year(school, today):
    """The meetings held this (school) half-year, and whether it is running short of the
    regulation's two (regulation B 4.3); the counting rule lives in the commission app."""
    from commission.meetings import meetings_this_half_year as count_meetings

    _count, start, end, short = count_meetings(school, today)
    held = _school_meetings(school).filter(held_on__gte=start, held_on__lte=min(end, today))
    return list(held), short


def last_box_opening(school):
    from openings.models import BoxOpening

    return BoxOpening.objects.filter(school=school).order_by("-opened_at").first()


def weekly_chart(school, today, weeks=12):
    """Appeals received per week over the last `weeks` weeks (grouped by day in SQL)."""
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    per_day = (
        Appeal.objects.filter(school=school, received_on__gte=first, received_on__lte=today)
        .exclude(status=Appeal.VOIDED)
        .order_by()
        .values("received_on")
        .annotate(n=Count("id"))
    )
    counts = [0] * weeks
    for row in per_day:
        counts[(row["received_on"] - first).days // 7] += row["n"]
    items = [(f"{first + datetime.timedelta(weeks=k):%d.%m}", [n]) for k, n in enumerate(counts)]
    return charts.Chart(_("Appeals received per week"), items)


@login_required
def dashboard(request, slug):
    school = _get_school_for_user(request, slug)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    year, quarter = quarter_of(today)
    q_start, q_end = quarter_bounds(school, year, quarter)
    # Finding 7: letters the author kept from this user are not in their counts, deadlines or
    # figures (a count of one per category would tell what the letter is about). Voided
    # entries count nowhere.
    appeals = (
        Appeal.objects.for_user(request.user).filter(school=school).exclude(status=Appeal.VOIDED)
    )
    kept = Appeal.objects.filter(school=school, excluded_staff=request.user).count()
    counts = appeals.aggregate(
        week=Count("id", filter=Q(received_on__gte=monday, received_on__lte=today)),
        quarter=Count("id", filter=Q(received_on__gte=q_start, received_on__lte=q_end)),
        open=Count("id", filter=OPEN),
        overdue=Count("id", filter=OPEN & Q(due_on__lt=today)),
        urgent=Count("id", filter=OPEN & Q(urgency=Appeal.URGENT)),
    )
    # Deadlines, never letters: number, dates, urgency and status only.
    deadlines = list(
        appeals.filter(OPEN)
        .only("id", "tag", "number", "received_on", "due_on", "urgency", "status", "answered_on")
        .order_by("due_on", "received_on")[:15]
    )
    figures = quarter_figures(
        School.objects.filter(pk=school.pk), q_start, q_end, today, visible_to=request.user
    )
    labels = value_labels()
    category_chart = charts.Chart(
        _("This quarter by category"),
        [(str(labels["category"][k]), [v]) for k, v in figures["category"].items() if v],
    )
    deadline_chart = charts.Chart(
        _("This quarter: answers and deadlines"),
        [(str(labels["deadline"][k]), [v]) for k, v in figures["deadline"].items()],
    )
    meetings, meetings_short = meetings_this_half_year(school, today)
    context = {
        "school": school,
        "today": today,
        "counts": counts,
        "kept": kept,
        "quarter_label": quarter_name(year, quarter),
        "deadlines": [(a, a.deadline_state(today)) for a in deadlines],
        "charts": [
            (c.title, mark_safe(charts.svg(c)))  # noqa: S308 — numbers and escaped labels
            for c in (weekly_chart(school, today), category_chart, deadline_chart)
            if not c.empty
        ],
        "meetings": meetings,
        "meetings_short": meetings_short,
        "opening": last_box_opening(school),
        "due": report_due(school, today),
        "can_edit": _can_edit(request.user, school),
    }
    return render(request, "reports/dashboard.html", context)


# -- the quarterly report ------------------------------------------------------------------


def _render_list(request, school, form, due, today, can_edit, status=200):
    context = {
        "school": school,
        "reports": QuarterlyReport.objects.filter(school=school),
        "form": form,
        "due": due,
        "late": due.is_late(today),
        "can_edit": can_edit,
    }
    return render(request, "reports/list.html", context, status=status)


@login_required
def report_list(request, slug):
    school = _get_school_for_user(request, slug)
    today = timezone.localdate()
    due = report_due(school, today)
    form = DraftForm(initial={"year": due.year, "quarter": due.quarter})
    return _render_list(request, school, form, due, today, _can_edit(request.user, school))


@login_required
@require_POST
def draft(request, slug):
    school = _get_school_for_user(request, slug)
    if not _can_edit(request.user, school):
        raise Http404
    today = timezone.localdate()
    form = DraftForm(request.POST)
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        start, end = quarter_bounds(school, year, quarter)
        if start > today:
            form.add_error(
                None,
                _(
                    "%(quarter)s has not begun yet: a report can only be drafted for a quarter "
                    "that has started (it begins on %(date)s)."
                )
                % {"quarter": quarter_name(year, quarter), "date": f"{start:%d.%m.%Y}"},
            )
        else:
            # The quarter's newest version, if any (a frozen one stays as it was discussed).
            report = (
                QuarterlyReport.objects.filter(school=school, year=year, quarter=quarter)
                .order_by("-version")
                .first()
            )
            if report is None:
                report = QuarterlyReport.objects.create(
                    school=school,
                    year=year,
                    quarter=quarter,
                    starts_on=start,
                    ends_on=end,
                    figures=report_figures(school, year, quarter, today),
                    figures_on=today,
                    created_by=request.user,
                )
                record(
                    "report_drafted", actor=request.user, school=school, year=year, quarter=quarter
                )
            return redirect("reports:report", report.pk)
    due = report_due(school, today)
    return _render_list(request, school, form, due, today, True, status=400)


def _report_context(report, **extra):
    f = report.figures
    rows, chart = comparison(f)
    context = {
        "report": report,
        "school": report.school,
        "title": documents.report_title(),
        "quarter_label": quarter_name(report.year, report.quarter),
        "period": documents.period_line(report),
        "summary": documents.summary_lines(report),
        "names": column_names(f),
        "comparison": rows,
        "comparison_chart": mark_safe(charts.svg(chart)),  # noqa: S308
        "has_comparison": bool(f.get("total") or any(r[2] or r[3] for r in rows)),
        "sections": [
            {**s, "svg": mark_safe(charts.svg(s["chart"])) if not s["chart"].empty else ""}  # noqa: S308
            for s in sections(f)
        ]
        if f.get("total")
        else [],
        "discussion": documents.discussion_line(report),
        "in_progress": report.ends_on >= timezone.localdate(),
    }
    context.update(extra)
    return context


@login_required
def report_detail(request, pk):
    report = _get_report_for_user(request, pk)
    can_edit = _can_edit(request.user, report.school)
    text_form = ReportTextForm(instance=report)
    meeting_form = MeetingForm(instance=report, meetings=_school_meetings(report.school))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        action = request.POST.get("action")
        if report.is_frozen and action in ("text", "meeting"):
            messages.error(
                request,
                _(
                    "This version was discussed at the meeting and is kept as it was. "
                    "Recalculate the figures to make a new version."
                ),
            )
            return redirect("reports:report", report.pk)
        if action == "text":
            text_form = ReportTextForm(request.POST, instance=report)
            if text_form.is_valid():
                text_form.save()
                record("report_edited", actor=request.user, school=report.school, report=report.pk)
                messages.success(request, _("The conclusions and proposals are saved."))
                return redirect("reports:report", report.pk)
        elif action == "meeting":
            meeting_form = MeetingForm(
                request.POST, instance=report, meetings=_school_meetings(report.school)
            )
            if meeting_form.is_valid():
                report = meeting_form.save()
                record("report_meeting", actor=request.user, school=report.school, report=report.pk)
                done = _("The meeting is recorded.")
                if report.freeze():
                    record(
                        "report_frozen",
                        actor=request.user,
                        school=report.school,
                        report=report.pk,
                        version=report.version,
                        meeting_number=report.frozen_meeting_number,
                    )
                    frozen = _(
                        "The report is frozen as discussed; a recalculation makes a new version."
                    )
                    done = f"{done} {frozen}"
                messages.success(request, done)
                return redirect("reports:report", report.pk)
        elif action == "refresh":
            today = timezone.localdate()
            figures = report_figures(report.school, report.year, report.quarter, today)
            if report.is_frozen:
                report = report.new_version(request.user, figures, today)
                record(
                    "report_new_version",
                    actor=request.user,
                    school=report.school,
                    report=report.pk,
                    version=report.version,
                )
                messages.success(
                    request,
                    _(
                        "The figures are recalculated as version %(version)d; the discussed "
                        "version is kept as it was."
                    )
                    % {"version": report.version},
                )
                return redirect("reports:report", report.pk)
            report.figures, report.figures_on = figures, today
            report.save(update_fields=["figures", "figures_on", "updated_at"])
            messages.success(request, _("The figures are recalculated."))
            return redirect("reports:report", report.pk)
    context = _report_context(
        report,
        text_form=text_form,
        meeting_form=meeting_form,
        can_edit=can_edit,
        versions=report.versions().select_related("meeting"),
    )
    return render(request, "reports/report.html", context)


FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def report_file(request, pk, fmt):
    report = _get_report_for_user(request, pk)
    if fmt not in FORMATS:
        raise Http404
    lang = "ru" if get_language() in ("ru", "en") else "ky"
    if fmt == "pdf":
        content = documents.report_pdf(report, lang)
    elif fmt == "docx":
        content = documents.report_docx(report)
    else:
        content = documents.report_xlsx(report)
    record(
        "export",
        actor=request.user,
        school=report.school,
        format=fmt,
        document="quarterly_report",
        report=report.pk,
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = f"report-{report.school.slug}-{report.year}-q{report.quarter}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- district statistics -------------------------------------------------------------------


def _get_district_for_user(request, pk):
    """Only a district viewer of this district; school staff get 404 like anyone else."""
    return get_object_or_404(District.objects.filter(viewers__user=request.user), pk=pk)


def _quarter_from(request):
    today = timezone.localdate()
    default = previous_quarter(*quarter_of(today))
    form = QuarterFilterForm(
        request.GET or None, initial={"year": default[0], "quarter": default[1]}
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["quarter"]
    if form.is_bound:
        form = QuarterFilterForm(initial={"year": default[0], "quarter": default[1]})
    return form, *default


@login_required
def district(request, pk):
    district = _get_district_for_user(request, pk)
    form, year, quarter = _quarter_from(request)
    table = district_table(district, year, quarter)
    return render(
        request,
        "reports/district.html",
        {
            "district": district,
            "form": form,
            "table": table,
            "year": year,
            "quarter": quarter,
            "future": calendar_quarter(year, quarter)[0] > timezone.localdate(),
        },
    )


@login_required
def district_export(request, pk, fmt):
    district = _get_district_for_user(request, pk)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    _form, year, quarter = _quarter_from(request)
    table = district_table(district, year, quarter)
    if fmt == "xlsx":
        content, kind = documents.district_xlsx(table), FORMATS["xlsx"]
    else:
        content, kind = documents.district_csv(table), "text/csv; charset=utf-8"
    record(
        "export",
        actor=request.user,
        format=fmt,
        document="district_statistics",
        district=district.pk,
        year=year,
        quarter=quarter,
    )
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="district-{district.pk}-{year}-q{quarter}.{fmt}"'
    )
    return response


@login_required
def periods(request, slug):
    """The school's own quarter dates (school terms); quarters without them are calendar ones."""
    school = _get_school_for_user(request, slug)
    if not _can_edit(request.user, school):
        raise Http404
    form = ReportPeriodForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        period = form.save()
        record(
            "report_period",
            actor=request.user,
            school=school,
            year=period.year,
            quarter=period.quarter,
        )
        messages.success(request, _("Saved."))
        return redirect("reports:periods", slug=school.slug)
    return render(
        request,
        "reports/periods.html",
        {
            "school": school,
            "form": form,
            "periods": school.report_periods.all(),
            "can_edit": True,
        },
    )


@login_required
@require_POST
def period_delete(request, slug, pk):
    school = _get_school_for_user(request, slug)
    if not _can_edit(request.user, school):
        raise Http404
    period = get_object_or_404(ReportPeriod, school=school, pk=pk)
    record(
        "report_period_removed",
        actor=request.user,
        school=school,
        year=period.year,
        quarter=period.quarter,
    )
    period.delete()
    return redirect("reports:periods", slug=school.slug)
