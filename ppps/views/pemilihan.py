"""Elections of the user's office: listed for PPPS staff, added by those who may add them."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import PemilihanForm
from ..models import Pemilihan


@require_http_methods(["GET", "POST"])
@permission_required("ppps.access_ppps", raise_exception=True)
def pemilihan_list(request, pk=None):
    items = Pemilihan.objects.filter(office_id=request.user.office_id)
    instance = get_object_or_404(items, pk=pk) if pk else None
    can_edit = request.user.has_perm("ppps.change_pemilihan" if pk else "ppps.add_pemilihan")
    form = PemilihanForm(request.POST or None, instance=instance) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.save_pemilihan(
                    form.save(commit=False),
                    office_id=request.user.office_id,
                    user=request.user,
                    request=request,
                )
            except IntegrityError:
                form.add_error("name", "Nama pemilihan ini sudah ada di kantor Anda.")
            else:
                messages.success(request, "Pemilihan disimpan.")
                return redirect("ppps:pemilihan_list")
    return render(
        request,
        "ppps/pemilihan_list.html",
        {"items": items, "form": form, "instance": instance},
    )
