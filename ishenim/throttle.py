"""Atomic attempt counters in the cache, and the attempt source as a short-lived keyed hash.

No address is ever stored or logged (DESIGN.md §4). This is the one module that reads the
client's address (`_address`, hashed at once by `source`; the address itself is never returned
to a caller, put in an exception or logged), and no module reads the user agent
(ishenim/tests/test_deployment_files_keep_no_address.py keeps it so; the framework's error
reports neither print nor mail a request: settings.LOGGING, vault/tests/test_confidentiality.py).

To tell one attempt source from another, the client address is hashed with a random pepper
that lives only in the cache and is replaced every PEPPER_SECONDS: the hash is kept in the
cache for minutes, as part of a counter's key, and once the pepper is gone nobody — not even
with the database, the files and the settings — can link it to an address again.

Attempts are counted before they are checked (`take`), with the cache's atomic add/incr: of
many parallel requests only the first `limit` get to try, the rest are refused unheard.
With several app processes the cache must be shared (CACHE_URL=redis://…); the default
in-memory cache counts per process.
"""

import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.core.cache import cache

PEPPER_KEY = "throttle:pepper"
PEPPER_SECONDS = 3600


def _pepper() -> bytes:
    pepper = cache.get(PEPPER_KEY)
    if pepper is None:
        cache.add(PEPPER_KEY, secrets.token_hex(32), PEPPER_SECONDS)
        pepper = cache.get(PEPPER_KEY) or secrets.token_hex(32)
    return bytes.fromhex(pepper)


def keyed(value: str) -> str:
    """A short-lived keyed hash (see above): the same value gives the same hash for up to an
    hour, and nothing links it back afterwards."""
    return hashlib.blake2b(
        value.encode(), key=_pepper(), digest_size=16, person=b"ishenim-source"
    ).hexdigest()


def _address(request) -> str:
    if settings.SOURCE_ADDRESS_HEADER:
        # Behind nginx every request comes from the proxy: it passes the client's address.
        raw = request.META.get(settings.SOURCE_ADDRESS_HEADER, "").split(",")[0].strip()
    else:
        raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:  # one household or phone holds a whole /64
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def source(request) -> str:
    """The attempt source: a keyed hash of the client's address, never the address."""
    return keyed(_address(request))


def take(key: str, limit: int, seconds: int) -> bool:
    """Count one attempt under `key` (the window starts with the first one); False when this
    attempt is past `limit` and must be refused without being checked."""
    return hit(key, seconds) <= limit


def hit(key: str, seconds: int) -> int:
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 1, seconds)
        return 1


def count(key: str) -> int:
    return cache.get(key, 0)


def give_back(key: str) -> None:
    """An attempt that turned out right does not count against a shared source."""
    try:
        cache.decr(key)
    except ValueError:
        pass


def clear(key: str) -> None:
    cache.delete(key)
