"""Pelimpahan and pengambilalihan: moving a case to another office (Perbawaslu 7/2022
Pasal 20).

The rule, as the regulation reads (Pasal 20, on kode-etik cases of ad hoc supervisors):
(1) a case of alleged breach of the code of ethics by a Panwaslu Kecamatan, Panwaslu
Kelurahan/Desa or Pengawas TPS is registered and handled by the Bawaslu Kabupaten/Kota;
(2) when its kajian awal came from Bawaslu or a Bawaslu Provinsi, the case is *dilimpahkan*
(transferred down) to the Bawaslu Kabupaten/Kota; (3) when it came from a Panwaslu
Kecamatan, the Bawaslu Kabupaten/Kota *mengambil alih* (takes it over). Whether other kinds
of case may be transferred on the same footing, and between which levels, is the deciding
official's judgement (?): the app therefore lets an official send a case to any office of
the installation or record it as sent to an office outside it, and lets a higher office take
a case over only from an office below it.

Who decides: holders of ``ppps.transfer_perkara`` (Ketua and Anggota: ``ppps/apps.py``,
data through the role groups). A pelimpahan is decided in the office that holds the case; a
pengambilalihan in the receiving office, which must be above the case's office.

Effect: the case's holding office (``Perkara.office``) becomes the receiving office; its
register number stays as it is (the public types it) and stays unique there. Its stage and
deadline go on unchanged: stages and holidays are the installation's shared rules, the same
in every office. A case sent outside the installation is closed here with the status
"dilimpahkan" and is editable by nobody afterwards.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from sisp import audit

from .models import DokumenPerkara, Pelimpahan, Perkara, Pihak, RiwayatPerkara, StatusPerkara

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from sisp.models import Office, User

RIGHT = "ppps.transfer_perkara"
# The default text of the legal basis on the form; the official may write a more precise one.
DEFAULT_LEGAL_BASIS = "Peraturan Bawaslu Nomor 7 Tahun 2022 Pasal 20"
# The status word a case gets when it leaves the installation (reference data, ``dilimpahkan``).
OUTSIDE_STATUS = "dilimpahkan"


class TransferRefused(Exception):
    """The transfer is not allowed or no longer possible; ``str(exc)`` says why, in
    Indonesian, for the officer."""


def ancestors(office: Office) -> list[Office]:
    """The offices above ``office`` (parent, grandparent, ...), a cycle-safe walk."""
    found: list[Office] = []
    seen, current = {office.pk}, office.parent
    while current is not None and current.pk not in seen:
        found.append(current)
        seen.add(current.pk)
        current = current.parent
    return found


def may_transfer(user: User | AnonymousUser, perkara: Perkara) -> bool:
    """May ``user`` send ``perkara`` on (pelimpahan)? Their office holds it, it is open and
    still here, and they hold the right."""
    return bool(
        user.is_authenticated
        and user.has_perm(RIGHT)
        and user.office_id == perkara.office_id
        and perkara.is_open()
        and not perkara.pelimpahan.filter(to_office__isnull=True).exists()
    )


def public_sentence(kind: str, *, to_name: str, from_name: str, day: date) -> str:
    """What /cek/ says of the transfer, in plain words (office names and a date only)."""
    from .public import tanggal_id

    if kind == Pelimpahan.Kind.PENGAMBILALIHAN:
        return f"Perkara ini diambil alih oleh {to_name} dari {from_name} pada {tanggal_id(day)}."
    return f"Perkara ini dilimpahkan ke {to_name} pada {tanggal_id(day)}."


def transfer_perkara(
    perkara: Perkara,
    *,
    user: User,
    kind: str,
    reason: str,
    legal_basis: str,
    to_office: Office | None = None,
    to_office_name: str = "",
    stamp: datetime | None = None,
    request: HttpRequest | None = None,
) -> Pelimpahan:
    """Transfer ``perkara`` to ``to_office`` (or record it as sent to ``to_office_name``
    outside the installation) and return the ``Pelimpahan``.

    ``kind`` pelimpahan: decided by ``user`` of the holding office. ``kind`` pengambilalihan:
    ``to_office`` is ``user``'s office, which must be above the case's office. ``stamp`` is
    the case's ``updated_at`` the officer confirmed against: a case changed since is refused
    (stale). Raises TransferRefused with the reason; nothing is written then.
    """
    to_office_name = (to_office_name or "").strip()
    reason, legal_basis = (reason or "").strip(), (legal_basis or "").strip()
    if not reason or not legal_basis:
        raise TransferRefused("Alasan dan dasar hukum pelimpahan wajib diisi.")
    if (to_office is None) == (not to_office_name):
        raise TransferRefused(
            "Pilih satu kantor tujuan: kantor dalam sistem ini, atau tulis nama kantor di luar."
        )
    if not user.has_perm(RIGHT):
        raise TransferRefused("Anda tidak berwenang melimpahkan atau mengambil alih perkara.")
    try:
        with transaction.atomic():
            locked = (
                Perkara.objects.select_for_update(of=("self",))
                .select_related("office", "status", "tahapan")
                .get(pk=perkara.pk)
            )
            _check(locked, user=user, kind=kind, to_office=to_office, stamp=stamp)
            return _apply(
                locked,
                user=user,
                kind=kind,
                reason=reason,
                legal_basis=legal_basis,
                to_office=to_office,
                to_office_name=to_office_name,
                request=request,
            )
    except IntegrityError as exc:
        # Another case of the receiving office took an equivalent number meanwhile.
        raise TransferRefused(
            "Kantor tujuan sudah memiliki perkara dengan nomor register yang sama; "
            "perkara tidak dilimpahkan."
        ) from exc


def _check(
    perkara: Perkara,
    *,
    user: User,
    kind: str,
    to_office: Office | None,
    stamp: datetime | None,
) -> None:
    from_office = perkara.office
    if Pelimpahan.objects.filter(perkara_id=perkara.pk, to_office__isnull=True).exists():
        raise TransferRefused(
            "Perkara ini sudah dilimpahkan ke kantor di luar sistem; tidak ada yang diubah."
        )
    if kind == Pelimpahan.Kind.PELIMPAHAN:
        if user.office_id != perkara.office_id:
            raise TransferRefused(
                f"Perkara ini sekarang ditangani {from_office.name}, bukan kantor Anda; "
                "tidak ada yang diubah."
            )
    elif kind == Pelimpahan.Kind.PENGAMBILALIHAN:
        if to_office is None or to_office.pk != user.office_id:
            raise TransferRefused("Pengambilalihan hanya dapat dilakukan ke kantor Anda sendiri.")
        if perkara.office_id == user.office_id:
            raise TransferRefused("Perkara ini sudah ditangani kantor Anda; tidak ada yang diubah.")
        if to_office.pk not in {o.pk for o in ancestors(from_office)}:
            raise TransferRefused(
                "Pengambilalihan hanya dari kantor di bawah kantor Anda "
                "(Perbawaslu 7/2022 Pasal 20 ayat (3))."
            )
    else:
        raise TransferRefused("Jenis pelimpahan tidak dikenal.")
    if to_office is not None and to_office.pk == perkara.office_id:
        raise TransferRefused(
            "Perkara tidak dapat dilimpahkan ke kantor yang menanganinya sendiri."
        )
    if to_office is not None and not to_office.is_active:
        raise TransferRefused("Kantor tujuan tidak aktif.")
    if not perkara.is_open():
        raise TransferRefused("Perkara yang sudah selesai tidak dapat dilimpahkan.")
    if stamp is not None and stamp != perkara.updated_at:
        raise TransferRefused(
            "Perkara berubah sejak halaman konfirmasi dibuka; periksa lagi lalu ulangi."
        )
    if (
        to_office is not None
        and perkara.nomor_kunci
        and Perkara.objects.filter(office_id=to_office.pk, nomor_kunci=perkara.nomor_kunci)
        .exclude(pk=perkara.pk)
        .exists()
    ):
        raise TransferRefused(
            "Kantor tujuan sudah memiliki perkara dengan nomor register yang sama; "
            "perkara tidak dilimpahkan."
        )


def _apply(
    perkara: Perkara,
    *,
    user: User,
    kind: str,
    reason: str,
    legal_basis: str,
    to_office: Office | None,
    to_office_name: str,
    request: HttpRequest | None,
) -> Pelimpahan:
    from .services import _event

    from_office = perkara.office
    to_name = to_office.name if to_office is not None else to_office_name
    outside_status = None
    if to_office is None:
        outside_status = StatusPerkara.objects.filter(code=OUTSIDE_STATUS, is_final=True).first()
        if outside_status is None:
            raise TransferRefused(
                'Status "dilimpahkan" belum ada pada data acuan; minta Pengelola Instalasi '
                "menambahkannya."
            )
    from django.utils import timezone

    now = timezone.now()
    sentence = public_sentence(kind, to_name=to_name, from_name=from_office.name, day=now)
    if to_office is None:
        sentence = (
            sentence[:-1] + "; penanganannya berlanjut di kantor tersebut, di luar sistem ini."
        )
    # The event is written by the sending office: the last line of its own part.
    event = _event(
        perkara,
        RiwayatPerkara.Kind.PELIMPAHAN,
        user=user,
        tanggal=timezone.localdate(now),
        catatan=sentence,
        is_public=True,
        status=outside_status,
    )
    limits = {
        "pihak_sampai": Pihak.objects.filter(perkara_id=perkara.pk).aggregate(m=Max("pk"))["m"],
        "dokumen_sampai": DokumenPerkara.objects.filter(perkara_id=perkara.pk).aggregate(
            m=Max("pk")
        )["m"],
    }
    transfer = Pelimpahan.objects.create(
        perkara=perkara,
        from_office=from_office,
        to_office=to_office,
        to_office_name=to_office_name if to_office is None else "",
        kind=kind,
        reason=reason,
        legal_basis=legal_basis,
        decided_by=user,
        at=now,
        riwayat=event,
        **limits,
    )
    if to_office is not None:
        perkara.office = to_office
        # Officers of the sending office no longer handle it (nor see it in their "Menunggu Anda" panel or digest).
        perkara.petugas.remove(*perkara.petugas.exclude(office_id=to_office.pk))
    else:
        perkara.status = outside_status
    perkara.save()
    detail: dict[str, Any] = {
        "jenis": kind,
        "pelimpahan": transfer.pk,
        "dari_kantor": from_office.pk,
        "ke_kantor": to_office.pk if to_office is not None else None,
    }
    # One entry in each office's trail: the sender's and the receiver's.
    audit.record(
        "ppps.perkara_transfer",
        request=request,
        actor=user,
        obj=perkara,
        office=from_office,
        **detail,
    )
    if to_office is not None:
        audit.record(
            "ppps.perkara_transfer",
            request=request,
            actor=user,
            obj=perkara,
            office=to_office,
            **detail,
        )
    return transfer
