"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import path

from sisp.urls import handler500  # noqa: F401
from sisp.urls import urlpatterns as site_urlpatterns


@login_not_required
def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


@login_not_required
def refused(request):
    raise Http404("Naskah Sangat Rahasia milik kantor lain")


@login_not_required
def forbidden(request):
    raise PermissionDenied("You are not allowed (English reason)")


@login_not_required
def bad(request):
    raise SuspiciousOperation("Malformed input (English reason)")


urlpatterns = [
    path("uji/boom/", boom),
    path("uji/ditolak/", refused),
    path("uji/terlarang/", forbidden),
    path("uji/rusak/", bad),
    *site_urlpatterns,
]
