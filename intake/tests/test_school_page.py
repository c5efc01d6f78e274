from django.test import override_settings

from ishenim.testing import BaseTestCase
from schools.models import SchoolContact


class SchoolPageTests(BaseTestCase):
    def test_it_shows_the_promise_and_help_lines(self):
        SchoolContact.objects.create(
            school=self.school,
            title_ky="Социалдык педагог",
            title_ru="Социальный педагог",
            phone="+996 700 000 001",
        )
        r = self.client.get("/s/demo/")
        self.assertContains(r, "Ак-Терек мектеби")
        for number in ("111", "112", "102", "103"):
            self.assertContains(r, f'href="tel:{number}"')
        self.assertContains(r, "+996 700 000 001")
        self.assertContains(r, "Аида Токтобаева")  # who reads the letters

    def test_it_does_not_list_the_director_as_a_reader(self):
        r = self.client.get("/s/demo/")
        self.assertNotContains(r, "Сейитова")

    @override_settings(HELP_LINES=[("150", "help_children")])
    def test_help_lines_come_from_settings(self):
        r = self.client.get("/s/demo/")
        self.assertContains(r, 'href="tel:150"')
        self.assertNotContains(r, 'href="tel:111"')

    def test_an_unknown_school_is_a_clear_404(self):
        r = self.client.get("/s/no-such-school/")
        self.assertEqual(r.status_code, 404)

    def test_russian_is_a_visible_switch_away(self):
        r = self.client.post("/i18n/setlang/", {"language": "ru", "next": "/s/demo/"})
        self.assertRedirects(r, "/s/demo/", fetch_redirect_response=False)
        r = self.client.get("/s/demo/")
        self.assertContains(r, '<html lang="ru">')
        self.assertContains(r, "Школа demo")
