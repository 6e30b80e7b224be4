"""Operations on records that span models, files or the audit trail. Each runs inside
``transaction.atomic()`` and writes its own audit entry. Callers have already checked the
user's rights (views fetch records through ``Naskah.objects.visible_to``)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from sisp import audit, files

from . import authority, conf, extraction, holds, preview, search, stamping
from .models import (
    Berkas,
    BerkasDigital,
    HakAkses,
    Naskah,
    NomorBerkasCounter,
    PermohonanAkses,
    PerubahanKelas,
    Unduhan,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest, HttpResponseBase

    from sisp.models import Office, Unit, User

    from .models import KelasKeamanan, KlasifikasiArsip

log = logging.getLogger(__name__)

FILE_PREFIX = "arsip"


def next_nomor_berkas(office: Office, year: int | None = None) -> str:
    """The next free file number of the office in a year: "{n}/{year}". Takes the office's
    counter row for the year under a row lock, so concurrent registrations never get the
    same number (callers run inside ``transaction.atomic``); numbers typed or imported by
    hand are skipped."""
    year = year or timezone.localdate().year
    NomorBerkasCounter.objects.get_or_create(office=office, year=year)
    counter = NomorBerkasCounter.objects.select_for_update().get(office=office, year=year)
    taken = set(
        Berkas.objects.filter(office=office, nomor_berkas__endswith=f"/{year}").values_list(
            "nomor_berkas", flat=True
        )
    )
    n = counter.last + 1
    while f"{n}/{year}" in taken:
        n += 1
    counter.last = n
    counter.save(update_fields=["last"])
    return f"{n}/{year}"


def new_file_description(
    klasifikasi: KlasifikasiArsip, kelas: KelasKeamanan | None, perihal: str, year: int
) -> str:
    """The description of a file opened by its first record. A file's description is shown
    and indexed with every record of the file, so only a Biasa record lends its subject;
    otherwise the file gets the filing code's name and the year."""
    if kelas is not None and kelas.kode == "B" and perihal:
        return perihal[:500]
    return f"{klasifikasi.nama} {year}"[:500]


def _enqueue_extraction(version: BerkasDigital) -> None:
    from .tasks import extract_text

    transaction.on_commit(lambda: extract_text.enqueue(version.pk))


def _store_version(
    naskah: Naskah, uploaded: UploadedFile, *, user: User, catatan: str = ""
) -> BerkasDigital:
    stored = files.store(uploaded, prefix=f"{FILE_PREFIX}/{naskah.office_id}")
    versi = (naskah.versi.aggregate(m=Max("versi"))["m"] or 0) + 1
    version = BerkasDigital.objects.create(
        naskah=naskah,
        versi=versi,
        file_name=stored.name,
        nama_asli=stored.original_name,
        sha256=stored.sha256,
        ukuran=stored.size,
        content_type=stored.content_type,
        extension=stored.extension,
        catatan=catatan,
        uploaded_by=user,
    )
    _enqueue_extraction(version)
    return version


def register_naskah(
    *,
    user: User,
    data: Mapping[str, Any],
    uploaded: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Naskah:
    """Register a record (and its first file version). ``data`` holds the form's cleaned
    fields; a missing ``berkas`` opens a new file from the item's own data. Returns the Naskah.
    Callers: holders of arsip.register_naskah."""
    data = dict(data)
    try:
        return _register_naskah(user=user, data=data, uploaded=uploaded, request=request)
    except IntegrityError as exc:
        # The last guard behind the row locks (e.g. a number typed into another file at the
        # same moment): the form is shown again with what was typed, never a 500.
        raise ValidationError(
            "Nomor berkas atau nomor item baru saja dipakai pendaftaran lain. "
            "Silakan simpan sekali lagi.",
            code="number_taken",
        ) from exc


def _register_naskah(
    *,
    user: User,
    data: dict[str, Any],
    uploaded: UploadedFile | None,
    request: HttpRequest | None,
) -> Naskah:
    # A second lock behind the form: nobody classifies above their own clearance.
    authority.check_registration(user, data["kelas"])
    with transaction.atomic():
        berkas = data.pop("berkas", None)
        if berkas is None:
            # The register right is an office role: ``user.office`` is set (also below).
            berkas = Berkas.objects.create(
                office=user.office,  # type: ignore[misc]
                nomor_berkas=next_nomor_berkas(user.office, data["tanggal"].year),  # type: ignore[arg-type]
                klasifikasi=data["klasifikasi"],
                uraian=new_file_description(
                    data["klasifikasi"], data.get("kelas"), data["perihal"], data["tanggal"].year
                ),
                unit=data["unit"],
                kurun_mulai=data["tanggal"],
                kurun_selesai=data["tanggal"],
                lokasi_fisik=data.get("lokasi_fisik", ""),
                created_by=user,
            )
        # Lock the file's row so two registrations cannot take the same item number.
        berkas = Berkas.objects.select_for_update().get(pk=berkas.pk)
        nomor_item = (berkas.naskah.aggregate(m=Max("nomor_item"))["m"] or 0) + 1
        naskah = Naskah.objects.create(
            office=user.office,  # type: ignore[misc]
            berkas=berkas,
            nomor_item=nomor_item,
            created_by=user,
            **data,
        )
        if berkas.kurun_selesai is None or naskah.tanggal > berkas.kurun_selesai:
            berkas.kurun_selesai = naskah.tanggal
            berkas.save(update_fields=["kurun_selesai"])
        if uploaded is not None:
            _store_version(naskah, uploaded, user=user)
        search.index_naskah(naskah)
        riwayat = PerubahanKelas.objects.create(
            office_id=naskah.office_id, naskah=naskah, dari=None, ke=naskah.kelas, oleh=user
        )
        audit.record(
            "arsip.register",
            request=request,
            actor=user,
            obj=naskah,
            kelas=naskah.kelas.kode,
            riwayat_kelas=riwayat.pk,
        )
    return naskah


def file_generated_document(
    *,
    user: User,
    kode: str,
    perihal: str,
    tanggal: date,
    unit: Unit | None,
    content: bytes,
    file_name: str,
    jenis: str = Naskah.Jenis.LAINNYA,
    kelas: str = "B",
    keterangan: str = "",
    request: HttpRequest | None = None,
) -> Naskah:
    """File a document SISP produced itself (e.g. an approved Anjab as PDF) into the archive
    of ``user``'s office under filing code ``kode``, as an electronic original of class
    ``kelas``. Returns the Naskah. Callers: another module's service, after its own rights
    check (the document is the office's own output, so the archive's register right is not
    asked of the approving official)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .models import KelasKeamanan, KlasifikasiArsip

    klasifikasi = KlasifikasiArsip.objects.get(kode=kode)
    data = {
        "klasifikasi": klasifikasi,
        "kelas": KelasKeamanan.objects.get(kode=kelas),
        "unit": unit,
        "perihal": perihal,
        "tanggal": tanggal,
        "jenis": jenis,
        "tingkat_perkembangan": Naskah.Perkembangan.ASLI,
        "media": Naskah.Media.ELEKTRONIK,
        "jumlah": 1,
        "satuan": "berkas",
        "keterangan": keterangan,
    }
    uploaded = SimpleUploadedFile(file_name, content)
    return register_naskah(user=user, data=data, uploaded=uploaded, request=request)


class StaleEdit(ValidationError):
    """The record was saved by someone else after the form was opened."""


STALE_MESSAGE = (
    "Naskah ini sudah diubah orang lain setelah Anda membuka formulir, sehingga perubahan "
    "Anda belum disimpan. Isian Anda tetap di formulir; nilai terbaru ditampilkan di "
    "sampingnya. Periksa, lalu simpan lagi bila tetap ingin mengubahnya."
)


def update_naskah(
    naskah: Naskah,
    *,
    user: User,
    data: Mapping[str, Any],
    revisi: int,
    alasan: str = "",
    request: HttpRequest | None = None,
) -> Naskah:
    """Save the changed fields; the audit entry keeps the old and new class and unit.
    ``revisi`` is the record's revision the user's form showed: the save claims the next
    revision with ``UPDATE ... WHERE revisi = seen``, so of two people editing the same
    record the later save is refused (StaleEdit) instead of silently overwriting the
    earlier. A change of class is checked against the classification authority
    (``arsip.authority.check_class_change``: ValidationError, nothing saved) and written to
    the record's history of classes with ``alasan``. Callers: views that fetched the record
    through ``Naskah.objects.editable_by``."""
    with transaction.atomic():
        claimed = Naskah.objects.filter(pk=naskah.pk, revisi=revisi).update(revisi=F("revisi") + 1)
        if not claimed:
            raise StaleEdit(STALE_MESSAGE, code="stale")
        # Compare with the stored row: a bound ModelForm has already written its cleaned
        # data onto ``naskah``.
        before = Naskah.objects.select_related("kelas", "unit").get(pk=naskah.pk)
        changed = [k for k, v in data.items() if getattr(before, k) != v]
        if "kelas" in changed and data["kelas"].tingkat < before.kelas.tingkat:
            holds.assert_not_held(naskah, action=holds.LOWER_CLASS)
        moves: dict[str, Any] = {}
        if "kelas" in changed:
            # Raises inside the transaction: the claimed revision is rolled back too.
            authority.check_class_change(user, before, data["kelas"], alasan)
            moves["kelas"] = [before.kelas.kode, data["kelas"].kode]
        if "unit" in changed:
            moves["unit"] = [before.unit.name, data["unit"].name]
        for key, value in data.items():
            setattr(naskah, key, value)
        naskah.revisi = before.revisi
        # Only the form's fields: what another path changed meanwhile (e.g. the retention
        # status) is not written back from this request's copy.
        naskah.save(update_fields=[*data, "updated_at"])
        if "kelas" in changed:
            _refile_description(naskah, before)
            riwayat = PerubahanKelas.objects.create(
                office_id=naskah.office_id,
                naskah=naskah,
                dari=before.kelas,
                ke=data["kelas"],
                alasan=(alasan or "").strip(),
                oleh=user,
            )
            # The reason may quote the record: it stays in the history, the trail names it.
            moves["riwayat_kelas"] = riwayat.pk
        search.index_naskah(naskah)
        audit.record(
            "arsip.update", request=request, actor=user, obj=naskah, fields=changed, **moves
        )
    return naskah


def _refile_description(naskah: Naskah, before: Naskah) -> None:
    """After a re-class: a file description copied from this record's subject becomes
    neutral unless the record is Biasa, and the file's records are re-indexed (which
    records get the description depends on the class of the file's first record)."""
    berkas = naskah.berkas
    if naskah.kelas.kode != "B" and berkas.uraian == before.perihal[:500]:
        berkas.uraian = new_file_description(
            berkas.klasifikasi, naskah.kelas, "", (berkas.kurun_mulai or naskah.tanggal).year
        )
        berkas.save(update_fields=["uraian"])
    for other in berkas.naskah.exclude(pk=naskah.pk).select_related("klasifikasi", "berkas"):
        search.index_naskah(other)


def add_version(
    naskah: Naskah,
    uploaded: UploadedFile,
    *,
    user: User,
    catatan: str = "",
    request: HttpRequest | None = None,
) -> BerkasDigital:
    """Store a new version of an item's electronic file; older versions stay untouched."""
    if naskah.is_destroyed:
        raise ValidationError("Naskah sudah dimusnahkan.", code="destroyed")
    with transaction.atomic():
        version = _store_version(naskah, uploaded, user=user, catatan=catatan)
        audit.record(
            "arsip.upload_version",
            request=request,
            actor=user,
            obj=naskah,
            versi=version.versi,
            sha256=version.sha256,
        )
    return version


def record_view(naskah: Naskah, *, request: HttpRequest) -> None:
    audit.record("arsip.view", request=request, obj=naskah)


def open_version(
    version: BerkasDigital, *, request: HttpRequest, purpose: str = ""
) -> HttpResponseBase:
    """Audit one download and return the response serving the file. The caller fetched the
    version through ``visible_to`` and asked for a purpose when the class requires one.

    Above Biasa the download is traced: it gets a row (``Unduhan``) with a fresh code, kept in
    its audit entry too, and a PDF or image is stamped with the reader, time, purpose and code
    (arsip/stamping.py). Raises ``stamping.StampError`` when such a file cannot be stamped:
    nothing is handed out, nothing recorded."""
    naskah = version.naskah
    traced = stamping.is_traced(naskah.kelas)
    code = stamping.new_code() if traced else None
    while code and Unduhan.objects.filter(kode=code).exists():  # 40 random bits: very rare
        code = stamping.new_code()
    stamped = None
    if code and stamping.can_stamp(version.extension):  # a code: the download is traced
        lines = stamping.stamp_lines(request.user, timezone.now(), purpose, code)
        stamped = stamping.stamp(files.read(version.file_name), version.extension, lines, code)
    with transaction.atomic():
        # The purpose may quote the record: it stays behind the record's door (Unduhan), the
        # trail gets the row's id (and the code, which says nothing about the record).
        unduhan = None
        if purpose or traced:
            unduhan = Unduhan.objects.create(
                office_id=naskah.office_id,
                naskah=naskah,
                versi=version.versi,
                user=request.user if request.user.is_authenticated else None,
                tujuan=purpose,
                kode=code,
                sha256=hashlib.sha256(stamped).hexdigest() if stamped is not None else "",
            )
        extra: dict[str, Any] = {"unduhan": unduhan.pk} if unduhan else {}
        if code:
            extra.update(kode=code, bertanda=stamped is not None)
        audit.record(
            "arsip.download",
            request=request,
            obj=naskah,
            versi=version.versi,
            sha256=version.sha256,
            **extra,
        )
    if stamped is not None:
        return files.serve_bytes(
            stamped, download_name=version.nama_asli, content_type=version.content_type
        )
    return files.serve(
        version.file_name, download_name=version.nama_asli, content_type=version.content_type
    )


# The export's filters the trail keeps: codes and ids. Search words are left out (they are
# often a classified record's subject or number); the trail only says a search was given.
EXPORT_FILTERS_KEPT = ("kode", "kelas", "tahun", "unit", "status", "urut")


def record_export(*, request: HttpRequest, filters: Mapping[str, Any], count: int) -> None:
    kept = {k: v for k, v in filters.items() if k in EXPORT_FILTERS_KEPT}
    if filters.get("q"):
        kept["q"] = "(kata pencarian tidak dicatat)"
    audit.record("arsip.export", request=request, filters=kept, count=count)


def extract_and_index(version_id: int) -> None:
    """Extract a version's text (OCR where possible) and refresh the record's index."""
    version = BerkasDigital.objects.select_related("naskah").filter(pk=version_id).first()
    if version is None or version.dimusnahkan_pada:
        return
    text, status, note = extraction.extract(version.file_name, version.extension)
    with transaction.atomic():
        BerkasDigital.objects.filter(pk=version.pk).update(
            teks=text[: conf.extract_max_chars()],
            status_ekstraksi=status,
            catatan_ekstraksi=note[:300],
        )
        naskah = Naskah.objects.select_related("klasifikasi", "berkas").get(pk=version.naskah_id)
        search.index_naskah(naskah)
    preview.enqueue_preview(version)


NOT_APPROVER = (
    "Anda bukan pejabat yang berwenang menyetujui akses naskah ini. Hak akses diberikan oleh "
    "pejabat kelas naskah yang melihatnya menurut matriks akses, bukan oleh pemegang hak "
    "akses atau pendaftar naskah."
)


def grant_access(
    naskah: Naskah,
    *,
    by: User,
    tujuan: str,
    berlaku_sampai: date,
    user: User | None = None,
    unit: Unit | None = None,
    request: HttpRequest | None = None,
) -> HakAkses:
    """Give a user or a unit access to one record until a date. ``by`` must be an approver
    of the record's class (``arsip.authority.may_approve``: a deciding official who sees the
    record through the matrix, never through a grant or their own registration), and never
    the recipient: a grant is not passed on or extended by whoever holds one. Returns the
    HakAkses; raises ValidationError (nothing written) otherwise."""
    if (user is None) == (unit is None):
        raise ValidationError("Pilih satu: pengguna atau unit kerja.", code="user_xor_unit")
    if not authority.may_approve(by, naskah):
        raise ValidationError(NOT_APPROVER, code="not_approver")
    if user is not None and user.pk == by.pk:
        raise ValidationError(
            "Anda tidak dapat memberi hak akses kepada diri sendiri.", code="self_grant"
        )
    today = timezone.localdate()
    if berlaku_sampai < today:
        raise ValidationError("Tanggal berakhir sudah lewat.", code="past")
    if berlaku_sampai > today + timedelta(days=conf.grant_max_days()):
        raise ValidationError(
            "Hak akses paling lama %(days)s hari.",
            code="too_long",
            params={"days": conf.grant_max_days()},
        )
    target_office = (user or unit).office_id  # type: ignore[union-attr]  # one of them, above
    if target_office != naskah.office_id:
        raise ValidationError("Penerima harus dari kantor yang sama.", code="other_office")
    with transaction.atomic():
        grant = HakAkses.objects.create(
            office_id=naskah.office_id,
            naskah=naskah,
            user=user,
            unit=unit,
            tujuan=tujuan,
            disetujui_oleh=by,
            berlaku_sampai=berlaku_sampai,
        )
        audit.record(
            "arsip.grant",
            request=request,
            actor=by,
            obj=naskah,
            to=str(user or unit),
            until=berlaku_sampai.isoformat(),
            # The purpose may quote the record; it stays on the grant.
            grant=grant.pk,
        )
    return grant


def revoke_access(grant: HakAkses, *, by: User, request: HttpRequest | None = None) -> None:
    """End a grant. ``by`` is an approver of the record or the grant's own approver (who
    still sees the record); a grant holder cannot revoke, or renew, anyone's grant."""
    naskah = grant.naskah
    if not (authority.may_approve(by, naskah) or grant.disetujui_oleh_id == by.pk):
        raise ValidationError(NOT_APPROVER, code="not_approver")
    with transaction.atomic():
        HakAkses.objects.filter(pk=grant.pk).update(dicabut_pada=timezone.now())
        audit.record("arsip.revoke", request=request, actor=by, obj=naskah, grant=grant.pk)


def resolve_requested(office_id: int | None, uraian: str | None) -> Naskah | None:
    """The record a request names by its exact letter number, when exactly one record of the
    office has it (None otherwise). Used only for routing: the requester is never told."""
    nomor = (uraian or "").strip()
    if not nomor:
        return None
    found = list(
        Naskah.objects.filter(office_id=office_id, nomor_surat__iexact=nomor)  # type: ignore[misc]
        .select_related("kelas")
        .order_by()[:2]
    )
    return found[0] if len(found) == 1 else None


def request_access(
    *,
    user: User,
    uraian: str,
    tujuan: str,
    nomor_naskah: str = "",
    request: HttpRequest | None = None,
) -> PermohonanAkses:
    """File a request for access. When ``nomor_naskah`` names exactly one record of the
    office, the request is routed to that record's approvers (``arsip.authority.approvers``),
    who see it under "Menunggu keputusan Anda" and get an e-mail; otherwise any deciding
    official may route it. The requester's page shows neither way: it never confirms that a
    record exists. Returns the PermohonanAkses."""
    with transaction.atomic():
        naskah = resolve_requested(user.office_id, nomor_naskah) if nomor_naskah else None
        permohonan = PermohonanAkses.objects.create(
            office=user.office,  # type: ignore[misc]  # a requester belongs to an office
            pemohon=user,
            uraian=uraian,
            tujuan=tujuan,
            nomor_naskah=(nomor_naskah or "").strip(),
            naskah=naskah,
        )
        audit.record("arsip.request", request=request, actor=user, obj=permohonan)
        if naskah is not None:
            _tell_approvers_on_commit(permohonan, naskah)
    return permohonan


def route_request(
    permohonan: PermohonanAkses, *, by: User, naskah: Naskah, request: HttpRequest | None = None
) -> PermohonanAkses:
    """Route an unrouted request to the approvers of ``naskah`` (a record ``by`` sees and
    identified from the request's words). Returns the request."""
    if permohonan.status != PermohonanAkses.Status.DIAJUKAN:
        raise ValidationError("Permohonan ini sudah diputus.", code="decided")
    with transaction.atomic():
        claimed = PermohonanAkses.objects.filter(
            pk=permohonan.pk, status=PermohonanAkses.Status.DIAJUKAN, naskah__isnull=True
        ).update(naskah=naskah)
        if not claimed:
            raise ValidationError("Permohonan ini baru saja diteruskan.", code="routed")
        permohonan.naskah = naskah
        audit.record("arsip.request_routed", request=request, actor=by, obj=permohonan)
        _tell_approvers_on_commit(permohonan, naskah)
    return permohonan


def pending_for(user: User) -> list[PermohonanAkses]:
    """The office's pending requests routed to ``user`` ("Menunggu keputusan Anda"): those
    naming a record the user may approve, never the user's own."""
    items = (
        PermohonanAkses.objects.filter(  # type: ignore[misc]  # office_id None: no rows
            office_id=user.office_id,
            status=PermohonanAkses.Status.DIAJUKAN,
            naskah__isnull=False,
        )
        .exclude(pemohon=user)
        .select_related("pemohon", "pemohon__unit", "naskah")
        .order_by("created_at")[:200]
    )
    # naskah__isnull=False above: every request names its record.
    return [p for p in items if authority.may_approve(user, p.naskah)]  # type: ignore[arg-type]


def unrouted_for(user: User) -> list[PermohonanAkses]:
    """The office's pending requests not yet routed to a record (no exact number given), which
    any deciding official of the office other than the requester may forward or refuse: the
    second list of /arsip/permohonan/ and of the portal's "Menunggu Anda". Callers check
    ``arsip.decide_permohonan``."""
    if not user.office_id:
        return []
    return list(
        PermohonanAkses.objects.filter(
            office_id=user.office_id,
            status=PermohonanAkses.Status.DIAJUKAN,
            naskah__isnull=True,
        )
        .exclude(pemohon=user)
        .select_related("pemohon", "pemohon__unit")
        .order_by("created_at")[:200]
    )


def _tell_approvers_on_commit(permohonan: PermohonanAkses, naskah: Naskah) -> None:
    approvers = authority.approvers(naskah, exclude_pk=permohonan.pemohon_id)
    emails = [u.email for u in approvers if u.email]
    if emails:
        transaction.on_commit(lambda: _tell_approvers(permohonan, emails))


def _tell_approvers(permohonan: PermohonanAkses, emails: list[str]) -> None:
    # Neither the record's subject nor its number: a mailbox is outside the record's door.
    body = (
        f"{permohonan.pemohon} mengajukan permohonan akses arsip "
        f"(Permohonan akses #{permohonan.pk}) yang menunggu keputusan Anda.\n"
        "Buka E-Arsip, menu Permohonan akses, bagian “Menunggu keputusan Anda”."
    )
    try:
        send_mail("Permohonan akses arsip menunggu keputusan Anda", body, None, emails)
    except Exception:  # noqa: BLE001 - the list shows it too; a mail outage must not undo it
        log.exception("arsip: could not e-mail approvers of request %s", permohonan.pk)


def decide_request(
    permohonan: PermohonanAkses,
    *,
    by: User,
    approve: bool,
    naskah: Naskah | None = None,
    berlaku_sampai: date | None = None,
    catatan: str = "",
    request: HttpRequest | None = None,
) -> PermohonanAkses:
    """Approve (with the record, and an expiry) or refuse a pending request; the requester
    is told by e-mail and on their request page. A routed request is decided only by an
    approver of its record; nobody decides their own request. Raises ValidationError."""
    if permohonan.status != PermohonanAkses.Status.DIAJUKAN:
        raise ValidationError("Permohonan ini sudah diputus.", code="decided")
    if permohonan.pemohon_id == by.pk:
        raise ValidationError(
            "Anda tidak dapat memutus permohonan Anda sendiri.", code="own_request"
        )
    if permohonan.naskah_id is not None:
        naskah = permohonan.naskah
        if not authority.may_approve(by, naskah):  # type: ignore[arg-type]  # naskah_id set
            raise ValidationError(NOT_APPROVER, code="not_approver")
    with transaction.atomic():
        # Of two officials deciding at once, the later is refused (never two grants).
        status = (
            PermohonanAkses.objects.select_for_update()
            .filter(pk=permohonan.pk)
            .values_list("status", flat=True)
            .first()
        )
        if status != PermohonanAkses.Status.DIAJUKAN:
            raise ValidationError("Permohonan ini sudah diputus.", code="decided")
        if approve:
            # An approval names the record and an expiry (the decision form requires both).
            permohonan.hak_akses = grant_access(
                naskah,  # type: ignore[arg-type]
                by=by,
                tujuan=permohonan.tujuan,
                berlaku_sampai=berlaku_sampai,  # type: ignore[arg-type]
                user=permohonan.pemohon,
                request=request,
            )
            permohonan.naskah = naskah
            permohonan.status = PermohonanAkses.Status.DISETUJUI
        else:
            permohonan.status = PermohonanAkses.Status.DITOLAK
        permohonan.diputus_oleh = by
        permohonan.diputus_pada = timezone.now()
        permohonan.catatan_putusan = catatan
        permohonan.save()
        audit.record(
            "arsip.request_decided",
            request=request,
            actor=by,
            obj=permohonan,
            status=permohonan.status,
        )
        transaction.on_commit(lambda: _tell_requester(permohonan))
    return permohonan


def _tell_requester(permohonan: PermohonanAkses) -> None:
    email = permohonan.pemohon.email
    if not email:
        return
    verdict = permohonan.get_status_display().lower()
    body = [
        f"Permohonan akses Anda ({permohonan.uraian}) {verdict}.",
    ]
    if permohonan.catatan_putusan:
        body.append(f"Catatan: {permohonan.catatan_putusan}")
    if permohonan.hak_akses_id:
        body.append(f"Berlaku sampai {permohonan.hak_akses.berlaku_sampai:%d-%m-%Y}.")  # type: ignore[union-attr]
    try:
        send_mail(f"Permohonan akses arsip {verdict}", "\n".join(body), None, [email])
    except Exception:  # noqa: BLE001 - the page tells them too; a mail outage must not undo it
        log.exception("arsip: could not e-mail requester %s", permohonan.pemohon_id)


def trace_download(
    *,
    user: User,
    kode: str | None = None,
    data: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> dict[str, Any]:
    """Find the downloads a leaked copy came from: by a code typed (as read off a photo), or
    by the copy itself (the checksum of a stamped copy, the code in a PDF's metadata or on its
    pages). Only downloads ``Unduhan.objects.traceable_by(user)`` lets through. Returns a
    dict: the codes and checksum looked for, and one entry per download found with its audit
    entry; the stated purpose only when the user may read the record. Audited. Callers:
    holders of arsip.trace_unduhan."""
    from sisp.models import AuditEvent

    codes = [kode] if kode else []
    digest = ""
    if data is not None:
        raw = b"".join(data.chunks())
        digest = hashlib.sha256(raw).hexdigest()
        if raw.startswith(b"%PDF"):
            codes += [c for c in stamping.codes_in_pdf(raw) if c not in codes]
    wanted = Q(kode__in=codes) if codes else Q(pk__in=[])
    if digest:
        wanted |= Q(sha256=digest)
    found = list(
        Unduhan.objects.traceable_by(user)
        .filter(wanted)
        .select_related("user", "naskah__kelas")
        .order_by("created_at", "id")[:20]
    )
    readable = set(
        Naskah.objects.visible_to(user)
        .filter(pk__in=[u.naskah_id for u in found])
        .values_list("pk", flat=True)
    )
    events = {
        e.detail.get("unduhan"): e
        for e in AuditEvent.objects.filter(  # type: ignore[misc]  # office_id None: no rows
            office_id=user.office_id,
            action="arsip.download",
            object_type=Naskah._meta.label,
            object_id__in=[str(u.naskah_id) for u in found],
        )
        if e.detail.get("unduhan") in {u.pk for u in found}
    }
    matches = [
        {
            "unduhan": u,
            "event": events.get(u.pk),
            "naskah": u.naskah.audit_repr(),
            "readable": u.naskah_id in readable,
            "tujuan": u.tujuan if u.naskah_id in readable else None,
            "by_checksum": bool(digest) and u.sha256 == digest,
        }
        for u in found
    ]
    audit.record(
        "arsip.trace_unduhan",
        request=request,
        actor=user,
        kode=codes,
        berkas=bool(data),
        ditemukan=[u.pk for u in found],
    )
    return {"codes": codes, "sha256": digest, "matches": matches}


GRANT_OUTLIVED = "pemberi persetujuan tidak lagi berwenang atas naskah ini"


def end_grants_outliving_approver(
    approver_pk: int,
    *,
    naskah_ids: Iterable[int] | None = None,
    sebab: str | None = None,
    request: HttpRequest | None = None,
) -> int:
    """A grant cannot outlast its approver's own authority over the record: after a change of
    the approver's roles, unit or office, every live grant they approved on a record they may
    no longer approve ends now, each with an audit entry. ``naskah_ids`` limits the check to
    those records' grants; ``sebab`` is what changed, for the audit entry. Returns how many
    ended. Called from the User signals (``arsip.signals``) and from
    ``end_grants_outliving_approvers``."""
    from sisp.models import User  # noqa: F811 - at run time too

    live = HakAkses.objects.filter(
        disetujui_oleh_id=approver_pk,
        dicabut_pada__isnull=True,
        berlaku_sampai__gte=timezone.localdate(),
    )
    if naskah_ids is not None:
        live = live.filter(naskah_id__in=list(naskah_ids))
    if not live.exists():  # most users approve nothing: one cheap query, no join
        return 0
    approver = User.objects.select_related("office", "unit").filter(pk=approver_pk).first()
    if approver is None:
        return 0
    live = live.select_related("naskah", "naskah__kelas", "naskah__unit").order_by("pk")
    extra: dict[str, Any] = {"sebab": sebab} if sebab else {}
    ended = 0
    for grant in live:
        if approver.is_active and authority.may_approve(approver, grant.naskah):
            continue
        with transaction.atomic():
            HakAkses.objects.filter(pk=grant.pk, dicabut_pada__isnull=True).update(
                dicabut_pada=timezone.now()
            )
            audit.record(
                "arsip.grant_ended",
                request=request,
                actor=None,
                obj=grant.naskah,
                grant=grant.pk,
                approver=approver_pk,
                reason=GRANT_OUTLIVED,
                **extra,
            )
        ended += 1
    return ended


# What changed when grants are checked again without a change of the approver (audit detail).
SEBAB_MATRIKS = "matriks akses atau pejabat kelas diubah"
SEBAB_NASKAH = "kelas atau unit naskah diubah"


def end_grants_outliving_approvers(
    *,
    naskah_ids: Iterable[int] | None = None,
    sebab: str | None = None,
    request: HttpRequest | None = None,
) -> int:
    """The same rule after a change on the other side: the installation changed the access
    matrix (``AksesMatrix``) or the class officials (``PejabatKelas``), which can take an
    approver's sight or authority away from records of every office, or a record changed
    class or unit (``naskah_ids``: only that record's grants). Every live grant whose approver
    may no longer approve its record ends, each audited. Returns how many ended. Called from
    the signals in ``arsip.signals`` after the change commits."""
    live = HakAkses.objects.filter(
        dicabut_pada__isnull=True,
        berlaku_sampai__gte=timezone.localdate(),
    )
    if naskah_ids is not None:
        naskah_ids = list(naskah_ids)
        live = live.filter(naskah_id__in=naskah_ids)
    approver_pks = sorted(set(live.values_list("disetujui_oleh_id", flat=True)))
    return sum(
        end_grants_outliving_approver(pk, naskah_ids=naskah_ids, sebab=sebab, request=request)
        for pk in approver_pks
    )
