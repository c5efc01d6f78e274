from django.conf import settings


def absolute_url(path):
    """The public address of a path (for mails, QR codes, the website snippet)."""
    return settings.SITE_URL.rstrip("/") + path
