from audit.models import Event
from commission.models import Commission, CommissionMember
from commission.tests.helpers import CommissionTestCase, order_post


class AppointingTests(CommissionTestCase):
    url = "/staff/commission/demo/orders/new/"

    def setUp(self):
        super().setUp()
        self.login("aida")

    def test_three_members_with_a_parents_representative_are_put_in_force(self):
        r = self.client.post(self.url, order_post(rows=self.rows()))
        commission = Commission.objects.get()
        self.assertRedirects(r, f"/staff/commission/orders/{commission.pk}/")
        self.assertEqual(commission.status, Commission.ACTIVE)
        self.assertEqual(commission.draft_reason, "")
        self.assertEqual(commission.members.count(), 3)
        gulnara = commission.members.get(role=CommissionMember.PARENTS_REP)
        self.assertFalse(gulnara.has_account)
        self.assertEqual(commission.members.get(is_responsible=True).user, self.aida)
        self.assertEqual(Commission.objects.current(self.school), commission)
        self.assertTrue(Event.objects.filter(action="commission_in_force").exists())

    def test_an_even_number_is_saved_as_a_draft_with_the_reason(self):
        rows = self.rows() + [{"full_name": "Нурлан Осмонов", "role": CommissionMember.UNION_REP}]
        r = self.client.post(self.url, order_post(rows=rows), follow=True)
        commission = Commission.objects.get()
        self.assertEqual(commission.status, Commission.DRAFT)
        reasons = [str(p) for p in commission.problems()]
        self.assertEqual(len(reasons), 1)
        self.assertIn("4", reasons[0])
        self.assertEqual(commission.draft_reason, reasons[0])
        self.assertContains(r, reasons[0])
        self.assertIsNone(Commission.objects.current(self.school))

    def test_no_parents_representative_is_saved_as_a_draft_with_the_reason(self):
        rows = self.rows()
        rows[2]["role"] = CommissionMember.UNION_REP
        self.client.post(self.url, order_post(rows=rows))
        commission = Commission.objects.get()
        self.assertEqual(commission.status, Commission.DRAFT)
        self.assertNotEqual(commission.draft_reason, "")
        self.assertEqual(len(commission.problems()), 1)

    def test_a_new_order_replaces_the_old_one_and_history_stays(self):
        old = self.make_commission("1")
        self.client.post(self.url, order_post(number="2", rows=self.rows()))
        new = Commission.objects.get(order_number="2")
        old.refresh_from_db()
        self.assertEqual(new.status, Commission.ACTIVE)
        self.assertEqual(old.status, Commission.REPLACED)
        self.assertEqual(old.members.count(), 3)
        r = self.client.get("/staff/commission/demo/orders/")
        self.assertContains(r, "№ 1")
        self.assertContains(r, "№ 2")

    def test_a_draft_order_does_not_replace_the_one_in_force(self):
        old = self.make_commission("1")
        self.client.post(self.url, order_post(number="2", rows=self.rows()[:2]))
        old.refresh_from_db()
        self.assertEqual(old.status, Commission.ACTIVE)

    def test_a_valid_composition_saved_as_a_draft_can_be_put_in_force_later(self):
        self.client.post(self.url, order_post(rows=self.rows(), in_force=False))
        commission = Commission.objects.get()
        self.assertEqual(commission.status, Commission.DRAFT)
        r = self.client.post(f"/staff/commission/orders/{commission.pk}/")
        commission.refresh_from_db()
        self.assertEqual(commission.status, Commission.ACTIVE)
        self.assertRedirects(r, f"/staff/commission/orders/{commission.pk}/")

    def test_a_draft_with_problems_cant_be_put_in_force(self):
        self.client.post(self.url, order_post(rows=self.rows()[:2]))
        commission = Commission.objects.get()
        self.client.post(f"/staff/commission/orders/{commission.pk}/")
        commission.refresh_from_db()
        self.assertEqual(commission.status, Commission.DRAFT)

    def test_a_draft_can_be_corrected(self):
        self.client.post(self.url, order_post(rows=self.rows()[:2]))
        commission = Commission.objects.get()
        edit = f"/staff/commission/orders/{commission.pk}/edit/"
        self.assertContains(self.client.get(edit), "Болот")
        self.client.post(edit, order_post(rows=self.rows()))
        commission.refresh_from_db()
        self.assertEqual(commission.status, Commission.ACTIVE)
        self.assertEqual(commission.members.count(), 3)

    def test_a_row_without_a_role_keeps_what_was_typed(self):
        rows = self.rows()
        rows[2]["role"] = ""
        r = self.client.post(self.url, order_post(rows=rows))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_members-2-role_error"')
        self.assertContains(r, "Гүлнара Асанова")
        self.assertFalse(Commission.objects.exists())

    def test_more_rows_keeps_what_was_typed(self):
        data = order_post(rows=self.rows())
        data["more"] = "1"
        del data["in_force"]
        r = self.client.post(self.url, data)
        self.assertContains(r, 'name="members-5-full_name"')
        self.assertContains(r, "Гүлнара Асанова")
        self.assertFalse(Commission.objects.exists())

    def test_the_new_order_form_starts_from_the_members_in_force(self):
        self.make_commission("1")
        r = self.client.get(self.url)
        self.assertContains(r, 'value="Гүлнара Асанова"')
        self.assertContains(r, "<h1>", count=1)


class WhoAppointsTests(CommissionTestCase):
    def test_a_member_cant_appoint(self):
        self.login("bolot")
        r = self.client.post("/staff/commission/demo/orders/new/", order_post(rows=self.rows()))
        self.assertEqual(r.status_code, 403)
        self.assertFalse(Commission.objects.exists())

    def test_a_member_cant_put_a_draft_in_force(self):
        draft = self.make_commission("1", status=Commission.DRAFT)
        self.login("bolot")
        r = self.client.post(f"/staff/commission/orders/{draft.pk}/")
        self.assertEqual(r.status_code, 403)
        draft.refresh_from_db()
        self.assertEqual(draft.status, Commission.DRAFT)

    def test_a_member_may_view_the_commission_and_its_orders(self):
        commission = self.make_commission("1")
        self.login("bolot")
        r = self.client.get("/staff/commission/demo/")
        self.assertContains(r, "Гүлнара Асанова")
        self.assertNotContains(r, "/staff/commission/demo/orders/new/")
        self.assertEqual(
            self.client.get(f"/staff/commission/orders/{commission.pk}/").status_code, 200
        )

    def test_the_director_appoints(self):
        self.login("dana")
        self.client.post("/staff/commission/demo/orders/new/", order_post(rows=self.rows()))
        self.assertEqual(Commission.objects.get().status, Commission.ACTIVE)
