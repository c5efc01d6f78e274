from django.test import SimpleTestCase

from triage.engine import CATEGORIES, classify, highlight


class ResultTests(SimpleTestCase):
    text = "Эже, 9-класстын балдары мени эртең сабайбыз дешти, пычак көрсөтүштү."

    def test_spans_point_at_the_phrases_in_the_original_text(self):
        result = classify(self.text)
        self.assertEqual(result.urgency, "urgent")
        self.assertIn("violence.weapon", result.rules)
        for start, end, rule in result.spans:
            self.assertIn(rule, result.rules)
            self.assertTrue(self.text[start:end].strip())
        self.assertTrue(any("пычак" in p for p in result.phrases()))

    def test_highlight_splits_the_text_into_marked_and_plain_segments(self):
        result = classify(self.text)
        pieces = highlight(self.text, result)
        self.assertEqual("".join(seg for seg, _ in pieces), self.text)
        self.assertTrue(any(rule for _, rule in pieces))

    def test_metadata_holds_no_text(self):
        meta = classify(self.text).to_metadata()
        self.assertEqual(set(meta), {"urgency", "category", "rules"})
        self.assertNotIn("пычак", repr(meta))
        self.assertNotIn("пычак", repr(classify(self.text)))

    def test_the_category_is_always_one_of_the_thirteen(self):
        for text in ("", "Рахмат!", "abc", self.text):
            self.assertIn(classify(text).category, CATEGORIES)
