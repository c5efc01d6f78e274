"""The top block of the journal lists urgent letters the person may read: never one whose
author kept it from them, never another school's."""

from django.utils import timezone

from urgent.tests.base import LaneTestCase


class LaneBlockTests(LaneTestCase):
    def test_an_excluded_member_does_not_see_the_letter_in_the_lane(self):
        appeal = self.urgent_letter(at=timezone.now(), excluded_staff=[self.aida])
        self.tick(timezone.now())
        self.login("bolot")
        self.assertContains(self.client.get("/staff/"), appeal.tag)
        self.client.logout()
        self.login("aida")
        self.assertNotContains(self.client.get("/staff/"), appeal.tag)

    def test_staff_of_another_school_do_not_see_it(self):
        appeal = self.urgent_letter(at=timezone.now())
        self.tick(timezone.now())
        self.login("chyngyz")
        self.assertNotContains(self.client.get("/staff/", follow=True), appeal.tag)
