"""Box openings (regulation B §3): the commission opens the box, draws up the act of removal
(Appendix 1) listing the letters found, reseals the box, and writes a line in the journal of
box openings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership


class BoxOpeningQuerySet(models.QuerySet):
    def for_user(self, user):
        """Openings of the user's own schools: every staff role reads them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(school__memberships__user=user).distinct()


class BoxOpening(models.Model):
    INTACT, DAMAGED = "intact", "damaged"
    STATE_CHOICES = [(INTACT, _("intact")), (DAMAGED, _("damaged"))]

    school = models.ForeignKey("schools.School", models.PROTECT, related_name="box_openings")
    # Sequential per school, as in the paper journal of openings.
    number = models.PositiveIntegerField(_("number"))
    opened_at = models.DateTimeField(_("date and time of the opening"))
    commission = models.ForeignKey(
        "commission.Commission",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="box_openings",
    )
    box_state = models.CharField(
        _("state of the box"), max_length=10, choices=STATE_CHOICES, default=INTACT
    )
    seal_state = models.CharField(
        _("state of the seal"), max_length=10, choices=STATE_CHOICES, default=INTACT
    )
    damage_description = models.TextField(_("description of the damage"), blank=True)
    seal_removed = models.CharField(_("number of the seal removed"), max_length=50)
    seal_applied = models.CharField(_("number of the new seal"), max_length=50)
    found_appeals = models.BooleanField(_("appeals found in the box"), default=False)
    sheets = models.PositiveSmallIntegerField(_("sheets"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=2)
    members_present = models.ManyToManyField(
        "commission.CommissionMember", related_name="box_openings", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # One form, one opening: the hidden token of the form that created it (a double submit).
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    objects = BoxOpeningQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "number"], name="opening_number_per_school")
        ]

    def __str__(self):
        return f"№ {self.number}"

    @property
    def is_damaged(self):
        """The box or its seal shows damage: the row stands out and the director is told."""
        return self.DAMAGED in (self.box_state, self.seal_state)

    def chair(self):
        return self.commission.chair if self.commission_id else None

    def directors(self):
        return (
            get_user_model()
            .objects.filter(
                memberships__school=self.school,
                memberships__role=Membership.DIRECTOR,
                is_active=True,
            )
            .distinct()
            .order_by("id")
        )

    def signers(self):
        """Who signs the act (Appendix 1): each member present, the chair, the director.
        A list of dicts: role, member or user, name, and the signature if already given."""
        chair = self.chair()
        signatures = list(self.signatures.select_related("member", "user", "signed_by"))
        by_member = {s.member_id: s for s in signatures if s.member_id}
        director_signature = next((s for s in signatures if s.role == ActSignature.DIRECTOR), None)
        rows = []
        for member in self.members_present.all():
            if chair is not None and member.pk == chair.pk:
                continue
            rows.append(_signer(ActSignature.MEMBER, member, None, by_member.get(member.pk)))
        if chair is not None:
            rows.append(_signer(ActSignature.CHAIR, chair, None, by_member.get(chair.pk)))
        if director_signature is not None:
            rows.append(
                _signer(ActSignature.DIRECTOR, None, director_signature.user, director_signature)
            )
        else:
            rows.append(_signer(ActSignature.DIRECTOR, None, self.directors().first(), None))
        return rows

    def is_signed_by_all(self):
        """Complete when every signer who has an account has signed electronically (people
        without an account, such as a parents' representative, sign the printed act)."""
        rows = self.signers()
        return all(r["signature"] or r["on_paper"] for r in rows) and any(
            r["signature"] for r in rows
        )

    def signature_counts(self):
        rows = self.signers()
        electronic = [r for r in rows if not r["on_paper"]]
        return sum(1 for r in electronic if r["signature"]), len(electronic)


def _signer(role, member, user, signature):
    account = member.user if member is not None else user
    if member is not None:
        name = member.full_name
    elif user is not None:
        name = user.get_full_name() or user.username
    else:
        name = ""
    return {
        "role": role,
        "member": member,
        "user": account,
        "name": name,
        "signature": signature,
        "on_paper": account is None,
    }


class OpeningLetter(models.Model):
    """One line of the act's list: a letter found, registered into the journal at once.
    From whom, return address and note can identify a child, so they are sealed."""

    opening = models.ForeignKey(BoxOpening, models.CASCADE, related_name="letters")
    appeal = models.OneToOneField("journal.Appeal", models.PROTECT, related_name="opening_letter")
    position = models.PositiveIntegerField(_("No."))
    sealed_from_whom = models.BinaryField(null=True, editable=False)
    sealed_return_address = models.BinaryField(null=True, editable=False)
    sealed_note = models.BinaryField(null=True, editable=False)
    # One form, one letter: a double submit registers the letter once.
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opening", "position"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "position"], name="act_line_once")
        ]


class ActSignature(models.Model):
    """An electronic signature of the act: by a commission member (as member or as chair) or
    by the school's director (a staff account, not a commission member)."""

    MEMBER, CHAIR, DIRECTOR = "member", "chair", "director"
    ROLE_CHOICES = [
        (MEMBER, _("commission member")),
        (CHAIR, _("chair of the commission")),
        (DIRECTOR, _("school director")),
    ]

    opening = models.ForeignKey(BoxOpening, models.CASCADE, related_name="signatures")
    member = models.ForeignKey(
        "commission.CommissionMember", models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=ROLE_CHOICES)
    signed_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "member"],
                name="act_member_signs_once",
                condition=models.Q(member__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["opening", "user"],
                name="act_user_signs_once",
                condition=models.Q(user__isnull=False),
            ),
            # One director's signature per act, even when a school has two directors.
            models.UniqueConstraint(
                fields=["opening"],
                name="act_director_signs_once",
                condition=models.Q(role="director"),
            ),
        ]
