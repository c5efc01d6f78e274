"""In the browser, JavaScript off, 360 px: a key holder opens an urgent letter from the top of
the staff home, confirms it, and records the referral — in Kyrgyz and in Russian."""

from django.utils import timezone

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal
from urgent import ladder
from urgent.models import UrgentCase

WORDS = {
    "ky": {
        "login": "Логин",
        "password": "Сырсөз",
        "enter": "Кирүү",
        "confirm": "Көрдүм, чара көрүп жатам",
        "referred": "Жөнөтүлдү",
        "to": "Кимге жөнөтүлдү",
        "how": "Кантип",
        "record": "Чечимди жазуу",
        "done": "Жөнөтүү боюнча чечим жазылды.",
    },
    "ru": {
        "login": "Логин",
        "password": "Пароль",
        "enter": "Войти",
        "confirm": "Увидел(а), принимаю меры",
        "referred": "Передано",
        "to": "Кому передано",
        "how": "Как",
        "record": "Записать решение",
        "done": "Решение о передаче записано.",
    },
}


class ConfirmAndReferTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()

    def walk(self, lang):
        appeal, _code = self.submit("Үйдө мени урушат, коркуп жатам.")
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT)
        appeal.refresh_from_db()
        ladder.open_case(appeal, now=timezone.now())
        w = WORDS[lang]
        page = self.new_page(locale=lang)
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label(w["login"]).fill("aida")
        page.get_by_label(w["password"]).fill(PASSWORD)
        page.get_by_role("button", name=w["enter"]).click()
        lane = page.locator("section.lane")
        self.assertIn(appeal.tag, lane.inner_text())
        self.assertAccessible(page, f"urgent-01-home-{lang}")
        lane.get_by_role("link", name=appeal.tag).click()
        self.assertAccessible(page, f"urgent-02-letter-{lang}")
        page.get_by_role("button", name=w["confirm"]).click()
        page.get_by_label(w["referred"], exact=True).check()
        page.locator("#id_decision-referral_to").select_option("police")
        page.locator("#id_decision-referral_how").select_option("phone")
        page.get_by_role("button", name=w["record"]).click()
        self.assertIn(w["done"], page.content())
        self.assertAccessible(page, f"urgent-03-decided-{lang}")
        case = UrgentCase.objects.get(appeal=appeal)
        self.assertEqual(case.acknowledged_by, self.aida)
        self.assertTrue(case.referred)
        self.assertEqual(case.referral_to, "police")

    def test_kyrgyz(self):
        self.walk("ky")

    def test_russian(self):
        self.walk("ru")
