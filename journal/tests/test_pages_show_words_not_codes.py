"""Issue 15: every value a person reads on a letter's pages is a word in their language — never
a field name, an event kind or a status code (`referred_to`, `act_letter_added`, `in_work`)."""

from django.conf import settings

import vault
from board.models import BoardPost
from ishenim.testing import internal_values, internal_values_in, visible_text
from journal.models import Appeal
from journal.sealing import add_author_message
from openings.tests.base import OpeningTestCase
from urgent import ladder


class RichLetterMixin:
    """A letter taken from the box that went through all of it: registered from the act of
    removal, worked on, urgent and confirmed, referred, answered in three ways, on the board,
    written to again by its author."""

    def make_rich_letter(self):
        self.login("aida")
        opening = self.record_opening()
        self.add_letter(opening, **{"letter-text": "Атам мени урат, үйгө баргым келбейт."})
        appeal = opening.letters.get().appeal
        url = f"/staff/appeals/{appeal.pk}/"

        def work(**fields):
            data = {
                "action": "work",
                "work-status": "in_work",
                "work-category": "violence",
                "work-urgency": "urgent",
            }
            # As the page does: the sealed fields come back as they stand (a registered entry
            # changes only by a correction with a reason).
            stored = Appeal.objects.get(pk=appeal.pk)
            data["work-measures"] = vault.open_text(self.key, stored.sealed_measures)
            data["work-summary"] = vault.open_text(self.key, stored.sealed_summary)
            data.update({f"work-{k}": v for k, v in fields.items()})
            response = self.client.post(url, data)
            assert response.status_code == 302, response.content.decode()[-6000:]

        work(assignee=str(self.bolot.pk), measures="Жеке сүйлөшүү болду.")
        case = ladder.open_case(appeal)
        ladder.acknowledge(case, self.aida)
        self.client.post(
            f"/staff/urgent/appeals/{appeal.pk}/decision/",
            {
                "decision-referred": "yes",
                "decision-referral_to": "police",
                "decision-referral_how": "phone",
            },
        )
        work(
            status="referred",
            referred_to="social_services",
            referred_on="2026-11-20",
            referral_note="ОПСДга телефон аркылуу",
            also_reported_elsewhere="on",
        )
        self.client.post(
            url, {"action": "reply", "reply-text": "Келиңиз.", "reply-to_author": "on"}
        )
        self.client.post(url, {"action": "in_person", "talk-text": "Сүйлөштүк."})
        self.client.post(
            f"/staff/appeals/{appeal.pk}/board/",
            {"kind": BoardPost.INVITATION, "person": "Социалдык педагог, 12-кабинет"},
        )
        add_author_message(appeal, "Рахмат.")
        self.opening = opening
        return Appeal.objects.get(pk=appeal.pk)


class PagesShowWordsNotCodesTests(RichLetterMixin, OpeningTestCase):
    def setUp(self):
        super().setUp()
        self.appeal = self.make_rich_letter()

    def pages(self):
        return [
            f"/staff/appeals/{self.appeal.pk}/",
            f"/staff/appeals/{self.appeal.pk}/board/",
            "/staff/",
            f"/staff/openings/{self.opening.pk}/",
        ]

    def test_the_letter_went_through_every_kind_of_event(self):
        actions = set(self.appeal.audit_events.values_list("action", flat=True))
        for action in ("register", "act_letter_added", "change", "answer", "board_publish"):
            self.assertIn(action, actions)
        self.assertIn("urgent_decision", actions)

    def test_the_check_knows_the_codes(self):
        values = internal_values()
        for code in ("referred_to", "referred_on", "juvenile_inspector", "act_letter_added"):
            self.assertIn(code, values)
        self.assertEqual(internal_values_in("Статус: in_work.", values), ["in_work"])
        self.assertEqual(internal_values_in("Иштелүүдө, 12.11.2026", values), [])

    def test_no_internal_value_is_visible_on_the_letters_pages(self):
        values = internal_values()
        for lang in ("ky", "ru"):
            self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
            for path in self.pages():
                with self.subTest(lang=lang, path=path):
                    response = self.client.get(path)
                    self.assertEqual(response.status_code, 200)
                    text = visible_text(response.content.decode())
                    self.assertEqual(internal_values_in(text, values), [], text)
