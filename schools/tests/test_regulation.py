"""Regulation A or B per school: chosen at setup, changed from a date, read by every check."""

import datetime
import os

from django.urls import reverse
from django.utils import translation

from commission.meetings import meetings_this_half_year
from commission.models import Commission, CommissionMember
from ishenim.testing import BaseTestCase
from schools.models import Regulation
from schools.setup import choose_regulation

D = datetime.date


class RegulationTestCase(BaseTestCase):
    def commission(self, *roles, on=None):
        commission = Commission.objects.create(
            school=self.school, order_number="1", order_date=on or datetime.date.today()
        )
        for i, role in enumerate(roles):
            CommissionMember.objects.create(
                commission=commission, full_name=f"Мүчө {i}", role=role, is_responsible=i == 0
            )
        return commission


class RegulationChoiceTests(RegulationTestCase):
    def test_a_school_without_a_choice_runs_every_check(self):
        rules = self.school.rules()
        self.assertIsNone(rules.kind)
        self.assertTrue(rules.weekly_collection and rules.quarterly_report and rules.removal_act)

    def test_regulation_a_sets_its_switches(self):
        choose_regulation(self.school, Regulation.A, D(2026, 9, 1))
        rules = self.school.rules(D(2026, 9, 2))
        self.assertEqual(rules.commission_rule, Regulation.THREE)
        self.assertTrue(rules.weekly_collection)
        self.assertFalse(rules.removal_act or rules.quarterly_report)
        self.assertEqual(rules.meetings_per_half_year, 0)

    def test_a_change_from_a_date_applies_from_that_date_only(self):
        choose_regulation(self.school, Regulation.A, D(2026, 9, 1))
        choose_regulation(self.school, Regulation.B, D(2027, 1, 10))
        self.assertEqual(self.school.rules(D(2027, 1, 9)).kind, Regulation.A)
        self.assertEqual(self.school.rules(D(2027, 1, 10)).kind, Regulation.B)

    def test_the_schools_own_mix_keeps_the_chosen_switches(self):
        choose_regulation(
            self.school,
            Regulation.OWN,
            D(2026, 9, 1),
            commission_rule=Regulation.THREE,
            weekly_collection=True,
            removal_act=True,
            quarterly_report=False,
            answer_days=3,
        )
        rules = self.school.rules(D(2026, 9, 2))
        self.assertEqual((rules.commission_rule, rules.removal_act), (Regulation.THREE, True))
        self.assertEqual(rules.answer_days, 3)

    def test_the_answer_deadline_reads_the_schools_answer_days(self):
        from journal.sealing import create_appeal

        choose_regulation(
            self.school, Regulation.OWN, D(2026, 9, 1), answer_days=2, weekly_collection=True
        )
        appeal, _code = create_appeal(
            self.school,
            text="Салам",
            author_kind="pupil",
            is_anonymous=True,
            received_on=D(2026, 9, 7),
        )
        self.assertEqual(appeal.due_on, D(2026, 9, 9))  # Monday + 2 working days


class CompositionTests(RegulationTestCase):
    A_THREE = (
        CommissionMember.SOCIAL_PEDAGOGUE,
        CommissionMember.DEPUTY,
        CommissionMember.UNION_REP,
    )

    def test_a_commission_as_regulation_a_forms_it_is_accepted_under_a(self):
        choose_regulation(self.school, Regulation.A, datetime.date.today())
        self.assertEqual(self.commission(*self.A_THREE).problems(), [])

    def test_the_same_commission_is_refused_under_b(self):
        choose_regulation(self.school, Regulation.B, datetime.date.today())
        with translation.override("en"):
            problems = [str(p) for p in self.commission(*self.A_THREE).problems()]
        self.assertEqual(len(problems), 1)
        self.assertIn("parents", problems[0])

    def test_an_order_older_than_the_first_choice_is_checked_under_that_choice(self):
        choose_regulation(self.school, Regulation.A, datetime.date.today())
        older = datetime.date.today() - datetime.timedelta(days=60)
        self.assertEqual(self.commission(*self.A_THREE, on=older).problems(), [])

    def test_under_a_the_trade_union_representative_is_required(self):
        choose_regulation(self.school, Regulation.A, datetime.date.today())
        with translation.override("en"):
            problems = self.commission(
                CommissionMember.SOCIAL_PEDAGOGUE, CommissionMember.DEPUTY, CommissionMember.TEACHER
            ).problems()
            self.assertIn("trade-union", str(problems[0]))


class MeetingsRuleTests(RegulationTestCase):
    def test_no_shortfall_warning_where_the_regulation_sets_no_meetings(self):
        choose_regulation(self.school, Regulation.A, D(2026, 9, 1))
        self.assertFalse(meetings_this_half_year(self.school, D(2026, 12, 20))[3])

    def test_regulation_b_warns_when_the_half_year_is_short(self):
        choose_regulation(self.school, Regulation.B, D(2026, 9, 1))
        self.assertTrue(meetings_this_half_year(self.school, D(2026, 12, 20))[3])


class ReportRuleTests(RegulationTestCase):
    def test_no_report_reminder_under_regulation_a(self):
        from reports.tasks import remind_school

        choose_regulation(self.school, Regulation.A, D(2026, 9, 1))
        self.assertEqual(remind_school(self.school, D(2027, 1, 3)), 0)

    def test_the_report_day_is_the_schools(self):
        from reports.due import report_due

        choose_regulation(self.school, Regulation.OWN, D(2026, 9, 1), report_day=10)
        self.assertEqual(report_due(self.school, D(2027, 1, 3)).due_on, D(2027, 1, 10))


class ReviewRuleTests(RegulationTestCase):
    def test_no_review_reminder_where_letters_are_not_collected_weekly(self):
        from commission.models import Commission as C
        from commission.tasks import review_reminders

        choose_regulation(self.school, Regulation.B, D(2026, 9, 1))
        commission = self.commission(
            CommissionMember.SOCIAL_PEDAGOGUE, CommissionMember.PARENTS_REP, CommissionMember.DEPUTY
        )
        CommissionMember.objects.filter(commission=commission).update(user=None)
        m = commission.members.first()
        m.user = self.aida
        m.save()
        C.objects.filter(pk=commission.pk).update(status=C.ACTIVE)
        # Friday before the Saturday review day.
        self.assertEqual(review_reminders(D(2026, 9, 11)), 0)
        choose_regulation(self.school, Regulation.A, D(2026, 9, 2))
        self.assertEqual(review_reminders(D(2026, 9, 11)), 1)


class SettingsPageTests(RegulationTestCase):
    def url(self):
        return reverse("schools:settings", args=[self.school.slug])

    def test_the_responsible_person_chooses_regulation_a_from_today(self):
        self.client.force_login(self.aida)
        today = datetime.date.today()
        r = self.client.post(
            self.url(),
            {
                "action": "regulation",
                "r-kind": "A",
                "r-starts_on": today.isoformat(),
                "r-commission_rule": "odd_with_parent",
                "r-meetings_per_half_year": "2",
                "r-report_day": "5",
                "r-answer_days": "5",
            },
        )
        self.assertEqual(r.status_code, 302)
        self.assertEqual(self.school.rules(today).kind, Regulation.A)
        # Regulation A's preset wins over the ticked switches.
        self.assertEqual(self.school.rules(today).commission_rule, Regulation.THREE)
        page = self.client.get(self.url(), HTTP_ACCEPT_LANGUAGE="ru")
        self.assertNotContains(page, "odd_with_parent</li>")

    def test_a_date_in_the_past_is_refused(self):
        self.client.force_login(self.aida)
        r = self.client.post(
            self.url(),
            {
                "action": "regulation",
                "r-kind": "B",
                "r-starts_on": "2020-01-01",
                "r-commission_rule": "three",
                "r-meetings_per_half_year": "2",
                "r-report_day": "5",
                "r-answer_days": "5",
            },
        )
        self.assertEqual(r.status_code, 200)
        self.assertFalse(self.school.regulations.exists())

    def test_outsider_gets_404_for_the_printed_regulation(self):
        self.client.force_login(self.chyngyz)
        r = self.client.get(reverse("schools:regulation-pdf", args=[self.school.slug, "ky"]))
        self.assertEqual(r.status_code, 404)


class PrintedRegulationTests(RegulationTestCase):
    def text(self, kind, lang):
        import io

        from pypdf import PdfReader

        choose_regulation(self.school, kind, datetime.date.today())
        self.client.force_login(self.aida)
        r = self.client.get(reverse("schools:regulation-pdf", args=[self.school.slug, lang]))
        self.assertEqual(r["Content-Type"], "application/pdf")
        folder = os.environ.get("ISHENIM_PDF_DIR")
        if folder:
            with open(os.path.join(folder, f"regulation-{kind}-{lang}.pdf"), "wb") as f:
                f.write(r.content)
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)

    def test_regulation_a_in_kyrgyz_has_the_commission_of_three_and_no_act(self):
        text = self.text(Regulation.A, "ky")
        self.assertIn("профсоюздун", text)
        self.assertNotIn("алып коюу актысы", text)
        self.assertIn("111", text)

    def test_regulation_b_in_russian_has_the_act_and_the_parents(self):
        text = self.text(Regulation.B, "ru")
        self.assertIn("акт изъятия", text)
        self.assertIn("родительской", text)
        self.assertIn("УТВЕРЖДАЮ", text)


class HolidayDutyTests(RegulationTestCase):
    def test_the_person_on_duty_is_alerted_on_a_day_the_school_does_not_work(self):
        from urgent.ladder import reachable_steps

        self.school.holiday_duty = self.dana
        self.school.save()
        appeal, _code = self.submit(received_on=D(2026, 7, 12))
        sunday, monday_in_term = D(2026, 7, 12), D(2026, 10, 5)
        on_duty = [u.pk for s in reachable_steps(appeal, today=sunday) for u in s.users]
        self.assertIn(self.dana.pk, on_duty)
        self.assertEqual(on_duty[0], self.dana.pk)
        self.assertEqual(on_duty.count(self.dana.pk), 1)
        first = reachable_steps(appeal, today=monday_in_term)[0]
        self.assertNotIn(self.dana.pk, [u.pk for u in first.users])

    def test_the_duty_person_is_chosen_among_the_schools_staff(self):
        self.client.force_login(self.aida)
        page = self.client.get(reverse("schools:settings", args=[self.school.slug]))
        self.assertContains(page, "Сейитова")
        self.assertNotContains(page, "chyngyz")
