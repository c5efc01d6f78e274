from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import Event, record
from ishenim.testing import BaseTestCase


class AuditChainTests(BaseTestCase):
    def test_an_intact_chain_verifies(self):
        for i in range(3):
            record("appeal_read", actor=self.aida, school=self.school, n=i)
        out = StringIO()
        call_command("audit_verify", stdout=out)
        self.assertIn("3 events", out.getvalue())

    def test_a_tampered_event_is_named(self):
        events = [record("appeal_read", actor=self.aida, school=self.school, n=i) for i in range(4)]
        with connection.cursor() as cursor:  # a silent edit, bypassing the model
            cursor.execute(
                "UPDATE audit_event SET action = 'nothing' WHERE id = %s", [events[2].pk]
            )
        with self.assertRaisesMessage(CommandError, f"#{events[2].pk}"):
            call_command("audit_verify", stdout=StringIO())

    def test_a_deleted_event_breaks_the_chain_at_the_next(self):
        events = [record("export", actor=self.aida, school=self.school) for _ in range(3)]
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_event WHERE id = %s", [events[1].pk])
        with self.assertRaisesMessage(CommandError, f"#{events[2].pk}"):
            call_command("audit_verify", stdout=StringIO())

    def test_events_cannot_be_changed_through_the_model(self):
        event = record("export", actor=self.aida, school=self.school)
        with self.assertRaises(PermissionError):
            event.save()
        with self.assertRaises(PermissionError):
            Event.objects.all().delete()
        with self.assertRaises(PermissionError):
            Event.objects.update(action="x")
