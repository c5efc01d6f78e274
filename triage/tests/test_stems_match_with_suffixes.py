from django.test import SimpleTestCase

from triage.engine import classify


class StemTests(SimpleTestCase):
    def test_a_kyrgyz_stem_matches_with_any_suffix(self):
        for text in (
            "Агам мени сабайт.",
            "Агам мени сабап жатат.",
            "Агам мени күн сайын сабашат.",
        ):
            with self.subTest(text=text):
                self.assertEqual(classify(text).category, "violence")

    def test_a_negative_verb_form_does_not_count(self):
        self.assertNotEqual(classify("Мугалим эч кимди кемсинтпейт.").category, "bullying")
        self.assertNotEqual(classify("Атам мени урбайт.").urgency, "urgent")

    def test_russian_inflections_match(self):
        for text in (
            "Меня бьют старшеклассники",
            "Старшеклассники избили меня",
            "его избивает отчим",
        ):
            with self.subTest(text=text):
                result = classify(text)
                self.assertEqual((result.urgency, result.category), ("urgent", "violence"))

    def test_russian_negation_cancels_a_match(self):
        self.assertNotEqual(classify("Родители меня не бьют, просто кричат").category, "violence")

    def test_it_matches_plain_keyboard_and_latin_spellings(self):
        for text in (
            "Мен өлгүм келет, эч ким түшүнбөйт.",
            "мен олгум келет эч ким тушунбойт",
            "men olgum kelet ech kim tushunboyt",
        ):
            with self.subTest(text=text):
                result = classify(text)
                self.assertEqual((result.urgency, result.category), ("urgent", "self_harm"))
