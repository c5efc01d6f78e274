"""unseen4.jsonl: 200 invented letters (76 urgent) written before the lexicons and the engine
were read, as an honest sample "written the same way" as the dev file -- not skewed to
ambiguous letters: its language mix (ky 83, ky-plain 34, ky-latin 15, ru 43, mixed 18, uz 7),
its share of urgent letters (38%), its category counts scaled to 200, and about 10% hard cases
and 14% hard negatives (idioms, games, films, lessons, sport talk, past problems, strict
teachers, anti-bullying proposals).

First measurement, before any tuning on this file (the honest estimate):
rules + n-gram backstop as shipped: urgent recall 0.934 (5 of 76 missed), precision 0.910
(7 false alarms), category accuracy 0.850. Rules only: recall 0.868 (10 missed), precision
0.930 (5 false alarms), category accuracy 0.850. Missed: a farewell told as thanks with books
given away, a coach's "massage" behind a closed door, a stepfather who comes into the bathroom,
a girl filmed in the changing room (mixed ky/ru), a son asking "how many floors". False
alarms: "Кантип токтотсо" read as bleeding ("кан" stem), parents quarrelling "акча үчүн
урушат" read as extortion with a threat, a one-off witnessed fight with a nosebleed, a legal
question about bride kidnapping, "убью себя, если не сдам ОРТ 😅", two from the backstop.
Largest confusions: study taking thank-you letters about exams (2), violence/self_harm/family
read as other (2 each), suggestion read as bullying or violence or study (3).

The lexicons and PRECEDENCE_RULES were then broadened with these letters in view, so passing
here is a regression guard, not an unbiased estimate. The backstop was NOT trained on this
file."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import classify
from triage.tests.goals import LabelledFileGoals

UNSEEN4 = Path(__file__).parent / "data" / "unseen4.jsonl"


class Unseen4GoalTests(LabelledFileGoals, SimpleTestCase):
    path = UNSEEN4

    def test_the_file_is_big_enough_and_mixed(self):
        self.assertGreaterEqual(self.report["n"], 200)
        langs = {r["lang"] for r in self.rows}
        self.assertEqual(langs, {"ky", "ky-plain", "ky-latin", "ru", "mixed", "uz"})
        self.assertEqual(len({r["category"] for r in self.rows}), 13)


class WordingTests(SimpleTestCase):
    """General wording fixes found with these letters (not the letters themselves)."""

    def test_kantip_is_not_blood(self):
        r = classify("Мени «шишке» деп дразнят. Урушкан жок. Кантип токтотсо болот?")
        self.assertNotEqual(r.urgency, "urgent", r.rules)

    def test_i_will_not_tell_is_not_an_adults_secret(self):
        r = classify("Класста шылдыңдашат. Эртең таякемдикине качып кетем, эч кимге айтпайм.")
        self.assertNotEqual(r.category, "sexual_abuse", r.rules)
        self.assertEqual(r.urgency, "urgent", r.rules)

    def test_a_one_off_fight_with_a_split_lip_is_violence_not_urgent(self):
        r = classify("Кечээ эки бала мушташып калышты, бирөөнүн эрди жарылды.")
        self.assertEqual(r.category, "violence", r.rules)
        self.assertNotEqual(r.urgency, "urgent", r.rules)

    def test_a_coachs_massage_is_sexual_abuse(self):
        r = classify("тренер машыгуудан кийин мени калтырып массаж кылып берем дейт")
        self.assertEqual((r.category, r.urgency), ("sexual_abuse", "urgent"), r.rules)

    def test_thanks_for_exam_help_is_gratitude(self):
        r = classify("Rahmat, ustoz! Sizning yordamingiz bilan imtihonni yaxshi topshirdim.")
        self.assertEqual(r.category, "gratitude", r.rules)

    def test_exam_hyperbole_with_if_is_not_urgent(self):
        r = classify("Я убью себя, если не сдам ОРТ 😅 Есть ли бесплатные курсы?")
        self.assertNotEqual(r.urgency, "urgent", r.rules)
