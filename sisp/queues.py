""" "Menunggu Anda": what is waiting for one user's decision or action, across the modules.

Each app answers for its own work through ``AppConfig.waiting_for(user)``, returning
``Waiting`` items built from its own access door and its own decision rules (the same
``can_verify``/``may_be_decided_by`` the action itself checks), so the panel never shows an
item the user could not act on, nor one of another office. Counts and links only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.urls import reverse

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AnonymousUser

    from .models import User

# How many items of one kind the panel names before it says "dan N lainnya".
SHOWN_ENTRIES = 5


@dataclass(frozen=True)
class Entry:
    text: str
    url: str


@dataclass(frozen=True)
class Waiting:
    """One kind of work waiting for the user: a label, how many, where to act."""

    label: str
    count: int
    url: str
    entries: tuple[Entry, ...] = field(default=())
    urgent: bool = False

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.entries))


def waiting(label: str, found: Iterable[Entry], *, url: str, urgent: bool = False) -> Waiting:
    """A Waiting item naming the first few entries; one entry links straight to it."""
    found = list(found)
    shown = tuple(found[:SHOWN_ENTRIES])
    if len(found) == 1:
        url = found[0].url
    return Waiting(label, len(found), url, shown, urgent)


def role_requests_for(user: User) -> list[Waiting]:
    from .models import RoleRequest

    pending = (
        RoleRequest.objects.visible_to(user)
        .pending()
        .select_related("user", "role")
        .order_by("created_at")
    )
    found = [
        Entry(
            f"{r.role.name} untuk {r.user.get_full_name() or r.user.username}",
            reverse("sisp:role_requests"),
        )
        for r in pending
        if r.may_be_decided_by(user)
    ]
    if not found:
        return []
    item = waiting(
        "Permohonan peran menunggu keputusan Anda", found, url=reverse("sisp:role_requests")
    )
    return [item]


def waiting_for(user: User | AnonymousUser) -> list[Waiting]:
    """Everything waiting for ``user``, most urgent first; empty kinds left out."""
    if not user.is_authenticated:
        return []
    items = role_requests_for(user)
    for config in apps.get_app_configs():
        hook = getattr(config, "waiting_for", None)
        if hook is not None:
            items.extend(hook(user))
    items = [item for item in items if item.count]
    return sorted(items, key=lambda item: not item.urgent)
