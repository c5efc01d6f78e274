"""The issue's goals on the real corpus's test split (triage/data/real, split by source page by
triage/corpus.py; never used for training or tuning): urgent recall ≥ 0.92 in Kyrgyz and in
Russian separately, urgent precision ≥ 0.80, category accuracy ≥ 0.75.

Goals not yet met are marked expectedFailure with the measured figure (see triage/data/README.md
for the table); remove the mark when a change meets one."""

import unittest

from django.test import SimpleTestCase

from triage.corpus import load_split
from triage.evaluation import evaluate


class RealTestSplitGoals(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = evaluate(load_split("test"))

    def lang(self, lang):
        return self.report["by_lang"][lang]

    # Not met: 0.898 (53 of 59 urgent Kyrgyz texts) with the model of this commit.
    @unittest.expectedFailure
    def test_kyrgyz_urgent_recall_is_at_least_92_percent(self):
        self.assertGreaterEqual(self.lang("ky")["urgent_recall"], 0.92, self.lang("ky")["misses"])

    # Met: 0.937 (133 of 142 urgent Russian texts).
    def test_russian_urgent_recall_is_at_least_92_percent(self):
        self.assertGreaterEqual(self.lang("ru")["urgent_recall"], 0.92, self.lang("ru")["misses"])

    # Not met: 0.691 (186 right of 269 called urgent; 83 false alarms; ky 0.697, ru 0.689):
    # recall first, the thresholds went down to 0.175 (Kyrgyz) and 0.20 (Russian).
    @unittest.expectedFailure
    def test_urgent_precision_is_at_least_80_percent(self):
        self.assertGreaterEqual(self.report["urgent_precision"], 0.80, self.report["false_alarms"])

    # Not met: 0.559 (ky 0.555, ru 0.561); held out on train + dev the model alone gets about
    # 0.57 of categories right, both together 0.59.
    @unittest.expectedFailure
    def test_category_accuracy_is_at_least_75_percent(self):
        self.assertGreaterEqual(self.report["category_accuracy"], 0.75)

    def test_the_split_is_large_enough(self):
        self.assertGreaterEqual(self.lang("ky")["urgent_true_positives"]
                                + self.lang("ky")["urgent_false_negatives"], 40)  # fmt: skip
        self.assertGreaterEqual(self.lang("ru")["urgent_true_positives"]
                                + self.lang("ru")["urgent_false_negatives"], 60)  # fmt: skip


class RealTestSplitFloors(SimpleTestCase):
    """What the triage reaches today on the real test split (the goals above are not met):
    a regression guard, so a change that loses ground shows up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = evaluate(load_split("test"))

    def test_it_stays_at_or_above_todays_figures(self):
        ky, ru = self.report["by_lang"]["ky"], self.report["by_lang"]["ru"]
        # The rules for abuse named outright (December 2026) bought held-out recall and
        # precision on train + dev (0.923 -> 0.929, 0.678 -> 0.698); on test precision rose
        # 0.664 -> 0.691 while the model, refitted, let two Russian letters fall under its
        # threshold (0.951 -> 0.937). A refit moves precision by about one letter in a
        # hundred (0.689-0.694 over the changes of that month). With the 93 repeated passages
        # dropped (one page's passage kept once) the held-out choice took the Kyrgyz threshold to
        # its floor (0.15): Kyrgyz precision 0.63, overall 0.67.
        self.assertGreaterEqual(ky["urgent_recall"], 0.89)
        self.assertGreaterEqual(ru["urgent_recall"], 0.93)
        self.assertGreaterEqual(self.report["urgent_precision"], 0.66)
        self.assertGreaterEqual(self.report["category_accuracy"], 0.55)
