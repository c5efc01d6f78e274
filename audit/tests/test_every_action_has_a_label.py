"""Issue 15: a person reads what happened in words; every action the code records has one."""

from django.test import SimpleTestCase

from audit.models import ACTION_LABELS, Event
from ishenim.testing import _recorded_actions


class EveryActionHasALabelTests(SimpleTestCase):
    def test_every_recorded_action_has_a_label(self):
        self.assertEqual(sorted(_recorded_actions() - set(ACTION_LABELS)), [])

    def test_an_unknown_action_is_not_shown_as_its_id(self):
        self.assertNotIn("made_up_action", str(Event(action="made_up_action").label))
