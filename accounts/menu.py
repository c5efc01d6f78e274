"""Each role's home page and menu: only what the role may open (issue 15). School staff land
on the journal; the district's child-protection specialist on the district's urgent letters; a
district viewer on the district statistics."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Membership


def _districts(user):
    from schools.models import District

    return list(District.objects.filter(viewers__user=user).order_by("pk"))


def _is_specialist(user):
    from urgent.models import ChildProtectionSpecialist

    return ChildProtectionSpecialist.objects.filter(user=user).exists()


def _has_school(user):
    return Membership.objects.filter(user=user).exists()


def home_url(user):
    """Where this user starts: the journal for school staff, else their district's page."""
    if _has_school(user):
        return reverse("staff-home")
    if _is_specialist(user):
        return reverse("urgent:district")
    districts = _districts(user)
    if len(districts) == 1:
        return reverse("reports:district", args=[districts[0].pk])
    if districts:
        return reverse("reports:home")
    return reverse("staff-home")


def staff_menu(user):
    """[(url, label)] of the pages this user may open, in the order of the work. On every staff
    page: the user's memberships are read once (with their schools) and key holding in one
    query for all their schools, so the menu costs the same few queries for any user."""
    from schools.views import MANAGERS

    memberships = list(
        Membership.objects.filter(user=user).select_related("school").order_by("school__pk")
    )
    items = []
    if memberships:
        items += [
            (reverse("staff-home"), _("Journal")),
        ]
    if Membership.objects.filter(user=user, role__in=Membership.READERS).exists():
        # The journal's files asked for as long jobs (jobs/): only a reader may ask for one.
        items.append((reverse("jobs:list"), _("Prepared files")))
    if memberships:
        from schools.models import rules_for

        # Regulation A collects the letters weekly with no seal and no journal of openings: the
        # page is named after what the user's schools keep (one query for all of them).
        schools = {m.school.pk: m.school for m in memberships}.values()
        keeps_journal = any(r.seal_and_openings_journal for r in rules_for(schools).values())
        items += [
            (reverse("commission:index"), _("Commission")),
            (
                reverse("openings:list"),
                _("Box openings") if keeps_journal else _("Weekly collections of letters"),
            ),
            (reverse("reports:home"), _("Reports")),
            (reverse("intake:print"), _("Forms and poster")),
        ]
    if _is_specialist(user):
        items.append((reverse("urgent:district"), _("Urgent letters in the district")))
    districts = _districts(user)
    for district in districts:
        label = _("District statistics")
        if len(districts) > 1:
            label = f"{label} · {district}"
        items.append((reverse("reports:district", args=[district.pk]), label))
    managed = _schools_by_name(memberships, MANAGERS)
    for school in managed:
        label = _("Settings")
        if len(managed) > 1:
            label = f"{label} · {school.name}"
        items.append((reverse("schools:settings", args=[school.slug]), label))
    leave = _schools_by_name(memberships, (Membership.DIRECTOR, Membership.ADMIN))
    for school in leave:
        label = _("Staff leave")
        if len(leave) > 1:
            label = f"{label} · {school.name}"
        items.append((reverse("staff-leave", args=[school.slug]), label))
    items += _key_menu(user, memberships)
    return items


def _schools_by_name(memberships, roles):
    """The schools where the user has one of `roles`, once each, in the schools' own order."""
    schools = {m.school_id: m.school for m in memberships if m.role in roles}
    return sorted(schools.values(), key=lambda s: (s.name_ky, s.pk))


def _holding(user, school_ids):
    """The schools of `school_ids` whose newest key generation this user holds (one query)."""
    from django.db.models import Exists, OuterRef

    from vault.models import GenerationSeal, KeyGeneration

    newer = KeyGeneration.objects.filter(
        school_id=OuterRef("generation__school_id"), number__gt=OuterRef("generation__number")
    )
    return set(
        GenerationSeal.objects.filter(user=user, generation__school_id__in=school_ids)
        .exclude(Exists(newer))
        .values_list("generation__school_id", flat=True)
    )


def _key_menu(user, memberships):
    """Issue 13: staff and invitations (key holders, the director), the school key (key
    holders), who can read the letters (the director, the admin, the responsible person, key
    holders), handovers received and not yet signed."""
    from accounts.models import Handover
    from accounts.school_keys import ACCESS_ROLES

    items = []
    schools, roles = {}, {}
    for m in memberships:
        schools[m.school_id] = m.school
        roles.setdefault(m.school_id, set()).add(m.role)
    holding = _holding(user, list(schools)) if schools else set()
    for school in schools.values():
        suffix = f" · {school.name}" if len(schools) > 1 else ""
        holder = school.pk in holding
        mine = roles.get(school.pk, set())
        if holder or Membership.DIRECTOR in mine:
            items.append(
                (reverse("invitations", args=[school.slug]), _("Staff and invitations") + suffix)
            )
        if holder:
            items.append((reverse("school-keys", args=[school.slug]), _("School key") + suffix))
        if holder or mine & set(ACCESS_ROLES):
            items.append(
                (reverse("access", args=[school.slug]), _("Who can read the letters") + suffix)
            )
    for handover in Handover.objects.filter(to=user, to_signed_at__isnull=True):
        items.append((reverse("handover", args=[handover.pk]), _("Handover to sign")))
    return items
