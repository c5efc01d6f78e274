"""Issue 15: each role lands on its own home page, and its menu holds only what it may open —
a district viewer no longer lands on an empty journal with three menu items that answer 404."""

import re

from django.contrib.auth import get_user_model

from accounts.models import Membership
from ishenim.testing import PASSWORD, BaseTestCase
from journal.work import register
from reports.models import DistrictViewer
from schools.setup import add_staff
from urgent.models import ChildProtectionSpecialist
from vault.keys import new_specialist_key


def menu_links(page):
    nav = re.search(r'<nav class="staffnav".*?</nav>', page, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []


class EachRoleHasItsHomeAndMenuTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        appeal, _ = self.submit()
        register(appeal, self.aida, summary="Шылдыңдоо")
        for username, role in (("asel", Membership.ADMIN), ("dinara", Membership.DEPUTY)):
            add_staff(self.school, self.key, username=username, password=PASSWORD, role=role)
        User = get_user_model()
        self.rayon = User.objects.create_user("rayon", password=PASSWORD)
        DistrictViewer.objects.create(user=self.rayon, district=self.school.district)
        koruu = User.objects.create_user("koruu", password=PASSWORD)
        ChildProtectionSpecialist.objects.create(
            user=koruu, district=self.school.district, **new_specialist_key(PASSWORD)
        )

    def land(self, username):
        response = self.client.post(
            "/staff/login/", {"username": username, "password": PASSWORD}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        return response.redirect_chain[-1][0], response.content.decode()

    def test_the_district_viewer_lands_on_the_district_statistics(self):
        url, _page = self.land("rayon")
        self.assertEqual(url, f"/staff/reports/district/{self.school.district.pk}/")

    def test_the_district_viewers_menu_has_no_school_pages(self):
        _url, page = self.land("rayon")
        links = menu_links(page)
        for school_page in ("/staff/commission/", "/staff/openings/", "/staff/print/", "/staff/"):
            self.assertNotIn(school_page, links)
        self.assertIn(f"/staff/reports/district/{self.school.district.pk}/", links)

    def test_the_specialist_lands_on_the_districts_urgent_letters(self):
        url, _page = self.land("koruu")
        self.assertEqual(url, "/staff/urgent/district/")

    def test_school_staff_land_on_the_journal(self):
        for username in ("aida", "bolot", "dana", "asel", "dinara"):
            with self.subTest(username=username):
                self.client.logout()
                url, _page = self.land(username)
                self.assertEqual(url, "/staff/")

    def test_every_menu_link_of_every_role_opens(self):
        for username in ("aida", "bolot", "dana", "asel", "dinara", "rayon", "koruu"):
            self.client.logout()
            _url, page = self.land(username)
            links = menu_links(page)
            self.assertTrue(links, username)
            for link in links:
                with self.subTest(username=username, link=link):
                    response = self.client.get(link, follow=True)
                    self.assertLess(response.status_code, 400)

    def test_the_prepared_files_are_in_the_menu_of_those_who_may_ask_for_them(self):
        for username, shown in (
            ("aida", True),
            ("bolot", True),
            ("asel", True),
            ("dinara", True),
            ("dana", False),  # the director holds no key and asks for no file
            ("rayon", False),
            ("koruu", False),
        ):
            with self.subTest(username=username):
                self.client.logout()
                _url, page = self.land(username)
                self.assertEqual("/staff/files/" in menu_links(page), shown)

    def test_the_prepared_files_menu_item_is_a_translated_word(self):
        from django.utils import translation
        from django.utils.translation import gettext

        # Staff pages speak Kyrgyz to an Uzbek browser (ishenim.middleware.staff_language).
        words = {"ky": "Даярдалган файлдар", "ru": "Подготовленные файлы"}
        self.land("aida")
        for lang, word in {**words, "uz": words["ky"]}.items():
            with self.subTest(lang=lang):
                page = self.client.get("/staff/files/", HTTP_ACCEPT_LANGUAGE=lang)
                nav = re.search(r'<nav class="staffnav".*?</nav>', page.content.decode(), re.S)
                self.assertIn(f'href="/staff/files/">{word}</a>', nav.group(0))
        with translation.override("uz"):
            self.assertEqual(gettext("Prepared files"), "Tayyorlangan fayllar")
