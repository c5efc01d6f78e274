"""The real corpus (triage/data/real/*.jsonl) and its split by source page (triage/corpus.py):
every row well formed, the split deterministic, no page in two splits, enough urgent texts of
each language in the test split, and the rows written by ``manage.py triage_split`` where they
were."""

import json

from django.test import SimpleTestCase

from triage.corpus import SPLIT_DIR, SPLITS, base_lang, load_real, split_of, split_rows
from triage.engine import CATEGORIES

FIELDS = ("id", "text", "lang", "urgent", "category", "source", "kind", "label_note")


class CorpusTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rows = load_real()
        cls.parts = split_rows(cls.rows)

    def test_rows_are_well_formed(self):
        ids = set()
        for row in self.rows:
            for key in FIELDS:
                self.assertIn(key, row, row.get("id"))
            self.assertIn(row["category"], CATEGORIES, row["id"])
            self.assertNotIn(row["id"], ids)
            ids.add(row["id"])

    def test_no_page_is_in_two_splits(self):
        seen = {}
        for name, rows in self.parts.items():
            for row in rows:
                self.assertEqual(seen.setdefault(row["source"], name), name, row["source"])

    def test_the_split_is_deterministic_and_stable(self):
        self.assertEqual(split_of("https://example.org/a", "ru"), "test")
        again = split_rows(list(self.rows))
        for name in SPLITS:
            self.assertEqual([r["id"] for r in again[name]], [r["id"] for r in self.parts[name]])

    def test_the_test_split_has_enough_urgent_texts_in_each_language(self):
        test = self.parts["test"]
        ky = sum(1 for r in test if r["urgent"] and base_lang(r["lang"]) == "ky")
        ru = sum(1 for r in test if r["urgent"] and base_lang(r["lang"]) == "ru")
        self.assertGreaterEqual(ky, 40)
        self.assertGreaterEqual(ru, 60)

    def test_rows_written_by_triage_split_stay_in_their_split(self):
        """Rows added later land by their page; the rows already written never move."""
        for name in SPLITS:
            path = SPLIT_DIR / f"{name}.jsonl"
            ids = {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}
            now = {r["id"] for r in self.parts[name]}
            self.assertLessEqual(ids, now | (ids - {r["id"] for r in self.rows}), name)
