import json

from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.models import Appeal

URL = "/staff/corrections/"


class CorrectionsExportTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.corrected, _ = self.submit(
            "Кечээ Бакыт мени сабады. Үйгө баргым келбейт.",
            is_anonymous=False,
            identity={"name": "Айгүл Асанова", "age": 14},
        )
        Appeal.objects.filter(pk=self.corrected.pk).update(urgency="attention", category="family")
        self.agreed, _ = self.submit("Математикадан үй тапшырма өтө көп.")
        other, _ = self.submit("Мени класста шылдыңдашат.", school=self.other_school)
        Appeal.objects.filter(pk=other.pk).update(urgency="urgent")

    def rows(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        return [json.loads(line) for line in response.content.decode().splitlines()]

    def test_it_exports_only_corrected_letters_as_labelled_rows(self):
        self.login()
        rows = self.rows(self.client.post(URL))
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["id"], self.corrected.tag)
        self.assertEqual(
            (row["urgent"], row["urgency"], row["category"], row["lang"]),
            (False, "attention", "family", ""),
        )
        self.assertEqual(
            (row["suggested_urgency"], row["suggested_category"]), ("urgent", "violence")
        )
        self.assertEqual(row["rules"], self.corrected.triage_rules)

    def test_the_text_is_left_out_by_default(self):
        self.login()
        response = self.client.post(URL)
        self.assertNotIn("text", self.rows(response)[0])
        self.assertNotIn("сабады", response.content.decode())

    def test_the_text_comes_with_names_replaced_when_asked_for(self):
        self.login()
        rows = self.rows(self.client.post(URL, {"include_text": "on"}))
        self.assertEqual(rows[0]["text"], "Кечээ [имя] мени сабады. Үйгө баргым келбейт.")

    def test_the_export_is_audited_without_the_text(self):
        self.login()
        self.client.post(URL, {"include_text": "on"})
        event = Event.objects.get(action="export", detail__what="triage_corrections")
        self.assertEqual((event.actor, event.school), (self.aida, self.school))
        self.assertEqual((event.detail["rows"], event.detail["with_text"]), (1, True))
        self.assertNotIn("сабады", json.dumps(event.detail, ensure_ascii=False))

    def test_outsider_gets_404_for_another_schools_export(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(URL, {"school": self.school.pk}).status_code, 404)
        self.assertEqual(self.client.post(URL, {"school": self.school.pk}).status_code, 404)
        self.assertFalse(Event.objects.filter(detail__what="triage_corrections").exists())

    def test_outsider_exports_only_their_own_school(self):
        self.login("chyngyz")
        rows = self.rows(self.client.post(URL))
        self.assertEqual(len(rows), 1)
        self.assertNotEqual(rows[0]["id"], self.corrected.tag)

    def test_director_gets_404(self):
        self.login("dana")
        self.assertEqual(self.client.get(URL).status_code, 404)
        self.assertEqual(self.client.post(URL).status_code, 404)

    def test_a_session_without_the_key_cannot_export(self):
        self.client.force_login(self.aida)  # no password: the key was never unwrapped
        response = self.client.post(URL, {"include_text": "on"})
        self.assertNotIn("attachment", response.get("Content-Disposition", ""))
        self.assertContains(response, 'class="alert"')
        self.assertFalse(Event.objects.filter(detail__what="triage_corrections").exists())

    def test_it_rejects_an_end_date_before_the_start(self):
        self.login()
        response = self.client.post(URL, {"date_from": "2025-05-10", "date_to": "2025-05-01"})
        self.assertContains(response, 'id="id_date_to_error"')
        self.assertFalse(Event.objects.filter(detail__what="triage_corrections").exists())

    def test_the_form_says_text_is_optional_and_names_are_replaced(self):
        self.login()
        response = self.client.get(URL)
        self.assertContains(response, 'name="include_text"')
        self.assertNotContains(response, "checked")
        self.assertContains(response, "[имя]")

    def test_the_journal_links_to_it_for_key_holders_only(self):
        self.login()
        self.assertContains(self.client.get("/staff/"), URL)
        self.client.logout()
        self.client.force_login(self.aida)
        self.assertNotContains(self.client.get("/staff/"), URL)
