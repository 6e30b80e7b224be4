"""E-Arsip's part of the portal's "Menunggu Anda" panel: access requests routed to this
official (``services.pending_for``), and requests not yet routed to any record, which any
deciding official of the office may forward or refuse (``services.unrouted_for``): the same
two lists /arsip/permohonan/ shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from sisp.queues import Entry, Waiting, waiting

from . import services

if TYPE_CHECKING:
    from sisp.models import User

    from .models import PermohonanAkses


def _who(item: PermohonanAkses) -> str:
    return item.pemohon.get_full_name() or item.pemohon.username


def waiting_for(user: User) -> list[Waiting]:
    if not user.has_perm("arsip.decide_permohonan") or not user.office_id:
        return []
    page = reverse("arsip:permohonan")
    items = []
    routed = [
        Entry(f"Permohonan dari {_who(p)}", reverse("arsip:decide", args=[p.pk]))
        for p in services.pending_for(user)
    ]
    if routed:
        items.append(waiting("Permohonan akses arsip menunggu keputusan Anda", routed, url=page))
    found = [Entry(f"Permohonan dari {_who(p)}", page) for p in services.unrouted_for(user)]
    if found:
        items.append(waiting("Permohonan akses arsip belum terarah", found, url=page))
    return items
