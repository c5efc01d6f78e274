from openings.tests.base import OpeningTestCase


class AccessTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")
        self.opening = self.record_opening(seal_state="damaged", damage_description="Кулпу сынган.")
        self.add_letter(self.opening)
        self.client.logout()

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        for url in (
            f"/staff/openings/{self.opening.pk}/",
            f"/staff/openings/{self.opening.pk}/act.pdf",
            f"/staff/openings/{self.opening.pk}/act.docx",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        r = self.client.post(f"/staff/openings/{self.opening.pk}/", {"action": "sign"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.opening.signatures.count(), 0)

    def test_the_outsiders_list_shows_only_their_own_school(self):
        self.login("chyngyz")
        r = self.client.get("/staff/openings/", {"school": self.school.pk})
        self.assertNotContains(r, f"/staff/openings/{self.opening.pk}/")

    def test_anonymous_visitors_are_sent_to_log_in(self):
        r = self.client.get("/staff/openings/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])

    def test_a_damaged_opening_stands_out_in_the_list_and_on_its_page(self):
        self.login("bolot")
        r = self.client.get("/staff/openings/")
        self.assertContains(r, '<tr class="urgent">')
        self.assertContains(r, 'class="badge urgent"')
        self.assertContains(r, "<h1", count=1)
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertContains(page, "Кулпу сынган.")
        self.assertContains(page, 'role="alert"')
        self.assertContains(page, "<h1", count=1)

    def test_the_director_reads_the_opening_without_the_letters(self):
        self.login("dana")
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Бермет Алиева")
        self.assertContains(page, 'name="action" value="sign"')
        self.assertNotContains(page, 'name="action" value="letter"')
