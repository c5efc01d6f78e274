"""Findings 12 and 13: guesses are counted atomically, and the pause falls on the attempt
source, never on the account (nobody can lock a director out)."""

from unittest import mock

import pyotp
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from accounts.models import TwoFactor
from ishenim.testing import PASSWORD, BaseTestCase

ATTACKER = "203.0.113.66"
DIRECTOR_AT_SCHOOL = "198.51.100.7"


@override_settings(STAFF_LOGIN_FAILURES=5)
class ParallelGuessTests(BaseTestCase):
    """Parallel requests are played deterministically: while the first guess is being checked,
    ten more arrive (as they do from a script that fires them at once)."""

    def nested(self, target, attribute, fire):
        real = getattr(target, attribute)
        checked = []

        def wrapper(*args, **kwargs):
            checked.append(1)
            if len(checked) == 1:
                for _ in range(10):
                    fire()
            return real(*args, **kwargs)

        # A plain function: patched onto a class it is bound like the method it replaces.
        with mock.patch.object(target, attribute, wrapper):
            fire()
        return len(checked)

    def test_parallel_wrong_passwords_are_checked_no_more_times_than_the_limit(self):
        import accounts.forms

        def fire():
            self.client_class().post(
                "/staff/login/", {"username": "dana", "password": "guess"}, REMOTE_ADDR=ATTACKER
            )

        self.assertEqual(self.nested(accounts.forms, "authenticate", fire), 5)

    def test_parallel_wrong_codes_are_checked_no_more_times_than_the_limit(self):
        two_factor = TwoFactor.objects.create(
            user=self.aida, secret=pyotp.random_base32(), confirmed_at=timezone.now()
        )
        self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        right = pyotp.TOTP(two_factor.secret).now()
        wrong = "000000" if right != "000000" else "111111"

        def fire():
            self.client.post("/staff/login/code/", {"code": wrong})

        self.assertEqual(self.nested(TwoFactor, "accept", fire), 5)


@override_settings(STAFF_LOGIN_FAILURES=5)
class SourceNotAccountTests(BaseTestCase):
    def attempt(self, password, address, username="dana"):
        client = self.client_class()
        r = client.post(
            "/staff/login/", {"username": username, "password": password}, REMOTE_ADDR=address
        )
        return r, client

    def test_anyone_guessing_a_directors_password_does_not_lock_her_out(self):
        for _ in range(20):
            self.attempt("guess", ATTACKER)
        r, client = self.attempt(PASSWORD, DIRECTOR_AT_SCHOOL)
        self.assertRedirects(r, "/staff/")
        self.assertEqual(client.session["_auth_user_id"], str(self.dana.pk))

    def test_the_source_that_guessed_is_paused_even_with_the_right_password(self):
        for _ in range(5):
            self.attempt("guess", ATTACKER)
        r, client = self.attempt(PASSWORD, ATTACKER)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')
        self.assertNotIn("_auth_user_id", client.session)

    @override_settings(STAFF_LOGIN_FAILURES_PER_SOURCE=8)
    def test_one_source_trying_many_logins_is_paused(self):
        for name in ["aida", "bolot", "dana", "chyngyz", "aida", "bolot", "dana", "chyngyz"]:
            self.attempt("guess", ATTACKER, username=name)
        r, client = self.attempt(PASSWORD, ATTACKER, username="aida")
        self.assertNotIn("_auth_user_id", client.session)
        r, client = self.attempt(PASSWORD, DIRECTOR_AT_SCHOOL, username="aida")
        self.assertIn("_auth_user_id", client.session)

    @override_settings(STAFF_LOGIN_FAILURES_PER_SOURCE=3)
    def test_right_logins_from_one_school_router_do_not_use_up_its_attempts(self):
        for name in ["aida", "bolot", "dana", "aida", "bolot"]:
            r, client = self.attempt(PASSWORD, DIRECTOR_AT_SCHOOL, username=name)
            self.assertIn("_auth_user_id", client.session, name)

    def test_the_address_is_kept_nowhere_only_a_keyed_hash_in_the_cache(self):
        for _ in range(6):
            self.attempt("guess", ATTACKER)
        from django.db import connection

        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT * FROM "{table}"')
                for row in cursor.fetchall():
                    self.assertNotIn(ATTACKER, " ".join(map(str, row)), table)
        keys = " ".join(cache._cache.keys())  # the in-memory cache of the tests
        self.assertIn("login:pw:", keys)
        self.assertNotIn(ATTACKER, keys)
        self.assertNotIn("dana", keys)

    @override_settings(SOURCE_ADDRESS_HEADER="HTTP_X_REAL_IP")
    def test_behind_a_proxy_the_source_is_the_clients_address_from_the_header(self):
        for _ in range(5):
            self.client_class().post(
                "/staff/login/",
                {"username": "dana", "password": "guess"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_REAL_IP=ATTACKER,
            )
        client = self.client_class()
        client.post(
            "/staff/login/",
            {"username": "dana", "password": PASSWORD},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=DIRECTOR_AT_SCHOOL,
        )
        self.assertIn("_auth_user_id", client.session)
