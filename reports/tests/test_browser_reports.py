"""Issue: open the dashboard, draft the last quarter's analytical report for a seeded school,
write its conclusions, link it to a meeting, download PDF, DOCX and XLSX; the director sees
deadlines and figures on a phone; a district viewer sees the district table with "<5" where
due. No page and no file ever carries a letter's text."""

import csv
import datetime
import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from docx import Document
from openpyxl import load_workbook

from commission.models import Commission, Meeting
from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal
from reports.figures import calendar_quarter, previous_quarter, quarter_of
from reports.labels import group_titles, value_labels
from reports.models import DistrictViewer, QuarterlyReport

MARKER = "ТЫЙЫНДУУСӨЗ9184"
DAY = datetime.timedelta(days=1)
CONCLUSIONS = "Чейректе булинг боюнча кайрылуулар көбөйдү, окуу маселелери басымдуулук кылат."
PROPOSALS = "Класс жетекчилер менен булингге каршы тренинг өткөрүү."

# demo: 8 study, 3 bullying, 2 family, 1 self-harm (14); other: 2 study, 1 bullying (3).
# (category, channel, author, urgency, outcome) — outcome: in_time, late, open or closed.
DEMO = (
    [("study", "online", "pupil", "normal", "in_time")] * 5
    + [("study", "paper", "parent", "normal", "in_time")] * 2
    + [("study", "paper", "pupil", "normal", "late")]
    + [("bullying", "online", "pupil", "attention", "in_time")] * 2
    + [("bullying", "paper", "pupil", "attention", "late")]
    + [("family", "online", "parent", "attention", "in_time")]
    + [("family", "online", "teacher", "normal", "open")]
    + [("self_harm", "online", "pupil", "urgent", "closed")]
)
OTHER = [
    ("study", "online", "pupil", "normal", "in_time"),
    ("study", "paper", "parent", "normal", "late"),
    ("bullying", "online", "pupil", "attention", "in_time"),
]


class QuarterlyReportJourneyTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.today = timezone.localdate()
        self.year, self.quarter = previous_quarter(*quarter_of(self.today))
        self.start, self.end = calendar_quarter(self.year, self.quarter)
        assert self.end < self.today
        for school, rows in ((self.school, DEMO), (self.other_school, OTHER)):
            for k, row in enumerate(rows):
                self.seed(school, self.start + 4 * k * DAY, *row)
        # One open appeal of this week, for the deadlines on the dashboard.
        self.seed(self.school, self.today, "study", "online", "pupil", "normal", "open")
        commission = Commission.objects.create(
            school=self.school,
            order_number="7",
            order_date=self.start - 60 * DAY,
            status=Commission.ACTIVE,
        )
        self.meeting = Meeting.objects.create(
            commission=commission,
            number=4,
            held_on=min(self.end + 4 * DAY, self.today),
            kind=Meeting.QUARTERLY_REPORT,
            agenda="Чейректик аналитикалык отчет",
        )
        self.rayon = get_user_model().objects.create_user("rayon", password=PASSWORD)
        DistrictViewer.objects.create(user=self.rayon, district=self.school.district)

    def seed(self, school, received_on, category, channel, author, urgency, outcome):
        appeal, _code = self.submit(
            f"{MARKER}: мени тыныгууда түртүшөт, эч кимге айта албайм.",
            school=school,
            received_on=received_on,
            channel=channel,
            author_kind=author,
        )
        fields = {"category": category, "urgency": urgency}
        if outcome == "in_time":
            fields |= {"status": Appeal.ANSWERED, "answered_on": appeal.due_on - DAY}
        elif outcome == "late":
            fields |= {"status": Appeal.ANSWERED, "answered_on": appeal.due_on + 3 * DAY}
        elif outcome == "closed":
            fields |= {"status": Appeal.CLOSED}
        else:
            fields |= {"status": Appeal.IN_WORK}
        Appeal.objects.filter(pk=appeal.pk).update(**fields)
        return appeal

    def log_in(self, username, width):
        page = self.new_page(width=width)
        page.goto(f"{self.live_server_url}/staff/login/?next=/staff/reports/")
        page.get_by_label("Логин").fill(username)
        page.get_by_label("Сырсөз").fill(PASSWORD)
        page.get_by_role("button", name="Кирүү").click()
        self.assertTrue(page.url.startswith(f"{self.live_server_url}/staff/reports/"), page.url)
        return page

    def assertNoLetter(self, page):
        self.assertNotIn(MARKER, page.content())
        self.assertNotIn("тыныгууда", page.content())

    def download(self, page, link_name):
        with page.expect_download() as download:
            page.get_by_role("link", name=link_name).click()
        data = Path(download.value.path()).read_bytes()
        self.assertNotIn(MARKER.encode(), data)
        return data

    def test_dashboard_report_meeting_files_and_the_district_table(self):
        # -- Aida, the responsible person, at her desk --------------------------------------
        page = self.log_in("aida", 1280)
        self.assertIn(f"/staff/reports/school/{self.school.slug}/", page.url)
        self.assertEqual(page.locator("h1").inner_text(), "Көрсөткүчтөр тактасы")
        self.assertEqual(page.locator("#figures-h").inner_text(), "Кайрылуулар")
        self.assertGreaterEqual(page.locator("figure.card svg").count(), 1)
        self.assertNoLetter(page)
        self.assertAccessible(page, "reports-01-dashboard")

        page.get_by_role("link", name="Азыр түзүү").click()
        self.assertEqual(page.locator("h1").inner_text(), "Чейректик аналитикалык отчеттор")
        page.locator("#id_year").fill(str(self.year))
        page.locator("#id_quarter").select_option(str(self.quarter))
        page.get_by_role("button", name="Отчетту түзүү").click()
        report = QuarterlyReport.objects.get(school=self.school)
        self.assertEqual((report.year, report.quarter), (self.year, self.quarter))
        self.assertEqual(report.figures["total"], 14)
        self.assertTrue(page.url.endswith(f"/staff/reports/quarterly/{report.pk}/"))
        main = page.locator("main").inner_text()
        self.assertIn(f"{self.start:%d.%m.%Y}", main)
        self.assertIn("14", page.locator("#summary-h + p").inner_text())
        self.assertNoLetter(page)

        page.locator("#id_conclusions").fill(CONCLUSIONS)
        page.locator("#id_proposals").fill(PROPOSALS)
        page.get_by_role("button", name="Текстти сактоо").click()
        self.assertIn(
            "Корутундулар жана сунуштар сакталды.", page.get_by_role("status").inner_text()
        )
        self.assertEqual(page.locator("#id_conclusions").input_value(), CONCLUSIONS)

        page.locator("#id_meeting").select_option(str(self.meeting.pk))
        page.locator("#id_discussed").check()
        page.get_by_role("button", name="Жыйынга байлоо").click()
        self.assertIn("Жыйналыш катталды.", page.get_by_role("status").inner_text())
        held = f"{self.meeting.held_on:%d.%m.%Y}"
        self.assertIn(f"Комиссиянын {self.meeting} жыйынында {held} талкууланды.", page.content())
        report.refresh_from_db()
        self.assertEqual(report.meeting, self.meeting)
        self.assertTrue(report.discussed)
        self.assertEqual(report.discussed_on, self.meeting.held_on)
        self.assertEqual(report.conclusions, CONCLUSIONS)
        self.assertNoLetter(page)
        self.assertAccessible(page, "reports-02-report")

        self.assertTrue(self.download(page, "PDF жүктөп алуу").startswith(b"%PDF"))
        docx = Document(io.BytesIO(self.download(page, "DOCX жүктөп алуу")))
        text = "\n".join(p.text for p in docx.paragraphs)
        self.assertIn(CONCLUSIONS, text)
        self.assertIn(PROPOSALS, text)
        self.assertNotIn(MARKER, text)
        book = load_workbook(io.BytesIO(self.download(page, "XLSX жүктөп алуу")))
        cells = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
        self.assertIn(CONCLUSIONS, cells)
        self.assertFalse([c for c in cells if MARKER in c])
        page.context.close()

        # -- Dana, the director, on her phone -----------------------------------------------
        page = self.log_in("dana", 360)
        self.assertEqual(page.locator("h1").inner_text(), "Көрсөткүчтөр тактасы")
        self.assertEqual(page.get_by_role("link", name="Азыр түзүү").count(), 0)
        figures = page.locator("section[aria-labelledby=figures-h]").inner_text()
        self.assertIn("ачык (али жооп берилген жок)", figures)
        self.assertGreaterEqual(page.locator("figure.card svg").count(), 1)
        # The deadlines: the family appeal left open in the last quarter is overdue; this
        # week's is not. Dates and numbers only.
        deadlines = page.locator("table").last.inner_text()
        overdue = Appeal.objects.get(school=self.school, category="family", status="in_work")
        self.assertIn(f"{overdue.due_on:%d.%m.%Y}", deadlines)
        self.assertIn("мөөнөтү өттү", deadlines)
        fresh = Appeal.objects.get(school=self.school, received_on=self.today)
        self.assertIn(f"{fresh.due_on:%d.%m.%Y}", deadlines)
        self.assertNoLetter(page)
        self.assertAccessible(page, "reports-dashboard-director")
        # She reads the drafted report (figures and the text, no forms) on the phone too.
        page.get_by_role("link", name="Ачуу", exact=True).click()
        self.assertIn(CONCLUSIONS, page.locator("main").inner_text())
        self.assertEqual(page.locator("#id_conclusions").count(), 0)
        self.assertNoLetter(page)
        self.assertAccessible(page, "reports-report-director")
        page.context.close()

        # -- The district education department -------------------------------------------
        page = self.log_in("rayon", 1280)
        page.get_by_role("link", name=self.school.district.name_ky).click()  # the pages are in ky
        page.locator("#id_year").fill(str(self.year))
        page.locator("#id_quarter").select_option(str(self.quarter))
        page.get_by_role("button", name="Көрсөтүү").click()
        self.assertEqual(page.locator("h1").inner_text(), "Район боюнча статистика")
        with translation.override("ky"):
            title = str(group_titles()["category"])
            columns = [str(v) for v in value_labels()["category"].values()]
        table = page.locator(f"xpath=//h2[normalize-space()='{title}']/following-sibling::div[1]")
        rows = {}
        for tr in table.locator("tbody tr").all():
            rows[tr.locator("th").inner_text()] = tr.locator("td").all_inner_texts()
        self.assertIn(self.school.name, rows)
        self.assertIn(self.other_school.name, rows)
        demo = rows[self.school.name]
        self.assertEqual(demo[columns.index("булинг")], "<5")  # 3 bullying appeals
        self.assertEqual(demo[columns.index("үй-бүлө")], "<5")  # 2 family appeals
        # 8 study appeals: never "<5" (shown, or "x" when needed to protect a small cell).
        self.assertIn(demo[columns.index("окуу")], ("8", "x"))
        self.assertEqual(rows[self.other_school.name][columns.index("булинг")], "<5")
        self.assertFalse({"1", "2", "3", "4"} & set(demo[:-1]), demo)
        # Finding 17: the other school's small total is hidden, so one more total hides with it.
        self.assertIn(demo[-1], ("14", "x"))
        self.assertEqual(rows[self.other_school.name][-1], "<5")
        self.assertNoLetter(page)
        self.assertAccessible(page, "reports-03-district")

        data = self.download(page, "CSV жүктөп алуу")
        values = [v for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for v in row]
        self.assertIn("<5", values)
        self.assertIn(self.other_school.name, values)
        sheet = load_workbook(io.BytesIO(self.download(page, "XLSX жүктөп алуу"))).active
        values = [v for row in sheet.iter_rows(values_only=True) for v in row]
        self.assertIn("<5", values)
        self.assertIn(self.school.name, values)
