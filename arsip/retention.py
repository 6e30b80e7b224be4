"""Retention (JRA) dates and lists, disposal with its Berita Acara, and borrowing.

Lists start from ``Berkas.objects.wholly_visible_to(user)`` (files of which the user sees
every record); each change runs in a transaction and
writes its audit entry. Stored files of destroyed records are deleted only after commit.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sisp import audit, files

from . import conf, search
from .models import (
    BeritaAcaraPemusnahan,
    Berkas,
    BerkasDigital,
    Naskah,
    Peminjaman,
    StatusRetensi,
    UsulanPemusnahan,
)

OPEN = [StatusRetensi.AKTIF, StatusRetensi.INAKTIF]
LISTS = {
    "inaktif": "Habis masa aktif (pindahkan ke inaktif)",
    "musnah": "Habis masa inaktif, usul musnah",
    "permanen": "Habis masa inaktif, permanen (serahkan ke ANRI)",
    "dinilai": "Habis masa inaktif, dinilai kembali",
}


def retention_list(queryset, name, today=None):
    """Files of ``queryset`` (already visible_to) on one of the retention lists."""
    today = today or timezone.localdate()
    if name == "inaktif":
        return queryset.filter(status_retensi=StatusRetensi.AKTIF, aktif_sampai__lte=today)
    nasib = {"musnah": "musnah", "permanen": "permanen", "dinilai": "dinilai_kembali"}[name]
    return queryset.filter(
        status_retensi__in=OPEN, inaktif_sampai__lte=today, klasifikasi__retensi__nasib_akhir=nasib
    )


def refresh_retensi(klasifikasi):
    """Recompute the stored end dates of every file under a code after its JRA changed.

    Files of every office follow (the JRA is the installation's). Returns the files whose
    dates moved, per office: {office id: [berkas id, ...]}, for the audit entry each office
    gets (a moved date can put a file on the disposal list)."""
    moved = {}
    for berkas in Berkas.objects.filter(klasifikasi=klasifikasi).select_related(
        "klasifikasi__retensi"
    ):
        before = (berkas.aktif_sampai, berkas.inaktif_sampai)
        berkas.save(update_fields=[])
        if (berkas.aktif_sampai, berkas.inaktif_sampai) != before:
            moved.setdefault(berkas.office_id, []).append(berkas.pk)
    return moved


def files_under(klasifikasi):
    """The open (active or inactive) files under a code, per office: {office id: [id, ...]}."""
    found = {}
    rows = Berkas.objects.filter(klasifikasi=klasifikasi, status_retensi__in=OPEN)
    for office_id, pk in rows.values_list("office_id", "pk").order_by("pk"):
        found.setdefault(office_id, []).append(pk)
    return found


def moved_detail(moved):
    """Audit detail per office for files whose retention dates a JRA change moved."""
    return {office_id: {"berkas_berubah": ids} for office_id, ids in moved.items()}


def close_berkas(berkas, *, tanggal_tutup, by, request=None):
    with transaction.atomic():
        berkas.tanggal_tutup = tanggal_tutup
        berkas.save(update_fields=["tanggal_tutup"])
        audit.record(
            "arsip.close_berkas",
            request=request,
            actor=by,
            obj=berkas,
            tanggal_tutup=tanggal_tutup.isoformat(),
        )
    return berkas


def move_to_inactive(berkas_qs, *, by, request=None):
    with transaction.atomic():
        ids = list(
            berkas_qs.filter(status_retensi=StatusRetensi.AKTIF).values_list("pk", flat=True)
        )
        Berkas.objects.filter(pk__in=ids).update(status_retensi=StatusRetensi.INAKTIF)
        Naskah.objects.filter(berkas_id__in=ids, status_retensi=StatusRetensi.AKTIF).update(
            status_retensi=StatusRetensi.INAKTIF
        )
        audit.record("arsip.move_inactive", request=request, actor=by, berkas=ids)
    return len(ids)


def propose_disposal(*, by, judul, berkas_qs, request=None):
    """Propose the given files for disposal: only those on the 'musnah' list of which the
    proposer sees every record."""
    due = retention_list(Berkas.objects.wholly_visible_to(by), "musnah")
    chosen = list(due.filter(pk__in=berkas_qs.values("pk")))
    if not chosen:
        raise ValidationError(
            "Pilih berkas yang sudah habis masa inaktifnya dan berketerangan musnah.", code="empty"
        )
    with transaction.atomic():
        usulan = UsulanPemusnahan.objects.create(office=by.office, judul=judul, diajukan_oleh=by)
        usulan.berkas.set(chosen)
        audit.record(
            "arsip.propose_disposal",
            request=request,
            actor=by,
            obj=usulan,
            berkas=[b.pk for b in chosen],
        )
    return usulan


def decide_disposal(usulan, *, by, approve, dasar, request=None):
    if usulan.status != UsulanPemusnahan.Status.DIAJUKAN:
        raise ValidationError("Usulan ini sudah diputus.", code="decided")
    with transaction.atomic():
        usulan.status = (
            UsulanPemusnahan.Status.DISETUJUI if approve else UsulanPemusnahan.Status.DITOLAK
        )
        usulan.diputus_oleh = by
        usulan.diputus_pada = timezone.now()
        usulan.dasar_persetujuan = dasar
        usulan.save()
        audit.record(
            "arsip.decide_disposal",
            request=request,
            actor=by,
            obj=usulan,
            status=usulan.status,
            dasar=dasar,
        )
    return usulan


def execute_disposal(
    usulan, *, by, nomor, tanggal, dasar, metode, saksi, penandatangan, request=None
):
    """Destroy an approved proposal's files: metadata stays (status musnah), electronic
    files are deleted from storage, the Berita Acara is recorded. Returns the BA."""
    if usulan.status != UsulanPemusnahan.Status.DISETUJUI:
        raise ValidationError(
            "Hanya usulan yang sudah disetujui yang dapat dilaksanakan.", code="not_approved"
        )
    with transaction.atomic():
        ba = BeritaAcaraPemusnahan.objects.create(
            usulan=usulan,
            nomor=nomor,
            tanggal=tanggal,
            dasar=dasar,
            metode=metode,
            saksi=saksi,
            penandatangan=penandatangan,
            created_by=by,
        )
        berkas_ids = list(usulan.berkas.values_list("pk", flat=True))
        Berkas.objects.filter(pk__in=berkas_ids).update(status_retensi=StatusRetensi.MUSNAH)
        Naskah.objects.filter(berkas_id__in=berkas_ids).update(status_retensi=StatusRetensi.MUSNAH)
        versions = BerkasDigital.objects.filter(
            naskah__berkas_id__in=berkas_ids, dimusnahkan_pada__isnull=True
        )
        names = list(versions.values_list("file_name", flat=True))
        # The first-page previews go with the files (arsip/preview.py).
        previews = list(versions.exclude(pratinjau="").values_list("pratinjau", flat=True))
        versions.update(dimusnahkan_pada=timezone.now(), teks="", pratinjau="")
        for naskah in Naskah.objects.filter(berkas_id__in=berkas_ids).select_related(
            "klasifikasi", "berkas"
        ):
            search.index_naskah(naskah)
        usulan.status = UsulanPemusnahan.Status.DILAKSANAKAN
        usulan.save(update_fields=["status"])
        audit.record(
            "arsip.execute_disposal",
            request=request,
            actor=by,
            obj=usulan,
            berita_acara=nomor,
            berkas=berkas_ids,
            files=len(names),
        )
        transaction.on_commit(lambda: [files.delete(name) for name in names + previews])
    return ba


def due_date(start, days=None):
    """``days`` working days after ``start``: Monday to Friday, skipping Indonesia's public
    holidays as the ``holidays`` package knows them (cuti bersama are not in it)."""
    import holidays

    days = conf.borrow_days() if days is None else days
    off = holidays.Indonesia(years=range(start.year, start.year + 2))
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            days -= 1
    return current


def lend(naskah, *, peminjam, keperluan, by, request=None):
    """Record a loan. The borrower must be able to see the record (matrix or grant)."""
    if not Naskah.objects.visible_to(peminjam).filter(pk=naskah.pk).exists():
        raise ValidationError(
            "Peminjam tidak berhak atas naskah ini; berikan hak akses dulu.", code="no_right"
        )
    if naskah.peminjaman.filter(tanggal_kembali__isnull=True).exists():
        raise ValidationError("Naskah ini sedang dipinjam.", code="on_loan")
    with transaction.atomic():
        today = timezone.localdate()
        loan = Peminjaman.objects.create(
            office_id=naskah.office_id,
            naskah=naskah,
            peminjam=peminjam,
            keperluan=keperluan,
            tanggal_pinjam=today,
            jatuh_tempo=due_date(today),
            dicatat_oleh=by,
        )
        audit.record(
            "arsip.lend",
            request=request,
            actor=by,
            obj=naskah,
            peminjam=peminjam.get_username(),
            jatuh_tempo=loan.jatuh_tempo.isoformat(),
        )
    return loan


def give_back(loan, *, by, request=None):
    with transaction.atomic():
        loan.tanggal_kembali = timezone.localdate()
        loan.save(update_fields=["tanggal_kembali"])
        audit.record(
            "arsip.return",
            request=request,
            actor=by,
            obj=loan.naskah,
            peminjam=loan.peminjam.get_username(),
        )
    return loan
