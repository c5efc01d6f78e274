import datetime

from audit.models import Event
from ishenim.testing import BaseTestCase
from schools.models import DayOff


class SettingsTests(BaseTestCase):
    url = "/staff/school/demo/"

    def data(self, **extra):
        d = {
            "action": "settings",
            "s-answer_days": "5",
            "s-review_weekday": "5",
            "s-working_week": "5",
            "s-retention_years": "3",
            "s-address": "Мектеп көчөсү 1",
            "s-phone": "",
            "s-email": "",
        }
        d.update({f"s-{k}": v for k, v in extra.items()})
        return d

    def test_a_deadline_of_zero_is_a_clear_error(self):
        self.login()
        r = self.client.post(self.url, self.data(answer_days="0"))
        self.assertContains(r, 'id="id_s-answer_days_error"')
        self.assertContains(r, "Мектеп көчөсү 1")
        self.school.refresh_from_db()
        self.assertEqual(self.school.answer_days, 5)

    def test_a_six_day_week_is_saved_and_audited(self):
        self.login()
        self.assertRedirects(self.client.post(self.url, self.data(working_week="6")), self.url)
        self.school.refresh_from_db()
        self.assertEqual(self.school.working_week, 6)
        self.assertTrue(Event.objects.filter(action="settings").exists())

    def test_a_day_off_is_added_once(self):
        self.login()
        day = {"action": "day_off", "d-date": "2026-12-30", "d-reason": "Каникул"}
        self.client.post(self.url, day)
        r = self.client.post(self.url, day)
        self.assertContains(r, 'id="id_d-date_error"')
        self.assertEqual(DayOff.objects.get().date, datetime.date(2026, 12, 30))

    def test_a_vacation_is_entered_as_one_range_and_shown_as_one_line(self):
        self.login()
        vacation = {
            "action": "day_off",
            "d-date": "2026-12-28",
            "d-until": "2027-01-10",
            "d-reason": "Кышкы каникул",
        }
        self.assertRedirects(self.client.post(self.url, vacation), self.url)
        self.assertEqual(DayOff.objects.count(), 14)
        page = self.client.get(self.url)
        self.assertContains(page, "28.12.2026 – 10.01.2027 Кышкы каникул")
        # The calendar skips every day of it.
        calendar = self.school.calendar()
        self.assertFalse(calendar.is_working_day(datetime.date(2027, 1, 5)))
        # Removed as one line.
        first = DayOff.objects.order_by("date").first()
        self.client.post(f"/staff/school/demo/days-off/{first.pk}/delete/", {"until": "2027-01-10"})
        self.assertEqual(DayOff.objects.count(), 0)

    def test_a_range_ending_before_it_starts_is_a_clear_error_and_keeps_the_input(self):
        self.login()
        r = self.client.post(
            self.url,
            {"action": "day_off", "d-date": "2027-01-10", "d-until": "2027-01-01", "d-reason": "X"},
        )
        self.assertContains(r, 'id="id_d-until_error"')
        self.assertContains(r, 'value="2027-01-10"')
        self.assertEqual(DayOff.objects.count(), 0)

    def test_a_commission_member_cannot_change_settings(self):
        self.login("bolot")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_contact_is_added_and_shown_to_authors(self):
        self.login()
        self.client.post(
            self.url,
            {
                "action": "contact",
                "c-title_ky": "ИДН инспектору",
                "c-title_ru": "Инспектор ПДН",
                "c-phone": "+996 000 77 88 99",
            },
        )
        self.assertContains(self.client.get("/s/demo/"), "+996 000 77 88 99")
        contact = self.school.contacts.get()
        self.client.post(f"{self.url}contacts/{contact.pk}/delete/")
        self.assertNotContains(self.client.get("/s/demo/"), "+996 000 77 88 99")

    def test_a_contact_needs_a_phone(self):
        self.login()
        r = self.client.post(
            self.url,
            {
                "action": "contact",
                "c-title_ky": "Психолог",
                "c-title_ru": "Психолог",
                "c-phone": "",
            },
        )
        self.assertContains(r, 'id="id_c-phone_error"')
        self.assertContains(r, "Психолог")
