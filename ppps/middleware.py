"""The fast path of /cek/ for an anonymous reader (issue 12 part 5): a whole page cached by
``ppps.public_cache`` is answered here, before sessions, locale, CSRF, authentication, the
second factor, messages, CSP and django-axes run, none of which has anything to do for an
anonymous reader without cookies, and without rendering a template. The page is stored with
the headers the full stack gave it the first time, so a hit carries the same CSP,
X-Frame-Options, Content-Language and Vary; the middleware above this one (Permissions-Policy,
HSTS, nosniff, Referrer-Policy, gzip) runs on every answer.

A hit costs one cache round trip (the lookup limit counted, the rules token, the number's
version and the page read together: ``sisp.ratelimit.allow_and_get``) and no database read.
A reader with a session or message cookie, a bad or missing number, a number that finds
nothing, or a page not cached yet goes the normal way through ``ppps.views.public.cek``.
The lookup limit is counted here once; the view does not count the same request again.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from sisp.middleware import precompressed

from .forms_public import LookupForm
from .public_cache import cached_page
from .register import normalise_register

COUNTED = "ppps_lookup_counted"
# What LookupForm accepts (CharField: stripped, required, max_length, no NUL); anything else
# goes to the view, whose form explains the error.
MAX_LENGTH = LookupForm.base_fields["nomor"].max_length


def shareable(request):
    """Only an anonymous reader with no session and no pending message gets the shared page:
    everyone else's page may carry their name or a message (templates/base.html)."""
    return not ({settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys())


class CachedLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if self.path is None:
            self.path = reverse("ppps_public:cek")
        if request.path != self.path or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not shareable(request) or "nomor" not in request.GET:
            return self.get_response(request)
        text = request.GET.get("nomor", "").strip()
        if not text or len(text) > MAX_LENGTH or "\x00" in text:
            return self.get_response(request)
        allowed, found = cached_page(request, normalise_register(text))
        if not allowed:
            from .views.public import too_many

            return too_many(request)
        setattr(request, COUNTED, True)
        if found.page is not None:
            content, headers, gzipped = found.page
            response = HttpResponse(content, headers=headers)
            response.gzipped = gzipped  # sisp.middleware.PublicGZipMiddleware sends it if asked
            return response
        request.ppps_found = found  # the view renders these results, without a second lookup
        response = self.get_response(request)
        if (
            response.status_code == 200
            and getattr(response, "ppps_lookup", None) is found
            and not response.cookies
        ):
            headers = dict(response.items())
            content = response.content
            found.store_page((content, headers, precompressed(content, headers)))
        return response
