"""unseen5.jsonl: 201 invented letters (76 urgent) written before the lexicons and the engine
were read, like the dev file but with MORE hard cases: language mix ky 70, ky-plain 33,
ky-latin 17, ru 47, mixed 23, uz 11; 38% urgent; 34 of the 76 urgent letters are "Hard case:"
(farewells written as thanks or apologies, giving things away, "don't grieve for me", method
questions, grooming and euphemised abuse, a "joke" threat that is credible, extortion called
lending, bare pleas, children left without food, a relative arranging a girl's "wedding",
a run-away plan told casually) and 35 of the 125 others are "Hard negative:" (idioms,
hyperbole, games, films, sport, lessons, resolved past problems, proposals, questions).

First measurement, before any tuning on this file (the honest estimate):
rules + n-gram backstop as shipped: urgent recall 0.921 (6 of 76 missed), precision 0.843
(13 false alarms), category accuracy 0.831; on the 34 hard cases recall 0.882 (30 of 34);
4 of 35 hard negatives raised a false alarm. Rules only: recall 0.750 (19 missed), precision
0.877, category 0.831, hard cases 19 of 34 -- the backstop was carrying the hard cases, and
then with the category "other".
Missed: a farewell in Latin letters ("kaigyrbagyla", "give my bicycle to Aibek"), an apology
"you suffered so much because of me", unknown "sweets" sold at school after which two pupils
fainted (plural "потеряли сознание"), a powder sniffed then a fall with foam at the mouth
("оозунан көбүк"), a run-away plan told casually ("таякеме кетем, апама айтпайм"), and girls
filmed in the changing room in mixed ky/ru with many words between "переодевались" and
"снимал".

The lexicons were then broadened by family of wording (see the "unseen5" sections of the TOML
files), so passing here is a regression guard, not an unbiased estimate. The backstop was NOT
trained on this file."""

from pathlib import Path

from django.test import SimpleTestCase

from triage.engine import classify
from triage.tests.goals import LabelledFileGoals

UNSEEN5 = Path(__file__).parent / "data" / "unseen5.jsonl"


class Unseen5GoalTests(LabelledFileGoals, SimpleTestCase):
    path = UNSEEN5

    def test_the_file_is_big_enough_and_mixed(self):
        self.assertGreaterEqual(self.report["n"], 200)
        langs = {r["lang"] for r in self.rows}
        self.assertEqual(langs, {"ky", "ky-plain", "ky-latin", "ru", "mixed", "uz"})
        self.assertEqual(len({r["category"] for r in self.rows}), 13)

    def test_hard_cases_are_urgent_by_the_rules_alone(self):
        hard = [r for r in self.rows if r["note"].startswith("Hard case")]
        caught = sum(classify(r["text"], backstop=False).urgency == "urgent" for r in hard)
        self.assertGreaterEqual(caught / len(hard), 0.90)


class WordingTests(SimpleTestCase):
    """Other wordings of the same families (not the letters themselves)."""

    def urgent(self, text, category):
        r = classify(text, backstop=False)
        self.assertEqual((r.urgency, r.category), ("urgent", category), r.rules)

    def not_urgent(self, text):
        r = classify(text, backstop=False)
        self.assertNotEqual(r.urgency, "urgent", r.rules)

    def test_dont_grieve_and_a_testament_of_belongings(self):
        self.urgent("Мен кеткенден кийин кайгырбагыла, бардыгы жакшы болот.", "self_harm")
        self.urgent("kitepterimdi Aigulge bergile, maga emi kerek emes", "self_harm")
        self.urgent("Мои книги пусть заберёт младший брат, мне они больше не нужны.", "self_harm")
        self.urgent(
            "Kitoblarimni sinfdoshlarimga berib yubordim. Endi menga kerak emas.", "self_harm"
        )
        self.not_urgent("Велосипедимди кайтарып бергиле, 9-класстын балдары алып кетишти.")

    def test_guilt_and_no_place_for_me(self):
        self.urgent("Из-за меня мама столько страдала. Простите.", "self_harm")
        self.urgent("мага бул дунуйодо орун жок", "self_harm")
        self.not_urgent("Апам менин айымдан көп ыйлады, анткени мен эки алдым. Эми жакшы окуйм.")
        self.not_urgent("Мне нет места в раздевалке, шкафчиков не хватает.")

    def test_all_this_to_end_and_which_pills(self):
        self.urgent("Хочу чтобы всё это просто взяло и закончилось.", "self_harm")
        self.urgent("кайсы таблетканы көп ичсе ойгонбой калат?", "self_harm")
        self.not_urgent("Эртең контролдук, анан баары бүтөт 😅 каникул!")

    def test_a_departure_hidden_from_mum(self):
        r = classify(
            "эртен эрте менен Бишкекке кетем апама айтпайм ошол жакта иштейм", backstop=False
        )
        self.assertEqual(r.urgency, "urgent", r.rules)
        r = classify("Апама айтпастан эле кетип калам, ушул үйдө жашай албайм.", backstop=False)
        self.assertEqual(r.urgency, "urgent", r.rules)
        self.not_urgent("Мен эртең лагерге кетем, ата-энем уруксат беришти.")

    def test_filming_while_changing_with_words_between(self):
        self.urgent(
            "в раздевалке пока девочки переодевались, кто-то из мальчиков снимал на телефон через дверь",
            "sexual_abuse",
        )
        self.not_urgent("Раздевалкада шкафчик жетишпейт, кийимибизди полго коёбуз.")

    def test_grooming_favourite_gifts_and_secrecy(self):
        self.urgent(
            "Тренер называет меня своей любимицей, дарит подарки и просит никому не рассказывать.",
            "sexual_abuse",
        )
        self.not_urgent("Тренер сказал, что я его любимчик в команде, и поставил меня капитаном.")
        self.not_urgent("Учитель физики ставит пятёрки своим любимчикам, а нам тройки.")

    def test_a_relative_arranging_a_girls_wedding(self):
        self.urgent(
            "Таеже мени «тойго» даярдап жатат, мага ак жоолук салышты. Мен 15 жаштамын.",
            "forced_marriage",
        )
        self.urgent("Летом повезут знакомиться с женихом, мне 15.", "forced_marriage")
        self.not_urgent("Мектепте кыздарга жоолук салынып жүрүүгө болобу?")

    def test_casual_threats_with_older_brothers(self):
        self.urgent(
            "Ал «сени бүтүрүп салабыз» деди, кечинде үйдүн жанында күтүп турушту.", "violence"
        )
        self.urgent(
            "Он сказал, что найдёт меня после школы и приведёт старших пацанов.", "violence"
        )

    def test_food_ran_out_but_not_in_the_canteen(self):
        self.urgent(
            "Апам кеткенден бери үйдө тамак түгөнүп калды, эки күн эч нерсе жеген жокпуз.", "family"
        )
        self.not_urgent(
            "Ашканада тамак түгөнүп калат, экинчи сменага жетпейт. Көбүрөөк даярдашсын."
        )
        self.not_urgent("Класстагы балдар мени «жирафа» деп аташат. Ачуум келет.")

    def test_fainting_after_a_substance_in_plural_and_foam(self):
        self.urgent("Досум порошок жыттап, жыгылып калды, оозунан көбүк чыкты.", "substances")
        self.urgent("Продают какие-то конфеты, после них трое потеряли сознание.", "substances")

    def test_a_teacher_who_bangs_the_desk_but_never_touched_anyone(self):
        self.not_urgent("Агай столду муштап кыйкырат, бирок эч кимге кол тийгизген эмес.")

    def test_a_remote_control_is_not_money(self):
        r = classify("Иним экөөбүз пульт үчүн талашып калдык, апам урушту.", backstop=False)
        self.assertNotEqual(r.category, "extortion", r.rules)
