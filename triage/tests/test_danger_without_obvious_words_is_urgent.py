from django.test import SimpleTestCase

from triage.engine import classify


class HiddenDangerTests(SimpleTestCase):
    def assertUrgent(self, text, category):
        result = classify(text)
        self.assertEqual((result.urgency, result.category), ("urgent", category), text)

    def test_it_flags_a_farewell_as_urgent(self):
        self.assertUrgent("Рахмат баарыңарга. Мени издебегиле, эми тынчып калам.", "self_harm")
        self.assertUrgent("не ищите меня завтра. я устала быть обузой", "self_harm")

    def test_it_flags_giving_things_away(self):
        self.assertUrgent("Раздала свои вещи подругам, мне они скоро не понадобятся.", "self_harm")

    def test_it_flags_a_relative_planning_a_bride_kidnapping(self):
        self.assertUrgent(
            "Агамдын досу эжемди жумада ала качабыз деп жатат, ага 16 жаш.", "forced_marriage"
        )

    def test_it_flags_a_sibling_left_without_food(self):
        self.assertUrgent("Апам Москвада, биз жалгыз калдык. Тамак жок, иним ачка жүрөт.", "family")

    def test_it_flags_a_bare_plea_for_help(self):
        self.assertUrgent("Жардам бериңиз", "other")
        self.assertUrgent("помогите пожалуйста", "other")

    def test_it_flags_grooming_told_in_euphemisms(self):
        self.assertUrgent("Таякем «бул экөөбүздүн сырыбыз» деп, денемди кармалайт.", "sexual_abuse")

    def test_it_flags_a_teacher_who_hits(self):
        self.assertUrgent("Физика агай балдарды сызгыч менен колго урат.", "teacher_conduct")

    def test_it_flags_extortion_called_lending(self):
        self.assertUrgent(
            "Улуулар «карызга бер» деп акча алышат, бербесем мектептен кийин сабашат.", "extortion"
        )

    def test_a_run_away_plan_keeps_the_category_of_its_cause(self):
        self.assertUrgent(
            "Класстагылар мени күндө шылдыңдашат. Эртең үйдөн качып кетем.", "bullying"
        )

    def test_it_flags_a_girl_who_left_home(self):
        result = classify(
            "15-летняя дочь ушла из дома после ссоры, телефон не отвечает.", backstop=False
        )
        self.assertEqual(result.urgency, "urgent", result.rules)
