"""School keys: generations, seals to members, unlocking into a session, rotation, recovery.

Each staff member who reads letters has a key pair of their own (MemberKey), its private
half wrapped under their password. Each generation of a school's key is sealed to the
members' public keys (GenerationSeal) and to the printed recovery key (RecoverySeal). So a
key holder grants the key to a colleague, or starts a new generation, without anyone's
password; and a member removed from the seals loses every generation, old and new.
"""

import base64

import nacl.exceptions
import nacl.secret
import nacl.utils
from django.db import transaction
from django.utils import timezone
from nacl.public import PrivateKey

from vault import crypto
from vault.crypto import Keyring
from vault.models import GenerationSeal, KeyGeneration, KeyGrant, MemberKey, RecoverySeal

COOKIE_NAME = "vk"
SESSION_PREFIX = "vault:"


class KeyMissing(Exception):
    """The holder's keyring lacks a generation of the school: they cannot pass it on."""


# --- A school's key: the first generation, rotation, recovery ------------------------------


def create_school_keys(school) -> tuple[PrivateKey, str]:
    """Prepare a school that is not saved yet: the receipt salt and empty places for the key.
    The key itself is made by `first_generation` once the school has its row."""
    school.public_key = b""
    school.recovery_salt = b""
    school.recovery_wrapped_key = b""
    school.recovery_opslimit = school.recovery_memlimit = 0
    school.receipt_salt = crypto.new_salt()


def has_key(school) -> bool:
    return bool(school.public_key)


@transaction.atomic
def first_generation(school, by=None) -> tuple[Keyring, str]:
    """Make the school's key and its recovery key: generation 1. At the first login of the
    school's responsible person (issue 16), so the national operator never holds it.
    Returns the keyring and the recovery key to print (shown once, never stored)."""
    if KeyGeneration.objects.filter(school=school).exists():
        raise ValueError("the school already has its key")
    private_key = crypto.new_key_pair()
    generation = KeyGeneration.objects.create(
        school=school,
        number=1,
        public_key=bytes(private_key.public_key),
        reason=KeyGeneration.FIRST,
        started_by=by,
    )
    school.public_key = bytes(private_key.public_key)
    school.save(update_fields=["public_key"])
    keyring = Keyring([private_key])
    recovery_key = _new_recovery(school, keyring, {generation.pk: private_key})
    return keyring, recovery_key


def _generations_in(school, keyring) -> dict:
    """{generation id: private key} of the school's generations this keyring opens."""
    by_public = {bytes(k.public_key): k for k in keyring}
    found = {}
    for generation in KeyGeneration.objects.filter(school=school):
        key = by_public.get(bytes(generation.public_key))
        if key is not None:
            found[generation.pk] = key
    return found


def _new_recovery(school, keyring, generations) -> str:
    """A new recovery key for every generation: the old sheet no longer opens anything."""
    recovery_key = crypto.new_recovery_key()
    public = bytes(crypto.recovery_key_pair(recovery_key).public_key)
    RecoverySeal.objects.filter(generation__school=school).delete()
    RecoverySeal.objects.bulk_create(
        RecoverySeal(
            generation_id=generation_id,
            recovery_public_key=public,
            sealed_key=crypto.seal(public, bytes(key)),
        )
        for generation_id, key in generations.items()
    )
    # The wrap of the time before generations (made under Argon2 with the old sheet's key).
    school.recovery_salt = school.recovery_wrapped_key = b""
    school.recovery_opslimit = school.recovery_memlimit = 0
    school.save(
        update_fields=[
            "recovery_salt",
            "recovery_wrapped_key",
            "recovery_opslimit",
            "recovery_memlimit",
        ]
    )
    return recovery_key


def holders(school):
    """The users who hold the school's newest generation."""
    from django.contrib.auth import get_user_model

    current = current_generation(school)
    if current is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(generation_seals__generation=current)


def current_generation(school):
    return KeyGeneration.objects.filter(school=school).order_by("-number").first()


@transaction.atomic
def rotate(school, keyring, by) -> tuple[Keyring, str]:
    """Start a new generation after a member left (issue 13): new letters are sealed to it,
    every remaining holder and a new recovery key get it, and whoever is no longer an active
    member of the school loses their seals of every generation. Returns the holder's new
    keyring and the new recovery key to print."""
    from accounts.models import Membership

    generations = _generations_in(school, keyring)
    if len(generations) != KeyGeneration.objects.filter(school=school).count():
        raise KeyMissing()
    members = set(
        Membership.objects.filter(
            school=school, role__in=Membership.READERS, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    leavers = set(
        GenerationSeal.objects.filter(generation__school=school)
        .exclude(user_id__in=members)
        .values_list("user_id", flat=True)
    ) | set(
        KeyGrant.objects.filter(school=school)
        .exclude(user_id__in=members)
        .values_list("user_id", flat=True)
    )
    for user_id in leavers:
        drop_member(school, user_id)
    remaining = set(
        GenerationSeal.objects.filter(generation__school=school).values_list("user_id", flat=True)
    )
    last = KeyGeneration.objects.filter(school=school).order_by("-number").first()
    private_key = crypto.new_key_pair()
    generation = KeyGeneration.objects.create(
        school=school,
        number=last.number + 1,
        public_key=bytes(private_key.public_key),
        reason=KeyGeneration.ROTATION,
        started_by=by,
    )
    school.public_key = bytes(private_key.public_key)
    school.save(update_fields=["public_key"])
    for member_key in MemberKey.objects.filter(user_id__in=remaining):
        GenerationSeal.objects.create(
            generation=generation,
            user_id=member_key.user_id,
            sealed_key=crypto.seal(bytes(member_key.public_key), bytes(private_key)),
            granted_by=by,
        )
    new_keyring = Keyring([private_key, *keyring])
    generations[generation.pk] = private_key
    recovery_key = _new_recovery(school, new_keyring, generations)
    return new_keyring, recovery_key


def drop_member(school, user) -> int:
    """Delete a member's seals (and any old wrap) of every generation of this school."""
    user_id = getattr(user, "pk", user)
    seals, _ = GenerationSeal.objects.filter(generation__school=school, user_id=user_id).delete()
    grants, _ = KeyGrant.objects.filter(school=school, user_id=user_id).delete()
    return seals + grants


def recover(school, recovery_key: str) -> Keyring:
    """Every generation the printed recovery key opens. Raises nacl CryptoError otherwise."""
    pair = crypto.recovery_key_pair(recovery_key)
    seals = RecoverySeal.objects.filter(
        generation__school=school, recovery_public_key=bytes(pair.public_key)
    ).order_by("-generation__number")
    keys = [PrivateKey(crypto.open_sealed(pair, s.sealed_key)) for s in seals]
    if keys:
        return Keyring(keys)
    if school.recovery_wrapped_key:  # a sheet printed before generations
        params = crypto.KdfParams(school.recovery_opslimit, school.recovery_memlimit)
        key = crypto.normalise_recovery_key(recovery_key)
        return Keyring(
            [crypto.unwrap(school.recovery_wrapped_key, key, school.recovery_salt, params)]
        )
    raise nacl.exceptions.CryptoError("this recovery key does not open this school's key")


# --- A member's own key pair and the seals to it --------------------------------------------


def _wrapped(private_key: PrivateKey, password: str) -> dict:
    """A fresh wrap at today's cost: the fields of a MemberKey (or an old KeyGrant)."""
    params = crypto.vault_params()
    salt = crypto.new_salt()
    return {
        "salt": salt,
        "wrapped_key": crypto.wrap(private_key, password, salt, params),
        "kdf_opslimit": params.opslimit,
        "kdf_memlimit": params.memlimit,
    }


def new_member_key(user, password: str) -> PrivateKey:
    """A new key pair for the user, wrapped under the password. Seals to an earlier key pair
    can no longer be opened (the password was lost): they are deleted."""
    private = crypto.new_key_pair()
    GenerationSeal.objects.filter(user=user).delete()
    MemberKey.objects.update_or_create(
        user=user,
        defaults={"public_key": bytes(private.public_key), **_wrapped(private, password)},
    )
    return private


def member_private_key(user, password: str) -> PrivateKey | None:
    member = MemberKey.objects.filter(user=user).first()
    if member is None:
        return None
    key = crypto.unwrap(member.wrapped_key, password, member.salt, member.kdf_params)
    if member.kdf_params != crypto.vault_params():
        _rewrap(member, key, password)
    return key


def seal_to(school, user, keyring, by=None) -> int:
    """Give the user every generation of the school that the keyring holds. The user needs a
    key pair of their own (made when they set their password); no password is asked."""
    member = MemberKey.objects.get(user=user)
    count = 0
    for generation_id, key in _generations_in(school, keyring).items():
        GenerationSeal.objects.update_or_create(
            generation_id=generation_id,
            user=user,
            defaults={
                "sealed_key": crypto.seal(bytes(member.public_key), bytes(key)),
                "granted_by": by,
                "granted_at": timezone.now(),
            },
        )
        count += 1
    return count


@transaction.atomic
def grant(school, user, password: str, private_key, by=None) -> int:
    """From the commands, which know the password they set: the user's own key pair (made if
    missing, or made anew if this password does not open it — a reset), then the seals."""
    try:
        has_own = member_private_key(user, password) is not None
    except nacl.exceptions.CryptoError:
        has_own = False
    if not has_own:
        new_member_key(user, password)
    keyring = private_key if isinstance(private_key, Keyring) else Keyring([private_key])
    return seal_to(school, user, keyring, by=by)


def _rewrap(row, key: PrivateKey, password: str) -> None:
    fields = _wrapped(key, password)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))


def _convert_old_grants(user, password: str) -> None:
    """Issue 13: a wrap of the time before generations becomes a seal to the member's own key
    pair at their next login (existing schools' keys are their generation 1)."""
    grants = list(KeyGrant.objects.filter(user=user).select_related("school"))
    if not grants:
        return
    try:
        own = member_private_key(user, password)
    except nacl.exceptions.CryptoError:
        return
    for g in grants:
        try:
            key = crypto.unwrap(g.wrapped_key, password, g.salt, g.kdf_params)
        except nacl.exceptions.CryptoError:
            continue
        if own is None:
            own = new_member_key(user, password)
        seal_to(g.school, user, Keyring([key]))
        g.delete()


def rewrap_grants(user, old_password: str, new_password: str) -> None:
    """After a password change, wrap the user's own private key (and any old wrap of a school
    key, and a district specialist's key) under the new password."""
    member = MemberKey.objects.filter(user=user).first()
    if member is not None:
        key = crypto.unwrap(member.wrapped_key, old_password, member.salt, member.kdf_params)
        _rewrap(member, key, new_password)
    for g in KeyGrant.objects.filter(user=user):
        _rewrap(g, crypto.unwrap(g.wrapped_key, old_password, g.salt, g.kdf_params), new_password)
    specialist = _specialist(user)
    if specialist is not None:
        key = crypto.unwrap(
            specialist.wrapped_key, old_password, specialist.salt, specialist.kdf_params
        )
        _rewrap_specialist(specialist, key, new_password)


def _rewrap_specialist(specialist, key, password):
    params = crypto.vault_params()
    specialist.salt = crypto.new_salt()
    specialist.wrapped_key = crypto.wrap(key, password, specialist.salt, params)
    specialist.kdf_opslimit, specialist.kdf_memlimit = params.opslimit, params.memlimit
    specialist.save(update_fields=["salt", "wrapped_key", "kdf_opslimit", "kdf_memlimit"])


def _specialist(user):
    from urgent.models import ChildProtectionSpecialist

    return ChildProtectionSpecialist.objects.filter(user=user).first()


def new_specialist_key(password: str) -> dict:
    """A district child-protection specialist's own key pair, the private half wrapped under
    their password: the fields of urgent.models.ChildProtectionSpecialist."""
    private = crypto.new_key_pair()
    salt = crypto.new_salt()
    params = crypto.vault_params()
    return {
        "public_key": bytes(private.public_key),
        "salt": salt,
        "wrapped_key": crypto.wrap(private, password, salt, params),
        "kdf_opslimit": params.opslimit,
        "kdf_memlimit": params.memlimit,
    }


def specialist_key(request) -> PrivateKey | None:
    raw = session_get(request, "specialist")
    return PrivateKey(raw) if raw else None


# --- Secrets in a session, encrypted under a key that only the browser holds -------


def _cookie_box(request):
    raw = getattr(request, "vault_cookie_key", None)
    if raw is None:
        return None
    return nacl.secret.SecretBox(raw)


def session_put(request, name: str, secret: bytes) -> None:
    box = _cookie_box(request)
    request.session[SESSION_PREFIX + name] = base64.b64encode(box.encrypt(secret)).decode()


def session_get(request, name: str) -> bytes | None:
    stored = request.session.get(SESSION_PREFIX + name)
    box = _cookie_box(request)
    if not stored or box is None:
        return None
    try:
        return box.decrypt(base64.b64decode(stored))
    except (nacl.exceptions.CryptoError, ValueError):
        return None


def session_drop(request, name: str) -> None:
    request.session.pop(SESSION_PREFIX + name, None)


def _keyrings(user, own: PrivateKey) -> dict:
    """{school id: Keyring} of every generation sealed to the user, newest first."""
    rings = {}
    seals = GenerationSeal.objects.filter(user=user).select_related("generation")
    for seal in seals.order_by("generation__school_id", "-generation__number"):
        try:
            key = PrivateKey(crypto.open_sealed(own, seal.sealed_key))
        except nacl.exceptions.CryptoError:
            continue
        rings.setdefault(seal.generation.school_id, []).append(key)
    return {school_id: Keyring(keys) for school_id, keys in rings.items()}


def unlock(request, user, password: str) -> int:
    """At login: open the user's own key, and with it each school's keyring, into the session.
    Returns how many keys. A wrap made at another cost than today's is wrapped again."""
    count = 0
    _convert_old_grants(user, password)
    try:
        own = member_private_key(user, password)
    except nacl.exceptions.CryptoError:
        own = None
    if own is not None:
        # Kept (encrypted under the cookie) so a key granted or rotated while the member is
        # logged in opens without logging in again.
        session_put(request, "member", bytes(own))
        for school_id, keyring in _keyrings(user, own).items():
            session_put(request, f"school:{school_id}", keyring.encode())
            count += 1
    specialist = _specialist(user)
    if specialist is not None:
        try:
            key = crypto.unwrap(
                specialist.wrapped_key, password, specialist.salt, specialist.kdf_params
            )
        except nacl.exceptions.CryptoError:
            pass
        else:
            if specialist.kdf_params != crypto.vault_params():
                _rewrap_specialist(specialist, key, password)
            session_put(request, "specialist", bytes(key))
            count += 1
    return count


def school_key(request, school) -> Keyring | None:
    """The school's keyring in this session; refreshed from the seals when the school has a
    generation the session does not hold yet (a grant or a rotation since login). None for
    a member without the newest generation: every page then shows the letters as locked
    (not half of them opening) until a key holder gives it (the "School key" page)."""
    current = bytes(school.public_key)
    raw = session_get(request, f"school:{school.pk}")
    keyring = Keyring.decode(raw) if raw else None
    if keyring is not None and current in keyring.publics():
        return keyring
    own = session_get(request, "member")
    user = getattr(request, "user", None)
    if own is None or user is None or not user.is_authenticated:
        return None
    fresh = _keyrings(user, PrivateKey(own)).get(school.pk)
    if fresh is None:
        if keyring is not None:  # the seals are gone: the member was removed
            session_drop(request, f"school:{school.pk}")
        return None
    session_put(request, f"school:{school.pk}", fresh.encode())
    return fresh if current in fresh.publics() else None


def put_school_key(request, school, keyring) -> None:
    session_put(request, f"school:{school.pk}", keyring.encode())
