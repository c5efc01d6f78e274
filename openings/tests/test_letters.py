import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from journal.models import Appeal
from journal.sealing import add_staff_message, open_identity
from openings.models import OpeningLetter
from openings.tests.base import OpeningTestCase


def photo():
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, format="JPEG")
    return SimpleUploadedFile("letter.jpg", out.getvalue(), "image/jpeg")


class LettersFoundTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        from intake.models import print_form_codes

        self.code = print_form_codes(self.school, 2)[0]
        self.login("aida")
        self.opening = self.record_opening()

    def test_an_opening_with_two_letters_registers_both_and_lists_them_in_the_act(self):
        r = self.add_letter(self.opening, **{"letter-photo": photo()})
        self.assertRedirects(r, f"/staff/openings/{self.opening.pk}/#letters")
        spaced = " ".join(self.code[i : i + 4] for i in range(0, 16, 4))
        self.add_letter(
            self.opening,
            **{
                "letter-from_whom": "",
                "letter-age": "",
                "letter-return_address": "",
                "letter-text": "Формадагы кат.",
                "letter-note": "басылган формада",
                "letter-form_code": spaced,
            },
        )
        first, second = OpeningLetter.objects.order_by("position")
        self.assertEqual((first.position, second.position), (1, 2))
        for letter, number in ((first, 1), (second, 2)):
            appeal = letter.appeal
            self.assertEqual(appeal.number, number)
            self.assertEqual(appeal.channel, Appeal.PAPER)
            self.assertEqual(appeal.received_on, self.opening.opened_at.astimezone().date())
        self.assertEqual(first.appeal.attachments.count(), 1)
        self.assertEqual(open_identity(self.key, first.appeal)["name"], "Бермет Алиева")
        self.assertTrue(second.appeal.is_anonymous)
        self.assertEqual(second.appeal.paper_form.school, self.school)
        # Sealed at rest: the name is not in the stored bytes.
        self.assertNotIn("Бермет".encode(), bytes(first.sealed_from_whom))
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertContains(page, "Бермет Алиева")
        self.assertContains(page, "Ак-Терек айылы, Ленин көч. 5")
        self.assertContains(page, "басылган формада")
        self.assertContains(page, f"/staff/appeals/{second.appeal.pk}/")

    def test_the_form_code_letters_author_opens_the_conversation_with_the_stub_code(self):
        self.add_letter(
            self.opening, **{"letter-text": "Формадагы кат.", "letter-form_code": self.code}
        )
        appeal = OpeningLetter.objects.get().appeal
        add_staff_message(appeal, self.aida, "Сиздин катыңызга жооп.")
        author = self.client_class()
        r = author.post("/s/demo/check/", {"code": self.code})
        self.assertRedirects(r, "/s/demo/conversation/")
        page = author.get("/s/demo/conversation/")
        self.assertContains(page, "Формадагы кат.")
        self.assertContains(page, "Сиздин катыңызга жооп.")

    def test_the_same_form_code_twice_is_an_error_keeping_the_typed_text(self):
        self.add_letter(self.opening, **{"letter-form_code": self.code})
        r = self.add_letter(
            self.opening,
            **{"letter-text": "Экинчи кат, ошол эле код.", "letter-form_code": self.code},
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_letter-form_code_error"')
        self.assertContains(r, "Экинчи кат, ошол эле код.")
        self.assertContains(r, "Бермет Алиева")
        self.assertEqual(Appeal.objects.count(), 1)
        self.assertEqual(OpeningLetter.objects.count(), 1)

    def test_an_unknown_form_code_stores_nothing(self):
        r = self.add_letter(self.opening, **{"letter-form_code": "1111 2222 3333 4444"})
        self.assertContains(r, 'id="id_letter-form_code_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_an_empty_text_is_a_clear_error(self):
        r = self.add_letter(self.opening, **{"letter-text": "  "})
        self.assertContains(r, 'id="id_letter-text_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_a_double_submit_registers_one_letter(self):
        self.add_letter(self.opening, **{"letter-token": "one-form"})
        self.add_letter(self.opening, **{"letter-token": "one-form"})
        self.assertEqual(Appeal.objects.count(), 1)

    def test_an_empty_box_lists_no_letters(self):
        empty = self.record_opening(found_appeals="no", seal_removed="001235", seal_applied="10")
        r = self.add_letter(empty)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(Appeal.objects.count(), 0)

    def test_the_director_cannot_register_letters(self):
        self.client.logout()
        self.login("dana")
        r = self.add_letter(self.opening)
        self.assertRedirects(r, f"/staff/openings/{self.opening.pk}/")
        self.assertEqual(Appeal.objects.count(), 0)


class KeptLettersInTheActTests(OpeningTestCase):
    """Finding 7: a letter of the act that its author kept from a member shows that member its
    position and journal number only — no name, address or note, and no link."""

    def setUp(self):
        super().setUp()
        self.login("aida")
        self.opening = self.record_opening()

    def test_an_excluded_member_sees_only_the_number_of_a_kept_letter_in_the_act(self):
        self.add_letter(self.opening)
        appeal = OpeningLetter.objects.get().appeal
        appeal.excluded_staff.add(self.bolot)
        self.login("bolot")
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f"№ {appeal.number}")
        self.assertNotContains(page, "Бермет Алиева")
        self.assertNotContains(page, f"/staff/appeals/{appeal.pk}/")
        self.login("aida")
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertContains(page, "Бермет Алиева")
