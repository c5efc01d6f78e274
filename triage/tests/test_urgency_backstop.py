"""The n-gram backstop (triage/model.py, weights in triage/urgency_model.json) may only raise a
letter the rules do not call urgent; it never lowers urgency or changes the category, it shows
itself as "model.urgent", and it loads from the package without any network."""

import json
import socket
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from triage import engine, model
from triage.engine import MODEL_RULE, classify
from triage.evaluation import load_jsonl

DATA = Path(__file__).parent / "data"
LEVEL = {"normal": 0, "attention": 1, "urgent": 2}

# Urgent wordings no lexicon rule covers (a brother who "tormented me again", a stepfather who
# will "bring me up like yesterday"): the model must catch them on its own.
UNCOVERED_URGENT = (
    "Эже, агам кечинде келип мени дагы ушинтип кыйнады, эртең дагы келет, корком",
    "Мне страшно возвращаться домой, отчим опять будет меня воспитывать как вчера, у меня всё "
    "болит",
)


class BackstopTests(SimpleTestCase):
    def test_it_never_lowers_urgency_nor_changes_the_category(self):
        texts = [r["text"] for f in ("heldout.jsonl", "fresh.jsonl", "unseen.jsonl")
                 for r in load_jsonl(DATA / f)]  # fmt: skip
        texts += ["", "  ", "😂", "Жардам бериңиз", "ok"]
        for text in texts:
            rules_only = classify(text, backstop=False)
            both = classify(text)
            self.assertGreaterEqual(LEVEL[both.urgency], LEVEL[rules_only.urgency], text)
            self.assertEqual(both.category, rules_only.category, text)
            if rules_only.is_urgent:
                self.assertNotIn(MODEL_RULE, both.rules, text)
                self.assertEqual(both.rules, rules_only.rules, text)
            if MODEL_RULE in both.rules:
                self.assertTrue(both.is_urgent)
                self.assertEqual(set(both.rules) - {MODEL_RULE}, set(rules_only.rules), text)

    def test_a_confident_model_cannot_lower_a_rule_based_urgent(self):
        never = mock.Mock(is_urgent=mock.Mock(return_value=False))
        with mock.patch.object(engine, "get_model", return_value=never):
            self.assertTrue(classify("Мен эми жашагым келбейт").is_urgent)

    def test_it_fires_on_an_urgent_wording_the_rules_miss(self):
        for text in UNCOVERED_URGENT:
            self.assertFalse(classify(text, backstop=False).is_urgent, text)
            result = classify(text)
            self.assertTrue(result.is_urgent, text)
            self.assertIn(MODEL_RULE, result.rules)
            self.assertIn(MODEL_RULE, result.to_metadata()["rules"])

    def test_it_stays_quiet_on_plain_everyday_letters(self):
        for text in (
            "Ашканада кезек узун, беш мүнөттүк тыныгууда үлгүрбөйбүз.",
            "Спасибо психологу за тренинг по стрессу перед экзаменами!",
            "расписание качан чыгат? 2 смена балдар эртен саат канчада келиш керек",
        ):
            self.assertNotIn(MODEL_RULE, classify(text).rules, text)

    def test_it_loads_from_the_package_without_network(self):
        def no_network(*args, **kwargs):
            raise AssertionError("the backstop must not open a connection")

        try:
            with (
                mock.patch.object(socket, "socket", no_network),
                mock.patch.object(socket, "create_connection", no_network),
            ):
                loaded = model.reload_model()
                self.assertIsNotNone(loaded)
                self.assertTrue(classify(UNCOVERED_URGENT[0]).is_urgent)
        finally:
            model.reload_model()

    def test_the_weights_file_is_compact_and_well_formed(self):
        path = model.MODEL_PATH
        self.assertLess(path.stat().st_size, 2 * 1024 * 1024)
        data = json.loads(path.read_text(encoding="utf-8"))
        self.assertEqual(data["format"], "triage-urgency-ngram-lr/1")
        self.assertTrue(0.5 <= data["threshold"] < 1.0)
        self.assertGreater(len(data["weights"]), 1000)

    def test_without_the_weights_file_the_rules_work_alone(self):
        try:
            self.assertIsNone(model.reload_model(Path("/nonexistent/urgency_model.json")))
            result = classify(UNCOVERED_URGENT[0])
            self.assertFalse(result.is_urgent)
            self.assertNotIn(MODEL_RULE, result.rules)
        finally:
            model.reload_model()
