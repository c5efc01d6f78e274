"""Compression only where it cannot leak a secret.

BREACH (breachattack.com): when a compressed HTTPS response holds both a secret and text an
attacker can influence, the attacker who sees the sizes on the network (the school's Wi-Fi,
a district router) can guess the secret a character at a time, each right guess making the
response a few bytes shorter. Pages here that hold a secret next to such text:
- the receipt page: the 16-digit code, beside the school's and the letter's data;
- "check my appeal": it echoes the typed code on a wrong guess;
- the author's conversation: sealed letters, beside messages anyone could have written;
- every staff page: opened letters and names beside letters written by outsiders, and the
  journal echoes its search query (?q=) from a URL another site can make a browser open.
So HTML is compressed only on an allow-list of public pages that show nothing secret and
echo nothing from the request (GET, no query string), and static files always. Django's
CSRF token, present in forms, is masked anew in every response (Django's own BREACH
measure), and GZipMiddleware pads the gzip header with random bytes; neither is relied on.

Static files: in production collectstatic writes .gz files (CompressedManifestStaticFilesStorage)
that WhiteNoise or nginx (gzip_static) serve as they are; elsewhere they are gzipped here.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

# URL names of pages with no secret and no echo of the request: compressed.
PUBLIC_PAGES = {
    "intake:schools",  # the national school list: the largest page (only without ?q=)
    "intake:school",
    "intake:write",  # the first step: anonymous or with a name
    # The empty forms (GET); a form sent back with errors echoes the letter (a POST).
    "intake:write-anonymous",
    "intake:write-signed",
    "board:public",  # answers published on the school's board are public by definition
}


def may_compress(request, response):
    if response.status_code != 200 or response.has_header("Content-Encoding"):
        return False
    if request.path.startswith(settings.STATIC_URL):
        return True
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in PUBLIC_PAGES


class PublicCompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
