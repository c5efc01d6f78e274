"""Finding 7: staff the author excluded from a letter see only its journal number and dates
(the journal stays gapless and they can sign the minutes) — never its category, urgency,
summary, author or measures, and no link to it — on every page that lists letters."""

import datetime

from django.utils import timezone

from commission.models import Meeting
from commission.tests.helpers import CommissionTestCase
from ishenim.testing import visible_text
from journal.models import Appeal

KEPT_TEXT = "Болот агай мени класста шылдыңдайт, коркуп жатам."


class ExcludedStaffTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.today = timezone.localdate()
        self.kept, _ = self.submit(KEPT_TEXT, excluded_staff=[self.bolot])
        Appeal.objects.filter(pk=self.kept.pk).update(
            number=7, category="bullying", urgency=Appeal.URGENT
        )
        self.other, _ = self.submit("Ашканада тамак жетишпейт.")
        Appeal.objects.filter(pk=self.other.pk).update(number=8, category="study")
        self.kept.refresh_from_db()

    def assert_only_number_and_dates(self, html):
        text = visible_text(html)
        self.assertNotIn(f"/staff/appeals/{self.kept.pk}/", html)
        self.assertNotIn(self.kept.tag, html)
        self.assertNotIn(KEPT_TEXT, text)
        for word in ("Bullying", "bullying", "Urgent", "urgent", "Шашылыш", "Кордоо"):
            self.assertNotIn(word, text.replace(self.other.get_category_display(), ""), word)

    def test_excluded_member_sees_the_number_and_date_in_the_journal_and_nothing_else(self):
        self.login("bolot")
        r = self.client.get("/staff/")
        rows = {row["appeal"].pk: row for row in r.context["rows"]}
        self.assertIn(self.kept.pk, rows)  # the journal stays gapless
        self.assertTrue(rows[self.kept.pk].get("kept"))
        self.assertNotIn("summary", rows[self.kept.pk])
        self.assertNotIn(f"/staff/appeals/{self.kept.pk}/", r.content.decode())
        self.assertNotIn(self.kept.tag, r.content.decode())
        # Urgent letters come first; a kept one must not be given away by its place.
        self.assertEqual(r.context["rows"][0]["appeal"].pk, self.other.pk)

    def test_filters_and_search_never_match_a_letter_kept_from_the_user(self):
        self.login("bolot")
        for query in ("category=bullying", "urgency=urgent", "q=шылдыңдайт"):
            r = self.client.get(f"/staff/?{query}")
            pks = [row["appeal"].pk for row in r.context["rows"]]
            self.assertNotIn(self.kept.pk, pks, query)

    def test_excluded_member_dashboard_does_not_count_the_kept_letter(self):
        self.login("bolot")
        r = self.client.get("/staff/reports/school/demo/")
        self.assertEqual(r.context["counts"]["urgent"], 0)
        self.assertEqual(r.context["kept"], 1)
        self.assertNotIn(self.kept.pk, [a.pk for a, _state in r.context["deadlines"]])
        self.login("aida")
        r = self.client.get("/staff/reports/school/demo/")
        self.assertEqual(r.context["counts"]["urgent"], 1)

    def test_the_weekly_review_agenda_gives_a_kept_letter_its_number_and_date_only(self):
        self.login("aida")
        r = self.client.get("/staff/commission/demo/meetings/new/?kind=weekly_review")
        agenda = r.context["form"].initial["agenda"]
        line = next(x for x in agenda.splitlines() if "№ 7" in x)
        self.assertEqual(line, f"— № 7, {self.kept.received_on:%d.%m.%Y}")
        self.assertIn("№ 8", agenda)

    def test_the_weekly_review_shows_the_excluded_member_the_number_and_date_only(self):
        meeting = self.make_meeting(
            self.commission,
            kind=Meeting.WEEKLY_REVIEW,
            period_start=self.today - datetime.timedelta(days=6),
            period_end=self.today,
        )
        self.login("bolot")
        r = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertEqual(r.status_code, 200)
        html = r.content.decode()
        self.assertIn("№ 7", html)  # they can sign the minutes of a complete review
        self.assert_only_number_and_dates(html)
        self.login("aida")
        r = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertContains(r, self.kept.tag)


class ExcludedStaffNoticesTests(CommissionTestCase):
    def test_a_notice_about_a_kept_letter_is_never_shown_to_the_excluded_member(self):
        from journal.notices import panel
        from notify.models import Notice

        kept, _ = self.submit(KEPT_TEXT, excluded_staff=[self.bolot])
        other, _ = self.submit("Ашканада тамак жетишпейт.")
        for appeal in (kept, other):
            Notice.objects.create(
                user=self.bolot, appeal=appeal, kind=Notice.URGENT, key=f"t:{appeal.pk}"
            )
        shown = [n.appeal_id for n in panel(self.bolot)["urgent"]]
        self.assertEqual(shown, [other.pk])
        self.login("bolot")
        r = self.client.get("/staff/")
        self.assertNotContains(r, kept.tag)
