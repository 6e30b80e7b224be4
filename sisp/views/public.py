"""The public front: `/` (find your office), `/kantor/<office>/` (an office's public home),
`/healthz`.

Public templates get plain dicts of allow-listed office fields (``OFFICE_FIELDS``), never an
``Office`` instance. The list of active offices is held per process for a minute and dropped
whenever an office is saved, so the header of every public page costs no query.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..models import Office

logger = logging.getLogger(__name__)

OFFICE_FIELDS = [
    "pk",
    "name",
    "short_name",
    "slug",
    "code",
    "level",
    "parent_id",
    "address",
    "phone",
    "email",
    "website",
    "aduan_answer_days",
]
OFFICES_SECONDS = 60
_offices = {"loaded_at": None, "rows": []}


def public_offices():
    """The installation's active offices as plain dicts, provinces first, then by name."""
    global _offices
    loaded = _offices["loaded_at"]
    if loaded is None or time.monotonic() - loaded > OFFICES_SECONDS:
        rows = [
            {**row, "level_label": Office.Level(row["level"]).label}
            for row in Office.objects.filter(is_active=True).values(*OFFICE_FIELDS)
        ]
        rows.sort(key=lambda row: (row["parent_id"] is not None, row["name"]))
        _offices = {"loaded_at": time.monotonic(), "rows": rows}
    return _offices["rows"]


def forget_public_offices(**kwargs):
    _offices["loaded_at"] = None


post_save.connect(forget_public_offices, sender=Office, dispatch_uid="sisp-public-offices")
post_delete.connect(forget_public_offices, sender=Office, dispatch_uid="sisp-public-offices-del")


def public_office_by_slug(slug):
    return next((o for o in public_offices() if o["slug"] == slug), None)


def sole_office():
    """The office a citizen cannot get wrong: SISP_PUBLIC_OFFICE_CODE when set, else the only
    active office. None for an installation of several offices (the citizen chooses)."""
    offices = public_offices()
    if settings.SISP_PUBLIC_OFFICE_CODE:
        chosen = [o for o in offices if o["code"] == settings.SISP_PUBLIC_OFFICE_CODE]
        if chosen:
            return chosen[0]
    return offices[0] if len(offices) == 1 else None


def public_office():
    """The ``Office`` behind ``sole_office()`` (for services that need the row), or None."""
    office = sole_office()
    return Office.objects.filter(pk=office["pk"]).first() if office else None


def _place(name):
    """ "Bawaslu Kota Mojokerto" -> "kota mojokerto": what a citizen searches by."""
    words = name.casefold().split()
    if words and words[0] == "bawaslu":
        words = words[1:]
    return " ".join(words)


def find_offices(query):
    """Offices whose name matches every word typed, ignoring case ("mojokerto", "kab moj")."""
    words = query.casefold().replace("kabupaten", "kab").replace(".", " ").split()
    words = [word for word in words if word != "bawaslu"]
    found = []
    for office in public_offices():
        place = _place(office["name"]).replace("kabupaten", "kab").replace(".", " ")
        if all(word in place for word in words):
            found.append(office)
    return found


@login_not_required
@require_safe
def home(request):
    office = sole_office()
    if office is not None:
        return _office_page(request, office)
    query = request.GET.get("q", "").strip()[:100]
    offices = find_offices(query) if query else public_offices()
    context = {"query": query, "offices": offices, "has_offices": bool(public_offices())}
    return render(request, "sisp/home.html", context)


@login_not_required
@require_safe
def office_home(request, slug):
    office = public_office_by_slug(slug)
    if office is None:
        raise Http404("Kantor tidak ditemukan.")
    return _office_page(request, office)


def _office_page(request, office):
    context = {
        "office": office,
        "public_office": office,
        "several_offices": len(public_offices()) > 1,
    }
    return render(request, "sisp/office_home.html", context)


@login_not_required
@never_cache
def healthz(request):
    """200 only when the database answers; 503 otherwise (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        # Logged for the operator (the balancer only sees 503): the error's type and text
        # (host and database, never a person's data).
        logger.error("healthz: database unavailable: %s: %s", type(exc).__name__, exc)
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
