from django.test import override_settings

from ishenim.testing import PASSWORD, BaseTestCase


class LoginTests(BaseTestCase):
    def test_a_wrong_password_is_a_clear_error(self):
        r = self.client.post("/staff/login/", {"username": "aida", "password": "nope"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')
        self.assertContains(r, 'value="aida"')

    @override_settings(STAFF_LOGIN_FAILURES=3)
    def test_repeated_failures_lock_the_login(self):
        for _ in range(3):
            self.client.post("/staff/login/", {"username": "aida", "password": "nope"})
        r = self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        self.assertEqual(r.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_login_unlocks_only_the_users_schools(self):
        self.login("aida")
        keys = [k for k in self.client.session.keys() if k.startswith("vault:school:")]
        self.assertEqual(keys, [f"vault:school:{self.school.pk}"])

    def test_the_session_holds_no_usable_key_without_the_cookie(self):
        self.login("aida")
        session = self.client.session
        stolen = self.client_class()
        stolen.cookies["sessionid"] = self.client.cookies["sessionid"].value
        appeal, _ = self.submit("Купуя кат.")
        r = stolen.get(f"/staff/appeals/{appeal.pk}/")
        self.assertNotContains(r, "Купуя кат.", status_code=200)
        self.assertIn(f"vault:school:{self.school.pk}", session)

    def test_logout_needs_post(self):
        self.login("aida")
        self.assertEqual(self.client.get("/staff/logout/").status_code, 405)
        self.assertRedirects(self.client.post("/staff/logout/"), "/staff/login/")


class PasswordChangeTests(BaseTestCase):
    def test_a_new_password_keeps_the_letters_readable(self):
        appeal, _ = self.submit("Купуя кат")
        self.login("aida")
        new = "a much longer new passphrase"
        r = self.client.post(
            "/staff/password/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        )
        self.assertRedirects(r, "/staff/")
        self.client.logout()
        self.client.post("/staff/login/", {"username": "aida", "password": new})
        self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Купуя кат")

    def test_a_wrong_old_password_changes_nothing(self):
        self.login("aida")
        r = self.client.post(
            "/staff/password/",
            {"old_password": "wrong", "new_password1": "x" * 12, "new_password2": "x" * 12},
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_old_password_error"')
