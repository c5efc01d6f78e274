"""The suffix stripper for Kyrgyz, the Russian lemmas and the markers of negation, hearsay,
time and person (triage/morph.py), which feed the model and the reading of time and person."""

from django.test import SimpleTestCase

from triage.morph import analyse, ky_stem, language, markers, ru_lemma
from triage.normalize import fold_word, tokens


def stem(word):
    return ky_stem(fold_word(word))


class KyrgyzStemTests(SimpleTestCase):
    def test_verb_forms_share_a_stem(self):
        for word in ("сабайт", "сабашат", "сабап", "сабаган"):
            self.assertEqual(stem(word), ("саба", False), word)
        for word in ("айтышат", "айтып", "айтпаса"):
            self.assertEqual(stem(word)[0], "айт", word)

    def test_short_verb_roots_come_out_of_long_verb_endings(self):
        self.assertEqual(stem("урган"), ("ур", False))
        self.assertEqual(stem("алып"), ("ал", False))

    def test_plural_case_and_possessive_endings_go(self):
        self.assertEqual(stem("мушташып")[0], "мушташ")
        self.assertEqual(stem("коркутушат")[0], "коркут")
        self.assertEqual(stem("балдарыбызга")[0], stem("балдарга")[0])
        self.assertEqual(stem("мектептерибизде")[0], stem("мектепте")[0])

    def test_a_negative_verb_is_marked(self):
        for word, root in (("урбайт", "ур"), ("кетпейт", "кет"), ("келбейт", "кел"),
                           ("окубайт", "оку"), ("айтпаган", "айт"), ("тийбейт", "тий")):  # fmt: skip
            self.assertEqual(stem(word), (root, True), word)

    def test_a_verb_ending_in_ba_is_not_negative(self):
        self.assertFalse(stem("сабайт")[1])  # саба-йт "beats", not са-ба-йт


class NegationAndMarkerTests(SimpleTestCase):
    def words(self, text):
        return analyse(text, tokens(text))

    def test_negation_is_read_in_both_languages(self):
        self.assertIn("¬ур", self.words("Агам мени урган жок"))
        self.assertIn("¬кел", self.words("Өлгүм келбейт"))
        self.assertIn("¬бить", self.words("Отец меня не бьёт"))
        self.assertNotIn("¬саба", self.words("Агам мени сабайт"))

    def test_russian_words_get_lemmas(self):
        self.assertEqual(ru_lemma("избили"), fold_word("избить"))
        self.assertIn(fold_word("избить"), self.words("Его избили после уроков"))

    def test_hearsay_long_ago_and_person_markers(self):
        def found(text):
            return set(markers(tokens(text)))

        self.assertIn("<hearsay>", found("Ал баланы уруптур деп айтышат"))
        self.assertIn("<long_ago>", found("Кичинекей кезимде агам мени сабачу"))
        self.assertIn("<long_ago>", found("Мурда ушундай болгон, көп жыл мурун"))
        self.assertIn("<long_ago>", found("В детстве отчим меня бил"))
        self.assertIn("<adult>", found("Сейчас мне 30 лет"))
        self.assertIn("<child>", found("Мне 14 лет, я учусь в 8 классе"))
        self.assertIn("<child>", found("Мен 13 жаштамын"))
        self.assertIn("<parent>", found("Мой сын боится идти в школу"))
        self.assertIn("<news>", found("Об этом сообщает пресс-служба МВД"))

    def test_ages_given_to_anyone_tell_a_child_from_grown_ups(self):
        def found(text):
            return set(markers(tokens(text)))

        self.assertIn("<aged_minor>", found("42-летний мужчина избил 7-летнюю девочку"))
        self.assertIn("<aged_minor>", found("Ал 6 жаштагы кызды алдап кеткен"))
        self.assertIn("<aged_adult>", found("22 жаштагы жигит секирип кетти"))
        self.assertIn("<aged_adult>", found("Женщина в возрасте 35 лет"))
        # The writer's own age of long ago is no age of the writer now.
        self.assertNotIn("<child>", found("Когда мне было 9 лет, отчим бил меня"))
        self.assertFalse(found("В 2019 году класс 11") & {"<aged_minor>", "<aged_adult>"})
        # Children's ages in words and words that name a child count too.
        self.assertIn("<aged_minor>", found("25 жаштагы тургуну алты жаштагы уулун сабаган"))
        self.assertIn("<aged_minor>", found("40-летний педагог домогался семиклассниц"))
        self.assertIn("<aged_minor>", found("Он эки жаштагы кыз жоголду"))
        self.assertIn("<aged_minor>", found("30-летний отчим избил трехлетнюю девочку"))
        self.assertIn("<aged_adult>", found("22 жаштагы кыргызстандык изделүүдө"))
        # The year of birth police news give: before 2000 a grown-up, after 2007 a child.
        self.assertIn("<aged_adult>", found("1981-жылы туулган Ш.М. аттуу эркек дайынсыз"))
        self.assertIn("<aged_adult>", found("Задержан житель села 1985 года рождения"))
        self.assertIn("<aged_adult>", found("мужчина 1990 г.р. избил соседа"))
        self.assertIn("<aged_minor>", found("2012-жылы туулган окуучу кыз жоголду"))
        self.assertFalse(found("2004-жылы туулган жаран") & {"<aged_minor>", "<aged_adult>"})
        self.assertFalse(found("В 1985 году школа открылась") & {"<aged_minor>", "<aged_adult>"})

    def test_languages(self):
        def lang(text):
            return language(text, tokens(text))

        self.assertEqual(lang("Мени класста шылдыңдашат"), "ky")
        self.assertEqual(lang("Меня обижают в классе"), "ru")
        self.assertEqual(lang("meni klassta shyldyndashat"), "ky")
        self.assertEqual(lang("Men maktabda o'qiyman, yordam kerak"), "other")
        self.assertEqual(lang("😂😂"), "ky")


class KyrgyzPassiveTests(SimpleTestCase):
    """News tell a beating in the passive («сабалган балдар», «окуучу урулду»): it is the same
    danger as the active verb, and its negative form is not."""

    def test_the_passive_of_a_beating_is_urgent_violence(self):
        from triage.engine import classify

        for text in (
            "Тарбиячылар тарабынан сабалган 2, 3 жана 4 жаштагы балдардын ата-энеси арыз жазган.",
            "Кечээ мектепте бир окуучу урулду, азыр ооруканада.",
            "Бала мектептин жанында тебилген, башы жарылган.",
            "Окуучу улуулар тарабынан токмоктолгон.",
        ):
            result = classify(text, backstop=False)
            self.assertEqual(result.urgency, "urgent", text)
            self.assertIn("violence.beating", result.rules, text)

    def test_its_negative_and_the_town_of_tokmok_are_not(self):
        from triage.engine import classify

        for text in (
            "Мени эч ким урулган жок, баары жакшы.",
            "Токмоктогу мектепте спорт зал ачылды.",
        ):
            self.assertNotIn("violence.beating", classify(text, backstop=False).rules, text)
