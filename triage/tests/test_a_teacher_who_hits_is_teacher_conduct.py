"""Data README: a teacher who hits is teacher_conduct, also when the letter or the news tells it
with the violence rules' words; a parent's beating that a teacher reports stays violence."""

from django.test import SimpleTestCase

from triage.engine import classify


class TeacherWhoHitsTests(SimpleTestCase):
    def test_a_teacher_who_beats_pupils_is_teacher_conduct(self):
        for text in (
            "Учительница избивает детей на уроках, мой сын боится идти в школу.",
            "Биздин мугалим окуучуларды сабайт, кечээ досумду уруп-согуп салды.",
        ):
            result = classify(text, backstop=False)
            self.assertEqual((result.category, result.urgency), ("teacher_conduct", "urgent"))

    def test_a_father_who_beats_his_son_stays_violence_when_a_teacher_tells_it(self):
        result = classify("Учительница сказала, что отец избивает его дома.", backstop=False)
        self.assertEqual((result.category, result.urgency), ("violence", "urgent"))

    def test_pupils_who_beat_a_pupil_stay_violence_when_a_teacher_is_named_nearby(self):
        for text in (
            "В тот день не хватало учителей. Ученик пятого класса избил девятиклассницу на уроке.",
            "Мугалимдер көрбөй калышты, ошол күнү окуучулар классташын сабап салышты.",
            "Ученик 11 класса ударил учителя по плечу.",
        ):
            result = classify(text, backstop=False)
            self.assertNotIn("teacher_conduct.teacher_hits", result.rules, text)

    def test_a_teacher_who_hits_a_boy_named_before_stays_teacher_conduct(self):
        for text in (
            "Учительница схватила мальчика и ударила его по голове.",
            "Мальчик рассказал, что учительница его ударила линейкой.",
        ):
            result = classify(text, backstop=False)
            self.assertIn("teacher_conduct.teacher_hits", result.rules, text)
