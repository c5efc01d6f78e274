from django.test import SimpleTestCase

from triage.engine import classify


class EverydayWordsTests(SimpleTestCase):
    def assertNotUrgent(self, text):
        result = classify(text)
        self.assertNotEqual(result.urgency, "urgent", f"{text!r} -> {result}")
        return result

    def test_waiting_for_a_late_teacher_is_not_a_threat(self):
        self.assertNotUrgent("Мугалим дайыма кечигет, 15 минут күтөбүз.")

    def test_a_general_question_about_beatings_is_not_a_report(self):
        self.assertNotUrgent("Бьют ли у вас в школе новеньких? Я скоро перевожусь.")

    def test_slang_about_a_test_with_laughter_is_not_suicidal(self):
        self.assertEqual(
            self.assertNotUrgent("Этот тест по физике меня добил, хочу сдохнуть 😂").category,
            "study",
        )

    def test_a_broken_phone_is_not_an_injury(self):
        self.assertNotUrgent("Иним телефонумду сындырды, апам урушту.")

    def test_sports_trash_talk_is_not_a_threat(self):
        self.assertNotUrgent("erteң futbolda 9-b klassty jyrtyp salabyz 💪")

    def test_a_lesson_about_bride_kidnapping_law_is_not_urgent(self):
        self.assertNotUrgent("Правда ли, что за кражу невесты дают срок? Это для доклада.")


class CongratulatoryHugTests(SimpleTestCase):
    def test_a_teacher_hugging_the_class_to_congratulate_it_is_not_urgent(self):
        from triage.engine import classify

        self.assertNotEqual(classify("Агай бизди кучактап куттуктады, рахмат!").urgency, "urgent")

    def test_a_man_hugging_one_child_in_secret_stays_urgent(self):
        from triage.engine import classify

        result = classify("Коңшу аке мени кучактап, эч кимге айтпа деди.")
        self.assertEqual((result.urgency, result.category), ("urgent", "sexual_abuse"))


class MoneyCollectionTests(SimpleTestCase):
    """A parent's complaint about school fees is not extortion with a threat; a pupil forced
    to pay with beatings still is."""

    def test_school_fees_are_not_extortion_with_a_threat(self):
        for text in (
            "Мектепке неберемди киргиздик, жардам ирээтинде деп 2 миң сомдон чогултуп бердик,"
            " болбосо кабыл алышпайт экен.",
            "В школе опять собирают деньги на ремонт, иначе ребёнка пересадят на последнюю парту.",
        ):
            result = classify(text, backstop=False)
            self.assertNotIn("extortion.with_threat", result.rules, text)

    def test_a_demand_with_beatings_is_still_extortion(self):
        result = classify("Улуулар акча талап кылат, бербесем сабашат.", backstop=False)
        self.assertIn("extortion.with_threat", result.rules)
        self.assertTrue(result.is_urgent)
