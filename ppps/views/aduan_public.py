"""Posko Aduan Masyarakat (/aduan/): the online complaint form and the status lookup."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sisp.views.public import public_office_by_slug, public_offices, sole_office

from .. import conf, pins, ratelimit, services
from ..forms_public import AduanForm, AduanStatusForm
from ..models import Aduan
from ..public import tanggal_id
from .public import too_many


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def aduan(request):
    # The office page the citizen came from (/kantor/<office>/ links to /aduan/?kantor=<slug>).
    from_office = public_office_by_slug(request.GET.get("kantor", ""))
    if request.method == "POST":
        form = AduanForm(request.POST, request.FILES)
        if not ratelimit.allow(request, "aduan", conf.aduan_rate()):
            return too_many(request)
        if form.is_spam():
            # Say nothing useful to a bot; a person never sees the honeypot field.
            return render(
                request,
                "ppps/public/aduan_form.html",
                {"form": AduanForm(), "refused": True},
                status=400,
            )
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("kantor", "lampiran", "situs")
            }
            try:
                item, pin = services.submit_aduan(
                    office=form.cleaned_data["kantor"],
                    data=data,
                    attachments=form.cleaned_data["lampiran"],
                    request=request,
                )
            except ValidationError as exc:
                form.add_error("lampiran", exc)
            else:
                return render(request, "ppps/public/aduan_done.html", _receipt(item, pin))
    else:
        office = from_office or sole_office()
        form = AduanForm(initial={"kantor": office["pk"] if office else None})
    return render(
        request,
        "ppps/public/aduan_form.html",
        {"form": form, "days": conf.laporan_days_after_known(), "public_office": from_office},
    )


def _receipt(item, pin):
    """The confirmation's plain values: never the Aduan instance (public pages get dicts)."""
    office = next((o for o in public_offices() if o["pk"] == item.office_id), None)
    return {
        "kode_tiket": item.kode_tiket,
        "pin": pin,
        "kantor": office,
        "public_office": office,
        "tanggal_diketahui": tanggal_id(item.tanggal_diketahui),
        "lampiran": list(item.lampiran.values_list("original_name", flat=True)),
        "days": conf.laporan_days_after_known(),
    }


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def aduan_status(request):
    found = None
    if request.method == "POST":
        if not ratelimit.allow(request, "cek", conf.lookup_rate()):
            return too_many(request)
        form = AduanStatusForm(request.POST)
        if form.is_valid():
            candidate = Aduan.objects.filter(kode_tiket=form.cleaned_data["kode_tiket"]).first()
            if candidate is None:
                pins.burn(form.cleaned_data["pin"])  # an unknown ticket costs one hash too
            elif candidate.check_pin(form.cleaned_data["pin"]):
                found = candidate
            if found is None:
                form.add_error(None, "Kode tiket atau PIN tidak cocok.")
    else:
        form = AduanStatusForm()
    return render(request, "ppps/public/aduan_status.html", {"form": form, "aduan": found})
