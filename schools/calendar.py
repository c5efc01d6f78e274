"""Working days of a school: its 5- or 6-day week, Kyrgyzstan's public holidays (the
`holidays` package) and the days off the school adds (vacations, local days off)."""

import datetime
from functools import lru_cache

import holidays

LANG = {"ky": "ky", "ru": "ru_KG", "en": "en_US"}


@lru_cache(maxsize=64)
def public_holidays(year: int, lang: str = "ky"):
    return holidays.country_holidays("KG", years=year, language=LANG.get(lang, "ky"))


class WorkingCalendar:
    """Built once per school and request: holds the school's own days off in memory."""

    def __init__(self, school, days_off=None):
        self.week = school.working_week
        if days_off is None:
            days_off = set(school.days_off.values_list("date", flat=True))
        self.days_off = set(days_off)

    def is_working_day(self, day: datetime.date) -> bool:
        if day.weekday() >= self.week:  # 5-day week: Sat and Sun off; 6-day: Sun off
            return False
        if day in public_holidays(day.year):
            return False
        return day not in self.days_off

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (the day received counts as day 0)."""
        day = start
        counted = 0
        while counted < days:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: datetime.date) -> datetime.date:
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        day -= datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day


def holiday_name(day: datetime.date, lang: str = "ky"):
    return public_holidays(day.year, lang).get(day)
