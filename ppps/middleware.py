"""The fast path of /cek/ for an anonymous reader (issue 12 part 5): a whole page cached by
``ppps.public_cache`` is answered here, before sessions, authentication, CSRF, the second
factor, messages, CSP and django-axes run, none of which has anything to do for an anonymous
reader without cookies. The page is stored with the headers the full stack gave it the first
time, so a hit carries the same CSP, X-Frame-Options and Content-Language; the middleware
above this one (security headers, gzip) runs on every answer.

A reader with a session or message cookie, a bad or missing number, a number that finds
nothing, or a page not cached yet goes the normal way through ``ppps.views.public.cek``.
The lookup limit is counted here once; the view does not count the same request again.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from sisp import ratelimit

from . import conf
from .forms_public import LookupForm
from .public_cache import cached_lookup
from .register import normalise_register

COUNTED = "ppps_lookup_counted"


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
        form = LookupForm(request.GET)
        if not form.is_valid():
            return self.get_response(request)
        if not ratelimit.allow(request, "cek", conf.lookup_rate()):
            from .views.public import too_many

            return too_many(request)
        setattr(request, COUNTED, True)
        found = cached_lookup(normalise_register(form.cleaned_data["nomor"]), page=True)
        if found.page is not None:
            content, headers = found.page
            return HttpResponse(content, headers=headers)
        request.ppps_found = found  # the view renders these results, without a second lookup
        response = self.get_response(request)
        if (
            response.status_code == 200
            and getattr(response, "ppps_lookup", None) is found
            and not response.cookies
        ):
            found.store_page((response.content, dict(response.items())))
        return response
