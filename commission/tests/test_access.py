from commission.tests.helpers import CommissionTestCase, order_post


class OutsiderTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.meeting = self.make_meeting(self.commission)
        self.login("chyngyz")

    def test_outsider_gets_404_everywhere(self):
        urls = [
            "/staff/commission/demo/",
            "/staff/commission/demo/orders/",
            "/staff/commission/demo/orders/new/",
            "/staff/commission/demo/meetings/new/",
            f"/staff/commission/orders/{self.commission.pk}/",
            f"/staff/commission/orders/{self.commission.pk}/edit/",
            f"/staff/commission/meetings/{self.meeting.pk}/",
            f"/staff/commission/meetings/{self.meeting.pk}/minutes.pdf",
            f"/staff/commission/meetings/{self.meeting.pk}/minutes.docx",
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_outsider_cant_post_anything(self):
        self.assertEqual(
            self.client.post(
                "/staff/commission/demo/orders/new/", order_post(rows=self.rows())
            ).status_code,
            404,
        )
        r = self.client.post(f"/staff/commission/meetings/{self.meeting.pk}/", {"action": "sign"})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(self.meeting.signatures.exists())

    def test_the_index_leads_to_the_own_school(self):
        self.assertRedirects(
            self.client.get("/staff/commission/"),
            "/staff/commission/other/",
            fetch_redirect_response=False,
        )

    def test_anonymous_visitors_are_sent_to_log_in(self):
        self.client.logout()
        r = self.client.get("/staff/commission/demo/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("login", r["Location"])
