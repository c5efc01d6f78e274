import datetime

from django.utils import timezone

from audit.models import Event
from commission.meetings import appeals_for_review
from commission.models import Meeting
from commission.tests.helpers import CommissionTestCase
from journal.models import Appeal
from vault import open_text


class WeeklyReviewTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission(elected=True)
        self.today = timezone.localdate()
        self.online, _ = self.submit("Мени класста шылдыңдашат.\nЭкинчи сап.\nҮчүнчү сап.")
        self.paper, _ = self.submit(
            "Кагаз кат: ашканада тамак жетишпейт.",
            channel=Appeal.PAPER,
            received_on=self.today - datetime.timedelta(days=2),
        )
        self.old, _ = self.submit(
            "Эски кат, мурунку жумадан.", received_on=self.today - datetime.timedelta(days=12)
        )

    def start_review(self, username="aida"):
        self.login(username)
        r = self.client.post(
            "/staff/commission/demo/meetings/new/",
            {
                "held_on": self.today.isoformat(),
                "kind": Meeting.WEEKLY_REVIEW,
                "attendance": [str(self.aida_m.pk), str(self.bolot_m.pk)],
            },
        )
        meeting = Meeting.objects.get()
        self.assertRedirects(r, f"/staff/commission/meetings/{meeting.pk}/")
        return meeting

    def test_the_review_lists_the_weeks_online_and_paper_appeals_and_not_older_ones(self):
        meeting = self.start_review()
        r = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertContains(r, self.online.tag)
        self.assertContains(r, self.paper.tag)
        self.assertNotContains(r, self.old.tag)
        self.assertContains(r, "Мени класста шылдыңдашат.\nЭкинчи сап.")
        self.assertNotContains(r, "Үчүнчү сап")  # only the first lines
        self.assertIn(self.paper.tag, meeting.agenda)
        self.assertNotIn(self.old.tag, meeting.agenda)
        self.assertNotIn("шылдыңдашат", meeting.agenda)  # the agenda is plain: no letter text
        self.assertTrue(Event.objects.filter(action="review_read").exists())

    def test_the_review_starts_after_the_previous_review(self):
        Meeting.objects.create(
            commission=self.commission,
            kind=Meeting.WEEKLY_REVIEW,
            held_on=self.today - datetime.timedelta(days=1),
        )
        self.login("aida")
        self.client.post(
            "/staff/commission/demo/meetings/new/",
            {"held_on": self.today.isoformat(), "kind": Meeting.WEEKLY_REVIEW},
        )
        meeting = Meeting.objects.filter(held_on=self.today).get()
        self.assertEqual(meeting.period_start, self.today - datetime.timedelta(days=1))
        self.assertNotIn(self.paper.tag, meeting.agenda)
        self.assertIn(self.online.tag, meeting.agenda)

    def test_appeals_for_review_is_a_plain_function(self):
        week = appeals_for_review(self.school, self.today - datetime.timedelta(days=6), self.today)
        self.assertEqual(set(week), {self.online, self.paper})

    def test_a_decision_written_in_the_review_lands_in_the_appeals_measures(self):
        meeting = self.start_review()
        url = f"/staff/commission/meetings/{meeting.pk}/"
        p = f"d{self.paper.pk}-"
        r = self.client.post(
            url,
            {
                "action": "decision",
                "appeal": str(self.paper.pk),
                p + "measures": "Ашкана боюнча директор менен сүйлөшүлдү",
                p + "referred_to": "social_services",
                p + "referred_on": self.today.isoformat(),
            },
        )
        self.assertRedirects(r, f"{url}#a{self.paper.pk}")
        self.paper.refresh_from_db()
        self.assertEqual(
            open_text(self.key, self.paper.sealed_measures),
            "Ашкана боюнча директор менен сүйлөшүлдү",
        )
        self.assertEqual(self.paper.referred_to, "social_services")
        self.assertEqual(self.paper.referred_on, self.today)
        event = Event.objects.get(action="change", appeal=self.paper, detail__field="measures")
        self.assertNotIn("Ашкана", str(event.detail))
        self.assertTrue(Event.objects.filter(action="review_decision", appeal=self.paper).exists())

    def test_a_referral_needs_its_date(self):
        meeting = self.start_review()
        p = f"d{self.paper.pk}-"
        r = self.client.post(
            f"/staff/commission/meetings/{meeting.pk}/",
            {"action": "decision", "appeal": str(self.paper.pk), p + "referred_to": "police"},
        )
        self.assertContains(r, f'id="id_{p}referred_on_error"')
        self.paper.refresh_from_db()
        self.assertEqual(self.paper.referred_to, "")

    def test_an_appeal_outside_the_review_cant_be_decided_there(self):
        meeting = self.start_review()
        r = self.client.post(
            f"/staff/commission/meetings/{meeting.pk}/",
            {"action": "decision", "appeal": str(self.old.pk), f"d{self.old.pk}-measures": "x"},
        )
        self.assertEqual(r.status_code, 404)

    def test_the_director_sees_figures_only(self):
        meeting = self.start_review()
        self.login("dana")
        r = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertContains(r, self.paper.tag)
        self.assertNotContains(r, "Кагаз кат")
        self.assertNotContains(r, 'value="decision"')
