"""Issue 15: the notices panel no longer floods. Reminders fold into one line per letter and
kind with a count and are read all at once (a plain form, no script); urgent notices stand
apart and first, one by one, never folded and never read in bulk."""

import re

from django.test import Client

from ishenim.testing import BaseTestCase, visible_text
from journal.notices import URGENT_KINDS
from notify.models import Notice


class NoticesPanelTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.first, _ = self.submit("Биринчи кат.")
        self.second, _ = self.submit("Экинчи кат.")
        self.n = 0
        for appeal in (self.first, self.second):
            for _ in range(12):
                self.notice(Notice.DUE_TOMORROW, appeal)
            for _ in range(3):
                self.notice(Notice.OVERDUE, appeal)
        self.urgent = [self.notice(Notice.URGENT_WAITING, self.first) for _ in range(3)]
        self.urgent.append(self.notice(Notice.DECISION_LATE, self.first))
        self.notice(Notice.DUE_TOMORROW, self.first, user=self.bolot)

    def notice(self, kind, appeal, user=None):
        self.n += 1
        return Notice.objects.create(
            user=user or self.aida, appeal=appeal, school=self.school, kind=kind, key=f"k{self.n}"
        )

    def panel(self, client=None):
        page = (client or self.client).get("/staff/").content.decode()
        match = re.search(r'<section class="card soft notices".*?</section>', page, re.S)
        self.assertIsNotNone(match, "no notices panel")
        return match.group(0)

    def test_reminders_fold_into_one_line_per_letter_and_kind_with_a_count(self):
        self.login()
        panel = self.panel()
        reminders = panel[panel.index('id="notices-reminders-h"') :]
        self.assertEqual(reminders.count("<li>"), 4)  # 2 letters × 2 kinds, not 30 lines
        text = visible_text(reminders)
        self.assertEqual(text.count("12 жолу"), 2)  # "12 times"
        self.assertEqual(text.count("3 жолу"), 2)

    def test_urgent_notices_stand_apart_first_and_one_by_one(self):
        self.login()
        panel = self.panel()
        urgent = panel[
            panel.index('id="notices-urgent-h"') : panel.index('id="notices-reminders-h"')
        ]
        self.assertEqual(urgent.count("<li>"), 4)  # never folded: each one is a line
        self.assertEqual(urgent.count(self.first.tag), 4)

    def test_mark_all_read_is_a_plain_form_with_csrf_and_leaves_urgent_notices(self):
        self.login()
        client = Client(enforce_csrf_checks=True)
        client.cookies = self.client.cookies
        panel = self.panel(client)
        form = re.search(
            r'<form method="post" action="(/staff/notices/read/)">(.*?)</form>', panel, re.S
        )
        self.assertIsNotNone(form, "no mark-all-read form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
        self.assertEqual(client.post(form.group(1)).status_code, 403)  # no token, no change
        self.assertEqual(client.get(form.group(1)).status_code, 405)
        r = client.post(form.group(1), {"csrfmiddlewaretoken": token, "next": "/staff/"})
        self.assertRedirects(r, "/staff/", fetch_redirect_response=False)
        unread = Notice.objects.filter(user=self.aida, read_at__isnull=True)
        self.assertEqual(
            set(unread.values_list("kind", flat=True)),
            set(URGENT_KINDS) & {Notice.URGENT_WAITING, Notice.DECISION_LATE},
        )
        self.assertEqual(unread.count(), 4)
        # Bolot's notice is his own.
        self.assertTrue(Notice.objects.filter(user=self.bolot, read_at__isnull=True).exists())

    def test_marking_a_line_read_reads_its_whole_group(self):
        self.login()
        last = Notice.objects.filter(
            kind=Notice.DUE_TOMORROW, appeal=self.first, user=self.aida
        ).last()
        self.client.post(f"/staff/notices/{last.pk}/read/")
        group = Notice.objects.filter(kind=Notice.DUE_TOMORROW, appeal=self.first, user=self.aida)
        self.assertFalse(group.filter(read_at__isnull=True).exists())
        self.assertTrue(Notice.objects.filter(kind=Notice.OVERDUE, read_at__isnull=True).exists())

    def test_marking_an_urgent_notice_read_reads_only_that_one(self):
        self.login()
        self.client.post(f"/staff/notices/{self.urgent[0].pk}/read/")
        waiting = Notice.objects.filter(kind=Notice.URGENT_WAITING, read_at__isnull=True)
        self.assertEqual(waiting.count(), 2)

    def test_an_outsider_cannot_read_someone_elses_notice(self):
        self.login("chyngyz")
        self.client.post(f"/staff/notices/{self.urgent[0].pk}/read/")
        self.client.post("/staff/notices/read/")
        self.assertEqual(Notice.objects.filter(user=self.aida, read_at__isnull=True).count(), 34)


class DirectorsNoticesLeadNowhereTheyCannotOpenTests(BaseTestCase):
    def test_a_directors_overdue_reminder_names_the_letter_without_a_dead_link(self):
        appeal, _ = self.submit("Кат.")
        Notice.objects.create(
            user=self.dana, appeal=appeal, school=self.school, kind=Notice.OVERDUE, key="d1"
        )
        self.login("dana")
        page = self.client.get("/staff/").content.decode()
        self.assertIn(appeal.tag, page)
        self.assertNotIn(f"/staff/appeals/{appeal.pk}/", page)
        self.assertEqual(self.client.get(f"/staff/appeals/{appeal.pk}/").status_code, 404)
        self.client.logout()
        self.login("aida")
        self.assertIn(f"/staff/appeals/{appeal.pk}/", self.client.get("/staff/").content.decode())
