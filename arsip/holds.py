"""Legal holds: the one place that says whether a record is held.

A record tied to a pending case must not be destroyed (PP 28/2012; Perka ANRI 25/2012: only
records "tidak berkaitan dengan perkara" may be destroyed), lowered in class, or lose a file
version, until the case and its appeal windows are over (domain note, "Legal hold"). A hold
is a ``LegalHold`` row: a link to a PPPS case (from the case page, by an officer who sees the
case and the record) or a manual hold with its reason (by the archivist or the Ketua,
``arsip.manage_legalhold``), which lasts until it is released.

Callers that change a record ask ``assert_not_held(naskah, action=...)`` (or, for many,
``held_naskah_ids`` / ``held_berkas_ids``) inside their transaction. How long a case hold
lasts is Info PPPS's answer (``ppps.holds_api.hold_end``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sisp import audit

from .models import LegalHold, Naskah

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from ppps.models import Perkara
    from sisp.models import User

# What a hold forbids, as the refusal says it ("... tidak dapat <action>").
DISPOSE = "dimusnahkan"
LOWER_CLASS = "diturunkan kelas keamanannya"
REMOVE_VERSION = "kehilangan versi dokumen elektroniknya"


@dataclass(frozen=True)
class HoldState:
    active: bool
    until: date | None  # None: until released (manual) or until the case closes
    label: str


def _case_ends(holds: Iterable[LegalHold]) -> Mapping[int, date | None]:
    from ppps.holds_api import hold_ends

    cases = {h.perkara_id: h.perkara for h in holds if h.perkara_id}
    return hold_ends(cases.values()) if cases else {}  # type: ignore[arg-type]  # perkara_id set


def _state(hold: LegalHold, today: date, case_ends: Mapping[int, date | None]) -> HoldState:
    if hold.dicabut_pada is not None:
        return HoldState(False, None, "Dicabut")
    if not hold.perkara_id:
        return HoldState(True, None, "Sampai dicabut")
    end = case_ends.get(hold.perkara_id)
    if end is None:
        return HoldState(True, None, "Selama perkara belum selesai")
    if end >= today:
        return HoldState(True, end, f"Sampai {end:%d-%m-%Y} (batas upaya hukum terakhir)")
    return HoldState(False, end, f"Berakhir {end:%d-%m-%Y}")


def with_states(
    holds: Iterable[LegalHold], today: date | None = None
) -> list[tuple[LegalHold, HoldState]]:
    """[(hold, HoldState), ...] for ``holds`` (one question to Info PPPS for all cases)."""
    today = today or timezone.localdate()
    holds = list(holds)
    ends = _case_ends(holds)
    return [(hold, _state(hold, today, ends)) for hold in holds]


def _standing(naskah_ids: Iterable[int] | QuerySet[Any]) -> QuerySet[LegalHold]:
    return (
        LegalHold.objects.standing()
        .filter(naskah_id__in=naskah_ids)
        .select_related("perkara__status", "perkara__tahapan", "perkara__pemilihan")
    )


def held_naskah_ids(
    naskah_ids: Iterable[int] | QuerySet[Any], today: date | None = None
) -> set[int]:
    """The ids among ``naskah_ids`` (ids or a values queryset) that a hold covers today."""
    return {
        hold.naskah_id for hold, state in with_states(_standing(naskah_ids), today) if state.active
    }


def held_berkas_ids(
    berkas_ids: Iterable[int] | QuerySet[Any], today: date | None = None
) -> set[int]:
    """The files among ``berkas_ids`` holding at least one held record."""
    records = Naskah.objects.filter(berkas_id__in=berkas_ids)
    held = held_naskah_ids(records.values("pk"), today)
    if not held:
        return set()
    return set(Naskah.objects.filter(pk__in=held).values_list("berkas_id", flat=True))


def is_held(naskah: Naskah, today: date | None = None) -> bool:
    return bool(held_naskah_ids([naskah.pk], today))


def assert_not_held(naskah: Naskah, *, action: str, today: date | None = None) -> None:
    """Refuse (ValidationError, code "held") to let ``naskah`` be ``action`` while held.
    ``action`` is one of DISPOSE, LOWER_CLASS, REMOVE_VERSION."""
    if is_held(naskah, today):
        raise ValidationError(
            f"Naskah ini sedang ditahan (legal hold) sehingga tidak dapat {action}. "
            "Penahanan berlaku selama perkara terkait belum selesai dan masa upaya hukumnya "
            "belum lewat, atau sampai penahanan manual dicabut.",
            code="held",
        )


REASON_MIN_CHARS = 5


def _check_reason(text: str | None) -> str:
    text = (text or "").strip()
    if sum(ch.isalnum() for ch in text) < REASON_MIN_CHARS:
        raise ValidationError(
            "Tuliskan alasan yang jelas (paling sedikit %(min)s huruf atau angka).",
            code="reason",
            params={"min": REASON_MIN_CHARS},
        )
    return text


def place_hold(
    naskah: Naskah, *, by: User, alasan: str, request: HttpRequest | None = None
) -> LegalHold:
    """Hold ``naskah`` by hand with a reason. Callers: views that fetched the record through
    ``Naskah.objects.visible_to(by)``; ``by`` holds ``arsip.manage_legalhold`` (archivist,
    Ketua). Returns the LegalHold."""
    if not by.has_perm("arsip.manage_legalhold"):
        raise ValidationError("Anda tidak berhak menahan arsip.", code="no_right")
    if not Naskah.objects.visible_to(by).filter(pk=naskah.pk).exists():
        raise ValidationError("Naskah tidak ditemukan.", code="not_found")
    alasan = _check_reason(alasan)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            office_id=naskah.office_id, naskah=naskah, alasan=alasan, dibuat_oleh=by
        )
        audit.record("arsip.hold_place", request=request, actor=by, obj=hold, naskah=naskah.pk)
    return hold


def link_perkara(
    perkara: Perkara, naskah: Naskah, *, by: User, request: HttpRequest | None = None
) -> LegalHold:
    """Link ``naskah`` to a PPPS case: the record is held while the case is open and until
    its last appeal window closes. ``by`` must be able to change the case
    (``Perkara.objects.editable_by``: held by their office, ``ppps.manage_perkara``) and see
    the record (``Naskah.objects.visible_to``); otherwise it is "not found". Linking twice
    is refused with a clear message. Returns the LegalHold."""
    from ppps.models import Perkara

    # Linking is a change of the case: only an office that holds it (not one that sent it
    # away and keeps read-only sight) may link its records.
    if not Perkara.objects.editable_by(by).filter(pk=perkara.pk).exists():
        raise ValidationError("Perkara tidak ditemukan.", code="not_found")
    if (
        naskah.office_id != perkara.office_id
        or not Naskah.objects.visible_to(by).filter(pk=naskah.pk).exists()
    ):
        raise ValidationError("Naskah tidak ditemukan.", code="not_found")
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(
                office_id=naskah.office_id, naskah=naskah, perkara=perkara, dibuat_oleh=by
            )
            audit.record(
                "arsip.hold_link",
                request=request,
                actor=by,
                obj=hold,
                naskah=naskah.pk,
                perkara=perkara.pk,
            )
    except IntegrityError:  # already linked (also when two people link it at once)
        raise ValidationError(
            "Naskah ini sudah terkait dengan perkara ini.", code="duplicate"
        ) from None
    return hold


def release_hold(
    hold: LegalHold, *, by: User, alasan: str, request: HttpRequest | None = None
) -> LegalHold:
    """Release a manual hold with a reason. A case link is never released by hand: it ends
    with the case. Callers: views that fetched the hold through ``LegalHold.objects
    .visible_to(by)``; ``by`` holds ``arsip.manage_legalhold``. Returns the hold."""
    if not by.has_perm("arsip.manage_legalhold"):
        raise ValidationError("Anda tidak berhak mencabut penahanan.", code="no_right")
    if hold.perkara_id:
        raise ValidationError(
            "Penahanan karena perkara berakhir sendiri setelah perkara dan masa upaya "
            "hukumnya selesai; tidak dapat dicabut.",
            code="case_link",
        )
    alasan = _check_reason(alasan)
    with transaction.atomic():
        released = LegalHold.objects.filter(pk=hold.pk, dicabut_pada__isnull=True).update(
            dicabut_oleh=by, dicabut_pada=timezone.now(), alasan_cabut=alasan
        )
        if not released:
            raise ValidationError("Penahanan ini sudah dicabut.", code="released")
        hold.refresh_from_db()
        audit.record("arsip.hold_release", request=request, actor=by, obj=hold)
    return hold


def linked_to(perkara: Perkara, user: User) -> QuerySet[LegalHold]:
    """The case's holds on records ``user`` sees (a hidden record looks like no link)."""
    return (
        LegalHold.objects.visible_to(user)
        .filter(perkara_id=perkara.pk)
        .select_related("naskah__berkas", "dibuat_oleh")
    )
