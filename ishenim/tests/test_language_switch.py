"""Uzbek for the authors, Kyrgyz and Russian for staff: the switch names each language in its
own script, and a staff page never speaks a language it is not written in."""

from ishenim.testing import BaseTestCase


class LanguageSwitchTests(BaseTestCase):
    def test_the_switch_names_each_language_in_its_own_script(self):
        body = self.client.get("/s/demo/").content.decode()
        for code, name in (
            ("ky", "Кыргызча"),
            ("ru", "Русский"),
            ("uz", "Oʻzbekcha"),
            ("en", "English"),
        ):
            self.assertIn(f'value="{code}" lang="{code}"', body)
            self.assertIn(f">{name}</button>", body)

    def test_the_uzbek_name_uses_the_modifier_letter_turned_comma(self):
        body = self.client.get("/s/demo/").content.decode()
        self.assertIn("O\u02bbzbekcha", body)

    def test_an_author_who_chose_uzbek_reads_the_school_page_in_uzbek(self):
        self.client.post("/i18n/setlang/", {"language": "uz", "next": "/s/demo/"})
        response = self.client.get("/s/demo/")
        body = response.content.decode()
        self.assertIn('<html lang="uz">', body)
        self.assertIn("Anonim (ismsiz) yozish", body)
        self.assertIn("Murojaatimni tekshirish", body)
        self.assertEqual(response["Content-Language"], "uz")

    def test_a_browser_that_asks_for_uzbek_gets_the_author_pages_in_uzbek(self):
        body = self.client.get(
            "/s/demo/write/anonymous/", HTTP_ACCEPT_LANGUAGE="uz"
        ).content.decode()
        self.assertIn('<html lang="uz">', body)
        self.assertIn("Xatni yuborish", body)
        self.assertIn("oʻquvchi", body)  # the author kind comes from journal/models.py

    def test_a_staff_page_falls_back_to_kyrgyz_when_uzbek_is_chosen(self):
        self.client.cookies["lang"] = "uz"
        self.login()
        response = self.client.get("/staff/")
        body = response.content.decode()
        self.assertIn('<html lang="ky">', body)
        self.assertIn("Журнал", body)
        self.assertEqual(response["Content-Language"], "ky")

    def test_the_login_page_falls_back_to_kyrgyz_too(self):
        body = self.client.get("/staff/login/", HTTP_ACCEPT_LANGUAGE="uz").content.decode()
        self.assertIn('<html lang="ky">', body)

    def test_uzbek_is_not_offered_on_staff_pages(self):
        self.login()
        body = self.client.get("/staff/").content.decode()
        self.assertNotIn('value="uz"', body)
        self.assertNotIn("Oʻzbekcha", body)
        for name in ("Кыргызча", "Русский", "English"):
            self.assertIn(f">{name}</button>", body)

    def test_russian_stays_russian_on_staff_pages(self):
        self.client.cookies["lang"] = "ru"
        self.login()
        self.assertIn('<html lang="ru">', self.client.get("/staff/").content.decode())

    def test_the_cookie_keeps_uzbek_for_the_author_pages_after_a_staff_page(self):
        self.client.cookies["lang"] = "uz"
        self.client.get("/staff/login/")
        self.assertIn('<html lang="uz">', self.client.get("/").content.decode())
