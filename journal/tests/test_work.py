from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.work import register
from vault import open_text


class WorkTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit()
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.login()

    def post(self, **fields):
        data = {
            "action": "work",
            "work-status": "in_work",
            "work-category": "bullying",
            "work-urgency": "normal",
        }
        data.update({f"work-{k}": v for k, v in fields.items()})
        return self.client.post(self.url, data)

    def test_a_correction_of_category_and_urgency_is_audited(self):
        r = self.post(category="violence", urgency="attention", assignee=str(self.bolot.pk))
        self.assertRedirects(r, self.url)
        self.appeal.refresh_from_db()
        self.assertEqual((self.appeal.category, self.appeal.urgency), ("violence", "attention"))
        self.assertEqual(self.appeal.assignee, self.bolot)
        fields = set(
            Event.objects.filter(action="change", appeal=self.appeal).values_list(
                "detail__field", flat=True
            )
        )
        self.assertEqual(fields, {"status", "category", "urgency", "assignee"})

    def test_measures_are_sealed_and_their_change_is_audited_without_content(self):
        self.post(measures="Ата-энеси менен сүйлөшүлдү")
        self.appeal.refresh_from_db()
        self.assertEqual(
            open_text(self.key, self.appeal.sealed_measures), "Ата-энеси менен сүйлөшүлдү"
        )
        event = Event.objects.get(action="change", detail__field="measures")
        self.assertNotIn("Ата-энеси", str(event.detail))

    def test_a_referral_needs_to_whom_and_when(self):
        r = self.post(status="referred")
        self.assertContains(r, 'id="id_work-referred_to_error"')
        r = self.post(status="referred", referred_to="juvenile_inspector")
        self.assertContains(r, 'id="id_work-referred_on_error"')
        self.post(
            status="referred",
            referred_to="juvenile_inspector",
            referred_on="2026-11-20",
            referral_note="ИДН инспекторуна телефон аркылуу",
        )
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.status, Appeal.REFERRED)
        self.assertEqual(str(self.appeal.referred_on), "2026-11-20")

    def test_saving_nothing_new_records_nothing(self):
        self.post()
        before = Event.objects.filter(action="change").count()
        self.post()
        self.assertEqual(Event.objects.filter(action="change").count(), before)

    def test_the_appeal_page_shows_its_history(self):
        self.post(category="violence")
        r = self.client.get(self.url)
        # In words, never the codes (issue 15): "Category: bullying → violence" in Kyrgyz.
        self.assertContains(r, "Категория: булинг → зомбулук")
        self.assertNotContains(r, "bullying → violence")

    def test_an_in_person_answer_fills_the_answer_date(self):
        register(self.appeal, self.aida)
        self.client.post(
            self.url,
            {
                "action": "in_person",
                "talk-held_on": self.appeal.received_on.isoformat(),
                "talk-text": "Жеке сүйлөштүк",
            },
        )
        self.appeal.refresh_from_db()
        self.assertIsNotNone(self.appeal.answered_on)
        self.assertEqual(self.appeal.status, Appeal.ANSWERED)

    def test_register_from_the_appeal_page(self):
        self.client.post(self.url, {"action": "register", "reg-summary": "Кыскача"})
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.number, 1)
        self.assertEqual(open_text(self.key, self.appeal.sealed_summary), "Кыскача")

    def test_also_reported_elsewhere_is_marked_and_audited(self):
        self.post(also_reported_elsewhere="on")
        self.appeal.refresh_from_db()
        self.assertTrue(self.appeal.also_reported_elsewhere)
        self.assertTrue(
            Event.objects.filter(action="change", detail__field="also_reported_elsewhere").exists()
        )
