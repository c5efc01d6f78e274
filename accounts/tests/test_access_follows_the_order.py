"""Issue 13, "access follows the commission order": under regulation B the order that
leaves a member out ends their access (seals dropped, a new key asked for), and a member
appointed by order is given the key from the access page; under regulation A the school's
designation of the key holder is recorded and shown there."""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from accounts.models import KeyHolderDesignation, Membership
from audit.models import Event
from commission.models import Commission, CommissionMember
from commission.tests.helpers import order_post
from ishenim.testing import PASSWORD, BaseTestCase
from schools.setup import add_staff, choose_regulation
from vault.keys import current_generation, drop_member
from vault.models import GenerationSeal


class AccessFollowsTheOrderTests(BaseTestCase):
    url = "/staff/access/demo/"

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        choose_regulation(self.school, "B", timezone.localdate() - datetime.timedelta(days=60))
        self.first = Commission.objects.create(
            school=self.school,
            order_number="12",
            order_date=timezone.localdate() - datetime.timedelta(days=30),
            status=Commission.ACTIVE,
        )
        for user, role, responsible in (
            (self.aida, CommissionMember.SOCIAL_PEDAGOGUE, True),
            (self.bolot, CommissionMember.TEACHER, False),
        ):
            self.first.members.create(
                user=user, full_name=user.get_full_name(), role=role, is_responsible=responsible
            )
        self.first.members.create(full_name="Гүлнара", role=CommissionMember.PARENTS_REP)

    def rows_without_bolot(self):
        return [
            {"user": self.aida, "role": CommissionMember.SOCIAL_PEDAGOGUE, "responsible": True},
            {"full_name": "Гүлнара", "role": CommissionMember.PARENTS_REP},
            {"full_name": "Жыргал", "role": CommissionMember.TEACHER},
        ]

    def test_an_order_removing_a_member_ends_their_access_and_asks_for_a_new_key(self):
        self.assertTrue(GenerationSeal.objects.filter(user=self.bolot).exists())
        self.login("aida")
        r = self.client.post(
            "/staff/commission/demo/orders/new/",
            order_post("31", rows=self.rows_without_bolot()),
            follow=True,
        )
        self.assertContains(r, "Access to the letters ended for: Болот Иманов")
        self.assertFalse(GenerationSeal.objects.filter(user=self.bolot).exists())
        self.assertTrue(GenerationSeal.objects.filter(user=self.aida).exists())
        self.assertTrue(Event.objects.filter(action="access_ended_by_order").exists())
        keys = self.client.get("/staff/key/demo/")
        self.assertContains(keys, "removed by order after the newest key")
        self.assertNotContains(keys, "Give the newest key")  # not given back to Bolot
        self.assertContains(self.client.get(self.url), "removed by order after the newest key")
        # Bolot can no longer open a letter.
        appeal, _ = self.submit("Купуя кат")
        self.client.logout()
        self.login("bolot")
        self.assertNotContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Купуя кат")

    def test_after_the_new_key_the_request_to_rotate_is_gone(self):
        self.login("aida")
        self.client.post(
            "/staff/commission/demo/orders/new/", order_post("31", rows=self.rows_without_bolot())
        )
        self.client.post("/staff/key/demo/", {"confirm": "on"})
        self.assertEqual(current_generation(self.school).number, 2)
        self.assertNotContains(self.client.get(self.url), "removed by order after the newest key")

    def test_under_regulation_a_the_order_does_not_take_the_key(self):
        choose_regulation(self.school, "A", timezone.localdate() - datetime.timedelta(days=60))
        from accounts.access import order_ends_access

        second = Commission.objects.create(
            school=self.school, order_number="31", order_date=timezone.localdate()
        )
        self.assertEqual(order_ends_access(second, {self.bolot.pk}, self.aida), [])
        self.assertTrue(GenerationSeal.objects.filter(user=self.bolot).exists())

    def test_a_member_appointed_by_order_is_given_the_key_from_the_access_page(self):
        erkin = add_staff(
            self.school, self.key, username="erkin", password=PASSWORD, role=Membership.MEMBER
        )
        drop_member(self.school, erkin)
        self.first.members.create(user=erkin, full_name="Эркин", role=CommissionMember.TEACHER)
        self.login("aida")
        r = self.client.get(self.url)
        self.assertContains(r, "Appointed by order, without the key yet")
        self.assertContains(r, "Give the key", count=1)
        r = self.client.post(self.url, {"give": erkin.pk}, follow=True)
        self.assertContains(r, "now holds the school key")
        self.assertTrue(
            GenerationSeal.objects.filter(
                user=erkin, generation=current_generation(self.school)
            ).exists()
        )

    def test_the_director_without_the_key_cannot_give_it(self):
        erkin = add_staff(
            self.school, self.key, username="erkin", password=PASSWORD, role=Membership.MEMBER
        )
        drop_member(self.school, erkin)
        self.first.members.create(user=erkin, full_name="Эркин", role=CommissionMember.TEACHER)
        GenerationSeal.objects.filter(user=self.dana).delete()
        self.login("dana")
        self.assertNotContains(self.client.get(self.url), "Give the key")
        self.assertEqual(self.client.post(self.url, {"give": erkin.pk}).status_code, 404)
        self.assertFalse(GenerationSeal.objects.filter(user=erkin).exists())

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.post(self.url, {"designate": "1"}).status_code, 404)


class DesignationUnderRegulationATests(BaseTestCase):
    url = "/staff/access/demo/"

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        choose_regulation(self.school, "A", timezone.localdate() - datetime.timedelta(days=60))

    def test_the_designation_of_the_key_holder_is_recorded_and_shown(self):
        self.login("dana")
        self.assertContains(self.client.get(self.url), "Record the designation")
        r = self.client.post(
            self.url,
            {
                "designate": "1",
                "user": self.aida.pk,
                "since": "2026-09-01",
                "decision": "приказ № 7 от 01.09.2026",
            },
            follow=True,
        )
        self.assertContains(r, "The designation of the key holder is recorded.")
        self.assertContains(r, "since 01.09.2026, by приказ № 7 от 01.09.2026")
        self.assertContains(r, "designated key holder since 01.09.2026")
        designation = KeyHolderDesignation.objects.get()
        self.assertEqual(designation.recorded_by, self.dana)
        self.assertTrue(Event.objects.filter(action="key_holder_designated").exists())

    def test_a_plain_member_cannot_record_a_designation(self):
        self.login("bolot")
        r = self.client.post(
            self.url,
            {"designate": "1", "user": self.bolot.pk, "since": "2026-09-01", "decision": "x"},
        )
        self.assertEqual(r.status_code, 404)
        self.assertFalse(KeyHolderDesignation.objects.exists())

    def test_another_schools_person_cannot_be_designated(self):
        self.login("dana")
        r = self.client.post(
            self.url,
            {"designate": "1", "user": self.chyngyz.pk, "since": "2026-09-01", "decision": "x"},
        )
        self.assertEqual(r.status_code, 200)
        self.assertFalse(KeyHolderDesignation.objects.exists())
