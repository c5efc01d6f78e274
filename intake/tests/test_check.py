from django.test import override_settings

from ishenim.testing import BaseTestCase
from journal.sealing import add_staff_message


class CheckTests(BaseTestCase):
    url = "/s/demo/check/"

    def test_the_code_opens_the_conversation_typed_with_spaces(self):
        appeal, code = self.submit()
        add_staff_message(appeal, self.aida, "Эртең 12-кабинетке келиңиз.")
        spaced = " ".join(code[i : i + 4] for i in range(0, 16, 4))
        r = self.client.post(self.url, {"code": spaced})
        self.assertRedirects(r, "/s/demo/conversation/")
        r = self.client.get("/s/demo/conversation/")
        self.assertContains(r, "Мени класста шылдыңдашат.")
        self.assertContains(r, "Эртең 12-кабинетке келиңиз.")

    def test_a_wrong_code_is_a_clear_error(self):
        self.submit()
        r = self.client.post(self.url, {"code": "1234 5678 9012 3456"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_code_error"')
        self.assertContains(r, "1234 5678 9012 3456")

    def test_a_malformed_code_is_a_clear_error(self):
        r = self.client.post(self.url, {"code": "12ab"})
        self.assertContains(r, 'id="id_code_error"')
        self.assertContains(r, "16")

    def test_a_code_of_another_school_does_not_open(self):
        _appeal, code = self.submit(school=self.other_school)
        r = self.client.post(self.url, {"code": code})
        self.assertContains(r, 'id="id_code_error"')

    @override_settings(CHECK_FAILURES_PER_SESSION=3)
    def test_repeated_wrong_codes_are_rate_limited(self):
        _appeal, code = self.submit()
        for _ in range(3):
            self.client.post(self.url, {"code": "0000 0000 0000 0000"})
        r = self.client.post(self.url, {"code": code})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')

    def test_the_conversation_needs_a_code_first(self):
        r = self.client.get("/s/demo/conversation/")
        self.assertRedirects(r, self.url)
