import datetime

from ishenim.testing import BaseTestCase
from reports.figures import quarter_bounds
from reports.models import ReportPeriod


class ReportPeriodTests(BaseTestCase):
    url = "/staff/reports/school/demo/periods/"

    def data(self, **extra):
        d = {"year": "2026", "quarter": "3", "starts_on": "2026-09-01", "ends_on": "2026-10-31"}
        d.update(extra)
        return d

    def test_the_schools_own_dates_are_used_for_the_quarter(self):
        self.login()
        self.assertRedirects(self.client.post(self.url, self.data()), self.url)
        self.assertEqual(
            quarter_bounds(self.school, 2026, 3),
            (datetime.date(2026, 9, 1), datetime.date(2026, 10, 31)),
        )
        self.assertEqual(
            quarter_bounds(self.school, 2026, 4),
            (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        )

    def test_an_end_before_the_start_is_a_clear_error(self):
        self.login()
        r = self.client.post(self.url, self.data(ends_on="2026-08-01"))
        self.assertContains(r, 'id="id_ends_on_error"')
        self.assertFalse(ReportPeriod.objects.exists())

    def test_a_quarter_gets_its_dates_once(self):
        self.login()
        self.client.post(self.url, self.data())
        r = self.client.post(self.url, self.data(starts_on="2026-09-02"))
        self.assertContains(r, 'id="id_quarter_error"')
        self.assertEqual(ReportPeriod.objects.count(), 1)

    def test_removing_them_brings_back_the_calendar_quarter(self):
        self.login()
        self.client.post(self.url, self.data())
        period = ReportPeriod.objects.get()
        self.client.post(f"{self.url}{period.pk}/delete/")
        self.assertEqual(
            quarter_bounds(self.school, 2026, 3),
            (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        )

    def test_only_the_responsible_person_or_admin_sets_them(self):
        for user in ("bolot", "dana", "chyngyz"):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404, user)
