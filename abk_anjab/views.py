import copy

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sisp import audit
from sisp.models import AuditEvent, Unit

from . import documents, services
from .forms import (
    SECTION_TITLES,
    AnjabForm,
    JabatanForm,
    NewAnjabForm,
    PreviewForm,
    RecapFilterForm,
    ReturnForm,
    section_formsets,
    tasks_from_data,
    with_added_row,
)
from .models import Anjab, Jabatan, may_fill
from .reports import build_recap

VIEW = "abk_anjab.view_anjab"


def _filters(request):
    form = RecapFilterForm(request.GET, office_id=request.user.office_id)
    form.is_valid()
    return form


def _year(request):
    return _filters(request).year(timezone.localdate().year)


@permission_required(VIEW, raise_exception=True)
@require_GET
def index(request):
    """Jobs of the office for one year, by unit, with the status of each job's analysis."""
    tahun = _year(request)
    recap = build_recap(request.user, tahun)
    earlier = set(
        Anjab.objects.visible_to(request.user)
        .filter(tahun__lt=tahun)
        .values_list("jabatan_id", flat=True)
        .distinct()
    )
    for group in recap.groups:
        group.may_fill = may_fill(request.user, group.unit)
        for row in group.rows:
            row.has_earlier = row.jabatan.pk in earlier
    return render(
        request,
        "abk_anjab/index.html",
        {
            "recap": recap,
            "tahun": tahun,
            "years": range(tahun - 2, tahun + 2),
            "may_manage": request.user.has_perm("abk_anjab.manage_jabatan"),
        },
    )


@permission_required("abk_anjab.manage_jabatan", raise_exception=True)
@require_http_methods(["GET", "POST"])
def jabatan_form(request, pk=None):
    jabatan = None
    if pk is not None:
        jabatan = get_object_or_404(Jabatan.objects.visible_to(request.user), pk=pk)
    form = JabatanForm(request.POST or None, instance=jabatan, office=request.user.office)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            audit.record(
                "abk_anjab.jabatan_" + ("change" if jabatan else "add"), request=request, obj=saved
            )
        messages.success(request, f"Jabatan {saved} tersimpan.")
        return redirect(saved)
    return render(request, "abk_anjab/jabatan_form.html", {"form": form, "jabatan": jabatan})


@permission_required(VIEW, raise_exception=True)
@require_GET
def jabatan_detail(request, pk):
    jabatan = get_object_or_404(
        Jabatan.objects.visible_to(request.user).select_related("unit", "atasan"), pk=pk
    )
    analyses = list(jabatan.analisis.order_by("-tahun"))
    latest = analyses[0].tahun if analyses else timezone.localdate().year - 1
    form = NewAnjabForm(initial={"tahun": max(latest + 1, timezone.localdate().year)})
    return render(
        request,
        "abk_anjab/jabatan_detail.html",
        {
            "jabatan": jabatan,
            "analyses": analyses,
            "form": form,
            "may_fill": may_fill(request.user, jabatan.unit),
            "may_manage": request.user.has_perm("abk_anjab.manage_jabatan"),
        },
    )


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_create(request, pk):
    jabatan = get_object_or_404(
        Jabatan.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    if not may_fill(request.user, jabatan.unit):
        raise PermissionDenied
    form = NewAnjabForm(request.POST)
    if form.is_valid():
        tahun = form.cleaned_data["tahun"]
        source = None
        if form.cleaned_data["salin"]:
            source = jabatan.analisis.filter(tahun__lt=tahun).order_by("-tahun").first()
            if source is None:
                form.add_error("salin", "Belum ada analisis tahun sebelumnya untuk disalin.")
        if jabatan.analisis.filter(tahun=tahun).exists():
            form.add_error("tahun", "Analisis jabatan ini untuk tahun tersebut sudah ada.")
    if form.is_valid():
        try:
            anjab = services.create_anjab(
                jabatan, tahun, user=request.user, copy_from=source, request=request
            )
        except IntegrityError:
            form.add_error("tahun", "Analisis jabatan ini untuk tahun tersebut sudah ada.")
        else:
            messages.success(request, f"Analisis {anjab} dibuat. Silakan isi.")
            return redirect("abk_anjab:anjab_edit", pk=anjab.pk)
    analyses = list(jabatan.analisis.order_by("-tahun"))
    return render(
        request,
        "abk_anjab/jabatan_detail.html",
        {"jabatan": jabatan, "analyses": analyses, "form": form, "may_fill": True},
        status=400,
    )


def _get_anjab(request, pk):
    return get_object_or_404(
        Anjab.objects.visible_to(request.user).select_related("jabatan__unit", "office"), pk=pk
    )


def preview(anjab, data=None):
    """The ABK figures of what is typed (``data``) or of the stored rows: per row and totals.

    Uses the same calculation as the save; the stored figures are computed again on save."""
    draft = copy.copy(anjab)
    if data is None:
        rows = [(i, t.uraian, t.as_task()) for i, t in enumerate(anjab.tugas_pokok.all())]
        bezetting = anjab.bezetting
    else:
        rows = tasks_from_data(data)
        figures = PreviewForm(data).figures()
        bezetting = figures.get("bezetting", anjab.bezetting)
        draft.wke_jam = figures.get("wke_jam", draft.wke_jam)
        draft.pembulatan = figures.get("pembulatan", draft.pembulatan)
        draft.kebutuhan_ditetapkan = figures.get("kebutuhan_ditetapkan", False)
        draft.jumlah_ditetapkan = figures.get("jumlah_ditetapkan", draft.jumlah_ditetapkan)
    tasks = [task for _, _, task in rows if task is not None]
    result = draft.result(tasks, bezetting=bezetting)
    needs = iter(result.task_needs)
    lines = []
    for number, (_, uraian, task) in enumerate(rows, start=1):
        lines.append({"no": number, "uraian": uraian, "need": next(needs) if task else None})
    return {
        "lines": lines,
        "result": result,
        "wke_jam": draft.wke_jam,
        "wke_menit": draft.wke_menit,
        "pembulatan": draft.pembulatan,
        "incomplete": any(line["need"] is None for line in lines),
    }


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def anjab_edit(request, pk):
    anjab = _get_anjab(request, pk)
    if anjab.is_locked:
        messages.info(request, "Analisis ini sudah disetujui dan terkunci.")
        return redirect(anjab)
    if not anjab.can_edit(request.user):
        raise PermissionDenied
    data = None
    if request.method == "POST":
        data = request.POST
        added = request.POST.get("tambah")
        restoring = bool(request.POST.get("pulihkan"))
        if restoring:
            messages.info(request, "Isian dari peramban dipulihkan. Periksa, lalu simpan.")
        if added in SECTION_TITLES:
            # "Tambah baris" without JavaScript: the same page with one more empty row;
            # nothing is validated or saved, nothing typed is lost.
            data = with_added_row(request.POST, added)
        form = AnjabForm(data, instance=anjab)
        formsets = section_formsets(anjab, data)
        if not added and not restoring:
            valid = form.is_valid()
            valid = all([fs.is_valid() for fs in formsets.values()]) and valid
            if valid:
                services.save_anjab(anjab, form, formsets, user=request.user, request=request)
                if request.POST.get("ajukan"):
                    services.submit_anjab(anjab, user=request.user, request=request)
                    messages.success(request, "Analisis tersimpan dan diajukan untuk verifikasi.")
                    return redirect(anjab)
                messages.success(request, "Analisis tersimpan. Angka kebutuhan dihitung ulang.")
                return redirect("abk_anjab:anjab_edit", pk=anjab.pk)
            messages.error(request, "Belum tersimpan: periksa isian yang ditandai merah.")
    else:
        form = AnjabForm(instance=anjab)
        formsets = section_formsets(anjab)
    rerender = request.POST.get("tambah") or request.POST.get("pulihkan")
    status = 400 if request.method == "POST" and not rerender else 200
    return render(
        request,
        "abk_anjab/anjab_form.html",
        {
            "anjab": anjab,
            "form": form,
            "tugas_formset": formsets["tugas_pokok"],
            "other_formsets": [
                (SECTION_TITLES[name], fs) for name, fs in formsets.items() if name != "tugas_pokok"
            ],
            "preview": preview(anjab, data),
        },
        status=status,
    )


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_preview(request, pk):
    """The live ABK figures of the form as typed (htmx swaps this partial in); saves nothing."""
    anjab = _get_anjab(request, pk)
    if not anjab.can_edit(request.user):
        raise PermissionDenied
    return render(
        request, "abk_anjab/partials/abk_preview.html", {"preview": preview(anjab, request.POST)}
    )


@permission_required(VIEW, raise_exception=True)
@require_GET
def anjab_detail(request, pk):
    base = Anjab.objects.visible_to(request.user)
    try:
        anjab = documents.load_anjab(base, pk)
    except Anjab.DoesNotExist as exc:
        raise Http404 from exc
    user = request.user
    history = AuditEvent.objects.filter(
        object_type=Anjab._meta.label, object_id=str(anjab.pk)
    ).order_by("created_at", "id")
    context = documents.anjab_context(anjab)
    context.update(
        {
            "history": history,
            "can_edit": anjab.can_edit(user),
            "can_submit": anjab.can_submit(user),
            "can_verify": anjab.can_verify(user),
            "can_approve": anjab.can_approve(user),
            "can_return": anjab.can_return(user),
            "can_file": anjab.can_file(user),
            "return_form": ReturnForm(),
        }
    )
    return render(request, "abk_anjab/anjab_detail.html", context)


@permission_required(VIEW, raise_exception=True)
@require_GET
def anjab_pdf(request, pk):
    try:
        anjab = documents.load_anjab(Anjab.objects.visible_to(request.user), pk)
    except Anjab.DoesNotExist as exc:
        raise Http404 from exc
    pdf = documents.anjab_pdf(anjab)
    audit.record("abk_anjab.export_pdf", request=request, obj=anjab)
    filename = f"anjab-{anjab.jabatan.pk}-{anjab.tahun}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _workflow(request, pk, allowed, action):
    anjab = _get_anjab(request, pk)
    if not allowed(anjab, request.user):
        raise PermissionDenied
    try:
        action(anjab)
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return anjab, False
    return anjab, True


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_submit(request, pk):
    anjab, done = _workflow(
        request,
        pk,
        Anjab.can_submit,
        lambda a: services.submit_anjab(a, user=request.user, request=request),
    )
    if done:
        messages.success(request, "Analisis diajukan untuk verifikasi.")
    return redirect(anjab)


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_verify(request, pk):
    anjab, done = _workflow(
        request,
        pk,
        Anjab.can_verify,
        lambda a: services.verify_anjab(a, user=request.user, request=request),
    )
    if done:
        messages.success(request, "Analisis diverifikasi.")
    return redirect(anjab)


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_approve(request, pk):
    anjab, done = _workflow(
        request,
        pk,
        Anjab.can_approve,
        lambda a: services.approve_anjab(a, user=request.user, request=request),
    )
    if done:
        messages.success(request, "Analisis disetujui dan dikunci.")
    return redirect(anjab)


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_file(request, pk):
    anjab, done = _workflow(
        request,
        pk,
        Anjab.can_file,
        lambda a: services.file_anjab_to_arsip(a, user=request.user, request=request),
    )
    if done:
        messages.success(request, "Dokumen analisis diarsipkan di E-Arsip dengan kode OT.02.")
    return redirect(anjab)


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_return(request, pk):
    anjab = _get_anjab(request, pk)
    if not anjab.can_return(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan catatan pengembalian: apa yang perlu diperbaiki.")
        return redirect(anjab)
    services.return_anjab(
        anjab, user=request.user, note=form.cleaned_data["catatan"], request=request
    )
    messages.success(request, "Analisis dikembalikan ke pengisi dengan catatan.")
    return redirect(anjab)


def _recap_request(request):
    filters = _filters(request)
    tahun = filters.year(timezone.localdate().year)
    if "unit" in filters.errors:
        raise Http404("Unit tidak ditemukan.")
    unit = filters.cleaned_data.get("unit")
    return tahun, unit, build_recap(request.user, tahun, unit.pk if unit else None)


@permission_required(VIEW, raise_exception=True)
@require_GET
def rekap(request):
    """Peta jabatan and ABK recap: per unit, each job's grade, bezetting, need, difference."""
    tahun, unit, recap = _recap_request(request)
    units = Unit.objects.filter(office_id=request.user.office_id)
    return render(
        request,
        "abk_anjab/rekap.html",
        {
            "recap": recap,
            "tahun": tahun,
            "unit": unit,
            "units": units,
            "query": request.GET.urlencode(),
        },
    )


@permission_required(VIEW, raise_exception=True)
@require_GET
def rekap_pdf(request):
    tahun, unit, recap = _recap_request(request)
    context = {
        "recap": recap,
        "unit": unit,
        "kop": documents.letterhead(recap.office, with_logo=True),
        "signatures": documents.recap_signatures(recap),
    }
    pdf = documents.render_pdf("abk_anjab/pdf/rekap.html", context)
    audit.record("abk_anjab.export_rekap_pdf", request=request, tahun=tahun)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rekap-abk-{tahun}.pdf"'
    return response


@permission_required(VIEW, raise_exception=True)
@require_GET
def rekap_xlsx(request):
    tahun, unit, recap = _recap_request(request)
    content = documents.recap_xlsx(recap)
    audit.record("abk_anjab.export_rekap_xlsx", request=request, tahun=tahun)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rekap-abk-{tahun}.xlsx"'
    return response
