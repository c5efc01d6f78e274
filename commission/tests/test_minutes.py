from audit.models import Event
from commission.models import Signature
from commission.tests.helpers import CommissionTestCase
from vault import open_text, seal_text


class MinutesTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.meeting = self.make_meeting(
            self.commission,
            agenda="Ишеним почтасынын иши",
            sealed_minutes=seal_text(self.school.public_key, "Айбек (7-Б) менен сүйлөшүү."),
        )
        self.url = f"/staff/commission/meetings/{self.meeting.pk}/"

    def sign_all(self):
        self.login("aida")
        self.client.post(self.url, {"action": "sign"})
        self.client.post(self.url, {"action": "paper", "paper-member": str(self.gulnara_m.pk)})
        self.login("bolot")
        self.client.post(self.url, {"action": "sign"})
        self.meeting.refresh_from_db()

    def edit(self, **fields):
        data = {
            "action": "edit",
            "held_on": self.meeting.held_on.isoformat(),
            "kind": self.meeting.kind,
            "attendance": [str(m.pk) for m in self.commission.members.all()],
            "agenda": self.meeting.agenda,
            "decisions": "",
            "minutes": "Айбек (7-Б) менен сүйлөшүү.",
        }
        data.update(fields)
        return self.client.post(self.url, data)

    def test_a_member_signs_electronically_with_a_time_stamp_and_an_audit_event(self):
        self.login("bolot")
        self.assertRedirects(self.client.post(self.url, {"action": "sign"}), self.url)
        signature = Signature.objects.get()
        self.assertEqual((signature.member, signature.how), (self.bolot_m, Signature.ELECTRONIC))
        self.assertIsNotNone(signature.signed_at)
        event = Event.objects.get(action="minutes_signed")
        self.assertEqual(event.actor, self.bolot)

    def test_signing_as_a_non_member_is_refused(self):
        self.login("dana")  # the director is not a member of this commission
        r = self.client.post(self.url, {"action": "sign"})
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "<h1>", count=1, status_code=403)
        self.assertFalse(Signature.objects.exists())
        self.assertFalse(Event.objects.filter(action="minutes_signed").exists())

    def test_signing_twice_changes_nothing(self):
        self.login("bolot")
        self.client.post(self.url, {"action": "sign"})
        r = self.client.post(self.url, {"action": "sign"}, follow=True)
        self.assertEqual(Signature.objects.count(), 1)
        self.assertContains(r, 'class="alert"')

    def test_members_without_an_account_are_marked_as_signing_the_printed_copy(self):
        self.login("aida")
        self.client.post(self.url, {"action": "paper", "paper-member": str(self.gulnara_m.pk)})
        signature = Signature.objects.get(member=self.gulnara_m)
        self.assertEqual((signature.how, signature.recorded_by), (Signature.PAPER, self.aida))

    def test_a_member_with_an_account_cant_be_marked_on_paper(self):
        self.login("aida")
        r = self.client.post(self.url, {"action": "paper", "paper-member": str(self.bolot_m.pk)})
        self.assertContains(r, 'id="id_paper-member_error"')
        self.assertFalse(Signature.objects.exists())

    def test_the_minutes_become_final_when_every_member_has_signed(self):
        self.login("aida")
        self.client.post(self.url, {"action": "sign"})
        self.meeting.refresh_from_db()
        self.assertFalse(self.meeting.is_final)
        self.sign_all()
        self.assertTrue(self.meeting.is_final)
        self.assertTrue(Event.objects.filter(action="minutes_final").exists())

    def test_final_minutes_cant_be_edited(self):
        self.sign_all()
        self.login("aida")
        r = self.edit(minutes="Башка текст", agenda="Башка")
        self.assertEqual(r.status_code, 200)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.agenda, "Ишеним почтасынын иши")
        self.assertEqual(
            open_text(self.key, self.meeting.sealed_minutes), "Айбек (7-Б) менен сүйлөшүү."
        )
        self.assertNotContains(self.client.get(self.url), 'value="edit"')

    def test_a_change_before_the_end_withdraws_the_signatures_given(self):
        self.login("bolot")
        self.client.post(self.url, {"action": "sign"})
        self.login("aida")
        self.assertRedirects(self.edit(minutes="Жаңы текст."), self.url)
        self.meeting.refresh_from_db()
        self.assertEqual(open_text(self.key, self.meeting.sealed_minutes), "Жаңы текст.")
        self.assertFalse(self.meeting.signatures.exists())

    def test_the_minutes_text_is_sealed_and_shown_to_key_holders(self):
        self.login("aida")
        self.assertContains(self.client.get(self.url), "Айбек (7-Б)")
        self.assertNotIn(b"Aibek", bytes(self.meeting.sealed_minutes))
        self.login("dana")
        r = self.client.get(self.url)
        self.assertNotContains(r, "Айбек (7-Б)")
        self.assertContains(r, "<h1>", count=1)

    def test_a_plain_member_cant_edit_the_minutes(self):
        self.login("bolot")
        r = self.edit(agenda="Башка")
        self.assertEqual(r.status_code, 403)
        self.meeting.refresh_from_db()
        self.assertEqual(self.meeting.agenda, "Ишеним почтасынын иши")
