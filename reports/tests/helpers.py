import datetime

from journal.models import Appeal

Q1 = (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
MARKER = "ЖАШЫРУУН-МАРКЕР-7731"


class AppealsMixin:
    def appeal(self, received_on, school=None, text=None, **fields):
        appeal, _code = self.submit(text or f"{MARKER} кат", received_on=received_on, school=school)
        if fields:
            Appeal.objects.filter(pk=appeal.pk).update(**fields)
        return appeal
