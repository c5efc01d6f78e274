from commission.models import Candidacy, CommissionMember, Meeting, Vote
from commission.tests.helpers import CommissionTestCase

CHAIR, SECRETARY = CommissionMember.CHAIR, CommissionMember.SECRETARY


class ElectionTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.meeting = self.make_meeting(self.commission, kind=Meeting.FIRST)
        self.url = f"/staff/commission/meetings/{self.meeting.pk}/"
        for position, member in [
            (CHAIR, self.bolot_m),
            (CHAIR, self.gulnara_m),
            (SECRETARY, self.aida_m),
            (SECRETARY, self.gulnara_m),
        ]:
            Candidacy.objects.create(meeting=self.meeting, position=position, member=member)

    def vote(self, position, candidate, voter):
        return self.client.post(
            self.url,
            {
                "action": "vote",
                "vote-position": position,
                "vote-candidate": str(candidate.pk),
                "vote-voter": str(voter.pk),
            },
        )

    def test_a_member_votes_as_themselves(self):
        self.login("bolot")
        r = self.vote(CHAIR, self.bolot_m, self.bolot_m)
        self.assertRedirects(r, self.url)
        vote = Vote.objects.get()
        self.assertEqual(
            (vote.voter, vote.candidate, vote.on_behalf), (self.bolot_m, self.bolot_m, False)
        )

    def test_voting_twice_for_the_same_position_is_refused(self):
        self.login("bolot")
        self.vote(CHAIR, self.bolot_m, self.bolot_m)
        r = self.vote(CHAIR, self.gulnara_m, self.bolot_m)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'class="alert"')
        self.assertContains(r, "Болот Иманов")
        vote = Vote.objects.get()
        self.assertEqual(vote.candidate, self.bolot_m)  # the first vote stays

    def test_a_member_cant_vote_for_another_member_with_an_account(self):
        self.login("bolot")
        r = self.vote(CHAIR, self.bolot_m, self.aida_m)
        self.assertContains(r, 'id="id_vote-voter_error"')
        self.assertFalse(Vote.objects.exists())

    def test_the_responsible_person_records_the_vote_of_a_member_without_an_account(self):
        self.login("aida")
        self.vote(CHAIR, self.bolot_m, self.gulnara_m)
        vote = Vote.objects.get()
        self.assertTrue(vote.on_behalf)
        self.assertEqual(vote.recorded_by, self.aida)
        r = self.client.get(self.url)
        self.assertContains(r, "Гүлнара Асанова → Болот Иманов")

    def test_a_plain_member_cant_record_votes_for_others(self):
        self.login("bolot")
        self.vote(CHAIR, self.bolot_m, self.gulnara_m)
        self.assertFalse(Vote.objects.exists())

    def test_the_result_sets_the_chair_and_the_secretary(self):
        self.login("aida")
        self.vote(CHAIR, self.bolot_m, self.aida_m)
        self.vote(CHAIR, self.bolot_m, self.gulnara_m)
        self.vote(SECRETARY, self.aida_m, self.aida_m)
        self.vote(SECRETARY, self.aida_m, self.gulnara_m)
        self.login("bolot")
        self.vote(CHAIR, self.gulnara_m, self.bolot_m)
        self.vote(SECRETARY, self.aida_m, self.bolot_m)
        self.login("aida")
        self.client.post(self.url, {"action": "apply"})
        self.assertEqual(self.commission.chair, self.bolot_m)
        self.assertEqual(self.commission.secretary, self.aida_m)

    def test_a_tie_is_reported_and_not_decided(self):
        self.login("aida")
        self.vote(CHAIR, self.bolot_m, self.aida_m)
        self.vote(CHAIR, self.gulnara_m, self.gulnara_m)
        self.vote(SECRETARY, self.aida_m, self.aida_m)
        r = self.client.post(self.url, {"action": "apply"}, follow=True)
        self.assertContains(r, "Болот Иманов, Гүлнара Асанова")
        self.assertIsNone(self.commission.chair)
        self.assertIsNone(self.commission.secretary)
        self.assertContains(self.client.get(self.url), 'class="alert"')

    def test_a_vote_for_someone_not_standing_is_refused(self):
        self.login("aida")
        r = self.vote(CHAIR, self.aida_m, self.aida_m)
        self.assertContains(r, 'class="alert" role="alert"')
        self.assertFalse(Vote.objects.exists())

    def test_candidates_are_proposed_by_the_responsible_person(self):
        self.login("aida")
        self.client.post(
            self.url,
            {"action": "candidate", "cand-position": CHAIR, "cand-member": str(self.aida_m.pk)},
        )
        self.assertTrue(
            self.meeting.candidacies.filter(position=CHAIR, member=self.aida_m).exists()
        )
