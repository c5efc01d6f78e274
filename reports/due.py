"""Regulation B 4.6: the report of a quarter is due by the 5th day of the next month."""

import datetime
from dataclasses import dataclass

from reports.figures import previous_quarter, quarter_bounds, quarter_of
from reports.labels import quarter_name
from reports.models import QuarterlyReport, due_date


@dataclass
class Due:
    year: int
    quarter: int
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date
    report: QuarterlyReport | None

    @property
    def label(self):
        return quarter_name(self.year, self.quarter)

    @property
    def done(self):
        return self.report is not None

    def is_late(self, today):
        return not self.done and today > self.due_on


def report_due(school, today) -> Due:
    """The last quarter that has ended by `today`, when its report is due and whether it is
    drafted. (A school with its own quarter dates: the quarter whose own end has passed.)"""
    year, quarter = quarter_of(today)
    start, end = quarter_bounds(school, year, quarter)
    if end >= today:
        year, quarter = previous_quarter(year, quarter)
        start, end = quarter_bounds(school, year, quarter)
    report = QuarterlyReport.objects.filter(school=school, year=year, quarter=quarter).first()
    day = school.rules(end).report_day
    return Due(year, quarter, start, end, due_date(end, day), report)
