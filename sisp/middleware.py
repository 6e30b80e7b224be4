"""Compression of HTML for the public, without opening a BREACH.

BREACH recovers a secret from the size of compressed responses that carry both the secret and
text the attacker chooses (a reflected search term). So only responses that carry no secret are
compressed: for an anonymous visitor, with no CSRF token rendered into the page and not marked
private by ``never_cache`` (the complaint receipt with its PIN, the reporter's page, a
complaint's answer). Staff pages, every form and every protected download go out as they are.
Django's own GZipMiddleware also pads each response by random bytes (Django 4.2+), a second
line of defence, not the first.
"""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re


def _marked_private(response):
    directives = {
        d.split("=", 1)[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & {"private", "no-store"})


class PublicGZipMiddleware(GZipMiddleware):
    """GZipMiddleware for responses without secrets (module docstring). Place it after
    WhiteNoise (static files are served pre-compressed and never reach it) and before the
    middleware that may touch the response body."""

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _marked_private(response):
            return response
        return super().process_response(request, response)
