from django.test import SimpleTestCase

from triage.engine import classify


class FigurativeSpeechTests(SimpleTestCase):
    def assertNotUrgent(self, text):
        result = classify(text)
        self.assertNotEqual(result.urgency, "urgent", f"{text!r} -> {result}")
        return result

    def test_homework_that_kills_is_study(self):
        result = self.assertNotUrgent("бул үй тапшырма мени өлтүрөт")
        self.assertEqual(result.category, "study")

    def test_exam_slang_is_study(self):
        result = self.assertNotUrgent("Эртең физикадан экзамен, умираю 💀")
        self.assertEqual(result.category, "study")
        self.assertEqual(
            self.assertNotUrgent("Алгебрадан өлүп калдым, контролдук качан?").category, "study"
        )

    def test_russian_set_phrases_are_not_threats(self):
        self.assertNotUrgent("Убил бы за пятёрку по физике, можно пересдать?")
        self.assertNotUrgent("Такая домашка, что хоть застрелись 🙃")

    def test_video_game_and_sport_kills_are_not_violence(self):
        self.assertNotUrgent("В Standoff меня убили раз десять, я нуб 😂")
        self.assertNotUrgent("Кечээ оюнда досум мени беш жолу өлтүрдү 😂")
        self.assertNotUrgent("Тренерге рахмат! Финалда баарын талкаладык 💪")

    def test_an_anti_bullying_proposal_is_a_suggestion(self):
        result = self.assertNotUrgent(
            "Предлагаю провести классный час о травле и о том, что делать, если видишь драку."
        )
        self.assertEqual(result.category, "suggestion")

    def test_a_past_resolved_problem_is_not_urgent(self):
        self.assertNotUrgent(
            "Өткөн жылы улуулар мени урган, кийин ата-энелери чакырылып, азыр эч ким тийбейт."
        )

    def test_a_parents_stock_threat_is_not_urgent(self):
        self.assertNotUrgent("Апам ачууланса «өлтүрөм» дейт, бирок эч качан кол көтөргөн эмес.")

    def test_a_strict_teacher_is_not_urgent(self):
        result = self.assertNotUrgent("Химия эжейибиз катаал, бирок эч кимге кол көтөрбөйт.")
        self.assertEqual(result.category, "teacher_conduct")

    def test_the_idiom_does_not_hide_a_real_wish_to_die(self):
        result = classify("Досторум «өлүп калдым» деп күлүшөт, а мен чын эле өлгүм келет.")
        self.assertEqual((result.urgency, result.category), ("urgent", "self_harm"))
