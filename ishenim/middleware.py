"""Security headers for every response (a strict CSP and no third parties, ever), the
language of staff pages, and the worker's garbage collector."""

import gc

from django.conf import settings
from django.utils import translation

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("X-Robots-Tag", "noindex")
        return response

    return middleware


def is_staff_page(path: str) -> bool:
    return path.startswith(tuple(settings.STAFF_PATH_PREFIXES))


def staff_language(get_response):
    """Staff pages speak Kyrgyz when the active language is one offered to authors only.

    Uzbek is there for pupils: the author pages are translated, the staff pages are not
    (the regulations, the journal and the reports exist in Kyrgyz and Russian only, and a
    social pedagogue works in them). A staff member whose cookie or browser asks for Uzbek
    would otherwise see English msgids mixed with Kyrgyz names, so those pages fall back to
    Kyrgyz, the default. The cookie is left alone: the same person back on the author pages
    still reads Uzbek. Placed after LocaleMiddleware, which chose the language from the
    cookie or Accept-Language; its response hook then reports the fallback in
    Content-Language.
    """

    def middleware(request):
        if (
            is_staff_page(request.path_info)
            and translation.get_language() in settings.AUTHOR_ONLY_LANGUAGES
        ):
            translation.activate(settings.STAFF_FALLBACK_LANGUAGE)
            request.LANGUAGE_CODE = settings.STAFF_FALLBACK_LANGUAGE
        return get_response(request)

    return middleware


# The first requests of a worker load what it keeps for good: the URL map, the templates, the
# translation catalogs, the regulations. Frozen after each of them (gc.freeze moves every object
# tracked so far out of the collector's sight: a list splice, no scan).
FREEZE_AFTER = 10


def freeze_loaded_objects(get_response):
    """Issue 16: with ~200,000 long-lived objects a full collection took ~80 ms on this machine
    and fell on about one request in 60 (the journal's p95 was that pause). Once frozen, a
    collection scans only what requests made since. The cost: garbage of those first requests
    is never reclaimed (a few requests' worth, once per worker)."""
    left = FREEZE_AFTER

    def middleware(request):
        nonlocal left
        response = get_response(request)
        if left:
            left -= 1
            gc.freeze()
        return response

    return middleware
