"""Pelimpahan from the case page and pengambilalihan from the dashboard (ppps/transfers.py).

Both are a form, then a confirmation page, then the service. A case the user cannot see is a
404 like a missing one; a second press after the case has moved says so and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sisp.forms import row_id

from .. import transfers
from ..forms_transfer import TakeoverForm, TransferForm
from ..models import Pelimpahan, Perkara

RIGHT = transfers.RIGHT


def _already_moved(request, perkara):
    sight = perkara.sight_for(request.user.office_id)
    where = sight.destination() if sight is not None else perkara.office.name
    messages.error(request, f"Perkara ini sudah dilimpahkan ke {where}; tidak ada yang diubah.")
    return redirect(perkara)


@require_http_methods(["GET", "POST"])
@permission_required(RIGHT, raise_exception=True)
def perkara_transfer(request, pk):
    perkara = get_object_or_404(
        Perkara.objects.visible_to(request.user).select_related("office", "tahapan", "status"),
        pk=pk,
    )
    if perkara.office_id != request.user.office_id:
        return _already_moved(request, perkara)
    if not transfers.may_transfer(request.user, perkara):
        messages.error(request, "Perkara yang sudah selesai tidak dapat dilimpahkan.")
        return redirect(perkara)
    form = TransferForm(request.POST or None, perkara=perkara)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["konfirmasi"]:
            return render(
                request,
                "ppps/perkara_transfer_confirm.html",
                {"form": form, "perkara": perkara, "stamp": perkara.updated_at.isoformat()},
            )
        try:
            transfer = transfers.transfer_perkara(
                perkara,
                user=request.user,
                kind=Pelimpahan.Kind.PELIMPAHAN,
                to_office=data["tujuan"],
                to_office_name=data["tujuan_luar"],
                reason=data["alasan"],
                legal_basis=data["dasar_hukum"],
                stamp=data["stamp"],
                request=request,
            )
        except transfers.TransferRefused as exc:
            messages.error(request, f"Perkara tidak dilimpahkan: {exc}")
            return redirect(perkara)
        messages.success(
            request,
            f"Perkara dilimpahkan ke {transfer.destination()}. Kantor Anda tetap dapat melihat "
            "riwayatnya sampai pelimpahan ini, tanpa dapat mengubahnya.",
        )
        return redirect(perkara)
    return render(request, "ppps/perkara_transfer.html", {"form": form, "perkara": perkara})


@require_http_methods(["GET", "POST"])
@permission_required(RIGHT, raise_exception=True)
def perkara_takeover(request):
    form = TakeoverForm(request.POST or None, user=request.user)
    if request.method == "POST" and request.POST.get("konfirmasi"):
        # A second press of the confirmation: the case found at the first step is ours now.
        found = row_id(request.POST.get("perkara"))
        done = Perkara.objects.held_by(request.user).filter(pk=found).first() if found else None
        if done is not None:
            messages.error(
                request, "Perkara ini sudah diambil alih kantor Anda; tidak ada yang diubah."
            )
            return redirect(done)
    if request.method == "POST" and form.is_valid():
        data, perkara = form.cleaned_data, form.perkara
        if not data["konfirmasi"]:
            return render(
                request,
                "ppps/perkara_takeover_confirm.html",
                {"form": form, "perkara": perkara, "stamp": perkara.updated_at.isoformat()},
            )
        try:
            transfers.transfer_perkara(
                perkara,
                user=request.user,
                kind=Pelimpahan.Kind.PENGAMBILALIHAN,
                to_office=request.user.office,
                reason=data["alasan"],
                legal_basis=data["dasar_hukum"],
                stamp=data["stamp"],
                request=request,
            )
        except transfers.TransferRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Perkara diambil alih dari {data['kantor'].name}; kantor Anda kini menanganinya.",
            )
            return redirect("ppps:perkara_detail", pk=perkara.pk)
    return render(request, "ppps/perkara_takeover.html", {"form": form})
