"""Creating a school with its keys, and adding staff who can open its letters."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import Membership
from schools.models import District, Regulation, School, SchoolYear
from vault.keys import create_school_keys, first_generation, grant


def new_password():
    words = secrets.token_urlsafe(12)
    return f"{words[:4]}-{words[4:8]}-{words[8:12]}"


@transaction.atomic
def create_school(*, slug, name_ky, name_ru, district_ky, district_ru, regulation=None, **fields):
    """Return (school, keyring, recovery_key). The recovery key is shown once, never stored.
    `regulation` ("A" or "B") is the regulation the school works under from today.
    For a school made from the shell; the national list makes schools without a key, which
    their responsible person makes at the first login (`create_school_without_key`)."""
    district, _ = District.objects.get_or_create(
        name_ky=district_ky, defaults={"name_ru": district_ru}
    )
    school = School(slug=slug, name_ky=name_ky, name_ru=name_ru, district=district, **fields)
    create_school_keys(school)
    school.save()
    keyring, recovery_key = first_generation(school)
    SchoolYear.ensure_for(school, datetime.date.today())
    if regulation:
        choose_regulation(school, regulation, datetime.date.today())
    return school, keyring, recovery_key


class UsernameTaken(ValueError):
    """The username belongs to someone already: adding staff never takes an account over."""

    def __init__(self, username):
        super().__init__(f"the username {username!r} is already taken; choose another one")
        self.username = username


@transaction.atomic
def add_staff(
    school, private_key, *, username, password, role, first_name="", last_name="", email=""
):
    """A new staff member of the school; readers get the school key wrapped under their password.
    Raises UsernameTaken for an existing username: naming someone of another school must not
    reset their password, drop their keys there and attach them here."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken(username)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, school=school, role=role)
    if role in Membership.READERS:
        grant(school, user, password, private_key)
    return user


def choose_regulation(school, kind, starts_on, user=None, **switches):
    """The school works under regulation A, B or its own mix from `starts_on` (a later date
    than today is a planned change; the same date replaces the choice made for it)."""
    regulation = Regulation.objects.filter(school=school, starts_on=starts_on).first()
    regulation = regulation or Regulation(school=school, starts_on=starts_on)
    regulation.kind = kind
    for name, value in switches.items():
        setattr(regulation, name, value)
    regulation.apply_preset()
    regulation.created_by = user
    regulation.full_clean()
    regulation.save()
    return regulation
