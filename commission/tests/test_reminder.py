import datetime

from django.core import mail
from django.test import override_settings

from commission.tasks import review_reminders
from commission.tests.helpers import CommissionTestCase
from notify.models import Notice

FRIDAY = datetime.date(2026, 11, 20)  # the demo school reviews on Saturday, a 5-day week


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class ReminderTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.submit("Мени класста шылдыңдашат.", received_on=FRIDAY - datetime.timedelta(days=2))
        self.submit("Дагы бир кат.", received_on=FRIDAY)

    def test_members_with_an_account_are_reminded_the_working_day_before(self):
        self.assertEqual(review_reminders(FRIDAY), 2)
        notices = Notice.objects.filter(kind="review_tomorrow")
        self.assertEqual({n.user for n in notices}, {self.aida, self.bolot})
        self.assertEqual(len(mail.outbox), 1)  # only Aida has an e-mail address
        message = mail.outbox[0]
        self.assertIn("21.11.2026", message.subject)
        self.assertIn("2", message.subject)
        self.assertNotIn("шылдыңдашат", message.subject + message.body)

    def test_the_reminder_is_idempotent(self):
        review_reminders(FRIDAY)
        self.assertEqual(review_reminders(FRIDAY), 0)
        self.assertEqual(Notice.objects.filter(kind="review_tomorrow").count(), 2)
        self.assertEqual(len(mail.outbox), 1)

    def test_no_reminder_on_other_days(self):
        self.assertEqual(review_reminders(FRIDAY - datetime.timedelta(days=1)), 0)
        self.assertFalse(Notice.objects.exists())

    def test_a_draft_commission_is_not_reminded(self):
        self.commission.status = "draft"
        self.commission.save()
        self.assertEqual(review_reminders(FRIDAY), 0)
