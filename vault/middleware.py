"""Give each browser a random key, held only in its cookie, that encrypts its session secrets."""

import base64
import binascii

import nacl.secret
import nacl.utils
from django.conf import settings

from vault.keys import COOKIE_NAME


def vault_cookie(get_response):
    def middleware(request):
        raw = None
        value = request.COOKIES.get(COOKIE_NAME)
        if value:
            try:
                raw = base64.urlsafe_b64decode(value)
            except (binascii.Error, ValueError):
                raw = None
            if raw is not None and len(raw) != nacl.secret.SecretBox.KEY_SIZE:
                raw = None
        fresh = raw is None
        if fresh:
            raw = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
        request.vault_cookie_key = raw
        response = get_response(request)
        # Set the cookie only when a secret was stored with it.
        session = getattr(request, "session", None)
        if fresh and session is not None and session.accessed and _holds_secret(session):
            response.set_cookie(
                COOKIE_NAME,
                base64.urlsafe_b64encode(raw).decode(),
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
        return response

    return middleware


def _holds_secret(session):
    return any(k.startswith("vault:") for k in session.keys())
