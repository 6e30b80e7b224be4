"""Retention (JRA) dates and lists, disposal with its Berita Acara, and borrowing.

Disposal safeguards (PP 28/2012; Perka ANRI 25/2012 Pedoman Pemusnahan Arsip; domain note):
who approves or executes sees every record of the proposal; the approver is not the
proposer; the Berita Acara names its basis (decision number and date) and at least
``ARSIP_PEMUSNAHAN_MIN_SAKSI`` witnesses; codes kept ``ARSIP_PEMUSNAHAN_ANRI_TAHUN`` years
or more need ANRI's recorded approval; nothing held (arsip/holds.py) is proposed or destroyed.

Lists start from ``Berkas.objects.wholly_visible_to(user)`` (files of which the user sees
every record); each change runs in a transaction and
writes its audit entry. Stored files of destroyed records are deleted only after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sisp import audit, files, workdays
from sisp.holiday_calendar import holidays_between

from . import conf, holds, search
from .models import (
    BeritaAcaraPemusnahan,
    Berkas,
    BerkasDigital,
    Naskah,
    Peminjaman,
    StatusRetensi,
    UsulanPemusnahan,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from sisp.models import User

    from .models import KlasifikasiArsip

OPEN = [StatusRetensi.AKTIF, StatusRetensi.INAKTIF]
LISTS = {
    "inaktif": "Habis masa aktif (pindahkan ke inaktif)",
    "musnah": "Habis masa inaktif, usul musnah",
    "permanen": "Habis masa inaktif, permanen (serahkan ke ANRI)",
    "dinilai": "Habis masa inaktif, dinilai kembali",
}


def retention_list(
    queryset: QuerySet[Berkas], name: str, today: date | None = None
) -> QuerySet[Berkas]:
    """Files of ``queryset`` (already visible_to) on one of the retention lists."""
    today = today or timezone.localdate()
    if name == "inaktif":
        return queryset.filter(status_retensi=StatusRetensi.AKTIF, aktif_sampai__lte=today)
    nasib = {"musnah": "musnah", "permanen": "permanen", "dinilai": "dinilai_kembali"}[name]
    return queryset.filter(
        status_retensi__in=OPEN, inaktif_sampai__lte=today, klasifikasi__retensi__nasib_akhir=nasib
    )


def refresh_retensi(klasifikasi: KlasifikasiArsip) -> dict[int, list[int]]:
    """Recompute the stored end dates of every file under a code after its JRA changed.

    Files of every office follow (the JRA is the installation's). Returns the files whose
    dates moved, per office: {office id: [berkas id, ...]}, for the audit entry each office
    gets (a moved date can put a file on the disposal list)."""
    moved: dict[int, list[int]] = {}
    for berkas in Berkas.objects.filter(klasifikasi=klasifikasi).select_related(
        "klasifikasi__retensi"
    ):
        before = (berkas.aktif_sampai, berkas.inaktif_sampai)
        berkas.save(update_fields=[])
        if (berkas.aktif_sampai, berkas.inaktif_sampai) != before:
            moved.setdefault(berkas.office_id, []).append(berkas.pk)
    return moved


def files_under(klasifikasi: KlasifikasiArsip) -> dict[int, list[int]]:
    """The open (active or inactive) files under a code, per office: {office id: [id, ...]}."""
    found: dict[int, list[int]] = {}
    rows = Berkas.objects.filter(klasifikasi=klasifikasi, status_retensi__in=OPEN)
    for office_id, pk in rows.values_list("office_id", "pk").order_by("pk"):
        found.setdefault(office_id, []).append(pk)
    return found


def moved_detail(moved: Mapping[int, list[int]]) -> dict[int, dict[str, list[int]]]:
    """Audit detail per office for files whose retention dates a JRA change moved."""
    return {office_id: {"berkas_berubah": ids} for office_id, ids in moved.items()}


def close_berkas(
    berkas: Berkas, *, tanggal_tutup: date, by: User, request: HttpRequest | None = None
) -> Berkas:
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


def move_to_inactive(
    berkas_qs: QuerySet[Berkas], *, by: User, request: HttpRequest | None = None
) -> int:
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


NEEDS_FULL_SIGHT = (
    "Usulan ini hanya dapat diputus dan dilaksanakan oleh pejabat yang dapat melihat seluruh "
    "berkas di dalamnya."
)


def sees_whole_proposal(user: User, usulan: UsulanPemusnahan) -> bool:
    """Whether ``user`` sees every record of every file of ``usulan``."""
    return not usulan.berkas.exclude(
        pk__in=Berkas.objects.wholly_visible_to(user).values("pk")
    ).exists()


def _require_full_sight(user: User, usulan: UsulanPemusnahan) -> None:
    # Nobody approves or destroys what they cannot read: the refusal says what is needed,
    # never which files are hidden or how many.
    if not sees_whole_proposal(user, usulan):
        raise ValidationError(NEEDS_FULL_SIGHT, code="partial_sight")


def _reference(text: str | None, what: str) -> str:
    """A letter or decision number: placeholders such as "-" or "x" are no basis."""
    text = (text or "").strip()
    if sum(ch.isalnum() for ch in text) < 3 or not any(ch.isdigit() for ch in text):
        raise ValidationError(
            f"Isi {what} dengan nomor yang sebenarnya (memuat angka), bukan tanda atau singkatan.",
            code="reference",
        )
    return text


def witnesses(text: str | None) -> list[str]:
    """The distinct witnesses named in ``text``, one per line (blank and repeated lines and
    lines without a letter do not count)."""
    seen: set[str] = set()
    names: list[str] = []
    for line in (text or "").splitlines():
        name = " ".join(line.split())
        key = name.casefold()
        if any(ch.isalpha() for ch in name) and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def files_needing_anri(usulan: UsulanPemusnahan) -> QuerySet[Berkas]:
    """The proposal's files whose code keeps records ``conf.disposal_anri_years()`` years or
    more (active + inactive): their destruction needs ANRI's approval (PP 28/2012)."""
    return usulan.berkas.annotate(
        retensi_total=F("klasifikasi__retensi__aktif_tahun")
        + F("klasifikasi__retensi__inaktif_tahun")
    ).filter(retensi_total__gte=conf.disposal_anri_years())


def needs_anri(usulan: UsulanPemusnahan) -> bool:
    return files_needing_anri(usulan).exists()


def _refuse_held(berkas_ids: Iterable[int], by: User) -> None:
    held = holds.held_berkas_ids(berkas_ids)
    if held:
        numbers = Berkas.objects.filter(pk__in=held).order_by("nomor_berkas")
        raise ValidationError(
            "Berkas berikut memuat naskah yang sedang ditahan (legal hold: terkait perkara "
            "atau ditahan arsiparis/Ketua) dan tidak dapat dimusnahkan: "
            + ", ".join(numbers.values_list("nomor_berkas", flat=True))
            + ".",
            code="held",
        )


def _locked(usulan: UsulanPemusnahan) -> UsulanPemusnahan:
    return UsulanPemusnahan.objects.select_for_update().get(pk=usulan.pk)


def propose_disposal(
    *, by: User, judul: str, berkas_qs: QuerySet[Berkas], request: HttpRequest | None = None
) -> UsulanPemusnahan:
    """Propose the given files for disposal: only those on the 'musnah' list of which the
    proposer sees every record, and none holding a held record (refused, naming the held
    files, which the proposer sees wholly). Returns the UsulanPemusnahan."""
    due = retention_list(Berkas.objects.wholly_visible_to(by), "musnah")
    chosen = list(due.filter(pk__in=berkas_qs.values("pk")))
    if not chosen:
        raise ValidationError(
            "Pilih berkas yang sudah habis masa inaktifnya dan berketerangan musnah.", code="empty"
        )
    _refuse_held([b.pk for b in chosen], by)
    with transaction.atomic():
        # A proposer sees files of their office only (wholly_visible_to): ``by.office`` is set.
        usulan = UsulanPemusnahan.objects.create(
            office=by.office,  # type: ignore[misc]
            judul=judul,
            diajukan_oleh=by,
        )
        usulan.berkas.set(chosen)
        audit.record(
            "arsip.propose_disposal",
            request=request,
            actor=by,
            obj=usulan,
            berkas=[b.pk for b in chosen],
        )
    return usulan


def decide_disposal(
    usulan: UsulanPemusnahan,
    *,
    by: User,
    approve: bool,
    dasar: str,
    request: HttpRequest | None = None,
) -> UsulanPemusnahan:
    """Approve or reject a proposal. ``by`` must see every record of it and must not be its
    proposer; an approval names its basis (the approval letter's number). Callers: views
    for holders of ``arsip.approve_pemusnahan``. Returns the proposal."""
    with transaction.atomic():
        usulan = _locked(usulan)
        if usulan.status != UsulanPemusnahan.Status.DIAJUKAN:
            raise ValidationError("Usulan ini sudah diputus.", code="decided")
        _require_full_sight(by, usulan)
        if usulan.diajukan_oleh_id == by.pk:
            raise ValidationError(
                "Pengusul tidak dapat memutus usulannya sendiri; keputusan diambil pejabat lain.",
                code="own_proposal",
            )
        if approve:
            dasar = _reference(dasar, "dasar persetujuan")
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


def record_anri_approval(
    usulan: UsulanPemusnahan,
    *,
    by: User,
    nomor: str,
    tanggal: date | None,
    request: HttpRequest | None = None,
) -> UsulanPemusnahan:
    """Record ANRI's approval (letter number and date) of an approved proposal holding
    long-kept records. ``by`` must see every record. Returns the proposal."""
    with transaction.atomic():
        usulan = _locked(usulan)
        if usulan.status != UsulanPemusnahan.Status.DISETUJUI:
            raise ValidationError(
                "Persetujuan ANRI dicatat untuk usulan yang sudah disetujui dan belum "
                "dilaksanakan.",
                code="not_approved",
            )
        _require_full_sight(by, usulan)
        nomor = _reference(nomor, "nomor persetujuan ANRI")
        if tanggal is None or tanggal > timezone.localdate():
            raise ValidationError(
                "Tanggal persetujuan ANRI tidak boleh kosong atau di masa depan.", code="date"
            )
        usulan.anri_nomor = nomor
        usulan.anri_tanggal = tanggal
        usulan.anri_dicatat_oleh = by
        usulan.save(update_fields=["anri_nomor", "anri_tanggal", "anri_dicatat_oleh"])
        audit.record(
            "arsip.anri_approval",
            request=request,
            actor=by,
            obj=usulan,
            nomor=nomor,
            tanggal=tanggal.isoformat(),
        )
    return usulan


def _check_berita_acara(
    usulan: UsulanPemusnahan,
    *,
    tanggal: date | None,
    dasar_nomor: str,
    dasar_tanggal: date | None,
    saksi: str,
) -> None:
    errors: list[ValidationError] = []
    try:
        _reference(dasar_nomor, "nomor keputusan dasar pemusnahan")
    except ValidationError as exc:
        errors.append(exc)
    if dasar_tanggal is None:
        errors.append(ValidationError("Isi tanggal keputusan dasar pemusnahan.", code="basis_date"))
    elif tanggal and dasar_tanggal > tanggal:
        errors.append(
            ValidationError(
                "Tanggal keputusan dasar tidak boleh sesudah tanggal berita acara.",
                code="basis_date",
            )
        )
    needed = conf.disposal_min_witnesses()
    if len(witnesses(saksi)) < needed:
        errors.append(
            ValidationError(
                f"Berita acara memerlukan paling sedikit {needed} saksi yang berbeda "
                "(satu nama per baris).",
                code="witnesses",
            )
        )
    if not usulan.berkas.exists():
        errors.append(ValidationError("Usulan ini tidak memuat berkas.", code="empty"))
    if needs_anri(usulan):
        if not (usulan.anri_nomor and usulan.anri_tanggal):
            errors.append(
                ValidationError(
                    "Usulan ini memuat arsip dengan retensi "
                    f"{conf.disposal_anri_years()} tahun atau lebih: catat dulu persetujuan "
                    "ANRI (nomor dan tanggal) sebelum pemusnahan.",
                    code="anri_missing",
                )
            )
        elif tanggal and usulan.anri_tanggal > tanggal:
            errors.append(
                ValidationError(
                    "Tanggal berita acara tidak boleh sebelum tanggal persetujuan ANRI.",
                    code="anri_date",
                )
            )
    if errors:
        raise ValidationError(errors)


def execute_disposal(
    usulan: UsulanPemusnahan,
    *,
    by: User,
    nomor: str,
    tanggal: date,
    dasar_nomor: str,
    dasar_tanggal: date | None,
    metode: str,
    saksi: str,
    penandatangan: str,
    dasar: str = "",
    request: HttpRequest | None = None,
) -> BeritaAcaraPemusnahan:
    """Destroy an approved proposal's files: metadata stays (status musnah), electronic
    files are deleted from storage, the Berita Acara is recorded. Refused unless ``by`` sees
    every record, the Berita Acara names its basis (decision number and date) and at least
    ``conf.disposal_min_witnesses()`` witnesses, ANRI's approval is recorded where the
    retention requires it, and no record is held. Returns the BA."""
    with transaction.atomic():
        usulan = _locked(usulan)
        if usulan.status != UsulanPemusnahan.Status.DISETUJUI:
            raise ValidationError(
                "Hanya usulan yang sudah disetujui yang dapat dilaksanakan.", code="not_approved"
            )
        _require_full_sight(by, usulan)
        _check_berita_acara(
            usulan,
            tanggal=tanggal,
            dasar_nomor=dasar_nomor,
            dasar_tanggal=dasar_tanggal,
            saksi=saksi,
        )
        berkas_ids = list(usulan.berkas.values_list("pk", flat=True))
        _refuse_held(berkas_ids, by)
        ba = BeritaAcaraPemusnahan.objects.create(
            usulan=usulan,
            nomor=nomor,
            tanggal=tanggal,
            dasar_nomor=dasar_nomor.strip(),
            dasar_tanggal=dasar_tanggal,
            dasar=dasar,
            metode=metode,
            saksi="\n".join(witnesses(saksi)),
            penandatangan=penandatangan,
            created_by=by,
        )
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


def due_date(start: date, days: int | None = None) -> date:
    """``days`` working days after ``start`` (``ARSIP_PEMINJAMAN_HARI`` by default), counted
    by the installation's one counter: weekends, national holidays and cuti bersama of the
    holiday calendar are skipped (``sisp.workdays``, ``sisp.holiday_calendar``)."""
    days = conf.borrow_days() if days is None else days
    # A year and a half covers any loan period the office may set, Lebaran included.
    holidays = holidays_between(start, start + timedelta(days=550))
    return workdays.add_days(start, days, day_type=workdays.WORKING, holidays=holidays)


def lend(
    naskah: Naskah, *, peminjam: User, keperluan: str, by: User, request: HttpRequest | None = None
) -> Peminjaman:
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


def give_back(loan: Peminjaman, *, by: User, request: HttpRequest | None = None) -> Peminjaman:
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
