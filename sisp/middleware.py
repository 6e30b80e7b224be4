"""SISP's own middleware: headers every response carries, and compression of public HTML
without opening a BREACH (see settings.MIDDLEWARE for where each sits)."""

from django.db import DatabaseError
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_vary_headers
from django.utils.text import compress_string

# Browser features SISP never uses, switched off for every page and anything it might embed.
# Only names that current browsers know (an unknown name is logged in the browser console).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
)


def _signed_in(request):
    user = getattr(request, "user", None)
    if user is None:
        return False  # answered before authentication (a static file, an HTTPS redirect)
    try:
        return user.is_authenticated
    except DatabaseError:
        return True  # the session could not be read: do not let the page be kept


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response, and ``Cache-Control: no-store`` (Django's
    ``add_never_cache_headers``) on every response to a signed-in user, so no shared or
    browser cache keeps a page of records, cases or people. Public pages that show personal
    data (the complaint's PIN, the reporter's page) are marked ``@never_cache`` in their
    views. Sits first in MIDDLEWARE so it also sees the answers of the middleware below it
    (static files, CSRF refusals, lockouts, error pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # An answer that already says no-store (a protected file) is left as its view made it.
        if "no-store" not in response.get("Cache-Control", "") and _signed_in(request):
            add_never_cache_headers(response)
        return response


# Compression of HTML for the public, without opening a BREACH.
# BREACH recovers a secret from the size of compressed responses that carry both the secret and
# text the attacker chooses (a reflected search term). So only responses that carry no secret are
# compressed: for an anonymous visitor, with no CSRF token rendered into the page and not marked
# private by ``never_cache`` (the complaint receipt with its PIN, the reporter's page, a
# complaint's answer). Staff pages, every form and every protected download go out as they are.
# Django's own GZipMiddleware also pads each response by random bytes (Django 4.2+), a second
# line of defence, not the first.


def _marked_private(response):
    directives = {
        d.split("=", 1)[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & {"private", "no-store"})


class PublicGZipMiddleware(GZipMiddleware):
    """GZipMiddleware for responses without secrets (see the comment above). Place it after
    WhiteNoise (static files are served pre-compressed and never reach it) and before the
    middleware that may touch the response body."""

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _marked_private(response):
            return response
        gzipped = getattr(response, "gzipped", None)
        if gzipped is None:
            return super().process_response(request, response)
        # A page kept with its compressed form (the /cek/ fast path, ppps/middleware.py): what
        # GZipMiddleware would do, without compressing the same bytes again on every hit.
        patch_vary_headers(response, ("Accept-Encoding",))
        if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response.content = gzipped
            response.headers["Content-Length"] = str(len(gzipped))
            response.headers["Content-Encoding"] = "gzip"
        return response


def precompressed(content, headers):
    """The gzip body ``PublicGZipMiddleware`` may send for a kept page, or None where
    GZipMiddleware would not compress it (short, already encoded, an ETag to weaken)."""
    names = {name.lower() for name in headers}
    if len(content) < 200 or names & {"content-encoding", "etag"}:
        return None
    gzipped = compress_string(content, max_random_bytes=PublicGZipMiddleware.max_random_bytes)
    return gzipped if len(gzipped) < len(content) else None
