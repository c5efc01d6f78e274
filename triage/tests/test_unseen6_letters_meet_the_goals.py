"""unseen6.jsonl: 150 invented letters (56 urgent) written before the lexicons and the engine
were read, distributed like the dev file: ky 65, ky-plain 24, ky-latin 10, ru 31, mixed 14,
uz 6; 37% urgent; 17 "Hard case:" and 26 "Hard negative:" notes. New settings on purpose:
Discord servers, Likee and Snapchat, fake accounts, a pupil stranded on a roof with the ladder
taken away, a shop owner who hugs a girl, a step-mother with a hot iron, a coach's "favourite",
counting a grandfather's pills, farewell letters to friends, an "extra mouth" in the family.

First measurement, before any tuning on this file (the honest estimate):
rules + n-gram backstop as shipped: urgent recall 0.946 (3 of 56 missed), precision 0.914
(5 false alarms), category accuracy 0.860; hard cases 15 of 17 urgent; 1 of 26 hard negatives
raised a false alarm. Rules only: recall 0.875 (7 missed), precision 0.961, category 0.860.
Missed: a pupil left on a roof after the ladder was taken ("тепкичти алып кетишти ... дагы эле
жогору жакта"), "всем будет лучше без меня ... лишний рот" (word order the lexicon lacked), and
farewell letters "всем подругам" plus "Кота отдала" (reversed order). Category misses were
mostly cyberbullying and exclusion wordings that no rule knew (filed as "other").

The lexicons were then broadened by family of wording, so passing here is a regression guard,
not an unbiased estimate. The backstop was NOT retrained."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import classify
from triage.tests.goals import LabelledFileGoals

UNSEEN6 = Path(__file__).parent / "data" / "unseen6.jsonl"


class Unseen6GoalTests(LabelledFileGoals, SimpleTestCase):
    path = UNSEEN6

    def test_the_file_is_big_enough_and_mixed(self):
        self.assertGreaterEqual(self.report["n"], 150)
        langs = {r["lang"] for r in self.rows}
        self.assertEqual(langs, {"ky", "ky-plain", "ky-latin", "ru", "mixed", "uz"})
        self.assertEqual(len({r["category"] for r in self.rows}), 13)

    def test_hard_cases_are_urgent_by_the_rules_alone(self):
        hard = [r for r in self.rows if r["note"].startswith("Hard case")]
        caught = sum(classify(r["text"], backstop=False).urgency == "urgent" for r in hard)
        self.assertGreaterEqual(caught / len(hard), 0.90)


class WordingTests(SimpleTestCase):
    """Other wordings of the same families (not the letters themselves)."""

    def result(self, text):
        return classify(text, backstop=False)

    def urgent(self, text, category):
        r = self.result(text)
        self.assertEqual((r.urgency, r.category), ("urgent", category), r.rules)

    def not_urgent(self, text, category=None):
        r = self.result(text)
        self.assertNotEqual(r.urgency, "urgent", r.rules)
        if category:
            self.assertEqual(r.category, category, r.rules)

    def test_better_off_without_me_in_any_order(self):
        self.urgent("Думаю, всем станет проще без меня, я тут лишняя.", "self_harm")
        self.urgent("Я в семье лишний рот, вот и всё.", "self_harm")

    def test_farewell_notes_to_friends_and_a_pet_given_away(self):
        self.urgent(
            "Подарила хомяка подруге, написала записки друзьям. Спасибо за всё.", "self_harm"
        )

    def test_counting_pills_and_how_many_would_do(self):
        self.urgent("Таблеткаларды санап отурдум, канча ичсем жетет экен.", "self_harm")
        self.urgent("keche tamyrymdy kesip korduum", "self_harm")

    def test_a_child_stranded_with_the_ladder_taken(self):
        self.urgent("Балдар анын шатысын алып кетишти, ал дагы эле чатырда отурат.", "bullying")

    def test_an_adult_man_who_hugs_and_asks_for_secrecy(self):
        self.urgent("Дүкөнчү байке мени кучактагысы келет, эч кимге айтпа дейт.", "sexual_abuse")
        self.urgent("Sotuvchi amaki meni quchoqlamoqchi bo'ladi.", "sexual_abuse")

    def test_burns_with_an_iron(self):
        self.urgent("Өгөй атам инимдин колун үтүк менен күйгүздү.", "violence")

    def test_cyberbullying_fake_accounts_and_exclusion(self):
        self.not_urgent(
            "Менин атымдан жасалма баракча ачып, сүрөттөрүмдү салып жатышат.", "bullying"
        )
        self.not_urgent(
            "Discord серверинен мени кууп чыгышты, эмне үчүн экенин айтышпайт.", "bullying"
        )
        self.not_urgent("Мени четке түртүп, «сен сүрөттү бузасың» дешет.", "bullying")
        self.not_urgent("Классташтар менин акцентимди туурашат.", "bullying")

    def test_nicknames_among_friends_are_not_a_fight(self):
        r = self.result("Досум экөөбүз бири-бирибизди «кой» деп атайбыз, тамаша.")
        self.assertNotEqual(r.category, "violence", r.rules)

    def test_a_teacher_who_favours_some_pupils(self):
        self.not_urgent("fizika agai jakshy korgon okuuchularyna gana 5 koiot", "teacher_conduct")
        self.not_urgent(
            "Учитель физики ставит пятёрки своим любимчикам, а нам тройки.", "teacher_conduct"
        )
        self.not_urgent("Орус тил эжейибиз бизди «мээсиз» дейт.", "teacher_conduct")

    def test_the_gradebook_is_study(self):
        self.not_urgent("Электрондук күндөлүккө баалар качан коюлат?", "study")

    def test_taken_by_force_last_year_is_extortion_but_not_urgent(self):
        self.not_urgent("Өткөн жылы бир бала телефонумду күч менен алган, азыр тынч.", "extortion")

    def test_headphones_on_during_a_parents_row_are_not_extortion(self):
        r = self.result("Кечинде наушник тагып отурам, атам менен апам урушат.")
        self.assertNotEqual(r.category, "extortion", r.rules)
        self.assertNotEqual(r.urgency, "urgent", r.rules)
