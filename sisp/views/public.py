from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..models import Office


def public_office():
    """The office whose identity the public front shows: SISP_PUBLIC_OFFICE_CODE, else the
    root-most active office. None on an empty installation."""
    offices = Office.objects.filter(is_active=True)
    if settings.SISP_PUBLIC_OFFICE_CODE:
        office = offices.filter(code=settings.SISP_PUBLIC_OFFICE_CODE).first()
        if office:
            return office
    return offices.order_by("parent_id", "name").filter(parent__isnull=True).first() or (
        offices.order_by("name").first()
    )


@login_not_required
@require_GET
def home(request):
    office = public_office()
    others = Office.objects.filter(is_active=True).exclude(pk=getattr(office, "pk", None))
    return render(request, "sisp/home.html", {"office": office, "other_offices": others})


@login_not_required
@require_GET
def office_home(request, slug):
    office = get_object_or_404(Office, slug=slug, is_active=True)
    return render(request, "sisp/home.html", {"office": office, "other_offices": []})


@login_not_required
@never_cache
def healthz(request):
    """200 only when the database answers; 503 otherwise (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
