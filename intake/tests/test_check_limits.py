"""Finding 14: wrong receipt codes are limited per attempt source and, with back-off, for
everyone — never a school-wide lock-out, and dropping the cookie does not help."""

from unittest import mock

from django.test import override_settings

from ishenim.testing import BaseTestCase

URL = "/s/demo/check/"
WRONG = "0000 0000 0000 0000"
GUESSER = "203.0.113.66"
PUPIL = "198.51.100.7"


@override_settings(
    CHECK_FAILURES_PER_SESSION=5,
    CHECK_FAILURES_PER_SOURCE=5,
    CHECK_FAILURES_GLOBAL_WINDOW=20,
    CHECK_FAILURES_PER_SOURCE_UNDER_ATTACK=1,
    CHECK_FAILURES_PER_SCHOOL_WINDOW=20,  # the school-wide lock-out this replaced
)
class CheckLimitTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, self.code = self.submit()

    def fresh(self, code, address):
        """A request with no cookie at all: a new session every time."""
        return self.client_class().post(URL, {"code": code}, REMOTE_ADDR=address)

    def test_dropping_the_cookie_does_not_bypass_the_limit(self):
        for _ in range(5):
            self.fresh(WRONG, GUESSER)
        r = self.fresh(self.code, GUESSER)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')

    def test_many_wrong_codes_never_lock_the_schools_receipt_page(self):
        for i in range(40):
            self.fresh(WRONG, f"203.0.113.{i}")
        r = self.fresh(self.code, PUPIL)
        self.assertRedirects(r, "/s/demo/conversation/", fetch_redirect_response=False)

    def test_under_a_flood_of_wrong_codes_each_source_backs_off_to_fewer_tries(self):
        for i in range(20):
            self.fresh(WRONG, f"203.0.113.{i}")
        self.fresh(WRONG, GUESSER)  # its one try under attack
        r = self.fresh(self.code, GUESSER)
        self.assertContains(r, 'role="alert"')
        self.assertRedirects(
            self.fresh(self.code, PUPIL), "/s/demo/conversation/", fetch_redirect_response=False
        )

    def test_parallel_wrong_codes_are_checked_no_more_times_than_the_limit(self):
        import intake.views

        real = intake.views.find_by_receipt
        checked = []

        def find(school, code):
            checked.append(1)
            if len(checked) == 1:
                for _ in range(10):
                    self.fresh(WRONG, GUESSER)
            return real(school, code)

        with mock.patch.object(intake.views, "find_by_receipt", find):
            self.fresh(WRONG, GUESSER)
        self.assertEqual(len(checked), 5)

    def test_right_codes_from_one_school_router_do_not_use_up_its_tries(self):
        for _ in range(8):
            r = self.fresh(self.code, PUPIL)
            self.assertRedirects(r, "/s/demo/conversation/", fetch_redirect_response=False)
