"""Headers every response carries (see settings.MIDDLEWARE for where this sits)."""

from django.db import DatabaseError
from django.utils.cache import add_never_cache_headers

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
