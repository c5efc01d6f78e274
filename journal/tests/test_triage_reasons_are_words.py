import re

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from triage.engine import get_lexicon

LETTER = "Өгөй атам мени күндө урат, колумда көгала бар. Жашагым келбейт, өлгүм келет."
# Any lexicon or model id (self_harm.suicidal_wish, model.urgent) in a page's text.
PREFIXES = {"model", "cue", "figurative"} | {r.category for r in get_lexicon().rules.values()}
RULE_ID = re.compile(r"\b(?:" + "|".join(PREFIXES) + r")\.[a-z_]+\b")


class TriageReasonsAreWordsTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _code = self.submit(LETTER)
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.assertGreaterEqual(len(self.appeal.triage_rules), 3)

    def page(self, lang):
        self.client.cookies["lang"] = lang
        self.login()
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def assert_no_rule_id(self, html):
        self.assertEqual(RULE_ID.findall(html), [])
        for rule_id in self.appeal.triage_rules:
            self.assertNotIn(rule_id, html)

    def test_the_kyrgyz_page_gives_each_reason_in_a_sentence_and_no_rule_id(self):
        html = self.page("ky")
        self.assertIn("Өлгүсү келээрин айтат", html)
        self.assertIn("Баланы уруп-сабашат", html)
        self.assertIn("Жаракаттар көрүнөт", html)
        self.assert_no_rule_id(html)

    def test_the_russian_page_gives_each_reason_in_a_sentence_and_no_rule_id(self):
        html = self.page("ru")
        self.assertIn("Говорит о желании умереть", html)
        self.assertIn("Ребёнка бьют", html)
        self.assertIn("Видны травмы", html)
        self.assertNotIn("Өлгүсү келээрин айтат", html)
        self.assert_no_rule_id(html)

    def test_a_marked_phrase_carries_its_reason_not_its_rule_id(self):
        html = self.page("ru")
        mark = re.search(r"<mark title=\"([^\"]+)\" aria-describedby=\"([^\"]+)\">Жашагым", html)
        self.assertIsNotNone(mark)
        self.assertEqual(mark.group(1), "Говорит о желании умереть")
        self.assertIn(f'<li id="{mark.group(2)}">Говорит о желании умереть', html)

    def test_the_reasons_list_quotes_the_phrases(self):
        html = self.page("ky")
        self.assertRegex(
            html, r"Өлгүсү келээрин айтат — <mark>Жашагым келбейт</mark>, <mark>өлгүм келет</mark>"
        )

    def test_a_model_reason_is_a_sentence(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(triage_rules=["model.urgent"])
        html = self.page("ky")
        self.assertIn("Модель бул текстти шашылыш деп баалайт", html)
        self.assertNotIn("model.urgent", html)
        self.assert_no_rule_id(html)

    def test_any_model_id_gets_a_generic_sentence(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(triage_rules=["model.category_family"])
        html = self.page("ru")
        self.assertIn("Модель предполагает это по тексту в целом", html)
        self.assertNotIn("model.category_family", html)

    def test_a_rule_removed_from_the_lexicon_is_not_shown_by_its_id(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(triage_rules=["violence.old_rule"])
        html = self.page("ru")
        self.assertNotIn("violence.old_rule", html)
        self.assertIn("правилу, которое с тех пор изменено", html)

    def test_the_card_shows_the_suggestion_not_the_correction(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(urgency="normal", category="study")
        html = self.page("ru")
        card = html.split('id="triage-h"')[1].split("</section>")[0]
        self.assertIn("срочно", card.lower())


class OnlyReasonsThatExplainTests(BaseTestCase):
    """A place or a thank-you in a danger letter is no reason: the card lists what explains the
    level and the suggested category, and marks only those phrases."""

    LETTER = (
        "Улуу класстын балдары даараткана жакта телефонумду тартып алышты, бербесең сабайбыз "
        "дешти. Рахмат."
    )

    def test_a_place_and_thanks_are_not_given_as_reasons_of_an_extortion(self):
        appeal, _code = self.submit(self.LETTER)
        self.assertEqual(appeal.suggested_category, "extortion")
        self.assertIn("suggestion.school_facilities", appeal.triage_rules)
        self.client.cookies["lang"] = "ru"
        self.login()
        html = self.client.get(f"/staff/appeals/{appeal.pk}/").content.decode()
        card = html.split('id="triage-h"')[1].split("</section>")[0]
        self.assertIn("У ребёнка силой отобрали телефон или вещи", card)
        self.assertNotIn("Пишет о столовой", card)
        self.assertNotIn("Благодарит", card)
        self.assertNotRegex(html, r"<mark[^>]*>даараткана")
        self.assertRegex(html, r"<mark[^>]*>тартып алышты")
