"""Staff pages under /ppps/: dashboard, case list, case page and the changes made on it.

Every case comes from ``Perkara.objects.visible_to(request.user)``: another office's case is
a 404, a user without the Info PPPS role a 403.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sisp import audit, files
from sisp.views.errors import ExplainedRefusal

from .. import deadlines, services, transfers
from ..forms import (
    AduanRefForm,
    DokumenForm,
    ExtendForm,
    MoveStageForm,
    NoteForm,
    PerkaraEditForm,
    PerkaraFilterForm,
    PerkaraForm,
    PihakForm,
    RegisterForm,
)
from ..models import Aduan, Perkara
from . import holds

ACCESS = "ppps.access_ppps"
MANAGE = "ppps.manage_perkara"


def _case(request, pk, *related):
    return get_object_or_404(
        Perkara.objects.visible_to(request.user).select_related(
            "pemilihan", "tahapan", "status", "office", *related
        ),
        pk=pk,
    )


def _case_rw(request, pk):
    """A case the user may change. One they may not see is a 404 like a missing one; one
    they only see (their office transferred it away, or it left the installation) is a 403:
    read-only sight, as the case page says."""
    perkara = _case(request, pk)
    if not Perkara.objects.editable_by(request.user).filter(pk=perkara.pk).exists():
        raise ExplainedRefusal(
            "Perkara ini sudah dilimpahkan; kantor Anda hanya dapat melihat riwayatnya."
        )
    return perkara


def _annotate_deadlines(cases, today, holidays):
    for perkara in cases:
        perkara.deadline_info = perkara.deadline_state(today, holidays)
    return cases


@require_GET
@permission_required(ACCESS, raise_exception=True)
def index(request):
    """Dashboard: open cases past or near their deadline, and new complaints."""
    today = timezone.localdate()
    holidays = services.holidays_for(today)
    # The clocks of the cases the office holds now (not of those it transferred away).
    cases = Perkara.objects.held_by(request.user).select_related("pemilihan", "tahapan", "status")
    overdue = list(cases.overdue(today).order_by("batas_waktu")[:50])
    near = list(cases.near_deadline(today, holidays).order_by("batas_waktu")[:50])
    context = {
        "overdue": _annotate_deadlines(overdue, today, holidays),
        "near": _annotate_deadlines(near, today, holidays),
        "overdue_count": cases.overdue(today).count(),
        "open_count": cases.open().count(),
        "aduan_baru": Aduan.objects.visible_to(request.user).untriaged().count(),
        "mine": cases.open().filter(petugas=request.user).count(),
    }
    return render(request, "ppps/index.html", context)


@require_GET
@permission_required(ACCESS, raise_exception=True)
def perkara_list(request):
    form = PerkaraFilterForm(request.GET or None, office=request.user.office)
    cases = form.filter(Perkara.objects.visible_to(request.user)).select_related(
        "pemilihan", "tahapan", "status"
    )
    page = Paginator(cases, 25).get_page(request.GET.get("halaman"))
    today = timezone.localdate()
    _annotate_deadlines(page.object_list, today, services.holidays_for(today))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "halaman" and v])
    return render(request, "ppps/perkara_list.html", {"form": form, "page": page, "query": query})


def _refuse_linked(request, aduan, perkara_id):
    perkara = Perkara.objects.get(pk=perkara_id)
    messages.error(
        request,
        f"Aduan {aduan.kode_tiket} sudah ditautkan ke perkara {perkara}; "
        "satu aduan hanya dapat ditautkan ke satu perkara.",
    )
    return redirect("ppps:perkara_detail", pk=perkara_id)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def perkara_add(request):
    ref = AduanRefForm(request.GET, user=request.user)
    if not ref.is_valid():
        raise Http404("Aduan tidak ditemukan.")
    aduan = ref.cleaned_data["aduan"]
    if aduan is not None:
        if aduan.perkara_id is not None:
            return _refuse_linked(request, aduan, aduan.perkara_id)
    if request.method == "POST":
        form = PerkaraForm(request.POST, office=request.user.office)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if not k.startswith("pelapor_")}
            try:
                perkara, pin = services.receive_perkara(
                    office=request.user.office,
                    user=request.user,
                    pelapor=form.pelapor(),
                    aduan=aduan,
                    request=request,
                    **fields,
                )
            except services.AduanAlreadyLinked as exc:
                return _refuse_linked(request, aduan, exc.args[0])
            return render(request, "ppps/pin_once.html", {"perkara": perkara, "pin": pin})
    else:
        initial = {"tanggal_diterima": timezone.localdate(), "jenis": "laporan"}
        if aduan is not None:
            initial.update(
                tanggal_kejadian=aduan.tanggal_kejadian,
                tanggal_diketahui=aduan.tanggal_diketahui,
                pelapor_nama=aduan.nama,
                pelapor_email=aduan.email,
                pelapor_telepon=aduan.telepon,
            )
        form = PerkaraForm(initial=initial, office=request.user.office)
    return render(request, "ppps/perkara_form.html", {"form": form, "aduan": aduan})


@require_GET
@permission_required(ACCESS, raise_exception=True)
def perkara_detail(request, pk):
    perkara = _case(request, pk)
    sight = perkara.sight_for(request.user.office_id)
    if sight is not None:
        return _sent_detail(request, perkara, sight)
    return _detail_page(request, perkara)


def _detail_page(request, perkara, move_form=None):
    """The case page; ``move_form`` is a refused move's bound form, shown again with what the
    officer typed and why it was refused."""
    today = timezone.localdate()
    holidays = services.holiday_labels_for(perkara.stage_start() or perkara.tahap_mulai)
    filing_holidays = services.holiday_labels_for(perkara.filing_start())
    window = perkara.filing_window()
    can_manage = (
        request.user.has_perm(MANAGE)
        and Perkara.objects.editable_by(request.user).filter(pk=perkara.pk).exists()
    )
    context = {
        "perkara": perkara,
        "deadline": perkara.deadline_state(today, holidays),
        "explained": deadlines.describe(perkara.explain_deadline(holidays))
        if perkara.is_open()
        else None,
        "filing_window": window,
        "filed_late": perkara.filed_late(filing_holidays),
        "filing_deadline": deadlines.filing_deadline(
            window, perkara.filing_start(), filing_holidays
        ),
        "riwayat": perkara.riwayat.select_related("tahapan", "status", "created_by"),
        "petugas": perkara.petugas.all(),
        "can_manage": can_manage,
        "transfers": perkara.pelimpahan.select_related("from_office", "to_office", "decided_by"),
        "can_transfer": transfers.may_transfer(request.user, perkara),
    }
    if request.user.has_perm("ppps.view_pihak"):
        context["pihak"] = perkara.pihak.all()
        context["dokumen"] = perkara.dokumen.all()
    if can_manage:
        context["move_form"] = move_form or MoveStageForm(perkara=perkara, prefix="pindah")
        context["note_form"] = NoteForm(initial={"tanggal": today}, prefix="catatan")
        context["extend_form"] = (
            ExtendForm(prefix="perpanjang")
            if (perkara.tahapan.extension_days and not perkara.tahap_diperpanjang)
            else None
        )
        if not perkara.nomor_register:
            context["register_form"] = RegisterForm(prefix="registrasi")
            try:
                context["proposal"] = services.propose_register_number(perkara)
            except services.NoBawasluCode as exc:
                context["proposal_problem"] = str(exc)
        context["dokumen_form"] = DokumenForm(prefix="dokumen")
    context.update(holds.context_for(perkara, request.user))
    if not can_manage:
        context["arsip_form"] = None
    return render(request, "ppps/perkara_detail.html", context)


def _sent_detail(request, perkara, sight):
    """The case page of an office that transferred the case away: read-only, and only its
    own part (history, parties, documents recorded up to its last transfer of the case);
    nothing the receiving office did since (its stage, deadline, status, events)."""
    context = {
        "perkara": perkara,
        "sight": sight,
        "riwayat": sight.riwayat_part(),
        "transfers": perkara.pelimpahan.filter(riwayat_id__lte=sight.riwayat_id).select_related(
            "from_office", "to_office", "decided_by"
        ),
    }
    if request.user.has_perm("ppps.view_pihak"):
        context["pihak"] = sight.pihak_part()
        context["dokumen"] = sight.dokumen_part()
    return render(request, "ppps/perkara_dilimpahkan.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def perkara_edit(request, pk):
    perkara = _case_rw(request, pk)
    form = PerkaraEditForm(request.POST or None, instance=perkara)
    if request.method == "POST" and form.is_valid():
        perkara = services.update_public_facts(
            form.save(commit=False),
            user=request.user,
            changed=form.changed_data,
            petugas=form.cleaned_data["petugas"],
            request=request,
        )
        messages.success(request, "Perkara diperbarui.")
        return redirect(perkara)
    return render(request, "ppps/perkara_edit.html", {"form": form, "perkara": perkara})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def perkara_move(request, pk):
    perkara = _case_rw(request, pk)
    form = MoveStageForm(request.POST, perkara=perkara, prefix="pindah")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.move_to_stage(
                perkara,
                data["tahapan"],
                user=request.user,
                tanggal=data["tanggal"],
                mulai_pada=data["mulai_pada"],
                catatan=data["catatan"],
                alasan=data["alasan"],
                teks_publik=data["teks_publik"] if data["tulis_sendiri"] else "",
                status=data["status"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("teks_publik" if data["tulis_sendiri"] else None, exc)
        else:
            messages.success(request, f"Perkara dipindah ke tahapan {data['tahapan'].name}.")
            return redirect(perkara)
    # Refused: the same page again with everything the officer typed, nothing changed.
    messages.error(request, "Tahapan tidak dapat dipindah: " + _errors(form))
    return _detail_page(request, perkara, move_form=form)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def perkara_extend(request, pk):
    perkara = _case_rw(request, pk)
    form = ExtendForm(request.POST, prefix="perpanjang")
    if form.is_valid() and perkara.tahapan.extension_days and not perkara.tahap_diperpanjang:
        try:
            services.extend_deadline(
                perkara,
                user=request.user,
                catatan=form.cleaned_data["catatan"],
                is_public=form.cleaned_data["is_public"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(
                request, "Batas waktu tidak dapat diperpanjang. " + " ".join(exc.messages)
            )
        else:
            messages.success(request, "Batas waktu diperpanjang.")
    else:
        messages.error(request, "Batas waktu tidak dapat diperpanjang. " + _errors(form))
    return redirect(perkara)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def perkara_register(request, pk):
    perkara = _case_rw(request, pk)
    form = RegisterForm(request.POST, prefix="registrasi")
    if not form.is_valid():
        messages.error(request, "Registrasi gagal: " + _errors(form))
    elif perkara.nomor_register:
        messages.error(request, "Perkara ini sudah diregistrasi.")
    else:
        try:
            perkara = services.register_perkara(
                perkara,
                user=request.user,
                tanggal=form.cleaned_data["tanggal"],
                nomor=form.cleaned_data["nomor"],
                request=request,
            )
        except services.AlreadyRegistered as exc:
            messages.error(
                request,
                f"Perkara ini sudah diregistrasi dengan nomor {exc}; tidak ada yang diubah.",
            )
        except services.NoBawasluCode as exc:
            messages.error(request, f"Registrasi gagal: {exc}")
        except services.RegisterNumberTaken as exc:
            if exc.existing == exc.args[0]:
                text = f"Nomor register {exc.args[0]} sudah dipakai di kantor ini."
            else:
                text = (
                    f"Nomor register {exc.args[0]} sama dengan nomor {exc.existing} yang sudah "
                    "dipakai di kantor ini (huruf besar/kecil, spasi, tanda baca, dan nol di "
                    "depan tidak membedakan nomor). Pakai nomor lain."
                )
            messages.error(request, text)
        else:
            messages.success(
                request, f"Perkara diregistrasi dengan nomor {perkara.nomor_register}."
            )
    return redirect(perkara)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def perkara_note(request, pk):
    perkara = _case_rw(request, pk)
    form = NoteForm(request.POST, prefix="catatan")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_note(
                perkara,
                user=request.user,
                kind=data["kind"],
                catatan=data["catatan"],
                tanggal=data["tanggal"],
                is_public=data["is_public"],
                untuk_pelapor=data["untuk_pelapor"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, "Catatan tidak tersimpan: " + " ".join(exc.messages))
        else:
            messages.success(request, "Catatan ditambahkan ke riwayat.")
    else:
        messages.error(request, "Catatan tidak tersimpan: " + _errors(form))
    return redirect(perkara)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def perkara_pin(request, pk):
    """Give the reporter a new PIN; the page shows it once and it is never stored in clear."""
    perkara = _case_rw(request, pk)
    pin = services.reset_pin(perkara, user=request.user, request=request)
    return render(request, "ppps/pin_once.html", {"perkara": perkara, "pin": pin, "reset": True})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def pihak_add(request, pk):
    perkara = _case_rw(request, pk)
    form = PihakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_pihak(perkara, form.save(commit=False), user=request.user, request=request)
        messages.success(request, "Pihak ditambahkan.")
        return redirect(perkara)
    return render(request, "ppps/pihak_form.html", {"form": form, "perkara": perkara})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def dokumen_add(request, pk):
    perkara = _case_rw(request, pk)
    form = DokumenForm(request.POST, request.FILES, prefix="dokumen")
    if form.is_valid():
        try:
            stored = files.store(form.cleaned_data["berkas"], prefix=f"ppps/{perkara.office_id}")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(perkara)
        services.add_dokumen(
            perkara,
            stored,
            title=form.cleaned_data["title"],
            untuk_pelapor=form.cleaned_data["untuk_pelapor"],
            user=request.user,
            request=request,
        )
        messages.success(request, "Dokumen diunggah.")
    else:
        messages.error(request, "Dokumen tidak terunggah: " + _errors(form))
    return redirect(perkara)


@require_GET
@permission_required("ppps.view_pihak", raise_exception=True)
def dokumen_download(request, pk, doc_pk):
    perkara = _case(request, pk)
    sight = perkara.sight_for(request.user.office_id)
    # A sending office reads only the documents it had when it transferred the case.
    documents = perkara.dokumen.all() if sight is None else sight.dokumen_part()
    dokumen = get_object_or_404(documents, pk=doc_pk)
    audit.record("ppps.dokumen_download", request=request, obj=perkara, dokumen=dokumen.pk)
    return files.serve(
        dokumen.file_name, download_name=dokumen.original_name, content_type=dokumen.content_type
    )


def _errors(form):
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
