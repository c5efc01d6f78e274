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


@dataclass(frozen=True)
class KdfParams:
    """The Argon2id cost a hash or a wrap was made with. It is stored beside each one, so
    changing the settings never locks anyone out: old ones open with their own parameters."""

    opslimit: int
    memlimit: int

    @classmethod
    def of(cls, opslimit: int, memlimit: int) -> "KdfParams":
        return cls(
            max(int(opslimit), nacl.pwhash.argon2id.OPSLIMIT_MIN),
            max(int(memlimit), nacl.pwhash.argon2id.MEMLIMIT_MIN),
        )


def vault_params() -> KdfParams:
    """Today's cost for new wraps of keys under passwords and the recovery key."""
    return KdfParams.of(settings.VAULT_OPSLIMIT, settings.VAULT_MEMLIMIT)


def receipt_params() -> KdfParams:
    """Today's cost for new receipt codes (cheaper: see RECEIPT_* in the settings)."""
    return KdfParams.of(settings.RECEIPT_OPSLIMIT, settings.RECEIPT_MEMLIMIT)


def _kdf(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        secret.encode(),
        salt,
        opslimit=params.opslimit,
        memlimit=params.memlimit,
    )


def new_salt() -> bytes:
    return nacl.utils.random(SALT_BYTES)


def new_key_pair() -> PrivateKey:
    return PrivateKey.generate()


def wrap(private_key: PrivateKey, secret: str, salt: bytes, params: KdfParams) -> bytes:
    """Store `params` beside the result: unwrap needs the same ones."""
    return nacl.secret.SecretBox(_kdf(secret, salt, params)).encrypt(bytes(private_key))


def unwrap(wrapped: bytes, secret: str, salt: bytes, params: KdfParams) -> PrivateKey:
    """Raises nacl.exceptions.CryptoError when the secret is wrong."""
    box = nacl.secret.SecretBox(_kdf(secret, bytes(salt), params))
    return PrivateKey(box.decrypt(bytes(wrapped)))


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
    params: KdfParams  # stored with the lookup hash: the code opens with these ever after

    @property
    def public_key(self) -> bytes:
        return bytes(self.private_key.public_key)


def author_key(code: str, school_salt: bytes, params: KdfParams | None = None) -> AuthorKey:
    """`params`: those stored with the receipt; today's receipt cost for a new one."""
    params = params or receipt_params()
    master = _kdf(code, bytes(school_salt), params)
    lookup = hashlib.blake2b(master, digest_size=32, person=b"ishenim-lookup").digest()
    seed = hashlib.blake2b(master, digest_size=32, person=b"ishenim-author").digest()
    return AuthorKey(lookup=lookup, private_key=PrivateKey(seed), params=params)


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
