from audit.models import Event
from ishenim.testing import BaseTestCase


class AuthorDataTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit(
            "Менин катым",
            is_anonymous=False,
            identity={"name": "Чынара Бекова", "phone": "0700 11"},
        )
        self.url = f"/staff/appeals/{self.appeal.pk}/"

    def test_everything_stored_about_the_author_can_be_downloaded(self):
        self.login()
        r = self.client.get(f"{self.url}author-data.txt")
        body = r.content.decode()
        self.assertIn("Чынара Бекова", body)
        self.assertIn("Менин катым", body)
        self.assertTrue(Event.objects.filter(action="export", detail__what="author_data").exists())

    def test_the_name_and_contacts_can_be_erased_keeping_the_entry(self):
        self.login()
        self.client.post(self.url, {"action": "erase_identity"})
        self.appeal.refresh_from_db()
        self.assertIsNotNone(self.appeal.sealed_identity)  # not without the confirmation
        self.client.post(self.url, {"action": "erase_identity", "confirm": "1"})
        self.appeal.refresh_from_db()
        self.assertIsNone(self.appeal.sealed_identity)
        self.assertTrue(self.appeal.is_anonymous)
        self.assertTrue(Event.objects.filter(action="identity_erased").exists())

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(f"{self.url}author-data.txt").status_code, 404)
