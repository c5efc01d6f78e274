"""The only place that touches keys: seal and open appeal content (DESIGN.md §4).

Each school has an X25519 key pair. Content is sealed to the school's public key
(and author-visible content also to the author's key, derived from the receipt
code). The school's key comes in generations (a new one when a member leaves); each generation's
private key is stored only sealed: to each key holder's own public key (their private half
wrapped under their password) and to the printed recovery key.
While a staff member is logged in, the unwrapped key sits in their session
encrypted under a secret that lives only in their browser's cookie.
"""

from vault.crypto import (  # noqa: F401
    AuthorKey,
    KdfParams,
    Keyring,
    author_key,
    format_receipt,
    new_receipt_code,
    normalise_receipt,
    open_sealed,
    open_text,
    seal,
    seal_text,
)
