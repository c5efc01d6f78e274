"""The worker's minute selects the due cases and enqueues them; the worker's threads send the
waves. A case enqueued twice (the queue was slow and the next minute came) is sent once."""

from urgent import ladder, tasks
from urgent.models import UrgentCase
from urgent.tests.base import T0, LaneTestCase, minutes


class MinutePassTests(LaneTestCase):
    def test_the_pass_enqueues_the_due_case_and_sends_nothing_itself(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        queued = []
        self.assertEqual(tasks.tick(now=minutes(15), dispatch=queued.append), 1)
        self.assertEqual(queued, [[UrgentCase.objects.get(appeal=appeal).pk]])
        self.assertEqual(self.alerted(appeal), {"aida": 1})

    def test_a_case_enqueued_twice_sends_its_wave_once(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        case = UrgentCase.objects.get(appeal=appeal)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertTrue(ladder.advance(case.pk, minutes(15)))
            self.assertFalse(ladder.advance(case.pk, minutes(15)))
        self.assertEqual(self.alerted(appeal), {"aida": 2, "bolot": 1})

    def test_many_due_cases_go_in_a_few_batches(self):
        for _ in range(tasks.BATCH + 1):
            self.urgent_letter()
        self.tick(T0)
        queued = []
        self.assertEqual(tasks.tick(now=minutes(15), dispatch=queued.append), tasks.BATCH + 1)
        self.assertEqual([len(b) for b in queued], [tasks.BATCH, 1])

    def test_a_confirmed_case_is_not_enqueued(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        ladder.acknowledge(UrgentCase.objects.get(appeal=appeal), self.aida, now=minutes(3))
        queued = []
        tasks.tick(now=minutes(15), dispatch=queued.append)
        self.assertEqual(queued, [])

    def test_a_letter_whose_queue_failed_is_handed_to_the_queue_again(self):
        appeal = self.urgent_letter()
        opened, queued = [], []
        tasks.tick(now=minutes(1), dispatch=queued.append, open_later=opened.append)
        self.assertEqual(opened, [appeal.pk])
        self.assertFalse(UrgentCase.objects.filter(appeal=appeal).exists())
        tasks.letter_arrived.call_local(appeal.pk)
        self.assertTrue(UrgentCase.objects.filter(appeal=appeal).exists())
