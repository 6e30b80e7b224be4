"""Import of an existing daftar arsip: upload -> dry-run preview with per-row errors ->
confirm -> everything imported in one transaction, or nothing."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sisp.shared_rules import installation_manager_required

from . import importer, jra

SESSION_KEY = "arsip_impor"
MAX_MB = 5
MAX_BYTES = MAX_MB * 1024 * 1024
TOO_LARGE = f"File terlalu besar (paling besar {MAX_MB} MB)."


class ImportForm(forms.Form):
    berkas = forms.FileField(
        label="File CSV atau XLSX",
        help_text="Kolom: Kode Klasifikasi, Uraian Informasi Item, Tanggal (wajib); Nomor "
        "Berkas, Nomor Naskah, Klasifikasi Keamanan, Unit Pencipta, Jumlah, Tingkat "
        "Perkembangan, Lokasi Simpan, Keterangan (boleh). Format sama dengan hasil ekspor.",
    )


def _load(request):
    name = request.session.get(SESSION_KEY)
    if not name or not default_storage.exists(name):
        return None, None
    with default_storage.open(name, "rb") as handle:
        return name, handle.read()


@permission_required("arsip.import_daftar", raise_exception=True)
@require_http_methods(["GET", "POST"])
def impor(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    results, error = None, None
    if request.method == "POST" and "simpan" in request.POST:
        name, data = _load(request)
        if data is None:
            messages.error(request, "Unggah file-nya lagi: pratinjau sudah kedaluwarsa.")
            return redirect("arsip:import")
        try:
            results = importer.check_rows(importer.read_table(data, name), request.user)
            created = importer.import_rows(results, user=request.user, request=request)
        except (importer.TableError, ValueError) as exc:
            error = str(exc)
        else:
            default_storage.delete(name)
            request.session.pop(SESSION_KEY, None)
            messages.success(request, f"{len(created)} naskah diimpor.")
            return redirect("arsip:index")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        if upload.size > MAX_BYTES:
            error = TOO_LARGE
        else:
            data = upload.read()
            try:
                results = importer.check_rows(importer.read_table(data, upload.name), request.user)
            except importer.TableError as exc:
                error = str(exc)
            else:
                old, _ = _load(request)
                if old:
                    default_storage.delete(old)
                name = default_storage.save(
                    f"arsip/impor/{request.user.office_id}/{uuid.uuid4().hex}", ContentFile(data)
                )
                request.session[SESSION_KEY] = name
    context = {"form": form, "results": results, "error": error}
    if results is not None:
        context["bad"] = [r for r in results if r["errors"]]
        context["good_count"] = len(results) - len(context["bad"])
        context["preview"] = results[:200]
    return render(request, "arsip/impor.html", context)


@installation_manager_required  # the JRA is a shared rule of every office
@permission_required("arsip.add_retensiarsip", raise_exception=True)
@require_http_methods(["GET", "POST"])
def impor_jra(request):
    """Load JRA rows from a table: checked first, saved all or none, marked unverified."""
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["berkas"].help_text = (
        "Kolom: Kode, Aktif, Inaktif, Keterangan (musnah / permanen / dinilai kembali), "
        "Catatan. Baris yang dimuat ditandai belum terverifikasi."
    )
    results, error = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            if upload.size > MAX_BYTES:
                raise importer.TableError(TOO_LARGE)
            results = jra.check_jra(importer.read_table(upload.read(), upload.name))
            count = jra.import_jra(results, by=request.user, request=request)
        except (importer.TableError, ValueError) as exc:
            error = str(exc)
        else:
            messages.success(request, f"{count} baris JRA dimuat; belum terverifikasi.")
            return redirect("arsip:retensi")
    bad = [(n, errors) for n, _, errors in (results or []) if errors]
    return render(request, "arsip/impor_jra.html", {"form": form, "error": error, "bad": bad})
