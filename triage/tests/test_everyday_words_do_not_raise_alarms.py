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


class _RulesFound(SimpleTestCase):
    def rules(self, text):
        from triage.engine import _rules

        out = _rules(text)
        return set(out.fired) | set(out.cues)


class KyrgyzWordsThatLookLikeDangerTests(_RulesFound):
    """Kyrgyz words that a stem of another word caught, found in Kyrgyz news (triage/data/README.md)."""

    def test_an_attempt_is_not_vodka(self):
        self.assertNotIn("cue.substance", self.rules("Ал качып чыгууга аракет кылган."))
        self.assertIn("cue.substance", self.rules("Атам арак ичип келди."))

    def test_work_that_goes_on_is_not_a_poisoning(self):
        found = self.rules("Тергөө иштери уланууда. Айдоочу мас абалында болгон.")
        self.assertNotIn("substances.overdose", found)
        found = self.rules("Балдар арак ичип, ууланып калышты, ооруканага жеткирилди.")
        self.assertIn("substances.overdose", found)

    def test_names_are_not_thanks_a_whip_or_a_parent(self):
        found = self.rules("Рахматжанова жана Камчыбек Ташиев билдирди, Атамбаев да келди.")
        self.assertFalse(found & {"gratitude.thanks", "violence.beating", "cue.parent"}, found)
        self.assertIn("gratitude.thanks", self.rules("Рахмат, эжеке!"))
        self.assertIn("violence.beating", self.rules("Атам мени камчы менен сабады."))

    def test_concord_is_not_intimate_and_opened_is_not_hungry(self):
        found = self.rules("Ынтымак менен жашайлы. Айылда жаңы дүкөн ачкан.")
        self.assertFalse(found & {"sexual_abuse.explicit_images", "family.no_food_or_care"}, found)
        self.assertIn(
            "sexual_abuse.explicit_images", self.rules("Ал менден интимдик сүрөт сурады.")
        )
        self.assertIn("family.no_food_or_care", self.rules("Үйдө тамак жок, биз ачка калдык."))

    def test_unknown_people_are_not_a_drug(self):
        self.assertNotIn("cue.drug", self.rules("Белгисиз адамдар келип кетти."))
        self.assertIn("cue.drug", self.rules("Балдар белгисиз нерседен ууланды."))

    def test_a_gang_and_pressing_are_no_grade(self):
        found = self.rules("Банда басып кирди, банктан акча алышты.")
        self.assertNotIn("cue.grade", found)
        self.assertIn("cue.grade", self.rules("Агай баамды кайра койбойт."))


class RussianWordsThatLookLikeOtherWordsTests(_RulesFound):
    def test_lessons_that_ended_are_no_law(self):
        self.assertNotIn(
            "cue.topic_discussion", self.rules("Когда уроки закончились, меня избили.")
        )
        self.assertIn("cue.topic_discussion", self.rules("Какой закон об этом есть?"))

    def test_doubt_is_no_money(self):
        found = self.rules("Я сомневаюсь, что он ударит, но он угрожает.")
        self.assertNotIn("extortion.with_threat", found)
