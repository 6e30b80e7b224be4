"""ABK & Anjab's part of the portal's "Menunggu Anda" panel: analyses this user may verify or
approve now, decided by the same ``Anjab.can_verify``/``can_approve`` the actions check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from sisp.queues import Entry, Waiting, waiting

from .models import Anjab

if TYPE_CHECKING:
    from sisp.models import User


def waiting_for(user: User) -> list[Waiting]:
    if not (user.has_perm("abk_anjab.verify_anjab") or user.has_perm("abk_anjab.approve_anjab")):
        return []
    candidates = (
        Anjab.objects.visible_to(user)
        .filter(status__in=[Anjab.Status.DIAJUKAN, Anjab.Status.DIVERIFIKASI])
        .select_related("jabatan", "jabatan__unit")
        .order_by("tahun", "jabatan__nama")
    )
    to_verify, to_approve = [], []
    for anjab in candidates:
        if anjab.can_verify(user):
            to_verify.append(Entry(str(anjab), anjab.get_absolute_url()))
        elif anjab.can_approve(user):
            to_approve.append(Entry(str(anjab), anjab.get_absolute_url()))
    index = reverse("abk_anjab:index")
    items = []
    if to_verify:
        items.append(waiting("Analisis jabatan menunggu verifikasi Anda", to_verify, url=index))
    if to_approve:
        items.append(waiting("Analisis jabatan menunggu persetujuan Anda", to_approve, url=index))
    return items
