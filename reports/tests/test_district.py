import csv
import datetime
import io

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from ishenim.testing import BaseTestCase
from reports.labels import value_labels
from reports.models import DistrictViewer
from reports.tests.helpers import MARKER, AppealsMixin

D = datetime.date


class DistrictTests(AppealsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.district = self.school.district
        self.viewer = get_user_model().objects.create_user(
            "raion", password="correct horse battery"
        )
        DistrictViewer.objects.create(user=self.viewer, district=self.district)
        # demo: 2 bullying + 9 study; other: 12 study.
        for k in range(2):
            self.appeal(D(2025, 2, 3 + k), category="bullying")
        for k in range(9):
            self.appeal(D(2025, 2, 3 + k), category="study")
        for k in range(12):
            self.appeal(D(2025, 2, 3 + k), school=self.other_school, category="study")
        self.url = f"/staff/reports/district/{self.district.pk}/?year=2025&quarter=1"

    def test_the_district_viewer_sees_less_than_five_where_due(self):
        self.login("raion")
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "&lt;5")
        table = r.context["table"]
        category = next(g for g in table["groups"] if g["key"] == "category")
        demo_row = next(cells for name, cells, _t in category["rows"] if name == self.school.name)
        bullying = list(value_labels()["category"]).index("bullying")
        self.assertEqual(demo_row[bullying], "<5")
        self.assertNotIn(2, demo_row)
        self.assertEqual(table["total"], 23)
        self.assertNotContains(r, MARKER)

    def test_the_exports_carry_the_suppressed_figures(self):
        self.login("raion")
        base = f"/staff/reports/district/{self.district.pk}/statistics"
        r = self.client.get(base + ".csv?year=2025&quarter=1")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        self.assertIn("<5", [v for row in rows for v in row])
        r = self.client.get(base + ".xlsx?year=2025&quarter=1")
        values = [
            v
            for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)
            for v in row
        ]
        self.assertIn("<5", values)

    def test_school_staff_who_are_not_district_viewers_get_404(self):
        self.login("aida")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(
            self.client.get(
                f"/staff/reports/district/{self.district.pk}/statistics.csv"
            ).status_code,
            404,
        )

    def test_a_district_with_no_schools_is_an_empty_page(self):
        from schools.models import District

        empty = District.objects.create(name_ky="Бош район", name_ru="Пустой район")
        DistrictViewer.objects.create(user=self.viewer, district=empty)
        self.login("raion")
        r = self.client.get(f"/staff/reports/district/{empty.pk}/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["table"]["count"], 0)
        r = self.client.get(f"/staff/reports/district/{empty.pk}/statistics.xlsx")
        self.assertEqual(r.status_code, 200)

    def test_bad_quarter_parameters_fall_back_to_the_last_quarter(self):
        self.login("raion")
        r = self.client.get(f"/staff/reports/district/{self.district.pk}/?year=abc&quarter=9")
        self.assertEqual(r.status_code, 200)


class TinySchoolTotalTests(AppealsMixin, BaseTestCase):
    """Finding 17: the cells were suppressed but each school's total was always shown."""

    def setUp(self):
        super().setUp()
        from ishenim.testing import make_school

        self.district = self.school.district
        self.viewer = get_user_model().objects.create_user(
            "raion", password="correct horse battery"
        )
        DistrictViewer.objects.create(user=self.viewer, district=self.district)
        self.tiny, _key, _recovery = make_school("tiny", "Кичинекей мектеп")
        for k in range(9):
            self.appeal(D(2025, 2, 3 + k), category="study")
        for k in range(12):
            self.appeal(D(2025, 2, 3 + k), school=self.other_school, category="study")
        for k in range(3):
            self.appeal(D(2025, 2, 3 + k), school=self.tiny, category="family")
        self.url = f"/staff/reports/district/{self.district.pk}/?year=2025&quarter=1"

    def test_a_tiny_schools_total_is_suppressed_like_its_cells(self):
        self.login("raion")
        r = self.client.get(self.url)
        for group in r.context["table"]["groups"]:
            totals = {name: total for name, _cells, total in group["rows"]}
            self.assertEqual(totals[self.tiny.name], "<5", group["key"])
            # One hidden total would be given away by the grand total: a companion hides too.
            self.assertEqual(
                sum(1 for t in totals.values() if t in ("<5", "x")), 2, (group["key"], totals)
            )
        base = f"/staff/reports/district/{self.district.pk}/statistics"
        r = self.client.get(base + ".csv?year=2025&quarter=1")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        tiny_rows = [row for row in rows if row and row[0] == self.tiny.name]
        self.assertTrue(tiny_rows)
        self.assertTrue(all(row[-1] == "<5" for row in tiny_rows))

    def test_a_total_hidden_in_one_group_is_hidden_in_every_group(self):
        self.login("raion")
        table = self.client.get(self.url).context["table"]
        per_group = [{name: total for name, _c, total in g["rows"]} for g in table["groups"]]
        for name in per_group[0]:
            self.assertEqual(len({str(g[name]) for g in per_group}), 1, name)
