"""Operations on records that span models, files or the audit trail. Each runs inside
``transaction.atomic()`` and writes its own audit entry. Callers have already checked the
user's rights (views fetch records through ``Naskah.objects.visible_to``)."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from sisp import audit, files

from . import conf, extraction, preview, search
from .models import (
    Berkas,
    BerkasDigital,
    HakAkses,
    Naskah,
    NomorBerkasCounter,
    PermohonanAkses,
    Unduhan,
)

log = logging.getLogger(__name__)

FILE_PREFIX = "arsip"


def next_nomor_berkas(office, year=None):
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


def new_file_description(klasifikasi, kelas, perihal, year):
    """The description of a file opened by its first record. A file's description is shown
    and indexed with every record of the file, so only a Biasa record lends its subject;
    otherwise the file gets the filing code's name and the year."""
    if kelas is not None and kelas.kode == "B" and perihal:
        return perihal[:500]
    return f"{klasifikasi.nama} {year}"[:500]


def _enqueue_extraction(version):
    from .tasks import extract_text

    transaction.on_commit(lambda: extract_text.enqueue(version.pk))


def _store_version(naskah, uploaded, *, user, catatan=""):
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


def register_naskah(*, user, data, uploaded=None, request=None):
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


def _register_naskah(*, user, data, uploaded, request):
    with transaction.atomic():
        berkas = data.pop("berkas", None)
        if berkas is None:
            berkas = Berkas.objects.create(
                office=user.office,
                nomor_berkas=next_nomor_berkas(user.office, data["tanggal"].year),
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
            office=user.office, berkas=berkas, nomor_item=nomor_item, created_by=user, **data
        )
        if berkas.kurun_selesai is None or naskah.tanggal > berkas.kurun_selesai:
            berkas.kurun_selesai = naskah.tanggal
            berkas.save(update_fields=["kurun_selesai"])
        if uploaded is not None:
            _store_version(naskah, uploaded, user=user)
        search.index_naskah(naskah)
        audit.record(
            "arsip.register", request=request, actor=user, obj=naskah, kelas=naskah.kelas.kode
        )
    return naskah


def file_generated_document(
    *,
    user,
    kode,
    perihal,
    tanggal,
    unit,
    content,
    file_name,
    jenis=Naskah.Jenis.LAINNYA,
    kelas="B",
    keterangan="",
    request=None,
):
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


def update_naskah(naskah, *, user, data, revisi, request=None):
    """Save the changed fields; the audit entry keeps the old and new class and unit.
    ``revisi`` is the record's revision the user's form showed: the save claims the next
    revision with ``UPDATE ... WHERE revisi = seen``, so of two people editing the same
    record the later save is refused (StaleEdit) instead of silently overwriting the
    earlier. Callers: views that fetched the record through ``Naskah.objects.editable_by``."""
    with transaction.atomic():
        claimed = Naskah.objects.filter(pk=naskah.pk, revisi=revisi).update(revisi=F("revisi") + 1)
        if not claimed:
            raise StaleEdit(STALE_MESSAGE, code="stale")
        # Compare with the stored row: a bound ModelForm has already written its cleaned
        # data onto ``naskah``.
        before = Naskah.objects.select_related("kelas", "unit").get(pk=naskah.pk)
        changed = [k for k, v in data.items() if getattr(before, k) != v]
        moves = {}
        if "kelas" in changed:
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
        search.index_naskah(naskah)
        audit.record(
            "arsip.update", request=request, actor=user, obj=naskah, fields=changed, **moves
        )
    return naskah


def _refile_description(naskah, before):
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


def add_version(naskah, uploaded, *, user, catatan="", request=None):
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


def record_view(naskah, *, request):
    audit.record("arsip.view", request=request, obj=naskah)


def open_version(version, *, request, purpose=""):
    """Audit one download and return the response serving the file. The caller fetched the
    version through ``visible_to`` and asked for a purpose when the class requires one."""
    naskah = version.naskah
    with transaction.atomic():
        # The purpose may quote the record: it stays behind the record's door (Unduhan), the
        # trail gets the row's id.
        unduhan = None
        if purpose:
            unduhan = Unduhan.objects.create(
                office_id=naskah.office_id,
                naskah=naskah,
                versi=version.versi,
                user=request.user if request.user.is_authenticated else None,
                tujuan=purpose,
            )
        audit.record(
            "arsip.download",
            request=request,
            obj=naskah,
            versi=version.versi,
            sha256=version.sha256,
            **({"unduhan": unduhan.pk} if unduhan else {}),
        )
    return files.serve(
        version.file_name, download_name=version.nama_asli, content_type=version.content_type
    )


# The export's filters the trail keeps: codes and ids. Search words are left out (they are
# often a classified record's subject or number); the trail only says a search was given.
EXPORT_FILTERS_KEPT = ("kode", "kelas", "tahun", "unit", "status", "urut")


def record_export(*, request, filters, count):
    kept = {k: v for k, v in filters.items() if k in EXPORT_FILTERS_KEPT}
    if filters.get("q"):
        kept["q"] = "(kata pencarian tidak dicatat)"
    audit.record("arsip.export", request=request, filters=kept, count=count)


def extract_and_index(version_id):
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


def grant_access(naskah, *, by, tujuan, berlaku_sampai, user=None, unit=None, request=None):
    """Give a user or a unit access to one record until a date. ``by`` must hold
    arsip.decide_permohonan and see the record. Returns the HakAkses."""
    if (user is None) == (unit is None):
        raise ValidationError("Pilih satu: pengguna atau unit kerja.", code="user_xor_unit")
    today = timezone.localdate()
    if berlaku_sampai < today:
        raise ValidationError("Tanggal berakhir sudah lewat.", code="past")
    if berlaku_sampai > today + timedelta(days=conf.grant_max_days()):
        raise ValidationError(
            "Hak akses paling lama %(days)s hari.",
            code="too_long",
            params={"days": conf.grant_max_days()},
        )
    target_office = (user or unit).office_id
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


def revoke_access(grant, *, by, request=None):
    with transaction.atomic():
        HakAkses.objects.filter(pk=grant.pk).update(dicabut_pada=timezone.now())
        audit.record("arsip.revoke", request=request, actor=by, obj=grant.naskah, grant=grant.pk)


def request_access(*, user, uraian, tujuan, request=None):
    with transaction.atomic():
        permohonan = PermohonanAkses.objects.create(
            office=user.office, pemohon=user, uraian=uraian, tujuan=tujuan
        )
        audit.record("arsip.request", request=request, actor=user, obj=permohonan)
    return permohonan


def decide_request(
    permohonan, *, by, approve, naskah=None, berlaku_sampai=None, catatan="", request=None
):
    """Approve (with the record the official picked among those they see, and an expiry) or
    refuse a pending request; the requester is told by e-mail and on their request page."""
    if permohonan.status != PermohonanAkses.Status.DIAJUKAN:
        raise ValidationError("Permohonan ini sudah diputus.", code="decided")
    with transaction.atomic():
        if approve:
            permohonan.hak_akses = grant_access(
                naskah,
                by=by,
                tujuan=permohonan.tujuan,
                berlaku_sampai=berlaku_sampai,
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


def _tell_requester(permohonan):
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
        body.append(f"Berlaku sampai {permohonan.hak_akses.berlaku_sampai:%d-%m-%Y}.")
    try:
        send_mail(f"Permohonan akses arsip {verdict}", "\n".join(body), None, [email])
    except Exception:  # noqa: BLE001 - the page tells them too; a mail outage must not undo it
        log.exception("arsip: could not e-mail requester %s", permohonan.pemohon_id)
