"""Primitives: sealed boxes, Argon2id key derivation, receipt codes, key wrapping."""

import base64
import hashlib
import secrets
from dataclasses import dataclass

import nacl.exceptions
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


class Keyring:
    """A school's private keys of every generation its holder has, newest first.

    Content does not say which generation it was sealed to (a sealed box names no
    recipient), and the apps that store it need not know: opening tries the newest key
    first, then the older ones. A wrong key fails at the MAC after one X25519 step, so even
    a school with a few generations opens a page's texts in microseconds."""

    def __init__(self, keys):
        self.keys = [k if isinstance(k, PrivateKey) else PrivateKey(bytes(k)) for k in keys]
        if not self.keys:
            raise ValueError("a keyring holds at least one key")

    @property
    def public_key(self):
        """The newest generation's public key."""
        return self.keys[0].public_key

    def __bytes__(self):
        return bytes(self.keys[0])

    def __iter__(self):
        return iter(self.keys)

    def __len__(self):
        return len(self.keys)

    def encode(self) -> bytes:
        return b"".join(bytes(k) for k in self.keys)

    @classmethod
    def decode(cls, raw: bytes) -> "Keyring":
        size = PrivateKey.SIZE
        return cls(raw[i : i + size] for i in range(0, len(raw), size))

    def publics(self) -> set[bytes]:
        return {bytes(k.public_key) for k in self.keys}


def open_sealed(private_key, sealed: bytes) -> bytes:
    """`private_key`: a PrivateKey or a Keyring (every generation is tried, newest first)."""
    keys = private_key.keys if isinstance(private_key, Keyring) else [private_key]
    error = None
    for key in keys:
        try:
            return SealedBox(key).decrypt(bytes(sealed))
        except nacl.exceptions.CryptoError as e:
            error = e
    raise error


def open_text(private_key, sealed: bytes | None) -> str:
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


def normalise_recovery_key(typed: str) -> str:
    """Typed in any case, with or without dashes and spaces: AAAA-BBBB-… as printed."""
    key = "".join(typed.split()).upper().replace("-", "")
    return "-".join(key[i : i + 4] for i in range(0, len(key), 4))


def recovery_key_pair(recovery_key: str) -> PrivateKey:
    """The key pair of a printed recovery key. The key is 160 random bits, out of reach of
    any guessing, so a fast derivation suffices (issue 16): no Argon2 here."""
    seed = hashlib.blake2b(
        normalise_recovery_key(recovery_key).encode(), digest_size=32, person=b"ishenim-recover"
    ).digest()
    return PrivateKey(seed)
