"""Keys of long jobs (issue 15): an export made by the worker, which holds no school key.

A job gets a fresh secret key. The requester's session keeps it (under the secret held in
their browser's cookie, like the school key); the school key goes to the worker sealed under
it, and the finished file comes back sealed the same way. So the file at rest opens only in
the session that asked for it, and the sealed school key is wiped when the job ends.
"""

import nacl.exceptions
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey

from vault.crypto import Keyring
from vault.keys import session_drop, session_get, session_put


def new_job_key(request, job_id: int) -> bytes:
    """A fresh key for this job, kept in the requester's session."""
    key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
    session_put(request, f"job:{job_id}", key)
    return key


def job_key(request, job_id: int) -> bytes | None:
    return session_get(request, f"job:{job_id}")


def forget_job_key(request, job_id: int) -> None:
    session_drop(request, f"job:{job_id}")


def seal_school_key(key: bytes, school_key: Keyring | PrivateKey) -> bytes:
    """Every generation the requester holds goes to the worker: a year's journal holds letters
    sealed to older generations too."""
    ring = school_key if isinstance(school_key, Keyring) else Keyring([school_key])
    return nacl.secret.SecretBox(key).encrypt(ring.encode())


def open_school_key(key: bytes, sealed: bytes) -> Keyring:
    return Keyring.decode(nacl.secret.SecretBox(key).decrypt(bytes(sealed)))


def seal_file(key: bytes, data: bytes) -> bytes:
    return nacl.secret.SecretBox(key).encrypt(data)


def open_file(key: bytes, sealed: bytes) -> bytes | None:
    """The file, or None when this key is not the job's (another session)."""
    try:
        return nacl.secret.SecretBox(key).decrypt(bytes(sealed))
    except nacl.exceptions.CryptoError:
        return None
