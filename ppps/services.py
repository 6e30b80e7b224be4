"""Case handling services: every change to a case goes through here, inside a transaction,
writing its history event and audit entry. Views only parse input and call these.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sisp import audit

from . import conf, privacy
from .models import (
    AlasanPublik,
    DokumenPerkara,
    HariLibur,
    Jenis,
    Pemilihan,
    Perkara,
    Pihak,
    RegisterCounter,
    RiwayatPerkara,
    StatusPerkara,
    Tahapan,
    initials,
)
from .register import normalise_register

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from sisp.files import StoredFile
    from sisp.models import Office, User

    from .models import Aduan, LampiranSementara

# No 0/O or 1/I/L: PINs and tickets are read aloud and copied from paper.
PIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LEVEL_WORDS = {"RI": "RI", "PROV": "Prov", "KAB": "Kab", "KOTA": "Kota"}
JENIS_CODES: dict[str, str] = {Jenis.LAPORAN: "LP", Jenis.TEMUAN: "TM", Jenis.SENGKETA: "PS"}


class RegisterNumberTaken(Exception):
    """The register number staff typed is already used in this office, or one the public
    lookup cannot tell apart from it ("001/Reg/..." and "1/reg/..."). ``args[0]`` is the
    typed number, ``existing`` the number already registered."""

    def __init__(self, nomor: str, existing: str | None = "") -> None:
        super().__init__(nomor)
        self.existing = existing or nomor


class AlreadyRegistered(ValueError):
    """The case has a register number already (e.g. the form was sent twice)."""


class NoBawasluCode(ValueError):
    """The office has no Bawaslu numeric code, so no number can be proposed."""


class AduanAlreadyLinked(Exception):
    """The complaint is linked to a case already; ``args[0]`` is that case's id."""


def random_code(length: int) -> str:
    return "".join(secrets.choice(PIN_ALPHABET) for _ in range(length))


def holidays_for(start: date | None = None) -> frozenset[date]:
    """The holidays a deadline counted from ``start`` can meet (a year is ample)."""
    start = start or timezone.localdate()
    return HariLibur.objects.date_set(start - timedelta(days=31), start + timedelta(days=400))


def holiday_labels_for(start: date | None = None) -> dict[date, str]:
    """Like ``holidays_for``, with each holiday's reason ({date: "Cuti bersama: ..."})."""
    start = start or timezone.localdate()
    return HariLibur.objects.labels(start - timedelta(days=31), start + timedelta(days=400))


def _refresh_deadline(perkara: Perkara, holidays: Iterable[date] | None = None) -> None:
    start = perkara.stage_start()
    perkara.batas_waktu_pada = perkara.compute_deadline_moment()
    if perkara.batas_waktu_pada is not None:
        perkara.batas_waktu = timezone.localdate(perkara.batas_waktu_pada)
        return
    perkara.batas_waktu = perkara.compute_deadline(
        holidays if holidays is not None else holidays_for(start)
    )


def _event(
    perkara: Perkara,
    kind: str,
    *,
    user: User | None,
    tanggal: date | None = None,
    catatan: str = "",
    is_public: bool = False,
    **extra: Any,
) -> RiwayatPerkara:
    return RiwayatPerkara.objects.create(
        perkara=perkara,
        office_id=perkara.office_id,
        kind=kind,
        tanggal=tanggal or timezone.localdate(),
        tahapan=extra.pop("tahapan", perkara.tahapan),
        catatan=catatan,
        is_public=is_public,
        created_by=user,
        **extra,
    )


def guard_public_note(perkara: Perkara, catatan: str) -> None:
    """Refuse (ValidationError) a public note that contains data of this case's parties."""
    parties = Pihak.objects.filter(perkara_id=perkara.pk).values(
        "nama", "nik", "telepon", "email", "alamat"
    )
    privacy.check_public_note(catatan, parties)


def _status(code: str) -> StatusPerkara | None:
    return StatusPerkara.objects.filter(code=code, is_active=True).first()


def receive_perkara(
    *,
    office: Office,
    user: User | None,
    pelapor: Mapping[str, Any] | None = None,
    aduan: Aduan | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> tuple[Perkara, str]:
    """Record a new laporan/temuan/sengketa at its first stage. Returns (perkara, pin): the PIN
    is shown once to the officer, who hands it to the reporter with the receipt.

    With ``aduan`` the case is opened from that complaint and the complaint is linked to it,
    in the same transaction and with its own audit entry. The complaint's row is locked and
    read again first: of two concurrent submissions only the first links it, the second
    waits, then gets ``AduanAlreadyLinked`` and nothing is saved."""
    from .models import Aduan

    jenis = fields["jenis"]
    pemilihan = fields["pemilihan"]
    first = Tahapan.objects.for_case(pemilihan.regime, jenis).order_by("order").first()
    if first is None:
        raise ValueError("Belum ada tahapan untuk rezim dan jenis perkara ini.")
    pin = random_code(8)
    with transaction.atomic():
        if aduan is not None:
            linked = (
                Aduan.objects.select_for_update()
                .values_list("perkara_id", flat=True)
                .get(pk=aduan.pk)
            )
            if linked is not None:
                raise AduanAlreadyLinked(linked)
        perkara = Perkara(office=office, created_by=user, tahapan=first, **fields)
        perkara.tahap_mulai = perkara.tanggal_diterima
        perkara.tahap_mulai_pada = timezone.now()
        perkara.status = _status("diterima")
        perkara.pin_hash = make_password(pin)
        _refresh_deadline(perkara)
        perkara.save()
        if user is not None:
            perkara.petugas.add(user)
        if pelapor:
            save_pihak(perkara, Pihak(peran=Pihak.Peran.PELAPOR, **pelapor), user=user)
        _event(
            perkara,
            RiwayatPerkara.Kind.DITERIMA,
            user=user,
            tanggal=perkara.tanggal_diterima,
            is_public=True,
            status=perkara.status,
            catatan=f"{perkara.get_jenis_display()} diterima.",
        )
        audit.record("ppps.perkara_receive", request=request, actor=user, obj=perkara)
        if aduan is not None:
            aduan.perkara = perkara
            aduan.save(update_fields=["perkara"])
            audit.record(
                "ppps.aduan_link", request=request, actor=user, obj=aduan, perkara=perkara.pk
            )
    return perkara, pin


def save_pihak(
    perkara: Perkara, pihak: Pihak, *, user: User | None, request: HttpRequest | None = None
) -> Pihak:
    """Save a party and refresh the terlapor's public initials on the case."""
    with transaction.atomic():
        pihak.perkara = perkara
        pihak.save()
        names = perkara.pihak.filter(peran=Pihak.Peran.TERLAPOR).values_list("nama", flat=True)
        perkara.terlapor_inisial = ", ".join(initials(n) for n in names)[:60]
        perkara.save(update_fields=["terlapor_inisial", "updated_at"])
        audit.record("ppps.pihak_save", request=request, actor=user, obj=perkara, peran=pihak.peran)
    return pihak


def move_to_stage(
    perkara: Perkara,
    tahapan: Tahapan,
    *,
    user: User,
    tanggal: date | None = None,
    mulai_pada: datetime | None = None,
    catatan: str = "",
    alasan: AlasanPublik | int | str | None = None,
    teks_publik: str = "",
    is_public: bool = False,
    status: StatusPerkara | None = None,
    request: HttpRequest | None = None,
) -> Perkara:
    """Move a case to ``tahapan`` (normally the next one), recompute its deadline and append
    the history event. ``mulai_pada`` is the moment the stage began (the decision), for a
    limit in hours; it defaults to now, or to the start of ``tanggal`` when that is not today.

    ``catatan`` is the officer's note and stays private, always. What the public pages may say
    about the move is one of: ``alasan``, a public reason text (``AlasanPublik`` or its pk) of
    the case's office; or ``teks_publik``, the officer's own words, refused when they contain
    data of the case's parties. With either, or with ``is_public`` (announce without words),
    the move is on the public timeline. Refused (ValidationError, nothing changed): a reason of
    another office or an inactive one, both a reason and own words, a public text for a stage
    that is not announced, party data. A public move notifies the reporter after commit."""
    if (tahapan.regime, tahapan.jenis) != (perkara.regime, perkara.jenis):
        raise ValueError("Tahapan tidak sesuai dengan rezim dan jenis perkara.")
    tanggal = tanggal or timezone.localdate()
    teks_publik = (teks_publik or "").strip()
    with transaction.atomic():
        perkara = Perkara.objects.select_for_update().select_related("pemilihan").get(pk=perkara.pk)
        chosen = _public_reason(perkara, alasan) if alasan else None
        if chosen and teks_publik:
            raise ValidationError(
                "Pilih salah satu: keterangan dari daftar kantor atau teks publik sendiri.",
                code="two_public_texts",
            )
        public_text = chosen.text if chosen else teks_publik
        if public_text and not tahapan.is_public:
            raise ValidationError(
                f"Tahapan {tahapan.name} tidak diumumkan, jadi tidak ada keterangan publik yang "
                "tampil. Kosongkan keterangan publik; tulis di catatan internal.",
                code="stage_not_public",
            )
        public = tahapan.is_public and bool(is_public or public_text)
        if teks_publik:
            guard_public_note(perkara, teks_publik)
        left_deadline = perkara.batas_waktu
        perkara.tahapan = tahapan
        perkara.tahap_mulai = tanggal
        perkara.tahap_mulai_pada = mulai_pada or _moment_on(tanggal)
        perkara.tahap_diperpanjang = False
        if status is not None:
            perkara.status = status
        _refresh_deadline(perkara)
        perkara.save()
        event = _event(
            perkara,
            RiwayatPerkara.Kind.TAHAP,
            user=user,
            tanggal=tanggal,
            catatan=public_text if public else catatan,
            is_public=public,
            tahapan=tahapan,
            status=status,
            batas_tahap_lalu=left_deadline,
            alasan_publik=chosen,
        )
        if public and catatan:
            # The officer's own note beside the public words: a private event of its own.
            _event(
                perkara, RiwayatPerkara.Kind.CATATAN, user=user, tanggal=tanggal, catatan=catatan
            )
        audit.record(
            "ppps.perkara_move",
            request=request,
            actor=user,
            obj=perkara,
            tahapan=tahapan.code,
            publik=public,
            alasan_publik=chosen.pk if chosen else None,
            teks_sendiri=bool(teks_publik),
        )
        if event.is_public:  # the public page changed: tell the reporter
            _notify_after_commit(perkara, event)
    return perkara


def _public_reason(perkara: Perkara, alasan: Any) -> AlasanPublik:
    """The active public reason text ``alasan`` (instance or pk) of the case's office, or a
    ValidationError that looks the same for another office's text and a missing one."""
    try:
        pk = int(getattr(alasan, "pk", alasan))
    except (TypeError, ValueError):
        pk = None
    found = AlasanPublik.objects.for_office(perkara.office_id).filter(pk=pk).first() if pk else None
    if found is None:
        raise ValidationError(
            "Keterangan publik yang dipilih tidak ada di daftar kantor perkara ini (atau sudah "
            "dinonaktifkan). Pilih keterangan lain dari daftar.",
            code="alasan_unknown",
        )
    return found


def _moment_on(day: date) -> datetime:
    """Now when ``day`` is today, else the first minute of ``day`` (the strictest reading)."""
    from datetime import datetime

    now = timezone.now()
    if day == timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def extend_deadline(
    perkara: Perkara,
    *,
    user: User,
    tanggal: date | None = None,
    catatan: str = "",
    is_public: bool = False,
    request: HttpRequest | None = None,
) -> Perkara:
    """Apply the current stage's extension (e.g. more information needed for the kajian).
    The reason is private unless the officer chose ``is_public`` on a public stage."""
    if not perkara.tahapan.extension_days:
        raise ValueError("Tahapan ini tidak mengenal perpanjangan.")
    is_public = is_public and perkara.tahapan.is_public
    with transaction.atomic():
        perkara = Perkara.objects.select_for_update().get(pk=perkara.pk)
        if is_public:
            guard_public_note(perkara, catatan)
        perkara.tahap_diperpanjang = True
        _refresh_deadline(perkara)
        perkara.save()
        _event(
            perkara,
            RiwayatPerkara.Kind.PERPANJANGAN,
            user=user,
            tanggal=tanggal,
            catatan=catatan,
            is_public=is_public,
        )
        audit.record("ppps.perkara_extend", request=request, actor=user, obj=perkara)
    return perkara


def add_note(
    perkara: Perkara,
    *,
    user: User,
    kind: str,
    catatan: str,
    tanggal: date | None = None,
    is_public: bool = False,
    untuk_pelapor: bool = False,
    request: HttpRequest | None = None,
) -> RiwayatPerkara:
    """Append a note, a correction or a letter to the reporter to the history. The note is
    private unless ``is_public`` and the current stage is public; a public note naming a
    party is refused (ValidationError)."""
    is_public = is_public and perkara.tahapan.is_public
    with transaction.atomic():
        if is_public:
            guard_public_note(perkara, catatan)
        event = _event(
            perkara,
            kind,
            user=user,
            tanggal=tanggal,
            catatan=catatan,
            is_public=is_public,
            untuk_pelapor=untuk_pelapor,
        )
        Perkara.objects.filter(pk=perkara.pk).update(updated_at=timezone.now())
        audit.record("ppps.perkara_note", request=request, actor=user, obj=perkara, kind=kind)
    return event


def update_public_facts(
    perkara: Perkara,
    *,
    user: User,
    changed: Iterable[str],
    petugas: Iterable[User] | None = None,
    request: HttpRequest | None = None,
) -> Perkara:
    """Save edited public facts (and the case's officers, ``petugas``, when given); a status or
    follow-up change becomes a public history event."""
    with transaction.atomic():
        _refresh_deadline(perkara)
        perkara.save()
        if petugas is not None:
            perkara.petugas.set(petugas)
        if {"status", "tindak_lanjut", "tindak_lanjut_keterangan"} & set(changed):
            parts = [perkara.status.name if perkara.status else ""]
            if perkara.tindak_lanjut:
                parts.append(perkara.get_tindak_lanjut_display())
            if perkara.tindak_lanjut_keterangan:
                parts.append(perkara.tindak_lanjut_keterangan)
            event = _event(
                perkara,
                RiwayatPerkara.Kind.STATUS,
                user=user,
                catatan=". ".join(p for p in parts if p),
                is_public=True,
                status=perkara.status,
            )
            _notify_after_commit(perkara, event)
        audit.record("ppps.perkara_edit", request=request, actor=user, obj=perkara, fields=changed)
    return perkara


def add_dokumen(
    perkara: Perkara,
    stored: StoredFile,
    *,
    title: str,
    untuk_pelapor: bool,
    user: User,
    request: HttpRequest | None = None,
) -> DokumenPerkara:
    """Attach an electronic document (``stored``: a ``sisp.files.StoredFile`` already written
    to private storage) to the case. Returns the ``DokumenPerkara``."""
    with transaction.atomic():
        dokumen = DokumenPerkara.objects.create(
            perkara=perkara,
            title=title,
            untuk_pelapor=untuk_pelapor,
            file_name=stored.name,
            original_name=stored.original_name,
            sha256=stored.sha256,
            size=stored.size,
            content_type=stored.content_type,
            uploaded_by=user,
        )
        audit.record(
            "ppps.dokumen_upload", request=request, actor=user, obj=perkara, dokumen=dokumen.pk
        )
    return dokumen


def save_pemilihan(
    pemilihan: Pemilihan, *, office_id: int, user: User, request: HttpRequest | None = None
) -> Pemilihan:
    """Save an election (new or edited) of the office ``office_id``. Raises IntegrityError,
    with nothing saved, when the office already has an election of that name."""
    pemilihan.office_id = office_id  # never another office's, whatever was posted
    with transaction.atomic():
        pemilihan.save()
        audit.record("ppps.pemilihan_save", request=request, actor=user, obj=pemilihan)
    return pemilihan


def save_alasan_publik(
    alasan: AlasanPublik,
    *,
    user: User,
    changed: Iterable[str] = (),
    created: bool,
    request: HttpRequest | None = None,
) -> AlasanPublik:
    """Save an office's public reason text (``AlasanPublik``; the admin set its office)."""
    with transaction.atomic():
        alasan.save()
        audit.record(
            "ppps.alasan_publik_add" if created else "ppps.alasan_publik_change",
            request=request,
            actor=user,
            obj=alasan,
            fields=[] if created else list(changed),
        )
    return alasan


def delete_alasan_publik(
    alasan: AlasanPublik, *, user: User, request: HttpRequest | None = None
) -> None:
    """Delete a public reason text no case has published (the history keeps published ones:
    the database refuses, ``ProtectedError``, and nothing is written)."""
    target = (alasan._meta.label, alasan.pk, alasan.text)
    with transaction.atomic():
        office = alasan.office
        alasan.delete()
        audit.record(
            "ppps.alasan_publik_delete", request=request, actor=user, office=office, target=target
        )


def reset_pin(perkara: Perkara, *, user: User, request: HttpRequest | None = None) -> str:
    """Give the reporter a new PIN (the old one stops working). Returns the PIN, shown once."""
    pin = random_code(8)
    with transaction.atomic():
        Perkara.objects.filter(pk=perkara.pk).update(pin_hash=make_password(pin))
        audit.record("ppps.perkara_pin_reset", request=request, actor=user, obj=perkara)
    return pin


# --- Register numbers -------------------------------------------------------------------


def format_register_number(perkara: Perkara, seq: int, on_date: date) -> str:
    """The register number ``seq`` of the case's book on ``on_date``, from the template.
    The office code in it is Bawaslu's numeric code (``Office.bawaslu_code``)."""
    office = perkara.office
    if not office.bawaslu_code:
        raise NoBawasluCode(
            "Kode Bawaslu kantor ini belum diisi (data kantor), sehingga nomor register tidak "
            "dapat diusulkan. Minta Pengelola Instalasi mengisinya, atau ketik nomornya sendiri."
        )
    template = (
        conf.register_template_sengketa()
        if perkara.jenis == Jenis.SENGKETA
        else conf.register_template()
    )
    return template.format(
        seq=seq,
        jenis=JENIS_CODES[perkara.jenis],
        election_code=perkara.pemilihan.code,
        level=LEVEL_WORDS.get(office.level, office.level),
        office_code=office.bawaslu_code,
        month_roman=ROMAN_MONTHS[on_date.month - 1],
        year=on_date.year,
    )


def propose_register_number(perkara: Perkara, on_date: date | None = None) -> str:
    """The number the next registration would get in the case's own register book (a
    preview: nothing is reserved). Raises NoBawasluCode when the office has no code."""
    on_date = on_date or timezone.localdate()
    last = (
        RegisterCounter.objects.filter(
            office_id=perkara.office_id, book=perkara.jenis, year=on_date.year
        )
        .values_list("last", flat=True)
        .first()
    ) or 0
    return format_register_number(perkara, last + 1, on_date)


def _equivalent_number(office_id: int, nomor: str) -> str | None:
    """The registered number of this office the public lookup would confuse with ``nomor``."""
    key = normalise_register(nomor)
    return (
        Perkara.objects.filter(office_id=office_id, nomor_kunci=key)
        .values_list("nomor_register", flat=True)
        .first()
    )


def register_perkara(
    perkara: Perkara,
    *,
    user: User,
    tanggal: date | None = None,
    nomor: str = "",
    request: HttpRequest | None = None,
) -> Perkara:
    """Register a case. With ``nomor`` blank it takes the next sequence number of the case's
    register book (laporan, temuan or sengketa) for the year under a row lock on that book's
    counter, so concurrent registrations never collide; a number staff typed themselves is
    kept as typed, unless it is equivalent to a registered one (same normalised key).

    Raises AlreadyRegistered when the case has a number (a second submission),
    RegisterNumberTaken when the number or an equivalent is used in the office, and
    NoBawasluCode when a number must be proposed but the office has no Bawaslu code.
    """
    tanggal = tanggal or timezone.localdate()
    nomor = (nomor or "").strip()
    registrasi = (
        Tahapan.objects.for_case(perkara.regime, perkara.jenis).filter(code="registrasi").first()
    )
    try:
        with transaction.atomic():
            perkara = (
                Perkara.objects.select_for_update()
                .select_related("office", "pemilihan")
                .get(pk=perkara.pk)
            )
            if perkara.nomor_register:
                raise AlreadyRegistered(perkara.nomor_register)
            if not nomor:
                format_register_number(perkara, 1, tanggal)  # NoBawasluCode before any write
                book: dict[str, Any] = {"office_id": perkara.office_id, "book": perkara.jenis}
                RegisterCounter.objects.get_or_create(**book, year=tanggal.year)
                counter = RegisterCounter.objects.select_for_update().get(**book, year=tanggal.year)
                taken = set(
                    Perkara.objects.filter(office_id=perkara.office_id)
                    .exclude(nomor_kunci="")
                    .values_list("nomor_kunci", flat=True)
                )
                seq = counter.last + 1
                while normalise_register(format_register_number(perkara, seq, tanggal)) in taken:
                    seq += 1  # staff typed this one by hand earlier: skip it
                nomor = format_register_number(perkara, seq, tanggal)
                counter.last = seq
                counter.save(update_fields=["last"])
            else:
                existing = _equivalent_number(perkara.office_id, nomor)
                if existing is not None:
                    raise RegisterNumberTaken(nomor, existing)
            perkara.nomor_register = nomor
            perkara.tanggal_registrasi = tanggal
            perkara.status = _status("diregistrasi") or perkara.status
            if registrasi and registrasi.order > perkara.tahapan.order:
                perkara.tahapan = registrasi
                perkara.tahap_mulai = tanggal
                perkara.tahap_mulai_pada = _moment_on(tanggal)
                perkara.tahap_diperpanjang = False
            _refresh_deadline(perkara)
            perkara.save()
            event = _event(
                perkara,
                RiwayatPerkara.Kind.REGISTRASI,
                user=user,
                tanggal=tanggal,
                catatan=f"Diregistrasi dengan nomor {nomor}.",
                is_public=True,
                status=perkara.status,
            )
            audit.record("ppps.perkara_register", request=request, actor=user, obj=perkara)
            _notify_after_commit(perkara, event)
    except IntegrityError as exc:
        # A parallel registration took the number (or an equivalent) between our check and
        # the insert: the unique constraints on the number and its key are the last guard.
        raise RegisterNumberTaken(nomor, _equivalent_number(perkara.office_id, nomor)) from exc
    return perkara


def _tanggal(value: date | None) -> str:
    from .public import tanggal_id

    return tanggal_id(value) if value is not None else "tanpa batas waktu"


def _computed(perkara: Perkara, holidays: Iterable[date]) -> tuple[date | None, datetime | None]:
    moment = perkara.compute_deadline_moment()
    if moment is not None:
        return timezone.localdate(moment), moment
    return perkara.compute_deadline(holidays), None


def recompute_deadlines(
    queryset: QuerySet[Perkara] | None = None,
    *,
    actor: User | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> dict[int, list[int]]:
    """Recompute the stored deadlines of open cases after the holiday calendar or a stage's
    limit changed (installation manager in the admin, or the ``recompute_deadlines`` command).

    Each case whose deadline moves is saved under a row lock, gets a history event with the
    old and new deadline (staff only) and an audit entry in its own office. Returns the cases
    that changed per office: {office id: [perkara id, ...]}.
    """
    queryset = (queryset if queryset is not None else Perkara.objects.open()).select_related(
        "tahapan", "pemilihan"
    )
    holidays = HariLibur.objects.date_set()
    # First find the cases, then write: SQLite does not isolate a running read from writes.
    candidates = [
        p.pk
        for p in queryset.iterator(chunk_size=500)
        if _computed(p, holidays) != (p.batas_waktu, p.batas_waktu_pada)
    ]
    moved: dict[int, list[int]] = {}
    for pk in candidates:
        with transaction.atomic():
            perkara = (
                Perkara.objects.select_for_update()
                .select_related("tahapan", "pemilihan")
                .get(pk=pk)
            )
            old = perkara.batas_waktu
            if _computed(perkara, holidays) == (old, perkara.batas_waktu_pada):
                continue  # moved meanwhile by a stage change of its own
            _refresh_deadline(perkara, holidays)
            new = perkara.batas_waktu
            perkara.save(update_fields=["batas_waktu", "batas_waktu_pada", "updated_at"])
            catatan = (
                f"Batas waktu tahapan {perkara.tahapan.name} berubah dari {_tanggal(old)} "
                f"menjadi {_tanggal(new)}"
            )
            _event(
                perkara,
                RiwayatPerkara.Kind.BATAS_WAKTU,
                user=actor,
                catatan=f"{catatan} karena {reason}." if reason else f"{catatan}.",
            )
            audit.record(
                "ppps.deadline_moved",
                request=request,
                actor=actor,
                obj=perkara,
                lama=old.isoformat() if old else None,
                baru=new.isoformat() if new else None,
                alasan=reason,
            )
        moved.setdefault(perkara.office_id, []).append(perkara.pk)
    return moved


def _notify_after_commit(perkara: Perkara, event: RiwayatPerkara) -> None:
    from .tasks import notify_reporter

    perkara_id, event_id = perkara.pk, event.pk
    transaction.on_commit(lambda: notify_reporter.enqueue(perkara_id, event_id))


# --- Posko Aduan ------------------------------------------------------------------------


def submit_aduan(
    *,
    office: Office,
    data: Mapping[str, Any],
    attachments: Iterable[UploadedFile] = (),
    kept: Iterable[LampiranSementara] = (),
    request: HttpRequest | None = None,
) -> tuple[Aduan, str]:
    """Store a public complaint and its attachments. Returns (aduan, pin): the PIN is shown
    once to the complainant and only its hash is kept. ``kept`` are this session's
    ``LampiranSementara`` rows from an earlier try (ppps.aduan_files): they become the
    complaint's attachments and stop being temporary."""
    from sisp import files

    from .models import Aduan, LampiranAduan, LampiranSementara

    pin = random_code(6)
    stored = [
        files.StoredFile(
            name=k.file_name,
            original_name=k.original_name,
            sha256=k.sha256,
            size=k.size,
            content_type=k.content_type,
            extension=k.file_name.rsplit(".", 1)[-1],
        )
        for k in kept
    ]
    stored += [files.store(f, prefix=f"ppps/aduan/{office.pk}") for f in attachments]
    with transaction.atomic():
        for _ in range(5):
            code = f"ADU-{random_code(8)}"
            if not Aduan.objects.filter(kode_tiket=code).exists():
                break
        aduan = Aduan.objects.create(
            office=office, kode_tiket=code, pin_hash=make_password(pin), **data
        )
        LampiranAduan.objects.bulk_create(
            LampiranAduan(
                aduan=aduan,
                file_name=s.name,
                original_name=s.original_name,
                sha256=s.sha256,
                size=s.size,
                content_type=s.content_type,
            )
            for s in stored
        )
        LampiranSementara.objects.filter(pk__in=[k.pk for k in kept]).delete()
        audit.record("ppps.aduan_submit", request=request, obj=aduan, office=office)
        queue_aduan_mail(aduan, "diterima", request=request)
    return aduan, pin


def triage_aduan(
    aduan: Aduan, *, status: str, jawaban: str, user: User, request: HttpRequest | None = None
) -> Aduan:
    """Record staff's triage decision and the answer the complainant reads. A new or changed
    answer is e-mailed (within office hours) to a complainant who gave an address."""
    from .models import Aduan

    with transaction.atomic():
        # The form has already written the new values onto ``aduan``: compare with the row.
        before = Aduan.objects.filter(pk=aduan.pk).values_list("jawaban", flat=True).first()
        aduan.status = status
        aduan.jawaban = jawaban
        aduan.triaged_by = user
        aduan.triaged_at = timezone.now()
        aduan.save(update_fields=["status", "jawaban", "triaged_by", "triaged_at"])
        audit.record("ppps.aduan_triage", request=request, actor=user, obj=aduan, status=status)
        if jawaban and jawaban != before and status != Aduan.Status.BARU:
            queue_aduan_mail(aduan, "dijawab", request=request)
    return aduan


def queue_aduan_mail(
    aduan: Aduan, kind: str, *, request: HttpRequest | None = None, now: datetime | None = None
) -> datetime | None:
    """Queue the e-mail ``kind`` ("diterima", "dijawab") to the complainant after the commit,
    to run at the next office-hours moment (``sisp.office_hours``; holidays are closed).
    Returns when it is due, or None when the complainant gave no address."""
    from . import aduan_receipt

    if not aduan.email:
        return None
    url = aduan_receipt.status_url(aduan.kode_tiket, request)
    return enqueue_aduan_mail(aduan.pk, kind, url, now=now)


def aduan_mail_due(now: datetime) -> datetime:
    """The moment a complainant's e-mail may go out: ``now`` within office hours, otherwise
    the next opening (weekends, holidays and cuti bersama are closed)."""
    from sisp import conf as sisp_conf
    from sisp import office_hours

    hours = sisp_conf.office_hours()
    return office_hours.next_opening(now, hours, holidays_for(now.astimezone(hours.tz).date()))


def enqueue_aduan_mail(
    aduan_id: int, kind: str, status_url: str, *, now: datetime | None = None
) -> datetime:
    """Enqueue ``ppps.tasks.send_aduan_mail`` after the commit, deferred to the next opening
    when ``now`` is outside office hours. Returns when it is due."""
    import logging

    from .tasks import send_aduan_mail

    now = now or timezone.now()
    due = aduan_mail_due(now)
    task = send_aduan_mail
    if due != now:
        if task.get_backend().supports_defer:
            task = task.using(run_after=due)
        else:
            logging.getLogger(__name__).warning(
                "Task backend cannot defer: aduan e-mail sent outside office hours."
            )
    transaction.on_commit(lambda: task.enqueue(aduan_id, kind, status_url))
    return due
