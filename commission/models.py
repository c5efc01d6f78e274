"""The commission (regulation B §4): appointed by the head's order, odd in number, with a
parents' representative; one member responsible for appeals; chair and secretary elected."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommissionQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(school__memberships__user=user).distinct()

    def current(self, school):
        """The commission of the newest order that is in force (not a draft)."""
        return (
            self.filter(school=school, status=Commission.ACTIVE)
            .order_by("-order_date", "-id")
            .first()
        )


class Commission(models.Model):
    DRAFT, ACTIVE, REPLACED = "draft", "active", "replaced"
    STATUS_CHOICES = [
        (DRAFT, _("draft")),
        (ACTIVE, _("in force")),
        (REPLACED, _("replaced by a new order")),
    ]

    school = models.ForeignKey("schools.School", models.PROTECT, related_name="commissions")
    order_number = models.CharField(_("order number"), max_length=50)
    order_date = models.DateField(_("order date"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=DRAFT)
    # Why the composition is a draft (odd number, parents' representative), in plain words.
    draft_reason = models.TextField(_("why it is a draft"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = CommissionQuerySet.as_manager()

    class Meta:
        ordering = ["-order_date", "-id"]

    def __str__(self):
        return f"№ {self.order_number} ({self.order_date:%d.%m.%Y})"

    def problems(self):
        """The school's regulation's rules this composition breaks: regulation B 4.1 (odd,
        a parents' representative), regulation A (the three named members), 4.2 (one
        responsible member)."""
        from schools.models import Regulation

        members = list(self.members.all())
        roles = {m.role for m in members}
        rule = self.school.rules(self.order_date).commission_rule
        found = []
        if rule == Regulation.ODD_WITH_PARENT:
            if len(members) % 2 == 0:
                found.append(
                    _("The number of members must be odd (now %(n)d).") % {"n": len(members)}
                )
            if CommissionMember.PARENTS_REP not in roles:
                found.append(_("A representative of the parents must be a member."))
        elif rule == Regulation.THREE:
            # Regulation A: a commission of three, each named by the post they hold.
            for role, label in (
                (CommissionMember.SOCIAL_PEDAGOGUE, _("the social pedagogue")),
                (CommissionMember.DEPUTY, _("the deputy director for upbringing")),
                (CommissionMember.UNION_REP, _("the trade-union representative")),
            ):
                if role not in roles:
                    found.append(_("The commission must include %(who)s.") % {"who": label})
            if len(members) != 3:
                found.append(
                    _("The commission has three members (now %(n)d).") % {"n": len(members)}
                )
        if sum(m.is_responsible for m in members) != 1:
            found.append(_("One member must be named responsible for appeals."))
        return found

    @property
    def chair(self):
        return self.members.filter(position=CommissionMember.CHAIR).first()

    @property
    def secretary(self):
        return self.members.filter(position=CommissionMember.SECRETARY).first()


class CommissionMember(models.Model):
    """A member: a staff account, or a person without one (the parents' representative)."""

    SOCIAL_PEDAGOGUE, DEPUTY, TEACHER, PARENTS_REP, UNION_REP, PSYCHOLOGIST, OTHER = (
        "social_pedagogue",
        "deputy_director",
        "teacher",
        "parents_rep",
        "union_rep",
        "psychologist",
        "other",
    )
    ROLE_CHOICES = [
        (SOCIAL_PEDAGOGUE, _("social pedagogue")),
        (DEPUTY, _("deputy director for upbringing")),
        (TEACHER, _("teacher")),
        (PARENTS_REP, _("parents' representative")),
        (UNION_REP, _("trade-union representative")),
        (PSYCHOLOGIST, _("psychologist")),
        (OTHER, _("other")),
    ]
    CHAIR, SECRETARY, MEMBER = "chair", "secretary", ""
    POSITION_CHOICES = [(CHAIR, _("chair")), (SECRETARY, _("secretary")), (MEMBER, _("member"))]

    commission = models.ForeignKey(Commission, models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    is_responsible = models.BooleanField(_("responsible for appeals"), default=False)
    position = models.CharField(
        _("position"), max_length=10, choices=POSITION_CHOICES, blank=True, default=MEMBER
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "user"],
                name="member_once",
                condition=models.Q(user__isnull=False),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def has_account(self):
        return self.user_id is not None


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(commission__school__memberships__user=user).distinct()

    def of_school(self, school):
        return self.filter(commission__school=school)

    def counting(self):
        """Regulation B 4.3: the meetings that count — an agenda, minutes signed by all
        members, and, when entered late, confirmed by the chair."""
        return (
            self.exclude(agenda="")
            .filter(final_at__isnull=False)
            .filter(models.Q(entered_late=False) | models.Q(late_confirmed_at__isnull=False))
        )


class Meeting(models.Model):
    """A meeting of the commission (regulation B 4.3) and its minutes (протокол).

    The minutes' free text may mention children: it is sealed to the school's key. Agenda and
    decisions are plain (staff write them as such: no names of children there)."""

    FIRST, REGULAR, WEEKLY_REVIEW, QUARTERLY_REPORT = (
        "first",
        "regular",
        "weekly_review",
        "quarterly_report",
    )
    KIND_CHOICES = [
        (FIRST, _("first meeting (election of chair and secretary)")),
        (REGULAR, _("regular meeting")),
        (WEEKLY_REVIEW, _("weekly review of the letters")),
        (QUARTERLY_REPORT, _("quarterly analytical report")),
    ]

    commission = models.ForeignKey(Commission, models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("minutes number"), null=True, blank=True)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default=REGULAR)
    attendance = models.ManyToManyField(
        CommissionMember, blank=True, related_name="meetings_attended", verbose_name=_("present")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    sealed_minutes = models.BinaryField(null=True, blank=True, editable=False)
    # Weekly review: the period of appeals it covers.
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # Set when every member has signed; after that the minutes can't change.
    final_at = models.DateTimeField(null=True, blank=True)
    # Regulation B 4.3: a meeting entered more than 3 working days after its date is late and
    # counts only once the chair confirms it was held.
    entered_late = models.BooleanField(default=False, editable=False)
    late_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"№ {self.number or '—'} ({self.held_on:%d.%m.%Y})"

    @property
    def school(self):
        return self.commission.school

    @property
    def is_final(self):
        return self.final_at is not None

    @property
    def awaits_confirmation(self):
        return self.entered_late and self.late_confirmed_at is None

    def why_it_does_not_count(self):
        """Regulation B 4.3: the reasons this meeting does not count towards the half-year's
        meetings (an empty list when it counts)."""
        reasons = []
        if not self.agenda.strip():
            reasons.append(_("it has no agenda"))
        if not self.is_final:
            reasons.append(_("not every member has signed the minutes"))
        if self.awaits_confirmation:
            reasons.append(_("it was entered late and the chair has not confirmed it"))
        return reasons

    @property
    def counts(self):
        return not self.why_it_does_not_count()


class Signature(models.Model):
    """A member's signature under the minutes: electronic (the member, logged in) or a mark
    that the member signs / signed the printed copy (recorded by the responsible person)."""

    ELECTRONIC, PAPER = "electronic", "paper"
    HOW_CHOICES = [(ELECTRONIC, _("signed electronically")), (PAPER, _("signs the printed copy"))]

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="signatures")
    member = models.ForeignKey(CommissionMember, models.PROTECT, related_name="signatures")
    how = models.CharField(max_length=10, choices=HOW_CHOICES)
    signed_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="sign_once"),
        ]


class Candidacy(models.Model):
    """A member proposed for chair or secretary at the first meeting (regulation B 4.5)."""

    POSITION_CHOICES = [
        (CommissionMember.CHAIR, _("chair")),
        (CommissionMember.SECRETARY, _("secretary")),
    ]
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="candidacies")
    position = models.CharField(max_length=10, choices=POSITION_CHOICES)
    member = models.ForeignKey(CommissionMember, models.PROTECT, related_name="candidacies")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position", "member"], name="candidate_once"
            ),
        ]


class Vote(models.Model):
    """One member's open vote for one position. A member without an account has the vote
    recorded on their behalf by the secretary or the responsible person (`on_behalf`)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="votes")
    position = models.CharField(max_length=10, choices=Candidacy.POSITION_CHOICES)
    voter = models.ForeignKey(CommissionMember, models.PROTECT, related_name="votes_cast")
    candidate = models.ForeignKey(CommissionMember, models.PROTECT, related_name="votes_received")
    on_behalf = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position", "voter"], name="vote_once"),
        ]
