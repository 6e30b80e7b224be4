"""Retention lists, disposal (proposal -> approval -> Berita Acara) and borrowing pages.
Records come from ``visible_to`` like everywhere else; files a user acts on (close, move to
inactive, propose, print the Berita Acara) from ``Berkas.objects.wholly_visible_to``: a file
holding a record the user cannot see is unknown to that user."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sisp.forms import row_id, row_ids
from sisp.models import User
from sisp.roles import is_installation_manager

from . import conf, holds, retention
from .forms import DATE
from .models import Berkas, Naskah, Peminjaman, UsulanPemusnahan


class CloseForm(forms.Form):
    tanggal_tutup = forms.DateField(label="Tanggal berkas ditutup", widget=DATE)


class ProposalForm(forms.Form):
    judul = forms.CharField(label="Judul usulan", max_length=300)


class DisposalDecisionForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        widget=forms.RadioSelect,
        choices=[("setujui", "Setujui"), ("tolak", "Tolak")],
    )
    dasar = forms.CharField(label="Dasar (nomor surat persetujuan)", max_length=300)


class AnriApprovalForm(forms.Form):
    anri_nomor = forms.CharField(label="Nomor surat persetujuan ANRI", max_length=120)
    anri_tanggal = forms.DateField(label="Tanggal surat persetujuan ANRI", widget=DATE)


class BeritaAcaraForm(forms.Form):
    nomor = forms.CharField(label="Nomor berita acara", max_length=120)
    tanggal = forms.DateField(label="Tanggal", widget=DATE, initial=timezone.localdate)
    dasar_nomor = forms.CharField(
        label="Nomor keputusan dasar pemusnahan",
        max_length=120,
        help_text="Mis. nomor keputusan Ketua tentang pemusnahan arsip.",
    )
    dasar_tanggal = forms.DateField(label="Tanggal keputusan dasar pemusnahan", widget=DATE)
    dasar = forms.CharField(
        label="Keterangan dasar (mis. JRA)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    metode = forms.CharField(label="Cara pemusnahan", max_length=200, initial="Pencacahan")
    saksi = forms.CharField(
        label="Saksi (satu per baris)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    penandatangan = forms.CharField(label="Penandatangan", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksi"].help_text = (
            f"Paling sedikit {conf.disposal_min_witnesses()} saksi yang berbeda, "
            "satu nama (dan jabatan) per baris."
        )


class LoanForm(forms.Form):
    naskah = forms.IntegerField(label="ID naskah", min_value=1)
    peminjam = forms.ModelChoiceField(label="Peminjam", queryset=User.objects)
    keperluan = forms.CharField(label="Keperluan", max_length=300)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peminjam"].queryset = User.objects.filter(office=office, is_active=True)


def _can_manage_retention(user):
    return user.has_perm("arsip.propose_pemusnahan") or user.has_perm("arsip.approve_pemusnahan")


@permission_required("arsip.use_arsip", raise_exception=True)
def retensi(request):
    if not _can_manage_retention(request.user):
        raise PermissionDenied
    name = request.GET.get("daftar", "inaktif")
    if name not in retention.LISTS:
        name = "inaktif"
    rows = retention.retention_list(Berkas.objects.wholly_visible_to(request.user), name)
    rows = list(
        rows.select_related("klasifikasi__retensi", "unit").order_by(
            "inaktif_sampai", "aktif_sampai"
        )[:500]
    )
    # Files holding a held record are marked: proposing them is refused (arsip/holds.py).
    held = holds.held_berkas_ids([b.pk for b in rows]) if name == "musnah" else set()
    return render(
        request,
        "arsip/retensi.html",
        {
            "lists": retention.LISTS,
            "current": name,
            "rows": rows,
            "held": held,
            "proposal_form": ProposalForm(),
            "can_import_jra": is_installation_manager(request.user),
        },
    )


@permission_required("arsip.register_naskah", raise_exception=True)
@require_POST
def close_berkas(request, pk):
    berkas = get_object_or_404(Berkas.objects.wholly_visible_to(request.user), pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        retention.close_berkas(
            berkas,
            tanggal_tutup=form.cleaned_data["tanggal_tutup"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Tanggal tutup berkas disimpan; masa retensi dihitung ulang.")
    else:
        messages.error(request, "Isi tanggal tutup berkas yang benar.")
    back = row_id(request.POST.get("next_naskah"))
    naskah = (
        Naskah.objects.visible_to(request.user).filter(pk=back, berkas=berkas).first()
        if back
        else None
    )
    return redirect(naskah or "arsip:retensi")


@permission_required("arsip.propose_pemusnahan", raise_exception=True)
@require_POST
def move_inactive(request):
    visible = Berkas.objects.wholly_visible_to(request.user)
    due = retention.retention_list(visible, "inaktif").filter(
        pk__in=row_ids(request.POST.getlist("berkas"))
    )
    n = retention.move_to_inactive(due, by=request.user, request=request)
    messages.success(request, f"{n} berkas dipindahkan ke inaktif.")
    return redirect("arsip:retensi")


@permission_required("arsip.propose_pemusnahan", raise_exception=True)
@require_POST
def propose(request):
    form = ProposalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi judul usulan.")
        return redirect("/arsip/retensi/?daftar=musnah")
    chosen = Berkas.objects.wholly_visible_to(request.user).filter(
        pk__in=row_ids(request.POST.getlist("berkas"))
    )
    try:
        usulan = retention.propose_disposal(
            by=request.user, judul=form.cleaned_data["judul"], berkas_qs=chosen, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("/arsip/retensi/?daftar=musnah")
    messages.success(request, "Usulan pemusnahan diajukan.")
    return redirect("arsip:pemusnahan_detail", usulan.pk)


def _sees_whole_proposal(user, usulan):
    return retention.sees_whole_proposal(user, usulan)


def _usulan(request, pk):
    return get_object_or_404(
        UsulanPemusnahan.objects.filter(office_id=request.user.office_id), pk=pk
    )


@permission_required("arsip.use_arsip", raise_exception=True)
def pemusnahan(request):
    if not _can_manage_retention(request.user):
        raise PermissionDenied
    items = UsulanPemusnahan.objects.filter(office_id=request.user.office_id).select_related(
        "diajukan_oleh", "diputus_oleh"
    )[:200]
    return render(request, "arsip/pemusnahan.html", {"items": items})


@permission_required("arsip.use_arsip", raise_exception=True)
@require_http_methods(["GET", "POST"])
def pemusnahan_detail(request, pk):
    if not _can_manage_retention(request.user):
        raise PermissionDenied
    usulan = _usulan(request, pk)
    can_approve = request.user.has_perm("arsip.approve_pemusnahan")
    post = request.POST
    decision_form = DisposalDecisionForm(post if "keputusan" in post else None)
    anri_form = AnriApprovalForm(post if "anri_nomor" in post else None)
    ba_form = BeritaAcaraForm(post if "nomor" in post else None)
    if request.method == "POST":
        if not can_approve:
            raise PermissionDenied
        # Each bound form is tried in turn; a refusal is shown on that form, typed values kept.
        steps = [
            (
                decision_form,
                lambda data: retention.decide_disposal(
                    usulan,
                    by=request.user,
                    approve=data["keputusan"] == "setujui",
                    dasar=data["dasar"],
                    request=request,
                ),
                "Keputusan dicatat.",
            ),
            (
                anri_form,
                lambda data: retention.record_anri_approval(
                    usulan,
                    by=request.user,
                    nomor=data["anri_nomor"],
                    tanggal=data["anri_tanggal"],
                    request=request,
                ),
                "Persetujuan ANRI dicatat.",
            ),
            (
                ba_form,
                lambda data: retention.execute_disposal(
                    usulan, by=request.user, request=request, **data
                ),
                "Pemusnahan dilaksanakan; berita acara dibuat.",
            ),
        ]
        for form, action, done in steps:
            if form.is_bound and form.is_valid():
                try:
                    action(form.cleaned_data)
                except ValidationError as exc:
                    form.add_error(None, exc)
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, done)
                    return redirect("arsip:pemusnahan_detail", usulan.pk)
        usulan.refresh_from_db()
    # Only the files the user sees, and no count of the others.
    visible = usulan.berkas.filter(pk__in=Berkas.objects.visible_to(request.user).values("pk"))
    shown = list(visible.select_related("klasifikasi__retensi", "unit"))
    sees_all = _sees_whole_proposal(request.user, usulan)
    open_status = usulan.status in (
        UsulanPemusnahan.Status.DIAJUKAN,
        UsulanPemusnahan.Status.DISETUJUI,
    )
    return render(
        request,
        "arsip/pemusnahan_detail.html",
        {
            "usulan": usulan,
            "berkas_list": shown,
            "can_approve": can_approve and sees_all,
            "needs_full_sight": can_approve and open_status and not sees_all,
            "full_sight_message": retention.NEEDS_FULL_SIGHT,
            "own_proposal": usulan.diajukan_oleh_id == request.user.pk,
            "needs_anri": sees_all and retention.needs_anri(usulan),
            "anri_years": conf.disposal_anri_years(),
            "held_berkas": (
                holds.held_berkas_ids([b.pk for b in shown]) if sees_all and open_status else set()
            ),
            "decision_form": decision_form,
            "anri_form": anri_form,
            "ba_form": ba_form,
            "ba": getattr(usulan, "berita_acara", None),
            "can_print": sees_all,
        },
    )


@permission_required("arsip.use_arsip", raise_exception=True)
def berita_acara_pdf(request, pk):
    if not _can_manage_retention(request.user):
        raise PermissionDenied
    usulan = _usulan(request, pk)
    ba = get_object_or_404(type(usulan).berita_acara.related.related_model, usulan=usulan)
    if not _sees_whole_proposal(request.user, usulan):
        # An official document must be complete: whoever cannot see all of it gets none.
        raise Http404("Berita acara tidak ditemukan.")
    from weasyprint import HTML

    from sisp import audit

    html = render_to_string(
        "arsip/ba_pemusnahan_pdf.html",
        {
            "ba": ba,
            "usulan": usulan,
            "office": request.user.office,
            "berkas_list": usulan.berkas.select_related("klasifikasi").prefetch_related("naskah"),
        },
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    audit.record("arsip.print_berita_acara", request=request, obj=usulan, nomor=ba.nomor)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="berita-acara-pemusnahan.pdf"'
    return response


@permission_required("arsip.manage_peminjaman", raise_exception=True)
@require_http_methods(["GET", "POST"])
def peminjaman(request):
    """The borrowing register: open loans (overdue first) and a form to lend a record."""
    form = LoanForm(request.POST or None, office=request.user.office)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        naskah = get_object_or_404(Naskah.objects.visible_to(request.user), pk=data.pop("naskah"))
        try:
            retention.lend(naskah, by=request.user, request=request, **data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Peminjaman dicatat.")
        return redirect("arsip:peminjaman")
    loans = Peminjaman.objects.filter(
        naskah__in=Naskah.objects.visible_to(request.user)
    ).select_related("naskah", "peminjam")
    today = timezone.localdate()
    open_loans = loans.filter(tanggal_kembali__isnull=True).order_by("jatuh_tempo")
    return render(
        request,
        "arsip/peminjaman.html",
        {
            "form": form,
            "open_loans": open_loans,
            "today": today,
            "returned": loans.filter(tanggal_kembali__isnull=False)[:50],
            "overdue_count": open_loans.filter(jatuh_tempo__lt=today).count(),
        },
    )


@permission_required("arsip.manage_peminjaman", raise_exception=True)
@require_POST
def kembali(request, pk):
    loan = get_object_or_404(
        Peminjaman.objects.filter(
            naskah__in=Naskah.objects.visible_to(request.user), tanggal_kembali__isnull=True
        ),
        pk=pk,
    )
    retention.give_back(loan, by=request.user, request=request)
    messages.success(request, "Pengembalian dicatat.")
    return redirect("arsip:peminjaman")
