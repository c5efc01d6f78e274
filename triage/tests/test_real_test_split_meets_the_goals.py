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

    # Met: 0.924 (61 of 66 urgent Kyrgyz texts) with the model of this commit, the Kyrgyz
    # threshold at its floor (0.06). One letter is 1.5 points: refits at a fixed 0.075 moved it
    # between 0.894 and 0.934. Held out: 0.955 (85 of 89).
    def test_kyrgyz_urgent_recall_is_at_least_92_percent(self):
        self.assertGreaterEqual(self.lang("ky")["urgent_recall"], 0.92, self.lang("ky")["misses"])

    # Met: 0.948 (368 of 388 urgent Russian texts).
    def test_russian_urgent_recall_is_at_least_92_percent(self):
        self.assertGreaterEqual(self.lang("ru")["urgent_recall"], 0.92, self.lang("ru")["misses"])

    # Not met: 0.556 (429 right of 772 called urgent; 343 false alarms; ky 0.377, ru 0.603):
    # recall first, the thresholds went down to 0.06 (Kyrgyz) and 0.15 (Russian).
    @unittest.expectedFailure
    def test_urgent_precision_is_at_least_80_percent(self):
        self.assertGreaterEqual(self.report["urgent_precision"], 0.80, self.report["false_alarms"])

    # Not met: 0.634 (ky 0.629, ru 0.636); held out on train + dev the model and the rules
    # together get 0.640 of categories right.
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
        # Refits move these by a letter or two: with the Kyrgyz test split at 61 urgent texts
        # one letter is 1.6 points of recall. The batches of December 2026 (the fifteen of
        # kp- to rt6-, then rc7-, rf7-, kg7-, kl8-, rs8-, rm8-) changed the split; on it the
        # rules and the refitted model, thresholds chosen for recall first, give ky 0.902,
        # ru 0.961, precision 0.569, category 0.620; with ro9-, rj9-, ru10-, ry10- and the
        # readings of this commit: ky 0.934, ru 0.959, precision 0.575, category 0.632; with
        # rg11-, ks11- and the readings of time and person read again: ky 0.934, ru 0.959,
        # precision 0.578, category 0.632; with the second audit of word forms: ky 0.902, ru
        # 0.959, precision 0.579, category 0.631; with rl12-, ko12-, kq12-, rk13-, rs13- and
        # the readings of «found», a bare age and the third audit: ky 0.924, ru 0.953,
        # precision 0.581, category 0.630; with rd14- (teenagers' tweets and posts, 19 rows in
        # test), kc14- and the Kyrgyz threshold tuned (0.06): ky 0.939, ru 0.945, precision
        # 0.569, category 0.627; with rl16-, rk16-, kq16-, kd16- (69 rows in test; the model
        # raises 11 of the 22 Kyrgyz ones at the Kyrgyz threshold: accidents, illness, customs)
        # and the Kyrgyz threshold at its floor: ky 0.924, ru 0.948, precision 0.556, category
        # 0.634 (on the split before them precision 0.563, category 0.632).
        self.assertGreaterEqual(ky["urgent_recall"], 0.92)
        self.assertGreaterEqual(ru["urgent_recall"], 0.94)
        self.assertGreaterEqual(self.report["urgent_precision"], 0.55)
        self.assertGreaterEqual(self.report["category_accuracy"], 0.62)
