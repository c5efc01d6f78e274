"""The commission of the fixed cast: Aida (social pedagogue, responsible for appeals), Bolot
(teacher) and Gulnara, the parents' representative, who has no account."""

import datetime

from django.utils import timezone

from commission.models import Commission, CommissionMember, Meeting
from ishenim.testing import BaseTestCase


def order_post(number="12-к", rows=(), in_force=True, date=None):
    """The order form's POST data; `rows` are dicts with user, full_name, role, responsible."""
    data = {
        "order_number": number,
        "order_date": (date or timezone.localdate()).isoformat(),
        "members-TOTAL_FORMS": str(len(rows)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        user = row.get("user")
        data[f"members-{i}-user"] = str(user.pk) if user else ""
        data[f"members-{i}-full_name"] = row.get("full_name", "")
        data[f"members-{i}-role"] = row.get("role", "")
        if row.get("responsible"):
            data[f"members-{i}-is_responsible"] = "on"
    if in_force:
        data["in_force"] = "1"
    return data


class CommissionTestCase(BaseTestCase):
    def rows(self):
        return [
            {"user": self.aida, "role": CommissionMember.SOCIAL_PEDAGOGUE, "responsible": True},
            {"user": self.bolot, "role": CommissionMember.TEACHER},
            {"full_name": "Гүлнара Асанова", "role": CommissionMember.PARENTS_REP},
        ]

    def make_commission(self, number="1", status=Commission.ACTIVE, school=None, elected=False):
        commission = Commission.objects.create(
            school=school or self.school,
            order_number=number,
            order_date=timezone.localdate() - datetime.timedelta(days=30),
            status=status,
        )
        self.aida_m = commission.members.create(
            user=self.aida,
            full_name="Аида Токтобаева",
            role=CommissionMember.SOCIAL_PEDAGOGUE,
            is_responsible=True,
        )
        self.bolot_m = commission.members.create(
            user=self.bolot, full_name="Болот Иманов", role=CommissionMember.TEACHER
        )
        self.gulnara_m = commission.members.create(
            full_name="Гүлнара Асанова", role=CommissionMember.PARENTS_REP
        )
        if elected:  # the first meeting's vote is behind it (regulation B 4.5)
            commission.members.filter(pk=self.bolot_m.pk).update(position=CommissionMember.CHAIR)
            commission.members.filter(pk=self.aida_m.pk).update(position=CommissionMember.SECRETARY)
        return commission

    def make_meeting(self, commission, kind=Meeting.REGULAR, held_on=None, **kwargs):
        meeting = Meeting.objects.create(
            commission=commission,
            kind=kind,
            held_on=held_on or timezone.localdate(),
            number=1,
            **kwargs,
        )
        meeting.attendance.set(commission.members.all())
        return meeting
