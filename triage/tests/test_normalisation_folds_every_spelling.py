from django.test import SimpleTestCase

from triage.normalize import fold, fold_word, tokens


class FoldingTests(SimpleTestCase):
    def test_it_folds_kyrgyz_letters_to_their_plain_keyboard_forms(self):
        self.assertEqual(fold("Өлгүм келет"), fold("олгум келет"))
        self.assertEqual(fold_word("жең"), fold_word("жен"))
        self.assertEqual(fold_word("чоң"), fold_word("чонг"))

    def test_ng_typed_for_a_kyrgyz_ng_folds_to_the_same_word(self):
        self.assertEqual(fold_word("баңгизат"), fold_word("бангизат"))
        self.assertEqual(fold_word("деңгээл"), fold_word("денгээл"))

    def test_it_reads_informal_kyrgyz_latin_as_cyrillic(self):
        self.assertEqual(fold("men olgum kelet"), fold("мен өлгүм келет"))
        self.assertEqual(fold("bashyndy jarabyz deshti"), fold("башыңды жарабыз дешти"))
        self.assertEqual(fold("aitsan"), fold("айтсаң"))
        self.assertEqual(fold("uyatsyz"), fold("уятсыз"))

    def test_it_reads_uzbek_latin_like_uzbek_cyrillic(self):
        self.assertEqual(fold("Hech kimga keragim yo'q"), fold("Ҳеч кимга керагим йўқ"))
        self.assertEqual(fold("o‘zimni o‘ldiraman"), fold("ўзимни ўлдираман"))

    def test_it_reads_latin_look_alikes_inside_a_cyrillic_word(self):
        self.assertEqual(fold("пoмoгитe"), fold("помогите"))

    def test_it_counts_a_repeated_letter_once(self):
        self.assertEqual(fold("помогиииите"), fold("помогите"))
        self.assertEqual(fold("ооруп"), fold("orup"))

    def test_it_keeps_every_digit_of_a_number(self):
        # «22 жаштагы» is a grown woman, «2 жаштагы» a baby; «11 класс» is not «1 класс».
        self.assertEqual(fold("22 жаштагы 11 класс 100"), "22 жаштаги 11 клас 100")

    def test_it_keeps_the_russian_soft_sign_apart_from_kyrgyz_words(self):
        self.assertNotEqual(fold_word("бьёт"), fold_word("бет"))
        self.assertEqual(fold_word("бьёт"), fold_word("бьет"))

    def test_token_offsets_point_into_the_original_text(self):
        text = "Эже, мени «ургула» деди 😂"
        toks = tokens(text)
        self.assertEqual(
            [text[t.start : t.end] for t in toks], ["Эже", "мени", "ургула", "деди", "😂"]
        )
