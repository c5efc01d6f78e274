import datetime

from django.utils import timezone

from audit.models import Event
from commission.models import Commission
from notify.models import Notice, OutgoingMail
from openings.models import BoxOpening
from openings.tests.base import OpeningTestCase
from openings.work import notify_damaged


class NewOpeningTests(OpeningTestCase):
    url = "/staff/openings/new/"

    def setUp(self):
        super().setUp()
        self.dana.email = "dana@example.org"
        self.dana.save()
        self.login("aida")

    def test_the_form_offers_the_members_of_the_commission_in_force(self):
        r = self.client.get(self.url)
        self.assertContains(r, "Гүлзат Асанова")
        self.assertContains(r, 'type="date"')
        self.assertContains(r, "<h1", count=1)

    def test_it_records_an_opening_with_the_next_number(self):
        first = self.record_opening()
        second = self.record_opening(seal_removed="001235", seal_applied="001236")
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(first.commission, self.commission)
        self.assertEqual(first.created_by, self.aida)
        self.assertEqual(first.members_present.count(), 3)
        self.assertTrue(first.found_appeals)
        self.assertTrue(Event.objects.filter(action="box_opened").exists())

    def test_an_opening_in_the_future_is_refused_keeping_the_typed_values(self):
        tomorrow = timezone.localtime() + datetime.timedelta(days=1)
        r = self.client.post(self.url, self.opening_data(opened_on=tomorrow.strftime("%Y-%m-%d")))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_opened_on_error"')
        self.assertContains(r, 'value="001234"')
        self.assertEqual(BoxOpening.objects.count(), 0)

    def test_a_later_hour_today_is_in_the_future_too(self):
        later = timezone.localtime() + datetime.timedelta(hours=2)
        if later.date() != timezone.localdate():
            return  # late evening: two hours on is tomorrow, covered above
        # The date too: just after midnight "an hour ago" (the default) is yesterday.
        r = self.client.post(
            self.url,
            self.opening_data(
                opened_on=later.strftime("%Y-%m-%d"), opened_time=later.strftime("%H:%M")
            ),
        )
        self.assertContains(r, 'id="id_opened_time_error"')
        self.assertEqual(BoxOpening.objects.count(), 0)

    def test_a_new_seal_number_equal_to_the_old_one_is_refused(self):
        r = self.client.post(self.url, self.opening_data(seal_applied="№ 0012 34"))
        self.assertContains(r, 'id="id_seal_applied_error"')
        self.assertEqual(BoxOpening.objects.count(), 0)

    def test_a_damaged_seal_needs_a_description(self):
        r = self.client.post(self.url, self.opening_data(seal_state="damaged"))
        self.assertContains(r, 'id="id_damage_description_error"')
        self.assertEqual(BoxOpening.objects.count(), 0)

    def test_a_damaged_seal_notifies_the_director_once_without_letter_content(self):
        opening = self.record_opening(
            seal_state="damaged", damage_description="Пломбанын жиби кесилген."
        )
        self.assertTrue(opening.is_damaged)
        notify_damaged(opening)  # a second run changes nothing
        notices = Notice.objects.filter(kind="seal_damaged")
        self.assertEqual([n.user for n in notices], [self.dana])
        mails = OutgoingMail.objects.filter(to="dana@example.org")
        self.assertEqual(mails.count(), 1)
        self.assertIn(f"/staff/openings/{opening.pk}/", mails.get().body)
        self.assertFalse(Notice.objects.filter(user=self.aida).exists())

    def test_a_seal_that_is_not_the_last_one_put_on_needs_a_description(self):
        self.record_opening()  # sealed with 001235
        r = self.client.post(self.url, self.opening_data(seal_removed="777", seal_applied="778"))
        self.assertContains(r, 'id="id_damage_description_error"')
        self.assertContains(r, "001235")
        self.assertContains(r, 'value="777"')  # what was typed is kept
        self.assertEqual(BoxOpening.objects.count(), 1)

    def test_a_seal_mismatch_is_recorded_in_the_act_and_the_director_is_told(self):
        self.record_opening()  # sealed with 001235
        opening = self.record_opening(
            seal_removed="777", seal_applied="778", damage_description="Пломба башка."
        )
        self.assertTrue(opening.is_damaged)
        self.assertIn("777", opening.damage_description)
        self.assertIn("001235", opening.damage_description)
        self.assertIn("Пломба башка.", opening.damage_description)
        self.assertEqual([n.user for n in Notice.objects.filter(kind="seal_damaged")], [self.dana])

    def test_the_same_seal_written_differently_is_no_mismatch(self):
        self.record_opening()  # sealed with 001235
        opening = self.record_opening(seal_removed="№ 0012-35", seal_applied="001236")
        self.assertFalse(opening.is_damaged)

    def test_an_intact_box_notifies_nobody(self):
        self.record_opening()
        self.assertFalse(Notice.objects.filter(kind="seal_damaged").exists())
        self.assertFalse(OutgoingMail.objects.exists())

    def test_a_double_submit_records_one_opening(self):
        data = self.opening_data(token="same-form")
        self.client.post(self.url, data)
        self.client.post(self.url, data)
        self.assertEqual(BoxOpening.objects.count(), 1)

    def test_members_present_must_be_ticked(self):
        r = self.client.post(self.url, self.opening_data(members_present=[]))
        self.assertContains(r, 'id="id_members_present_error"')

    def test_without_a_commission_in_force_no_opening_is_recorded(self):
        Commission.objects.update(status=Commission.DRAFT)
        r = self.client.post(self.url, self.opening_data())
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'class="alert"')
        self.assertEqual(BoxOpening.objects.count(), 0)

    def test_the_director_cannot_record_an_opening(self):
        self.client.logout()
        self.login("dana")
        r = self.client.post(self.url, self.opening_data())
        self.assertRedirects(r, "/staff/openings/")
        self.assertEqual(BoxOpening.objects.count(), 0)
