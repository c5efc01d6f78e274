"""Primitives: sealed boxes, Argon2id key derivation, receipt codes, key wrapping."""

import base64
import hashlib
import secrets
from dataclasses import dataclass

import nacl.pwhash
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES


def _kdf(secret: str, salt: bytes) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        secret.encode(),
        salt,
        opslimit=max(settings.VAULT_OPSLIMIT, nacl.pwhash.argon2id.OPSLIMIT_MIN),
        memlimit=max(settings.VAULT_MEMLIMIT, nacl.pwhash.argon2id.MEMLIMIT_MIN),
    )


def new_salt() -> bytes:
    return nacl.utils.random(SALT_BYTES)


def new_key_pair() -> PrivateKey:
    return PrivateKey.generate()


def wrap(private_key: PrivateKey, secret: str, salt: bytes) -> bytes:
    return nacl.secret.SecretBox(_kdf(secret, salt)).encrypt(bytes(private_key))


def unwrap(wrapped: bytes, secret: str, salt: bytes) -> PrivateKey:
    """Raises nacl.exceptions.CryptoError when the secret is wrong."""
    return PrivateKey(nacl.secret.SecretBox(_kdf(secret, salt)).decrypt(bytes(wrapped)))


def seal(public_key: bytes, data: bytes) -> bytes:
    return SealedBox(PublicKey(bytes(public_key))).encrypt(data)


def seal_text(public_key: bytes, text: str) -> bytes:
    return seal(public_key, text.encode())


def open_sealed(private_key: PrivateKey, sealed: bytes) -> bytes:
    return SealedBox(private_key).decrypt(bytes(sealed))


def open_text(private_key: PrivateKey, sealed: bytes | None) -> str:
    if not sealed:
        return ""
    return open_sealed(private_key, sealed).decode()


# --- Receipt codes: 16 random digits, shown as 4 groups of 4 -----------------------


def new_receipt_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(16))


def normalise_receipt(typed: str) -> str | None:
    """Accept the code typed with spaces, dashes or none; None when it cannot be a code."""
    digits = "".join(ch for ch in typed if not ch.isspace() and ch not in "-–—.")
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def format_receipt(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class AuthorKey:
    """What one slow hash of the receipt code gives: a lookup hash and the author's key."""

    lookup: bytes
    private_key: PrivateKey

    @property
    def public_key(self) -> bytes:
        return bytes(self.private_key.public_key)


def author_key(code: str, school_salt: bytes) -> AuthorKey:
    master = _kdf(code, bytes(school_salt))
    lookup = hashlib.blake2b(master, digest_size=32, person=b"ishenim-lookup").digest()
    seed = hashlib.blake2b(master, digest_size=32, person=b"ishenim-author").digest()
    return AuthorKey(lookup=lookup, private_key=PrivateKey(seed))


# --- A receipt kept for a few minutes under the form's token (a double tap on Send) ------


def _token_hash(token: str, person: bytes) -> bytes:
    return hashlib.blake2b(token.encode(), digest_size=32, person=person).digest()


def token_lookup(token: str) -> bytes:
    """What is stored to find the receipt of a form: never the token itself."""
    return _token_hash(token, b"ishenim-pending")


def seal_under_token(token: str, data: bytes) -> bytes:
    """Only a request that posts the same form (the same random token) can open it again."""
    return nacl.secret.SecretBox(_token_hash(token, b"ishenim-pendkey")).encrypt(data)


def open_under_token(token: str, sealed: bytes) -> bytes:
    """Raises nacl.exceptions.CryptoError for another token."""
    return nacl.secret.SecretBox(_token_hash(token, b"ishenim-pendkey")).decrypt(bytes(sealed))


def new_recovery_key() -> str:
    """A recovery key to print and keep in the school safe: 8 groups of 4 letters/digits."""
    raw = base64.b32encode(secrets.token_bytes(20)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))
