"""The cast of the openings tests: the fixed cast of ishenim.testing plus a commission in
force — Bolot chairs it, Aida (the responsible person) is a member, and Gulzat, the parents'
representative, has no staff account and signs on paper."""

import datetime

from django.utils import timezone

from commission.models import Commission, CommissionMember
from ishenim.testing import BaseTestCase
from openings.models import BoxOpening


class OpeningTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.commission = Commission.objects.create(
            school=self.school,
            order_number="12",
            order_date=datetime.date(2026, 9, 1),
            status=Commission.ACTIVE,
        )
        self.m_aida = CommissionMember.objects.create(
            commission=self.commission,
            user=self.aida,
            full_name="Аида Токтобаева",
            role=CommissionMember.SOCIAL_PEDAGOGUE,
            is_responsible=True,
        )
        self.m_bolot = CommissionMember.objects.create(
            commission=self.commission,
            user=self.bolot,
            full_name="Болот Иманов",
            role=CommissionMember.TEACHER,
            position=CommissionMember.CHAIR,
        )
        self.m_gulzat = CommissionMember.objects.create(
            commission=self.commission,
            full_name="Гүлзат Асанова",
            role=CommissionMember.PARENTS_REP,
        )

    def opened_at(self, **delta):
        """Form values for a moment in the past (an hour ago unless told)."""
        moment = timezone.localtime() - datetime.timedelta(**(delta or {"hours": 1}))
        return {"opened_on": moment.strftime("%Y-%m-%d"), "opened_time": moment.strftime("%H:%M")}

    def opening_data(self, **extra):
        data = {
            **self.opened_at(),
            "box_state": "intact",
            "seal_state": "intact",
            "damage_description": "",
            "seal_removed": "001234",
            "seal_applied": "001235",
            "found_appeals": "yes",
            "members_present": [self.m_aida.pk, self.m_bolot.pk, self.m_gulzat.pk],
            "sheets": "1",
            "copies": "2",
        }
        data.update(extra)
        return data

    def record_opening(self, **extra):
        """Record an opening through the page, as Aida; returns the opening."""
        response = self.client.post("/staff/openings/new/", self.opening_data(**extra))
        assert response.status_code == 302, response.content.decode()[:3000]
        return BoxOpening.objects.order_by("-id").first()

    def letter_data(self, **extra):
        data = {
            "letter-author_kind": "pupil",
            "letter-from_whom": "Бермет Алиева",
            "letter-age": "12",
            "letter-return_address": "Ак-Терек айылы, Ленин көч. 5",
            "letter-text": "Мени класста шылдыңдашат.",
            "letter-note": "конвертте",
            "action": "letter",
        }
        data.update(extra)
        return data

    def add_letter(self, opening, **extra):
        return self.client.post(f"/staff/openings/{opening.pk}/", self.letter_data(**extra))
