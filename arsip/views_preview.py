"""The first-page preview of a record's PDF (arsip/preview.py), behind the record's door."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from . import preview
from .models import Naskah


@permission_required("arsip.use_arsip", raise_exception=True)
@require_safe
def pratinjau(request, pk, versi):
    """404 for a record the user may not see, exactly like a missing one; also 404 for a
    class that asks for a purpose before its file is opened, and for a destroyed version."""
    naskah = get_object_or_404(
        Naskah.objects.visible_to(request.user).select_related("kelas"), pk=pk
    )
    if naskah.kelas.wajib_tujuan:
        raise Http404("Pratinjau tidak tersedia.")
    version = get_object_or_404(
        naskah.versi.exclude(pratinjau=""), versi=versi, dimusnahkan_pada__isnull=True
    )
    return preview.open_preview(naskah, version, request=request)
