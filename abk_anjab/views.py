import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sisp import audit
from sisp.models import AuditEvent, Unit

from . import compare, documents, drafts, sections, services, volumes
from .forms import (
    SECTION_TITLES,
    AnjabForm,
    JabatanForm,
    NewAnjabForm,
    PreviewForm,
    RecapFilterForm,
    ReturnForm,
    VersionForm,
    formset_as_data,
    section_formsets,
    tasks_from_data,
    with_added_row,
)
from .models import Anjab, AnjabDraft, Jabatan, may_fill
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
        saved = services.save_jabatan(
            form.save(commit=False), user=request.user, created=jabatan is None, request=request
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


def _edit_url(pk):
    return reverse("abk_anjab:anjab_edit", args=[pk])


def _login_url(pk, *, kept):
    query = {"next": _edit_url(pk)}
    if kept:
        query["sesi"] = "berakhir"
    return f"{reverse('sisp:login')}?{urlencode(query)}"


def _keep_after_session_end(request, pk):
    """A POST of the form (or an autosave) that arrives after the session ended: kept as its
    author's server draft when it carries a valid draft token of this analysis and the author
    may still fill it in (abk_anjab/drafts.py). Returns whether it was kept."""
    if request.method != "POST":
        return False
    anjab = Anjab.objects.select_related("jabatan__unit").filter(pk=pk).first()
    if anjab is None:
        return False
    user = drafts.user_of_token(request.POST.get("draf_token"), anjab)
    if user is None or user.office_id != anjab.office_id or not anjab.can_edit(user):
        return False
    services.keep_draft(
        anjab,
        user,
        drafts.pairs_from(request.POST),
        versi=VersionForm(request.POST).base_version(),
        request=request,
    )
    return True


def _stale_message(current):
    event = (
        AuditEvent.objects.filter(
            object_type=Anjab._meta.label, object_id=str(current.pk), action="abk_anjab.save"
        )
        .order_by("-created_at", "-id")
        .first()
    )
    who = f" oleh {event.actor_username}" if event and event.actor_username else ""
    when = timezone.localtime(current.updated_at).strftime("%H.%M")
    return (
        f"Belum tersimpan: analisis ini sudah disimpan{who} pukul {when}, setelah formulir Anda "
        "dibuka. Isian Anda tidak hilang dan masih ada di bawah. Buka dokumen terbaru di tab "
        "lain untuk membandingkan, lalu pilih “Simpan dan timpa” bila isian Anda yang benar."
    )


def _counter(request, anjab):
    """The analysis's volume counter for this user, one per request (abk_anjab/volumes.py)."""
    counter = getattr(request, "_abk_counter", None)
    if counter is None or counter.anjab_id != anjab.pk:
        counter = volumes.Counter(request.user, anjab)
        request._abk_counter = counter
    return counter


def _formsets(request, anjab, data=None):
    return section_formsets(anjab, data, counter=_counter(request, anjab))


def _sections_for_page(form, formsets):
    """The page sections in order, each with its state, its bound fields and its formset."""
    result = []
    for state in sections.states(form, formsets):
        section = state.section
        result.append(
            {
                "state": state,
                "section": section,
                "fields": [form[name] for name in section.fields],
                "formset": formsets.get(section.formset) if section.formset else None,
            }
        )
    return result


def _render_form(request, anjab, form, formsets, data, *, versi, status=200, **extra):
    tasks = formsets["tugas_pokok"]
    # Every task's suggestion in one count per app, not one per task.
    _counter(request, anjab).prefetch(
        row.source_key(row["sumber_hitungan"].value()) for row in tasks.forms
    )
    page_sections = _sections_for_page(form, formsets)
    filled = sum(1 for s in page_sections if s["state"].filled)
    context = {
        "anjab": anjab,
        "form": form,
        "formsets": formsets,
        "page_sections": page_sections,
        "filled": filled,
        "total": len(page_sections),
        "missing": [s["section"].title for s in page_sections if s["state"].missing],
        "preview": preview(anjab, data),
        "versi": versi,
        "draf_token": drafts.token_for(anjab, request.user),
        **extra,
    }
    return render(request, "abk_anjab/anjab_form.html", context, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def anjab_edit(request, pk):
    """The Anjab form. Without a session (it ended while the page was open) a POST is kept as
    a server draft when it carries its draft token, and the user is sent to sign in with
    ``next`` back here; otherwise this is the sign-in redirect of every private page."""
    if not request.user.is_authenticated:
        kept = _keep_after_session_end(request, pk)
        return redirect(_login_url(pk, kept=kept))
    return _anjab_edit(request, pk)


@permission_required(VIEW, raise_exception=True)
def _anjab_edit(request, pk):
    anjab = _get_anjab(request, pk)
    if anjab.is_locked:
        messages.info(request, "Analisis ini sudah disetujui dan terkunci.")
        return redirect(anjab)
    if not anjab.can_edit(request.user):
        raise PermissionDenied
    if request.method == "GET":
        return _show_form(request, anjab)
    return _post_form(request, anjab)


def _show_form(request, anjab):
    """The form as stored, or as the user's server draft left it (another browser, a session
    that ended): typed values are shown, nothing is saved."""
    draft = AnjabDraft.objects.visible_to(request.user).filter(anjab=anjab).first()
    if draft is not None:
        data = drafts.as_querydict(draft.data)
        form = AnjabForm(data, instance=anjab)
        formsets = _formsets(request, anjab, data)
        changed = form.has_changed() or any(fs.has_changed() for fs in formsets.values())
        if changed or draft.versi != anjab.versi:
            return _render_form(
                request, anjab, form, formsets, data, versi=draft.versi, draft=draft
            )
        services.discard_draft(anjab, request.user, reason="sama", request=request)
    form = AnjabForm(instance=anjab)
    return _render_form(request, anjab, form, _formsets(request, anjab), None, versi=anjab.versi)


def _post_form(request, anjab):
    data = request.POST
    versions = VersionForm(data)
    base = versions.base_version()
    posted_versi = versions.cleaned_data.get("versi") or 0
    added = data.get("tambah")
    if added in SECTION_TITLES:
        # "Tambah baris" without JavaScript: the same page with one more empty row;
        # nothing is validated or saved, nothing typed is lost.
        data = with_added_row(data, added)
        form = AnjabForm(data, instance=anjab)
        return _render_form(
            request, anjab, form, _formsets(request, anjab, data), data, versi=posted_versi
        )
    section = sections.BY_KEY.get(data.get("simpan_bagian") or "")
    form = AnjabForm(data, instance=anjab)
    formsets = _formsets(request, anjab, data)
    if section is not None:
        # One section: only its fields are read and saved, the rest stays as typed.
        save_form = AnjabForm(data, instance=anjab, only=section.fields) if section.fields else None
        save_formsets = {section.formset: formsets[section.formset]} if section.formset else {}
    else:
        save_form, save_formsets = form, formsets
    valid = save_form is None or save_form.is_valid()
    valid = all([fs.is_valid() for fs in save_formsets.values()]) and valid
    if not valid:
        what = f"Bagian {section.title} belum" if section else "Belum"
        messages.error(request, f"{what} tersimpan: periksa isian yang ditandai merah.")
        return _render_form(request, anjab, form, formsets, data, versi=posted_versi, status=400)
    try:
        services.save_anjab(
            anjab,
            save_form,
            save_formsets,
            user=request.user,
            base_version=base,
            section=section.key if section else "",
            request=request,
        )
    except services.StaleSave as exc:
        messages.error(request, _stale_message(exc.current))
        # The typed values as posted; the form is rebuilt on the row as it was loaded.
        anjab = _get_anjab(request, anjab.pk)
        form = AnjabForm(data, instance=anjab)
        formsets = _formsets(request, anjab, data)
        return _render_form(
            request,
            anjab,
            form,
            formsets,
            data,
            versi=posted_versi,
            status=409,
            overwrite=exc.current.versi,
        )
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect(anjab)
    if section is not None:
        # What is typed in the other sections stays as the user's server draft; the saved
        # section as it is now stored (its new rows with their ids), at the new save number.
        fresh = {"versi": str(anjab.versi)}
        pairs = drafts.pairs_from(request.POST)
        if section.formset:
            stored = section_formsets(anjab, only=[section.formset])[section.formset]
            fresh.update(formset_as_data(stored))
        pairs = drafts.replace_fields(pairs, section.formset, fresh)
        services.keep_draft(anjab, request.user, pairs, versi=anjab.versi, request=request)
        messages.success(request, f"Bagian {section.title} tersimpan.")
        return redirect(f"{_edit_url(anjab.pk)}#{section.anchor}")
    services.discard_draft(anjab, request.user, reason="disimpan", request=request)
    if data.get("ajukan"):
        messages.success(request, "Analisis tersimpan. Periksa ringkasan ini, lalu ajukan.")
        return redirect("abk_anjab:anjab_submit", pk=anjab.pk)
    messages.success(request, "Analisis tersimpan. Angka kebutuhan dihitung ulang.")
    return redirect("abk_anjab:anjab_edit", pk=anjab.pk)


@login_not_required
@require_POST
def anjab_draft(request, pk):
    """Autosave: keep what is typed as the user's server draft (JSON answer for the page's
    script). After the session ended the draft token keeps it (abk_anjab/drafts.py)."""
    if not request.user.is_authenticated:
        kept = _keep_after_session_end(request, pk)
        return JsonResponse(
            {"sesi": "berakhir", "aman": kept, "masuk": _login_url(pk, kept=kept)},
            status=200 if kept else 401,
        )
    return _anjab_draft(request, pk)


@permission_required(VIEW, raise_exception=True)
def _anjab_draft(request, pk):
    anjab = _get_anjab(request, pk)
    if not anjab.can_edit(request.user):
        raise PermissionDenied
    draft = services.keep_draft(
        anjab,
        request.user,
        drafts.pairs_from(request.POST),
        versi=VersionForm(request.POST).base_version(),
        request=request,
    )
    saved = timezone.localtime(draft.updated_at).strftime("%H.%M")
    return JsonResponse({"tersimpan": saved, "pesan": f"Draf tersimpan di server pukul {saved}."})


@permission_required(VIEW, raise_exception=True)
@require_POST
def anjab_draft_discard(request, pk):
    anjab = _get_anjab(request, pk)
    if not anjab.can_edit(request.user):
        raise PermissionDenied
    if services.discard_draft(anjab, request.user, reason="dibuang", request=request):
        messages.success(request, "Draf dibuang. Formulir menampilkan isi yang tersimpan.")
    return redirect("abk_anjab:anjab_edit", pk=anjab.pk)


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
            "arsip_code": services.ARSIP_CODE,
            "return_form": ReturnForm(),
        }
    )
    return render(request, "abk_anjab/anjab_detail.html", context)


@permission_required(VIEW, raise_exception=True)
@require_GET
def anjab_compare(request, pk):
    """ "Bandingkan dengan tahun lalu": the figures that changed from the job's previous
    analysis, old -> new; says so when there is none."""
    base = Anjab.objects.visible_to(request.user)
    anjab = get_object_or_404(
        base.select_related("jabatan__unit").prefetch_related("tugas_pokok"), pk=pk
    )
    comparison = compare.compare(anjab, compare.previous_of(anjab, base))
    return render(
        request, "abk_anjab/anjab_compare.html", {"anjab": anjab, "comparison": comparison}
    )


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
@require_http_methods(["GET", "POST"])
def anjab_submit(request, pk):
    """GET: the confirmation (figures, and the required sections still empty, which block the
    submission); POST: submit."""
    if request.method == "GET":
        anjab = _get_anjab(request, pk)
        if not anjab.can_submit(request.user):
            raise PermissionDenied
        return render(
            request,
            "abk_anjab/anjab_submit.html",
            {
                "anjab": anjab,
                "missing": sections.missing_required(anjab),
                "has_draft": AnjabDraft.objects.visible_to(request.user)
                .filter(anjab=anjab)
                .exists(),
            },
        )
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
        messages.success(
            request, f"Dokumen analisis diarsipkan di E-Arsip dengan kode {services.ARSIP_CODE}."
        )
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
