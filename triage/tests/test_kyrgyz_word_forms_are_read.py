"""Kyrgyz word forms the rules first missed or misread, found by running several hundred
sentences in every voice, tense and person through the triage (the data README, "The Kyrgyz
passive"): each danger in another form is still urgent in its category, and ordinary school
words that share a stem with danger are not."""

from django.test import SimpleTestCase

from triage.engine import classify


class KyrgyzFormsOfDangerTests(SimpleTestCase):
    def assertUrgent(self, text, category):
        result = classify(text, backstop=False)
        self.assertEqual((result.urgency, result.category), ("urgent", category), text)

    def test_beatings_and_threats(self):
        for text in (
            "Атам мени күн сайын уруп жүрөт.",
            "Ата-энем мени уруп-согушат.",
            "8 жаштагы бала атасынан таяк жеп, ооруканага түштү.",
            "Балдар мени тебелеп, таштап кетишти.",
            "Атам мени эки жолу бетке чапкан.",
            "Атам бизди кайыш менен сабачу.",
            "Мени өлтүрмөкчү болушту.",
            "Балдар мени өлтүрүп коёбуз деп коркутушат.",
        ):
            self.assertUrgent(text, "violence")

    def test_a_teacher_who_slaps_a_schoolgirl(self):
        self.assertUrgent(
            "Мугалим окуучу кызды бетке чаап жибергени тууралуу ата-энеси милицияга кайрылды.",
            "teacher_conduct",
        )

    def test_sexual_abuse_and_grooming(self):
        for text in (
            "Өгөй атам мага тийишип жүрөт, апама айта албайм.",
            "Агай мага ыплас сөздөрдү жазып жатат.",
            "Абам мени жалгыз калганда сылап-сыйпап жатат.",
        ):
            self.assertUrgent(text, "sexual_abuse")

    def test_self_harm(self):
        for text in (
            "Бүгүн кечинде бардык таблеткаларды ичем.",
            "Кызым өзүн өлтүрөм деп коркутат.",
            "Мен тирүү жүргүм келбейт.",
            "Мен өлүп калсам эч ким байкабайт.",
        ):
            self.assertUrgent(text, "self_harm")

    def test_forced_marriage_missing_and_neglect(self):
        self.assertUrgent("Мени турмушка узатканы жатышат.", "forced_marriage")
        self.assertUrgent("Мени молдо аркылуу никелеп коюшту.", "forced_marriage")
        # «Ачуу басар»: the visit after a girl was kidnapped, to calm her parents' anger.
        self.assertUrgent(
            "Кечээ кечинде кыздын ата-энесине ачуу басарга келишти.", "forced_marriage"
        )
        self.assertUrgent("Балам жоголуп кетти, жардам бергиле.", "family")
        self.assertUrgent("Он эки жаштагы бала эки күндөн бери табылбай жатат.", "family")
        self.assertUrgent("Ата-энеси балдарын карабай, ач-жылаңач жүрөт.", "family")
        self.assertUrgent("Мени атам үйдөн кууп чыгып, көчөдө түнөдүм.", "family")

    def test_a_stranger_luring_children_and_children_left_without_care(self):
        self.assertUrgent("Бир киши балдарга конфет берип, үйүнө чакырып жүрөт.", "sexual_abuse")
        self.assertUrgent("Апам чет өлкөдө, таенем ооруп жатат, бизди эч ким карабайт.", "family")

    def test_an_abandoned_newborn_and_an_attack_on_a_pupil(self):
        self.assertUrgent(
            "Бишкекте дааратканадан жаңы төрөлгөн наристени алып чыгышты, абалы оор.", "family"
        )
        self.assertUrgent("Бир киши окуучу кызга кол салган, милиция издеп жатат.", "violence")
        for text in ("Жаңы төрөлгөн наристелерге эмдөө жүргүзүлдү.",):
            self.assertNotEqual(classify(text, backstop=False).urgency, "urgent", text)

    def test_a_tormented_child_and_a_child_nobody_looks_after(self):
        self.assertUrgent(
            "Өгөй энеси 5 жаштагы баланы кыйнап, денесинде күйүктөрдүн издери табылды.", "violence"
        )
        self.assertUrgent(
            "Баланын апасы Орусияда, атасы аны карабайт, бала тамак ичпей мектепке келет.",
            "family",
        )
        for text in ("Бул маселе мени аябай кыйнап жатат.", "Мугалим аны карабайт."):
            self.assertNotEqual(classify(text, backstop=False).urgency, "urgent", text)

    def test_one_who_does_not_hit_beside_one_who_does(self):
        self.assertUrgent("Апам мени урбайт, бирок атам ичип келгенде бизди сабайт.", "violence")
        self.assertUrgent("Апам мени урбайт. Атам бизди сабайт.", "violence")
        for text in (
            "Атам «өлтүрөм» дейт, бирок эч качан урбайт.",
            "Апам урам дейт, бирок тийбейт.",
        ):
            self.assertNotEqual(classify(text, backstop=False).urgency, "urgent", text)

    def test_gifts_with_secrecy_and_a_brother_away_from_school_for_weeks(self):
        self.assertUrgent("Бир агай мага белек берип, эч кимге айтпа деп жүрөт.", "sexual_abuse")
        self.assertUrgent("Иним үч жумадан бери мектепке барбай жатат, үйдө да жок.", "family")

    def test_a_school_without_hot_meals_is_a_proposal_not_hunger(self):
        result = classify("Мектепте ысык тамак жок, ашкананы оңдоп бериңиздерчи.", backstop=False)
        self.assertEqual((result.urgency, result.category), ("normal", "suggestion"))


class OrdinaryKyrgyzWordsTests(SimpleTestCase):
    def test_school_life_that_shares_a_stem_with_danger_is_not_urgent(self):
        for text in (
            "Колумду көтөрүп, жооп бердим.",
            "Апам экөөбүз пычак менен пияз туурадык.",
            "Ит бут кийимимди ала качып кетти, күлүп калдык.",
            "Мугалим үй тапшырманын сүрөтүн WhatsAppка жибергиле деди.",
            "Биология сабагында өсүмдүктүн тамырын кесип карадык.",
            "Мышыгыбыз үйдөн качып кетти, издеп жатабыз.",
            "Эжем күйөөгө чыгып, Ошко көчүп кетти.",
            "Апам мага акча берип, нан алып кел деди.",
            "Ачка калбаш үчүн эртең менен тамак ичип алам.",
            "Сабак бүткөндөн кийин топ тептик.",
            "Өлгүм келбейт, жашагым келет, бирок кыйын.",
            "Мен жашоону жакшы көрөм, келечекте дарыгер болгум келет.",
            "Агай бизди экскурсияга алып барды, машинасына отургузду.",
        ):
            self.assertNotEqual(classify(text, backstop=False).urgency, "urgent", text)

    def test_drugs_are_substances_not_a_red_eyed_injury(self):
        result = classify(
            "Уулум баңгизат колдонуп жатат окшойт, көздөрү кызарып жүрөт.", backstop=False
        )
        self.assertEqual(result.category, "substances")
        self.assertNotIn("violence.injury", result.rules)
