"""The second, blind reading of corpus rows (``triage/data/agreement/second_reading.jsonl``,
read by ``bench/triage_agreement.py``) measures how far two readers agree. It must read rows
that exist, each once, with labels the corpus uses, and never a row of the test split, which
is not used for anything but the one report per change."""

import json

from django.test import SimpleTestCase

from triage.corpus import DATA_DIR, load_real, split_rows
from triage.engine import CATEGORIES

SECOND = DATA_DIR / "agreement" / "second_reading.jsonl"


class SecondReadingTests(SimpleTestCase):
    def test_it_reads_existing_train_and_dev_rows_once_with_valid_labels(self):
        with open(SECOND, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        parts = split_rows(load_real())
        test_ids = {r["id"] for r in parts["test"]}
        known = {r["id"] for r in parts["train"] + parts["dev"]}
        ids = [r["id"] for r in rows]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreaterEqual(len(ids), 300)
        self.assertFalse(set(ids) & test_ids)
        self.assertLessEqual(set(ids), known)
        for row in rows:
            self.assertIsInstance(row["urgent"], bool, row["id"])
            self.assertIn(row["category"], CATEGORIES, row["id"])
