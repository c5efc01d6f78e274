"""A paper letter's registration form carries the same exclusion field as the online form:
the staff the author named do not see the letter and are skipped by its alerts."""

import datetime

from django.utils import timezone

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from notify.models import Notice
from urgent import tasks

URGENT_TEXT = "Мени өгөй атам уруп, өлтүрөм деди."


class PaperLetterExclusionTests(BaseTestCase):
    url = "/staff/paper/"

    def register_paper(self, text="Кагаз кат.", exclude=()):
        return self.client.post(
            self.url,
            {
                "received_on": timezone.localdate().isoformat(),
                "author_kind": "pupil",
                "text": text,
                "exclude": [str(u.pk) for u in exclude],
            },
        )

    def test_the_form_offers_the_schools_readers_to_exclude(self):
        self.login()
        r = self.client.get(self.url)
        self.assertContains(r, 'name="exclude"')
        self.assertContains(r, "Болот Иманов")
        self.assertNotContains(r, "Дана Сейитова")  # the director reads no letters

    def test_an_excluded_member_does_not_see_the_letter(self):
        self.login()
        self.register_paper(exclude=[self.bolot])
        appeal = Appeal.objects.get()
        self.assertEqual(list(appeal.excluded_staff.all()), [self.bolot])
        self.client.logout()
        self.login("bolot")
        self.assertEqual(self.client.get(f"/staff/appeals/{appeal.pk}/").status_code, 404)
        self.assertNotContains(self.client.get("/staff/"), appeal.tag)

    def test_an_excluded_member_gets_no_alert_for_an_urgent_paper_letter(self):
        self.login()
        self.register_paper(URGENT_TEXT, exclude=[self.bolot])
        self.register_paper(URGENT_TEXT)  # the same letter without exclusion, for contrast
        excluded, plain = Appeal.objects.order_by("pk")
        self.assertEqual(excluded.urgency, Appeal.URGENT)
        later = timezone.now() + datetime.timedelta(hours=3)
        with self.captureOnCommitCallbacks(execute=True):
            for minutes in range(0, 181, 5):
                tasks.tick(now=timezone.now() + datetime.timedelta(minutes=minutes))
            tasks.tick(now=later)
        alerted = set(
            Notice.objects.filter(key__startswith=f"urgent:{excluded.pk}:w").values_list(
                "user__username", flat=True
            )
        )
        self.assertIn("aida", alerted)
        self.assertNotIn("bolot", alerted)
        contrast = set(
            Notice.objects.filter(key__startswith=f"urgent:{plain.pk}:w").values_list(
                "user__username", flat=True
            )
        )
        self.assertIn("bolot", contrast)

    def test_excluding_oneself_registers_and_returns_to_the_journal(self):
        self.login()
        r = self.register_paper(exclude=[self.aida])
        self.assertRedirects(r, "/staff/")
        self.assertEqual(Appeal.objects.get().number, 1)
