import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.sealing import open_identity


def photo():
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, format="JPEG")
    return SimpleUploadedFile("letter.jpg", out.getvalue(), "image/jpeg")


class PaperLetterTests(BaseTestCase):
    url = "/staff/paper/"

    def data(self, **extra):
        d = {
            "received_on": "2026-11-20",
            "author_kind": "pupil",
            "text": "Кагаз кат.",
            "summary": "Класста шылдыңдоо",
        }
        d.update(extra)
        return d

    def test_a_paper_letter_is_registered_with_its_photo(self):
        self.login()
        r = self.client.post(self.url, self.data(photo=photo(), name="Бермет Алиева", age="12"))
        appeal = Appeal.objects.get()
        self.assertRedirects(r, f"/staff/appeals/{appeal.pk}/")
        self.assertEqual(appeal.channel, Appeal.PAPER)
        self.assertEqual(appeal.number, 1)
        self.assertEqual(appeal.received_on, datetime.date(2026, 11, 20))
        self.assertEqual(appeal.attachments.count(), 1)
        self.assertFalse(appeal.is_anonymous)
        self.assertEqual(open_identity(self.key, appeal)["name"], "Бермет Алиева")

    def test_without_a_name_it_is_anonymous(self):
        self.login()
        self.client.post(self.url, self.data())
        self.assertTrue(Appeal.objects.get().is_anonymous)

    def test_a_missing_date_is_a_clear_error_and_keeps_the_text(self):
        self.login()
        r = self.client.post(self.url, self.data(received_on=""))
        self.assertContains(r, 'id="id_received_on_error"')
        self.assertContains(r, "Кагаз кат.")
        self.assertEqual(Appeal.objects.count(), 0)

    def test_a_date_in_the_future_is_refused(self):
        self.login()
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        r = self.client.post(self.url, self.data(received_on=tomorrow.isoformat()))
        self.assertContains(r, 'id="id_received_on_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_the_director_cannot_register_letters(self):
        self.login("dana")
        r = self.client.post(self.url, self.data())
        self.assertRedirects(r, "/staff/")
        self.assertEqual(Appeal.objects.count(), 0)

    def test_it_is_registered_in_the_staff_members_own_school(self):
        self.login("chyngyz")
        self.client.post(self.url, self.data(school=str(self.school.pk)))
        self.assertEqual(Appeal.objects.get().school, self.other_school)


class PaperFormCodeTests(BaseTestCase):
    url = "/staff/paper/"

    def setUp(self):
        super().setUp()
        from intake.models import print_form_codes

        self.code = print_form_codes(self.school, 2)[0]
        self.login()

    def data(self, code):
        return {
            "received_on": "2026-11-20",
            "author_kind": "pupil",
            "text": "Формадагы кат.",
            "form_code": code,
        }

    def test_the_forms_code_lets_its_author_read_the_answer_online(self):
        from journal.sealing import add_staff_message

        spaced = " ".join(self.code[i : i + 4] for i in range(0, 16, 4))
        self.client.post(self.url, self.data(spaced))
        appeal = Appeal.objects.get()
        self.assertEqual(appeal.paper_form.school, self.school)
        add_staff_message(appeal, self.aida, "Сиздин катыңызга жооп.")
        author = self.client_class()
        self.assertRedirects(
            author.post("/s/demo/check/", {"code": self.code}), "/s/demo/conversation/"
        )
        page = author.get("/s/demo/conversation/")
        self.assertContains(page, "Формадагы кат.")
        self.assertContains(page, "Сиздин катыңызга жооп.")

    def test_a_form_code_cannot_be_used_twice(self):
        self.client.post(self.url, self.data(self.code))
        r = self.client.post(self.url, self.data(self.code))
        self.assertContains(r, 'id="id_form_code_error"')
        self.assertContains(r, "Формадагы кат.")
        self.assertEqual(Appeal.objects.count(), 1)

    def test_an_unknown_form_code_is_a_clear_error(self):
        r = self.client.post(self.url, self.data("1111 2222 3333 4444"))
        self.assertContains(r, 'id="id_form_code_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_the_code_is_kept_only_as_a_hash(self):
        from intake.models import PaperForm

        self.assertNotIn(
            self.code.encode(), b"".join(bytes(f.lookup) for f in PaperForm.objects.all())
        )


class PaperLetterTwiceTests(BaseTestCase):
    """Finding 18: one paper letter form submitted twice gives one journal number."""

    url = "/staff/paper/"

    def form_data(self):
        self.login()
        page = self.client.get(self.url)
        token = page.context["form"].initial["token"]
        self.assertContains(page, f'name="token" value="{token}"')
        return {
            "received_on": "2026-11-20",
            "author_kind": "pupil",
            "text": "Кагаз кат.",
            "summary": "Класста шылдыңдоо",
            "token": token,
        }

    def test_submitting_the_same_paper_letter_twice_gives_one_journal_number(self):
        data = self.form_data()
        first = self.client.post(self.url, data)
        second = self.client.post(self.url, data)
        appeal = Appeal.objects.get()
        self.assertEqual(appeal.number, 1)
        self.assertRedirects(first, f"/staff/appeals/{appeal.pk}/", fetch_redirect_response=False)
        self.assertRedirects(second, f"/staff/appeals/{appeal.pk}/", fetch_redirect_response=False)
        third = self.client.post(self.url, self.form_data())
        self.assertEqual(Appeal.objects.order_by("-pk").first().number, 2)
        self.assertEqual(third.status_code, 302)

    def test_two_parallel_submits_of_one_form_give_one_journal_number(self):
        from unittest import mock

        import journal.views

        data = self.form_data()
        real = journal.views.register_paper
        calls = []

        def register_paper(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:  # the second tap arrives while the first is being registered
                self.second = self.client.post(self.url, data)
            return real(*args, **kwargs)

        with mock.patch.object(journal.views, "register_paper", register_paper):
            first = self.client.post(self.url, data)
        appeal = Appeal.objects.get()
        self.assertEqual(appeal.number, 1)
        self.assertRedirects(first, f"/staff/appeals/{appeal.pk}/", fetch_redirect_response=False)
        self.assertRedirects(
            self.second, f"/staff/appeals/{appeal.pk}/", fetch_redirect_response=False
        )
        from journal.models import JournalCounter

        self.assertEqual(JournalCounter.objects.get().last_number, 1)
