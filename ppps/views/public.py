"""Public pages: /cek/ (case status by register number) and /statistik/.

This module never imports Pihak or a document model: the public sees only what
``ppps.public.public_facts`` builds (domain note, "What the public may see").
"""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from sisp import ratelimit
from sisp.views.public import public_office_by_slug, public_offices

from .. import conf
from ..forms_public import LookupForm
from ..middleware import COUNTED
from ..public import tanggal_id
from ..public_cache import cached_lookup
from ..register import normalise_register
from ..stats import bar_chart, counts, on_time_by_office, public_queryset


def too_many(request, rate=None):
    """The Indonesian refusal for a client over ``rate`` (default: the lookup allowance),
    HTTP 429 naming the real window."""
    return ratelimit.too_many(
        request, rate or conf.lookup_rate(), template="ppps/public/too_many.html"
    )


@login_not_required
@require_safe
def cek(request):
    """The lookup. An anonymous reader's page for a found number is kept whole and answered
    from then on by ``ppps.middleware.CachedLookupMiddleware``, which also counted the limit."""
    form = LookupForm(request.GET or None)
    found, searched = None, False
    if form.is_bound:
        counted = getattr(request, COUNTED, False)
        if not counted and not ratelimit.allow(request, "cek", conf.lookup_rate()):
            return too_many(request)
        if form.is_valid():
            searched = True
            found = getattr(request, "ppps_found", None) or cached_lookup(
                normalise_register(form.cleaned_data["nomor"])
            )
    context = {
        "form": form,
        "results": found.results if found else [],
        "searched": searched,
    }
    response = render(request, "ppps/public/cek.html", context)
    if found is not None and found.results and not request.user.is_authenticated:
        response.ppps_lookup = found  # the middleware keeps the page, with its final headers
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
        "chart": bar_chart(data["by_month"], height=240, foot=48),
        "office": office,
        "public_office": office,
        "offices": public_offices(),
    }
    return render(request, "ppps/public/statistik.html", context)
