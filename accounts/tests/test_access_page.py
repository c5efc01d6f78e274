"""Issue 13, "access follows the commission order": each school has a page of who can read
what, since when, by which order, and every read of a letter listed per person."""

import datetime

from django.conf import settings
from django.utils import translation

from commission.models import Commission, CommissionMember
from ishenim.testing import BaseTestCase


class AccessPageTests(BaseTestCase):
    url = "/staff/access/demo/"

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def order(self, number, date, *members):
        commission = Commission.objects.create(
            school=self.school, order_number=number, order_date=date, status=Commission.ACTIVE
        )
        for user in members:
            CommissionMember.objects.create(
                commission=commission, user=user, full_name=user.get_full_name(), role="teacher"
            )
        return commission

    def test_it_shows_who_holds_the_key_by_which_order_and_every_read(self):
        first = self.order("12", datetime.date(2026, 9, 2), self.aida, self.bolot)
        self.order("31", datetime.date(2026, 11, 20), self.aida)
        first.status = Commission.REPLACED
        first.save()
        appeal, _ = self.submit("Купуя кат")
        self.login("aida")
        self.client.get(f"/staff/appeals/{appeal.pk}/")
        self.client.logout()
        self.login("dana")
        r = self.client.get(self.url)
        self.assertContains(r, "Аида Токтобаева")
        self.assertContains(r, "appointed by order № 12 of 02.09.2026")
        self.assertContains(r, "removed by order № 31 of 20.11.2026")
        self.assertContains(r, "opened letter")
        self.assertNotContains(r, "Купуя кат")

    def test_a_key_holder_without_an_order_is_shown_as_designated(self):
        self.login("aida")
        r = self.client.get(self.url)
        self.assertContains(r, "key was made")

    def test_a_member_who_holds_the_key_may_see_it(self):
        self.login("bolot")
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)
