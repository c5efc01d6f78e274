from django.test import SimpleTestCase
from django.utils import translation

from triage.engine import classify
from triage.reasons import reason, reasons


class ReasonsAreSentencesTests(SimpleTestCase):
    def test_a_rule_speaks_kyrgyz_by_default_and_russian_for_ru_and_en(self):
        self.assertEqual(reason("self_harm.suicidal_wish", "ky"), "Өлгүсү келээрин айтат")
        self.assertEqual(reason("self_harm.suicidal_wish", "ru"), "Говорит о желании умереть")
        self.assertEqual(reason("self_harm.suicidal_wish", "en"), "Говорит о желании умереть")
        with translation.override("ky"):
            self.assertEqual(reason("self_harm.suicidal_wish"), "Өлгүсү келээрин айтат")

    def test_any_model_id_gets_a_translated_sentence(self):
        with translation.override("ru"):
            self.assertEqual(reason("model.urgent"), "Модель оценивает этот текст как срочный")
            self.assertNotIn("model.", reason("model.category_family"))

    def test_an_unknown_rule_id_is_never_shown(self):
        with translation.override("ky"):
            self.assertNotIn("violence.gone", reason("violence.gone"))

    def test_the_most_serious_reason_comes_first_with_its_phrases(self):
        result = classify("Математикадан үй тапшырма көп. Жашагым келбейт.")
        listed = reasons(result.rules, [result], "ru")
        self.assertEqual(listed[0]["sentence"], "Говорит о желании умереть")
        self.assertEqual(listed[0]["phrases"], ["Жашагым келбейт"])

    def test_one_sentence_is_listed_once(self):
        listed = reasons(["model.urgent", "model.urgent"], (), "ky")
        self.assertEqual(len(listed), 1)

    def test_a_phrase_gets_the_reason_that_tells_what_it_says(self):
        """«Nobody needs me» is not «wants not to wake up»: each rule's phrases fit its sentence."""
        result = classify("Мен эч кимге керек эмесмин, үйдө да, класста да.")
        listed = reasons(result.rules, [result], "ru")
        self.assertIn(
            "Пишет, что никому не нужен или ненавидит себя", [r["sentence"] for r in listed]
        )
        self.assertNotIn("self_harm.not_wake_up", result.rules)
        self.assertEqual(result.urgency, "urgent")

    def test_with_a_category_only_the_reasons_that_explain_it_or_the_level_are_listed(self):
        result = classify("Класста телефонумду тартып алышты, ашканада да акча сурашат. Рахмат.")
        shown = [r["sentence"] for r in reasons(result.rules, [result], "ru", "extortion")]
        every = [r["sentence"] for r in reasons(result.rules, [result], "ru")]
        self.assertIn("У ребёнка силой отобрали телефон или вещи", shown)
        self.assertIn("Благодарит", every)
        self.assertNotIn("Благодарит", shown)

    def test_a_category_no_phrase_stands_behind_is_given_as_the_models(self):
        result = classify("Апам ооруп жатат, үйдө иштерди мен кылам.")
        self.assertTrue(result.rules)
        with translation.override("ru"):
            shown = [r["sentence"] for r in reasons(result.rules, [result], "ru", "study")]
        self.assertEqual(shown, ["Модель предполагает это по тексту в целом, а не по одной фразе"])
