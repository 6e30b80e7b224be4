"""What E-Arsip asks Info PPPS about a case a record is held for: until when the hold lasts.

One question, one answer, so the archive never reads the case tables itself:
``hold_end(perkara)`` is None while the case is open (held until it closes) and, once it is
closed, the last day any limit of the case can still run (its appeal window): the current
stage's deadline and the limit of each later stage of the case's table, counted by the
deadline engine as if the case had moved to that stage on the day it closed (stages of the
case's own track only). For a sengketa
closed by its putusan that is the "Pengajuan ke PTUN" stage, 5 working days (UU 7/2017;
domain note). The stages and limits are the installation's data (``Tahapan``), so a changed
table moves the end of every hold with it. A case transferred to another office of the
installation is the same case (same row), so its holds go on with it; one recorded as sent
outside the installation holds its records with no end here (``hold_end`` None).
"""

import copy
from collections.abc import Iterable
from datetime import date, timedelta

from django.utils import timezone

from .models import HariLibur, Pelimpahan, Perkara, RiwayatPerkara, Tahapan


def closed_on(perkara: Perkara) -> date:
    """The day the case got its final status: the date of the last history event carrying a
    final status, else (a status set outside the services) the day of its last change."""
    event = (
        RiwayatPerkara.objects.filter(perkara_id=perkara.pk, status__is_final=True)
        .order_by("-tanggal", "-id")
        .values_list("tanggal", flat=True)
        .first()
    )
    return event or timezone.localdate(perkara.updated_at)


def hold_ends(perkaras: Iterable[Perkara]) -> dict[int, date | None]:
    """``hold_end`` for several cases at once ({case id: end}), with one holiday query."""
    cases = list(perkaras)
    # A case recorded as sent to an office outside the installation is closed here but goes
    # on there, and nothing here learns when it ends: its records stay held (None).
    outside = set(
        Pelimpahan.objects.filter(
            perkara_id__in=[p.pk for p in cases if not p.is_open()], to_office__isnull=True
        ).values_list("perkara_id", flat=True)
    )
    closed = {p.pk: closed_on(p) for p in cases if not p.is_open() and p.pk not in outside}
    ends: dict[int, date | None] = {p.pk: None for p in cases}
    if not closed:
        return ends
    first, last = min(closed.values()), max(closed.values())
    holidays = HariLibur.objects.date_set(first - timedelta(days=31), last + timedelta(days=400))
    stages: dict[tuple[str, str], list[Tahapan]] = {}
    for perkara in cases:
        if perkara.pk not in closed:
            continue
        day = closed[perkara.pk]
        candidates = [day]
        if perkara.batas_waktu:
            candidates.append(perkara.batas_waktu)
        key = (perkara.regime, perkara.jenis)
        if key not in stages:
            stages[key] = list(Tahapan.objects.for_case(*key).order_by("order"))
        for stage in stages[key]:
            # Later stages of the case's own track only (ordinary, Gakkumdu or TSM), as
            # ``Perkara.next_stage`` moves it.
            if stage.order <= perkara.tahapan.order or stage.jalur != perkara.tahapan.jalur:
                continue
            # The engine's own computation, on a copy that entered ``stage`` on closing day.
            later = copy.copy(perkara)
            later.tahapan = stage
            later.tahap_mulai = day
            later.tahap_diperpanjang = False
            end = later.compute_deadline(holidays)
            if end:
                candidates.append(end)
        ends[perkara.pk] = max(candidates)
    return ends


def hold_end(perkara: Perkara) -> date | None:
    """The last day a record linked to ``perkara`` stays held; None while the case is open."""
    return hold_ends([perkara])[perkara.pk]
