from audit.models import Event
from openings.models import ActSignature, BoxOpening
from openings.tests.base import OpeningTestCase
from schools.setup import add_staff


class SignatureTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")
        self.opening = self.record_opening()
        self.add_letter(self.opening)
        self.client.logout()

    def sign(self, username):
        self.login(username)
        r = self.client.post(f"/staff/openings/{self.opening.pk}/", {"action": "sign"}, follow=True)
        self.client.logout()
        return r

    def test_signing_by_a_non_member_is_refused_and_changes_nothing(self):
        from accounts.models import Membership

        add_staff(
            self.school,
            self.key,
            username="erkin",
            password="correct horse battery",
            role=Membership.MEMBER,
        )
        r = self.sign("erkin")
        self.assertContains(r, 'class="alert"')
        self.assertEqual(ActSignature.objects.count(), 0)
        self.assertFalse(Event.objects.filter(action="act_signed").exists())

    def test_a_member_not_present_cannot_sign(self):
        self.opening.members_present.remove(self.m_aida)
        self.sign("aida")
        self.assertEqual(ActSignature.objects.count(), 0)

    def test_the_act_is_complete_when_all_present_the_chair_and_the_director_signed(self):
        opening = BoxOpening.objects.get()
        self.assertEqual(opening.signature_counts(), (0, 3))
        self.sign("aida")
        self.sign("bolot")
        self.assertFalse(opening.is_signed_by_all())
        r = self.sign("dana")
        self.assertContains(r, 'class="notice"')
        self.assertTrue(opening.is_signed_by_all())
        roles = dict(ActSignature.objects.values_list("signed_by__username", "role"))
        self.assertEqual(roles, {"aida": "member", "bolot": "chair", "dana": "director"})
        self.assertEqual(Event.objects.filter(action="act_signed").count(), 3)
        # The parents' representative has no account: she signs the printed act.
        gulzat = next(s for s in opening.signers() if s["member"] == self.m_gulzat)
        self.assertTrue(gulzat["on_paper"])

    def test_signing_twice_keeps_one_signature(self):
        self.sign("aida")
        r = self.sign("aida")
        self.assertContains(r, 'class="alert"')
        self.assertEqual(ActSignature.objects.count(), 1)

    def test_the_act_is_not_signed_before_its_letters_are_registered(self):
        self.login("aida")
        empty_list = self.record_opening(seal_removed="001235", seal_applied="6")
        self.client.post(f"/staff/openings/{empty_list.pk}/", {"action": "sign"})
        self.assertFalse(empty_list.signatures.exists())

    def test_no_letter_is_added_once_the_act_is_signed(self):
        self.sign("bolot")
        self.login("aida")
        r = self.add_letter(self.opening, **{"letter-text": "Кеч табылган кат."})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(self.opening.letters.count(), 1)
