"""The act of removal's list on a 360 px phone (issue 15): every letter's line is read whole,
not clipped inside a table that scrolls sideways."""

import datetime

from commission.models import Commission, CommissionMember
from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from openings.models import BoxOpening
from openings.tests.base import OpeningTestCase

LONG_ADDRESS = (
    "Ысык-Ата району, Кант шаары, Токтогул көчөсү, 125-үй, 48-батир, телефону 0555123456789"
)


class ActListOnAPhoneTests(CastMixin, BrowserTestCase):
    opening_data = OpeningTestCase.opening_data
    opened_at = OpeningTestCase.opened_at
    letter_data = OpeningTestCase.letter_data

    def setUp(self):
        self.make_cast()
        commission = Commission.objects.create(
            school=self.school,
            order_number="12",
            order_date=datetime.date(2026, 9, 1),
            status=Commission.ACTIVE,
        )
        self.m_aida = CommissionMember.objects.create(
            commission=commission,
            user=self.aida,
            full_name="Аида Токтобаева",
            role=CommissionMember.SOCIAL_PEDAGOGUE,
            is_responsible=True,
        )
        self.m_bolot = CommissionMember.objects.create(
            commission=commission,
            user=self.bolot,
            full_name="Болот Иманов",
            role=CommissionMember.TEACHER,
            position=CommissionMember.CHAIR,
        )
        self.m_gulzat = CommissionMember.objects.create(
            commission=commission, full_name="Гүлзат Асанова", role=CommissionMember.PARENTS_REP
        )

    def test_the_acts_list_is_not_clipped_at_360_px(self):
        page = self.new_page(width=360)
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label("Логин").fill("aida")
        page.get_by_label("Сырсөз").fill(PASSWORD)
        page.get_by_role("button", name="Кирүү").click()
        # The opening and its letters through the same pages, in the browser's session.
        self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        self.client.post("/staff/openings/new/", self.opening_data())
        opening = BoxOpening.objects.get()
        for note in ("конвертте, бүктөлгөн эки барак", "басылган формада"):
            self.client.post(
                f"/staff/openings/{opening.pk}/",
                self.letter_data(**{"letter-return_address": LONG_ADDRESS, "letter-note": note}),
            )
        page.goto(f"{self.live_server_url}/staff/openings/{opening.pk}/")
        self.assertIn(LONG_ADDRESS, page.locator("#letters").inner_text())
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('#letters .table-wrap')]
                 .map(w => w.scrollWidth - w.clientWidth)"""
        )
        self.assertEqual(clipped, [0], "the act's list scrolls inside its box at 360 px")
        self.assertAccessible(page, "openings-act-list-360")
