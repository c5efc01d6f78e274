"""unseen3.jsonl: 221 invented letters (95 urgent) written before the lexicons and the engine
were read, concentrating on letters that fit two or more categories (about 60%), labelled by
the data README's precedence rules: extortion enforced by beatings, a teacher who hits or
insults, family neglect vs violence by a family member, proposals that mention fights or
bullying, questions about a serious topic with no one at risk, lost items, jokes and bare pleas
for help, thank-you letters with suicide signs, alcohol at home vs substances among pupils,
run-away plans that keep their cause; plus ordinary letters in all 13 categories, in the dev
file's languages (ky, ky-plain, ky-latin, ru, mixed, uz).

First measurement, before any tuning on this file (the honest estimate):
rules + n-gram backstop as shipped: urgent recall 0.968 (3 of 95 missed), precision 0.893
(11 false alarms), category accuracy 0.769. Rules only: recall 0.905 (9 missed), precision
0.935 (6 false alarms), category accuracy 0.769. Largest confusions: teacher_conduct read as
bullying (4), suggestion read as violence (4), sexual_abuse read as other (4), family read as
substances (3), violence read as teacher_conduct (3), extortion read as violence (2).

The engine then got an explicit precedence step (triage.engine.PRECEDENCE_RULES), a guard on
the backstop, and broader wording, with these letters in view, so passing here is a regression
guard, not an unbiased estimate. The backstop was NOT trained on this file."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import classify
from triage.tests.goals import LabelledFileGoals

UNSEEN3 = Path(__file__).parent / "data" / "unseen3.jsonl"


class Unseen3GoalTests(LabelledFileGoals, SimpleTestCase):
    path = UNSEEN3

    def test_the_file_is_big_enough_and_mixed(self):
        self.assertGreaterEqual(self.report["n"], 200)
        langs = {r["lang"] for r in self.rows}
        self.assertEqual(langs, {"ky", "ky-plain", "ky-latin", "ru", "mixed", "uz"})
        self.assertEqual(len({r["category"] for r in self.rows}), 13)


class PrecedenceTests(SimpleTestCase):
    """The data README's rules for letters that fit several categories."""

    def test_money_as_the_aim_is_extortion_even_with_beatings(self):
        r = classify(
            "Старшеклассники каждый день отбирают у меня деньги. Когда я не дал, меня избили и"
            " разбили губу. Сказали: завтра принесёшь 300 сом или будет хуже."
        )
        self.assertEqual((r.category, r.urgency), ("extortion", "urgent"), r.rules)

    def test_a_teacher_who_hits_is_teacher_conduct_and_urgent(self):
        r = classify(
            "Учитель математики бьёт учеников указкой по рукам. Вчера ударил мою дочь так,"
            " что остался синяк."
        )
        self.assertEqual((r.category, r.urgency), ("teacher_conduct", "urgent"), r.rules)

    def test_a_teacher_who_is_only_told_is_not_the_actor(self):
        r = classify(
            "Класстагы үч бала мени ар күнү дубалга кысып, ичиме муштайт. Мугалимдерге айтсаң"
            " өлтүрөбүз дешти."
        )
        self.assertEqual(r.category, "violence", r.rules)

    def test_alcohol_at_home_is_family(self):
        r = classify("Апам ар кечте арак ичип, мас болуп уктап калат. Тамакты мен жасайм.")
        self.assertEqual(r.category, "family", r.rules)

    def test_a_proposal_about_fights_is_a_suggestion(self):
        r = classify(
            "Ата-энелер комитетинин атынан сунуш: автобуста улуулар кичүүлөрдү түртүп,"
            " орундарынан тургузушат. Автобуска бир мугалим кошо жүрсө туура болот."
        )
        self.assertEqual(r.category, "suggestion", r.rules)
        self.assertNotEqual(r.urgency, "urgent")

    def test_thanks_for_a_problem_that_is_over_is_gratitude(self):
        r = classify(
            "Агай, рахмат! Сиз менен сүйлөшкөндөн кийин мени сабап жүргөн балдар кечирим"
            " сурашты, азыр бир да жолу тийишкен жок."
        )
        self.assertEqual(r.category, "gratitude", r.rules)
        self.assertNotEqual(r.urgency, "urgent")

    def test_backstop_leaves_a_plain_thank_you_alone(self):
        r = classify(
            "Ustozga katta rahmat! Siz bizga juda ko'p narsa o'rgatdingiz, darslaringiz juda"
            " qiziqarli edi, hammamiz sizni sog'inamiz."
        )
        self.assertNotIn("model.urgent", r.rules)
