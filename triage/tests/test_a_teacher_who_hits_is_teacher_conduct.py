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
