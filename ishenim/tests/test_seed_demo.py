import datetime
import io
import re
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import Event
from board.models import BoardPost
from commission.meetings import meetings_this_half_year
from commission.models import Commission, Meeting
from journal.models import Appeal
from openings.models import BoxOpening
from reports.models import QuarterlyReport
from schools.models import School


class SeedDemoTests(TestCase):
    def test_the_demo_school_is_lived_in_and_created_once(self):
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())):
            out = StringIO()
            call_command("seed_demo", stdout=out)
            call_command("seed_demo", stdout=out)
        # One school under each regulation (issue 14).
        self.assertEqual(
            {s.slug: s.rules().kind for s in School.objects.all()}, {"demo": "B", "demo-a": "A"}
        )
        statuses = set(Appeal.objects.values_list("status", flat=True))
        self.assertTrue(
            {"new", "registered", "in_work", "answered", "closed", "referred"} <= statuses
        )
        self.assertEqual(set(Appeal.objects.values_list("channel", flat=True)), {"online", "paper"})
        self.assertEqual(set(Commission.objects.values_list("status", flat=True)), {"active"})
        self.assertEqual(BoxOpening.objects.get(school__slug="demo").letters.count(), 1)
        # Regulation B has no weekly review; regulation A reviews on the sixth day.
        reviews = Meeting.objects.filter(kind=Meeting.WEEKLY_REVIEW)
        self.assertFalse(reviews.filter(commission__school__slug="demo").exists())
        self.assertTrue(reviews.filter(commission__school__slug="demo-a").exists())
        self.assertIn("demo-ishenim-2026", out.getvalue())
        self.assertIn("Recovery key", out.getvalue())


class DemoMeetingsCountTests(TestCase):
    """Issue 14: the demo's meetings are complete (agenda, every member present and signed,
    entered on time), numbered in date order, so the half-year's meetings are counted."""

    def seed_on(self, day):
        from notify.tests.helpers import Clock

        now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())), Clock(now):
            call_command("seed_demo", stdout=StringIO())

    def test_every_demo_meeting_counts_and_its_number_follows_its_date(self):
        self.seed_on(datetime.date(2026, 11, 10))
        for slug in ("demo", "demo-a"):
            meetings = list(Meeting.objects.of_school(School.objects.get(slug=slug)))
            self.assertTrue(meetings, slug)
            for meeting in meetings:
                with self.subTest(slug=slug, number=meeting.number):
                    self.assertEqual(meeting.why_it_does_not_count(), [])
                    self.assertEqual(meeting.attendance.count(), meeting.commission.members.count())
            # Minutes are numbered from 1 in each school year (1 September – 31 August).
            by_year = {}
            for m in sorted(meetings, key=lambda m: (m.held_on, m.number)):
                start = m.held_on.year if m.held_on.month >= 9 else m.held_on.year - 1
                by_year.setdefault(start, []).append(m.number)
            for numbers in by_year.values():
                self.assertEqual(numbers, list(range(1, len(numbers) + 1)), slug)

    def test_the_demo_commission_page_counts_the_half_years_meetings(self):
        day = datetime.date(2026, 11, 10)
        self.seed_on(day)
        school = School.objects.get(slug="demo")
        count, _start, _end, warning = meetings_this_half_year(school, day)
        self.assertGreaterEqual(count, school.rules(day).meetings_per_half_year)
        self.assertFalse(warning)
        report = QuarterlyReport.objects.get(school=school)
        self.assertTrue(report.meeting.counts)
        self.assertEqual(report.frozen_meeting_number, report.meeting.number)

    def test_the_regulation_a_demo_collects_the_week_and_reviews_it_on_the_review_day(self):
        self.seed_on(datetime.date(2026, 11, 10))
        school = School.objects.get(slug="demo-a")
        # The last collection that found letters: the day before the review day.
        opening = (
            BoxOpening.objects.filter(school=school, found_appeals=True)
            .order_by("opened_at")
            .last()
        )
        review = Meeting.objects.of_school(school).get(
            kind=Meeting.WEEKLY_REVIEW, held_on=opening.opened_at.date() + datetime.timedelta(1)
        )
        self.assertEqual(review.held_on.weekday(), school.review_weekday)
        # The letters found are registered from the act, which everyone present has signed.
        for found in BoxOpening.objects.filter(school=school, found_appeals=True):
            self.assertTrue(found.is_signed_by_all(), found.number)
            self.assertFalse(found.letters.filter(appeal__number__isnull=True).exists())
        self.assertTrue(opening.letters.exists())
        self.assertIn(f"{opening.opened_at.date():%d.%m.%Y}", review.agenda)


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages)


class RegulationADemoTests(TestCase):
    """Issue 14, "Done when": the regulation A school of the demo has run a whole school year —
    weekly collections and reviews on the sixth day, letters at every stage, the past year's
    journal closed and frozen — and every printed document of it matches regulation A."""

    TODAY = datetime.date(2026, 11, 10)

    @classmethod
    def setUpTestData(cls):
        from notify.tests.helpers import Clock

        now = timezone.make_aware(datetime.datetime.combine(cls.TODAY, datetime.time(9, 0)))
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())), Clock(now):
            call_command("seed_demo", stdout=StringIO())
        cls.school = School.objects.get(slug="demo-a")
        cls.past = cls.school.school_years.get(starts_on=datetime.date(2025, 9, 1))
        cls.current = cls.school.school_years.get(starts_on=datetime.date(2026, 9, 1))

    def login(self):
        response = self.client.post(
            "/staff/login/", {"username": "aigul", "password": "demo-ishenim-2026"}
        )
        self.assertEqual(response.status_code, 302)

    def test_the_regulation_a_demo_has_a_closed_past_year_and_weekly_reviews_all_year(self):
        from journal.closing import verify_year
        from openings.tasks import school_week_before

        past = self.past
        # The past year's journal closed on the school's day with its last number, frozen.
        self.assertTrue(past.is_closed)
        self.assertEqual(past.closing_date, datetime.date(2026, 8, 31))
        last = Appeal.objects.filter(school_year=past).order_by("-number").first().number
        self.assertEqual(past.last_number, last)
        self.assertTrue(past.sealed_pdf)
        self.assertEqual(verify_year(past), [])
        self.assertTrue(
            Event.objects.filter(school=self.school, action="year_closed").exists()
            and Event.objects.filter(school=self.school, action="year_pdf_frozen").exists()
        )
        self.assertFalse(self.current.is_closed)
        self.assertEqual(
            Appeal.objects.filter(school_year=self.current, number__isnull=False)
            .order_by("number")
            .first()
            .number,
            1,
        )
        # The vacations entered as ranges; no collection and no review in them.
        days_off = set(self.school.days_off.values_list("date", flat=True))
        self.assertIn(datetime.date(2026, 7, 15), days_off)  # summer
        self.assertIn(datetime.date(2026, 1, 5), days_off)  # winter
        self.assertGreaterEqual(len(days_off), 100)
        openings = BoxOpening.objects.filter(school=self.school)
        self.assertFalse({o.opened_at.date() for o in openings} & days_off)
        reviews = Meeting.objects.of_school(self.school).filter(kind=Meeting.WEEKLY_REVIEW)
        self.assertFalse({r.held_on for r in reviews} & days_off)
        # Every school week from the past September to last week: a collection (so no
        # warning), and its review on the sixth day, counted, signed by the three.
        calendar = self.school.calendar()
        day, weeks = past.starts_on, 0
        while day <= self.TODAY:
            week = school_week_before(self.school, day)
            if week and week[0] >= past.starts_on:
                weeks += 1
                self.assertTrue(
                    openings.filter(
                        opened_at__date__gte=week[0], opened_at__date__lte=week[-1]
                    ).exists(),
                    week[0],
                )
                saturday = week[0] + datetime.timedelta(days=5 - week[0].weekday())
                self.assertTrue(reviews.filter(held_on=saturday).exists(), saturday)
            day += datetime.timedelta(days=1)
        self.assertGreaterEqual(weeks, 38)
        self.assertTrue(calendar.is_working_day(datetime.date(2026, 11, 9)))
        months = {(r.held_on.year, r.held_on.month) for r in reviews}
        for month in (9, 10, 11, 12):
            self.assertIn((2025, month), months)
        for month in (1, 2, 3, 4, 5):
            self.assertIn((2026, month), months)
        self.assertFalse({(2026, 6), (2026, 7), (2026, 8)} & months)
        for review in reviews:
            self.assertEqual(review.held_on.weekday(), self.school.review_weekday)
            self.assertTrue(review.counts, review.held_on)
            self.assertEqual(review.attendance.count(), 3)

    def test_the_regulation_a_demo_letters_pass_every_stage_in_kyrgyz_and_russian(self):
        from journal.closing import carried_over
        from journal.models import JournalCorrection, Message

        appeals = Appeal.objects.filter(school=self.school)
        statuses = set(appeals.values_list("status", flat=True))
        self.assertTrue(
            {"new", "registered", "in_work", "answered", "closed", "voided"} <= statuses
        )
        self.assertEqual(set(appeals.values_list("channel", flat=True)), {"online", "paper"})
        # Answered after registration only, by e-mail, on the board and in person.
        for appeal in appeals.filter(answered_on__isnull=False):
            self.assertIsNotNone(appeal.number)
            self.assertGreaterEqual(appeal.answered_on, appeal.received_on)
        channels = set(
            Message.objects.filter(appeal__school=self.school, sender=Message.STAFF).values_list(
                "channel", flat=True
            )
        )
        self.assertTrue({"email", "board", "in_person", "conversation"} <= channels)
        talk = Message.objects.filter(appeal__school=self.school, channel="in_person").first()
        self.assertEqual(talk.created_at.date(), talk.appeal.answered_on)
        self.assertTrue(BoardPost.objects.filter(school=self.school, kind="invitation").exists())
        # A correction of the summary and of the date, a voided duplicate keeping its number.
        fields = set(
            JournalCorrection.objects.filter(appeal__school=self.school).values_list(
                "field", flat=True
            )
        )
        self.assertEqual(fields, {"summary", "received_on"})
        voided = appeals.get(status="voided")
        self.assertIsNotNone(voided.number)
        self.assertEqual(voided.school_year, self.past)
        # Made in the year whose journal they are in, before it closed: the frozen book
        # initials and dates them.
        for correction in JournalCorrection.objects.filter(appeal__school=self.school):
            self.assertLessEqual(timezone.localdate(correction.made_at), self.past.ends_on)
        self.assertLessEqual(timezone.localdate(voided.voided_at), self.past.ends_on)
        # Letters of the past year still open are carried over into the new year.
        carried = list(carried_over(self.school, self.current))
        self.assertEqual(len(carried), 2)
        self.assertTrue(all(a.school_year == self.past for a in carried))
        # Kyrgyz and Russian: the frozen year, opened with the school key, holds both.
        self.login()
        response = self.client.get(reverse("journal:year-pdf", args=[self.past.pk]))
        self.assertEqual(response.status_code, 200)
        text = pdf_text(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        self.assertIn("Спорт залда топ жок", text)
        self.assertIn("Пропажа вещей из рюкзаков", text)
        self.assertIn(str(self.past.last_number), text)

    def test_the_regulation_a_demo_has_only_what_regulation_a_has(self):
        from commission.models import Candidacy, CommissionMember

        commission = Commission.objects.get(school=self.school)
        self.assertEqual(
            sorted(commission.members.values_list("role", flat=True)),
            sorted(
                [
                    CommissionMember.SOCIAL_PEDAGOGUE,
                    CommissionMember.DEPUTY,
                    CommissionMember.UNION_REP,
                ]
            ),
        )
        self.assertFalse(QuarterlyReport.objects.filter(school=self.school).exists())
        self.assertFalse(Candidacy.objects.filter(meeting__commission=commission).exists())
        self.assertEqual(
            set(Meeting.objects.of_school(self.school).values_list("kind", flat=True)),
            {Meeting.WEEKLY_REVIEW},
        )
        openings = BoxOpening.objects.filter(school=self.school)
        self.assertFalse(openings.exclude(seal_removed="").exists())
        self.assertFalse(openings.exclude(seal_applied="").exists())
        self.login()
        # The pages name the weekly collection, not regulation B's journal of openings.
        page = self.client.get(reverse("openings:list")).content.decode()
        self.assertIn("Каттарды жумалык алуу", page)
        self.assertNotIn("Кутуну ачуу журналы", page)
        self.assertNotIn(reverse("openings:journal-export", args=["pdf"]), page)
        # No journal of openings to print where the regulation keeps none.
        self.assertEqual(
            self.client.get(reverse("openings:journal-export", args=["pdf"])).status_code, 404
        )

    def test_every_printed_document_of_the_regulation_a_demo_renders(self):
        self.login()
        review = Meeting.objects.of_school(self.school).order_by("held_on").last()
        documents = {
            "journal": reverse("journal:export", args=["pdf"]) + f"?school={self.school.pk}",
            "past journal": reverse("journal:export", args=["pdf"])
            + f"?school={self.school.pk}&year={self.past.pk}",
            "frozen year": reverse("journal:year-pdf", args=[self.past.pk]),
            "minutes": reverse("commission:minutes", args=[review.pk, "pdf"]),
        }
        for lang in ("ky", "ru"):
            documents[f"regulation {lang}"] = reverse(
                "schools:regulation-pdf", args=["demo-a", lang]
            )
            documents[f"data sheet {lang}"] = reverse("schools:data-sheet", args=["demo-a", lang])
        texts = {}
        for name, url in documents.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertEqual(response["Content-Type"], "application/pdf")
                texts[name] = pdf_text(response.content)
                self.assertTrue(texts[name].strip())
        # The regulation printed from the school's settings is regulation A's: the commission
        # of three, the sixth day; no act of removal, seal, parents' member or quarterly report.
        ru = texts["regulation ru"]
        self.assertIn("профсоюза", ru)
        # In force since before the year the demo ran under it.
        self.assertIn("25.08.2025", ru)
        # With the school's contacts and the help lines, ready for the director's signature.
        for line in ("+996 000 06 00 01", "+996 000 06 00 03", "111", "УТВЕРЖДАЮ"):
            self.assertIn(line, ru)
        for word in ("акт изъятия", "пломбир", "родительской", "аналитический отчёт"):
            self.assertNotIn(word, ru)
        ky = texts["regulation ky"]
        self.assertIn("профсоюздун", ky)
        for word in ("алып коюу актысы", "пломба", "ата-энелер коомчулугунун", "аналитикалык"):
            self.assertNotIn(word, ky)
        self.assertIn(f"{self.past.last_number}", texts["frozen year"])


class RegulationBDemoTests(TestCase):
    """Issue 14, "Done when", for the regulation B school of the demo: every printed document
    renders from the seeded school (not from hand-made fixtures) and matches regulation B."""

    TODAY = datetime.date(2026, 11, 10)

    @classmethod
    def setUpTestData(cls):
        from notify.tests.helpers import Clock

        now = timezone.make_aware(datetime.datetime.combine(cls.TODAY, datetime.time(9, 0)))
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())), Clock(now):
            call_command("seed_demo", stdout=StringIO())
        cls.school = School.objects.get(slug="demo")
        cls.past = cls.school.school_years.get(starts_on=datetime.date(2025, 9, 1))

    def test_every_printed_document_of_the_regulation_b_demo_renders(self):
        response = self.client.post(
            "/staff/login/", {"username": "nurgul", "password": "demo-ishenim-2026"}
        )
        self.assertEqual(response.status_code, 302)
        opening = BoxOpening.objects.filter(school=self.school).order_by("opened_at").last()
        meeting = Meeting.objects.of_school(self.school).order_by("held_on").last()
        report = QuarterlyReport.objects.filter(school=self.school).order_by("pk").last()
        documents = {
            "journal": reverse("journal:export", args=["pdf"]) + f"?school={self.school.pk}",
            "frozen year": reverse("journal:year-pdf", args=[self.past.pk]),
            "act of removal": reverse("openings:act", args=[opening.pk, "pdf"]),
            "journal of openings": reverse("openings:journal-export", args=["pdf"])
            + f"?school={self.school.pk}",
            "quarterly report": reverse("reports:file", args=[report.pk, "pdf"]),
            "minutes": reverse("commission:minutes", args=[meeting.pk, "pdf"]),
            "board sheet": reverse("board:pdf", args=["demo"]),
        }
        for lang in ("ky", "ru"):
            documents[f"regulation {lang}"] = reverse("schools:regulation-pdf", args=["demo", lang])
            documents[f"data sheet {lang}"] = reverse("schools:data-sheet", args=["demo", lang])
        texts = {}
        for name, url in documents.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertEqual(response["Content-Type"], "application/pdf")
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                texts[name] = pdf_text(body)
                self.assertTrue(texts[name].strip(), name)
        # Regulation B's own rules in the printed regulation: the act of removal, the seal, the
        # parents' member of the commission, the quarterly report.
        ru = texts["regulation ru"]
        for word in ("пломб", "родител", "отчёт"):
            self.assertIn(word, ru.lower())
        self.assertIn(str(self.past.last_number), texts["frozen year"])
