"""School keys: creation, grants to staff, unlocking into a session, recovery."""

import base64

import nacl.exceptions
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey

from vault import crypto
from vault.models import KeyGrant

COOKIE_NAME = "vk"
SESSION_PREFIX = "vault:"


def create_school_keys(school) -> tuple[PrivateKey, str]:
    """Give a new school its key pair; return the private key and the recovery key to print."""
    private_key = crypto.new_key_pair()
    recovery_key = crypto.new_recovery_key()
    school.public_key = bytes(private_key.public_key)
    params = crypto.vault_params()
    school.recovery_salt = crypto.new_salt()
    school.recovery_wrapped_key = crypto.wrap(
        private_key, recovery_key, school.recovery_salt, params
    )
    school.recovery_opslimit, school.recovery_memlimit = params.opslimit, params.memlimit
    school.receipt_salt = crypto.new_salt()
    return private_key, recovery_key


def recover(school, recovery_key: str) -> PrivateKey:
    key = recovery_key.strip().upper().replace(" ", "")
    if "-" not in key and len(key) == 32:
        key = "-".join(key[i : i + 4] for i in range(0, 32, 4))
    params = crypto.KdfParams(school.recovery_opslimit, school.recovery_memlimit)
    return crypto.unwrap(school.recovery_wrapped_key, key, school.recovery_salt, params)


def _wrapped(private_key: PrivateKey, password: str) -> dict:
    """A fresh wrap at today's cost: the fields of a KeyGrant."""
    params = crypto.vault_params()
    salt = crypto.new_salt()
    return {
        "salt": salt,
        "wrapped_key": crypto.wrap(private_key, password, salt, params),
        "kdf_opslimit": params.opslimit,
        "kdf_memlimit": params.memlimit,
    }


def grant(school, user, password: str, private_key: PrivateKey) -> KeyGrant:
    obj, _ = KeyGrant.objects.update_or_create(
        user=user, school=school, defaults=_wrapped(private_key, password)
    )
    return obj


def _rewrap(g: KeyGrant, key: PrivateKey, password: str) -> None:
    fields = _wrapped(key, password)
    for name, value in fields.items():
        setattr(g, name, value)
    g.save(update_fields=list(fields))


def rewrap_grants(user, old_password: str, new_password: str) -> None:
    """After a password change, wrap every school key of the user under the new password."""
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


def unlock(request, user, password: str) -> int:
    """At login: unwrap each school key of the user into the session. Returns how many.
    A wrap made at another cost than today's settings is wrapped again at today's."""
    count = 0
    today = crypto.vault_params()
    for g in KeyGrant.objects.filter(user=user):
        try:
            key = crypto.unwrap(g.wrapped_key, password, g.salt, g.kdf_params)
        except nacl.exceptions.CryptoError:
            continue
        if g.kdf_params != today:
            _rewrap(g, key, password)
        session_put(request, f"school:{g.school_id}", bytes(key))
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
            if specialist.kdf_params != today:
                _rewrap_specialist(specialist, key, password)
            session_put(request, "specialist", bytes(key))
            count += 1
    return count


def school_key(request, school) -> PrivateKey | None:
    raw = session_get(request, f"school:{school.pk}")
    return PrivateKey(raw) if raw else None
