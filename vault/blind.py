"""Keys of the sealed search's blind index (search/index.py says what the index reveals).

The index key is derived from the school's private key, so it is sealed exactly like the
content: only a request holding the school key (a key holder's session) can compute it, and
the database, the files and the settings hold nothing that gives it. A new school key (a new
generation) gives a new index key, and letters indexed under the old one are indexed again.
"""

import hashlib

from nacl.public import PrivateKey

TOKEN_BYTES = 8  # 64 bits: a false match per school is about n²/2⁶⁵, nil at any school's size


def index_key(private_key: PrivateKey) -> bytes:
    return hashlib.blake2b(bytes(private_key), digest_size=32, person=b"ishenim-index").digest()


def key_id(index_key: bytes) -> int:
    """Which index key made a letter's terms: a hash of it, which gives the key away no more
    than any other keyed hash does."""
    digest = hashlib.blake2b(index_key, digest_size=8, person=b"ishenim-indexid").digest()
    return int.from_bytes(digest, "big", signed=True)


def token(index_key: bytes, stem: str) -> int:
    """The keyed hash of one word stem, as a signed 64-bit integer (a compact SQL column)."""
    digest = hashlib.blake2b(stem.encode(), digest_size=TOKEN_BYTES, key=index_key).digest()
    return int.from_bytes(digest, "big", signed=True)
