"""The reporter's view of their own case: letters addressed to them, behind the PIN given at
receipt. Register numbers are short, sequential and printed on notice boards, so the number
alone opens nothing here, and attempts are throttled like every public lookup."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from sisp import audit, files, ratelimit

from .. import conf, pins
from ..forms_public import PinForm
from ..models import DokumenPerkara, Perkara, RiwayatPerkara
from ..public import public_facts, tanggal_id
from ..public_cache import rules_token
from .public import too_many

SESSION_KEY = "ppps_pelapor_perkara"


def pelapor_letters(perkara_id):
    """The letters and documents addressed to the reporter, as plain values for the PIN page
    (never model instances, so no template can follow ``perkara`` to the parties)."""
    surat = [
        {"tanggal": tanggal_id(tanggal), "catatan": catatan}
        for tanggal, catatan in RiwayatPerkara.objects.filter(
            perkara_id=perkara_id, untuk_pelapor=True
        )
        .order_by("tanggal", "id")
        .values_list("tanggal", "catatan")
    ]
    dokumen = [
        {"pk": pk, "title": title, "size": size}
        for pk, title, size in DokumenPerkara.objects.filter(
            perkara_id=perkara_id, untuk_pelapor=True
        )
        .order_by("pk")
        .values_list("pk", "title", "size")
    ]
    return surat, dokumen


@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pelapor(request):
    if request.method != "POST":
        form = PinForm(initial={"nomor": request.GET.get("nomor", "")[:120]})
        return render(request, "ppps/public/pelapor.html", {"form": form})
    # Counted before the PIN is hashed: a flood of guesses costs no hashing.
    if not ratelimit.allow(request, "cek", conf.lookup_rate()):
        return too_many(request)
    form = PinForm(request.POST)
    perkara = None
    if form.is_valid():
        candidates = list(
            Perkara.objects.with_register(form.cleaned_data["nomor"]).select_related(
                "pemilihan", "tahapan", "status", "office"
            )
        )
        for candidate in candidates:
            if candidate.check_pin(form.cleaned_data["pin"]):
                perkara = candidate
                break
        if not candidates:
            pins.burn(form.cleaned_data["pin"])  # an unknown number costs one hash too
        if perkara is None:
            form.add_error(None, "Nomor register atau PIN tidak cocok.")
    if perkara is None:
        return render(request, "ppps/public/pelapor.html", {"form": form})
    allowed = set(request.session.get(SESSION_KEY, []))
    allowed.add(perkara.pk)
    request.session[SESSION_KEY] = sorted(allowed)
    audit.record("ppps.pelapor_view", request=request, obj=perkara)
    surat, dokumen = pelapor_letters(perkara.pk)
    context = {"facts": public_facts(perkara, rules_token()), "surat": surat, "dokumen": dokumen}
    return render(request, "ppps/public/pelapor.html", context)


@login_not_required
@never_cache
@require_safe
def surat_download(request, pk):
    """A letter to the reporter, only in the session that entered the right PIN."""
    dokumen = get_object_or_404(DokumenPerkara, pk=pk, untuk_pelapor=True)
    if dokumen.perkara_id not in request.session.get(SESSION_KEY, []):
        raise Http404
    if request.method == "GET":  # a HEAD (uptime monitor, download manager) sends no file
        audit.record(
            "ppps.pelapor_download", request=request, obj=dokumen.perkara, dokumen=dokumen.pk
        )
    return files.serve(
        dokumen.file_name, download_name=dokumen.original_name, content_type=dokumen.content_type
    )
