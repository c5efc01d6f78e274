import datetime

from django.test import override_settings

from accounts.models import Membership
from ishenim.testing import PASSWORD
from schools.setup import add_staff
from urgent.models import Absence, ChildProtectionSpecialist, SpecialistCopy, UrgentCase
from urgent.tests.base import T0, LaneTestCase, minutes
from vault.keys import new_specialist_key


class SkippingTests(LaneTestCase):
    def test_a_responsible_person_the_author_excluded_is_skipped(self):
        appeal = self.urgent_letter(excluded_staff=[self.aida])
        self.tick(T0)
        self.assertEqual(self.alerted(appeal), {"bolot": 1})
        self.tick(minutes(15))
        self.assertNotIn("aida", self.alerted(appeal))

    def test_a_deactivated_account_is_skipped(self):
        self.aida.is_active = False
        self.aida.save()
        appeal = self.urgent_letter()
        self.tick(T0)
        self.assertEqual(self.alerted(appeal), {"bolot": 1})

    def test_an_absent_person_is_skipped_only_on_the_days_of_the_absence(self):
        Absence.objects.create(
            user=self.aida, starts_on=T0.date(), ends_on=T0.date() + datetime.timedelta(days=2)
        )
        appeal = self.urgent_letter()
        self.tick(T0)
        self.assertEqual(self.alerted(appeal), {"bolot": 1})
        later = self.urgent_letter(at=T0 + datetime.timedelta(days=3))
        self.tick(T0 + datetime.timedelta(days=3))
        self.assertEqual(self.alerted(later), {"aida": 1})

    def test_no_exclusion_pattern_leaves_an_urgent_letter_without_an_alert(self):
        people = [self.aida, self.bolot, self.dana]
        patterns = [[], [self.aida], [self.bolot], [self.aida, self.bolot], people]
        for excluded in patterns:
            appeal = self.urgent_letter(excluded_staff=excluded)
            self.tick(T0)
            self.assertTrue(self.alerted(appeal), f"nobody alerted with {excluded}")


class WholeSchoolExcludedTests(LaneTestCase):
    def setUp(self):
        super().setUp()
        self.koruu = self.make_specialist()

    def make_specialist(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(
            "koruu", password=PASSWORD, email="koruu@example.org"
        )
        return ChildProtectionSpecialist.objects.create(
            user=user, district=self.school.district, **new_specialist_key(PASSWORD)
        )

    def test_letter_is_sealed_to_the_specialist_when_every_reader_is_excluded(self):
        appeal = self.urgent_letter(excluded_staff=[self.aida, self.bolot])
        self.assertEqual(SpecialistCopy.objects.filter(appeal=appeal).count(), 1)
        self.tick(T0)
        # The director cannot read it; the specialist can, and both are alerted at once.
        self.assertEqual(self.alerted(appeal), {"dana": 1, "koruu": 1})

    def test_no_copy_while_someone_at_the_school_can_read(self):
        appeal = self.urgent_letter(excluded_staff=[self.aida])
        self.assertFalse(SpecialistCopy.objects.filter(appeal=appeal).exists())

    def test_specialist_opens_the_letter_with_their_own_key_and_confirms(self):
        appeal = self.urgent_letter(excluded_staff=[self.aida, self.bolot])
        self.tick(T0)
        self.login("koruu")
        home = self.client.get("/staff/urgent/district/")
        self.assertContains(home, appeal.tag)
        copy = SpecialistCopy.objects.get(appeal=appeal)
        page = self.client.get(f"/staff/urgent/district/letters/{copy.pk}/")
        self.assertContains(page, "Үйдө мени урушат")
        self.client.post(f"/staff/urgent/district/letters/{copy.pk}/")
        case = UrgentCase.objects.get(appeal=appeal)
        self.assertEqual(case.acknowledged_by, self.koruu.user)

    def test_changing_the_vault_settings_does_not_lock_the_specialist_out(self):
        from django.test import override_settings

        from vault.crypto import KdfParams

        appeal = self.urgent_letter(excluded_staff=[self.aida, self.bolot])
        copy = SpecialistCopy.objects.get(appeal=appeal)
        before = self.koruu.kdf_params
        with override_settings(VAULT_OPSLIMIT=2, VAULT_MEMLIMIT=16 * 1024):
            self.login("koruu")
            page = self.client.get(f"/staff/urgent/district/letters/{copy.pk}/")
            self.assertContains(page, "Үйдө мени урушат")
        self.koruu.refresh_from_db()
        self.assertNotEqual(self.koruu.kdf_params, before)
        self.assertEqual(self.koruu.kdf_params, KdfParams(2, 16 * 1024))

    def test_school_staff_cannot_open_the_specialist_pages(self):
        self.login("aida")
        self.assertEqual(self.client.get("/staff/urgent/district/").status_code, 404)

    def test_specialist_of_another_district_gets_no_copy(self):
        from schools.models import District

        self.koruu.district = District.objects.create(name_ky="Башка", name_ru="Другой")
        self.koruu.save()
        appeal = self.urgent_letter(excluded_staff=[self.aida, self.bolot])
        self.assertFalse(SpecialistCopy.objects.filter(appeal=appeal).exists())

    @override_settings(LANGUAGE_CODE="ky")
    def test_a_new_key_holder_is_on_the_default_ladder(self):
        add_staff(
            self.school,
            self.key,
            username="deputy",
            password=PASSWORD,
            role=Membership.DEPUTY,
        )
        appeal = self.urgent_letter()
        self.tick(T0)
        self.tick(minutes(15))
        self.assertIn("deputy", self.alerted(appeal))
