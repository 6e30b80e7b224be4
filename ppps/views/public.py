"""Public pages: /cek/ (case status by register number) and /statistik/.

This module never imports Pihak or a document model: the public sees only what
``ppps.public.public_facts`` builds (domain note, "What the public may see").
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from sisp import ratelimit
from sisp.views.public import public_office_by_slug, public_offices

from .. import conf
from ..forms_public import LookupForm
from ..models import normalise_register
from ..public import tanggal_id
from ..public_cache import cached_lookup
from ..stats import bar_chart, counts, on_time_by_office, public_queryset


def too_many(request, rate=None):
    """The Indonesian refusal for a client over ``rate`` (default: the lookup allowance),
    HTTP 429 naming the real window."""
    return ratelimit.too_many(
        request, rate or conf.lookup_rate(), template="ppps/public/too_many.html"
    )


def _page_cacheable(request):
    """Only an anonymous reader with no session and no pending message gets the shared page:
    everyone else's page may carry their name or a message (templates/base.html)."""
    return not request.user.is_authenticated and not (
        {settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys()
    )


@login_not_required
@require_safe
def cek(request):
    form = LookupForm(request.GET or None)
    found, searched = None, False
    if form.is_bound:
        if not ratelimit.allow(request, "cek", conf.lookup_rate()):
            return too_many(request)
        if form.is_valid():
            searched = True
            shared = _page_cacheable(request)
            found = cached_lookup(normalise_register(form.cleaned_data["nomor"]), page=shared)
            if found.page is not None:
                return HttpResponse(found.page)
    context = {
        "form": form,
        "results": found.results if found else [],
        "searched": searched,
    }
    response = render(request, "ppps/public/cek.html", context)
    if found is not None and found.results:
        found.store_page(response.content)
    return response


@login_not_required
@require_safe
def statistik(request):
    office = public_office_by_slug(request.GET.get("kantor", ""))
    today = timezone.localdate()
    key = f"ppps:statistik:{office['pk'] if office else 'all'}:{today:%Y%m%d}"
    data = cache.get(key)
    if data is None:
        data = counts(public_queryset(office["pk"] if office else None), today)
        data["on_time"] = on_time_by_office(public_offices(), office["pk"] if office else None)
        data["taken_at"] = tanggal_id(timezone.now(), with_time=True)
        cache.set(key, data, 300)
    context = {
        **data,
        "chart": bar_chart(data["by_month"]),
        "office": office,
        "public_office": office,
        "offices": public_offices(),
    }
    return render(request, "ppps/public/statistik.html", context)
