"""Info PPPS's part of the portal's "Menunggu Anda" panel: complaints to triage (for holders
of the triage right) and the user's own assigned cases past or near their deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from sisp.queues import Entry, Waiting, waiting

from .models import Aduan, Perkara
from .services import holidays_for

if TYPE_CHECKING:
    from sisp.models import User


def waiting_for(user: User) -> list[Waiting]:
    items = []
    if user.has_perm("ppps.triage_aduan"):
        new = Aduan.objects.visible_to(user).untriaged().order_by("pk")
        found = [
            Entry(f"Aduan {a.kode_tiket}", reverse("ppps:aduan_detail", args=[a.pk])) for a in new
        ]
        if found:
            items.append(
                waiting(
                    "Aduan belum ditelaah",
                    found,
                    url=reverse("ppps:aduan_list") + "?status=" + Aduan.Status.BARU,
                )
            )
    today = timezone.localdate()
    holidays = holidays_for(today)
    mine = Perkara.objects.held_by(user).filter(petugas=user)
    late = [
        Entry(str(p), p.get_absolute_url())
        for p in mine.overdue(today).order_by("batas_waktu", "pk")
    ]
    near = [
        Entry(str(p), p.get_absolute_url())
        for p in mine.near_deadline(today, holidays).order_by("batas_waktu", "pk")
    ]
    dashboard = reverse("ppps:index")
    if late:
        items.append(waiting("Perkara Anda melewati batas waktu", late, url=dashboard, urgent=True))
    if near:
        items.append(waiting("Perkara Anda mendekati batas waktu", near, url=dashboard))
    return items
