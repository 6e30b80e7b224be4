"""The one function that writes the audit trail. Every module calls ``record``."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .models import AuditEvent

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

    from .models import Office, User

# Plain-Indonesian names of actions for the audit page; apps add their own with
# ``ACTION_LABELS.update(...)`` in AppConfig.ready. Unknown actions show their code.
ACTION_LABELS = {
    "auth.login": "Masuk",
    "auth.logout": "Keluar",
    "auth.login_failed": "Gagal masuk",
    "auth.locked_out": "Akun dikunci",
    "auth.2fa_enrolled": "Mendaftarkan verifikasi dua langkah",
    "auth.2fa_failed": "Kode verifikasi dua langkah salah",
    "auth.2fa_recovery_used": "Masuk dengan kode pemulihan",
    "auth.2fa_reset": "Mengatur ulang verifikasi dua langkah",
    "portal.link_click": "Membuka tautan",
    "portal.favorite_add": "Menyematkan tautan ke favorit",
    "portal.favorite_remove": "Melepas tautan dari favorit",
    "portal.link_add": "Menambah tautan",
    "portal.link_change": "Mengubah tautan",
    "portal.link_delete": "Menghapus tautan",
    "portal.category_add": "Menambah kategori",
    "portal.category_change": "Mengubah kategori",
    "portal.category_delete": "Menghapus kategori",
    "portal.pengumuman_add": "Menambah pengumuman",
    "portal.pengumuman_change": "Mengubah pengumuman",
    "portal.pengumuman_delete": "Menghapus pengumuman",
    "admin.add": "Admin: menambah",
    "admin.change": "Admin: mengubah",
    "admin.delete": "Admin: menghapus",
    "admin.other": "Admin: tindakan lain",
    "audit.export": "Mengekspor jejak audit",
    "role.request": "Mengajukan pemberian peran",
    "role.approve": "Menyetujui pemberian peran",
    "role.reject": "Menolak pemberian peran",
    "audit.scrub": "Menetralkan catatan lama jejak audit",
    "sisp.digest_sent": "Ringkasan harian terkirim",
    "sisp.digest_preference": "Mengubah pilihan ringkasan harian",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _parse_address(value: str | None) -> str | None:
    """One address as a proxy or a client wrote it: ``1.2.3.4``, ``1.2.3.4:5555``,
    ``2001:db8::1``, ``[2001:db8::1]:443``. Returns the normalised address, or None when it is
    not an IP address (so nothing invalid reaches the audit's GenericIPAddressField)."""
    value = (value or "").strip()
    port = ""
    if value.startswith("["):  # [IPv6] or [IPv6]:port
        value, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not (rest[:1] == ":" and rest[1:].isdigit())):
            return None
    elif value.count(":") == 1:  # IPv4:port (a bare IPv6 has two colons or more)
        value, _, port = value.partition(":")
        if not port.isdigit():
            return None
    if "%" in value:  # an IPv6 zone ("fe80::1%eth0") is no client address
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, the one the audit trail, django-axes (AXES_CLIENT_IP_CALLABLE)
    and the rate limits all use.

    Behind PROXY_COUNT reverse proxies, the address the nearest trusted proxy saw is the
    PROXY_COUNT-th entry from the right of X-Forwarded-For (each proxy appends what it saw;
    entries further left are the client's own claims and may be forged). With too few entries,
    or an entry that is no address, the connecting address (REMOTE_ADDR) is used. Never
    raises; None only when even REMOTE_ADDR is no address.
    """
    from django.conf import settings

    if request is None:
        return None
    remote = _parse_address(request.META.get("REMOTE_ADDR"))
    hops = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        parts = [p for p in (p.strip() for p in forwarded.split(",")) if p]
        if len(parts) >= hops:
            return _parse_address(parts[-hops]) or remote
    return remote


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    actor: User | None = None,
    obj: Model | None = None,
    office: Office | None = None,
    target: Iterable[Any] | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event to the audit trail and return it.

    ``actor`` defaults to the request's user; ``office`` to the object's office, then the
    actor's. ``target`` = (type label, id, text) names an object that is not loaded (e.g. one
    already deleted). ``detail`` is stored as JSON (keep it small and free of secrets).

    The trail is read by the office's Administrator and Pengawas Internal, who may read no
    record: an object is named by ``describe(obj)``, and ``detail`` must never carry a
    record's subject, letter number or file name, a case party's name or NIK, or free text a
    user typed about them (a purpose, a search); pass ids instead.
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if office is None:
        office = getattr(obj, "office", None) if obj is not None else None
    if office is None and actor is not None:
        office = getattr(actor, "office", None)
    event = AuditEvent(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_username=(actor.get_username() if actor is not None else "")[:150],
        office=office,
        ip_address=client_ip(request),
        detail=detail,
    )
    if obj is not None:
        event.object_type = obj._meta.label
        event.object_id = str(obj.pk)
        event.object_repr = describe(obj)
    elif target is not None:
        event.object_type, event.object_id, text = (str(t)[:300] for t in target)
        event.object_repr = _describe_target(event.object_type, event.object_id, text)
    event.save()
    return event


def record_for_offices(
    action: str,
    offices: Iterable[Office] | None = None,
    *,
    detail_for: Mapping[int, Mapping[str, Any]] | None = None,
    request: HttpRequest | None = None,
    actor: User | None = None,
    obj: Model | None = None,
    target: Iterable[Any] | None = None,
    **detail: Any,
) -> list[AuditEvent]:
    """Append one event per office to the audit trail and return them.

    For changes that reach into several offices at once (the installation's shared rules):
    each affected office reads the change in its own trail. ``offices`` defaults to every
    office of the installation; ``detail_for`` maps an office id to extra detail for that
    office only (e.g. which of its files a JRA change moved). Other arguments as ``record``.
    With no office at all (a fresh installation) nothing is written.
    """
    from .models import Office

    if offices is None:
        offices = Office.objects.order_by("pk")
    detail_for = detail_for or {}
    return [
        record(
            action,
            request=request,
            actor=actor,
            obj=obj,
            office=office,
            target=target,
            **{**detail, **detail_for.get(office.pk, {})},
        )
        for office in offices
    ]


ACTION_LABELS.update(
    {
        "rules.add": "Aturan bersama: menambah",
        "rules.change": "Aturan bersama: mengubah",
        "rules.delete": "Aturan bersama: menghapus",
        "rules.load": "Aturan bersama: data acuan dimuat",
    }
)


def describe(obj: object) -> str:
    """How the trail names an object: its ``audit_repr()`` when its model offers one (records
    whose subject, number, file name or parties must not reach the trail name themselves by
    kind, class and id), otherwise ``str(obj)``."""
    audit_repr = getattr(obj, "audit_repr", None)
    return str(audit_repr() if callable(audit_repr) else obj)[:300]


def _describe_target(label: str, pk: str, text: str) -> str:
    """A target named by (label, id, text), e.g. from the admin's log: a model with
    ``audit_repr`` is named by it (or by kind and id once the row is gone), never by the
    text the caller passed."""
    from django.apps import apps
    from django.utils.text import capfirst

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return text
    if not hasattr(model, "audit_repr"):
        return text
    try:
        found = model._base_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        found = None
    if found is not None:
        return describe(found)
    return f"{capfirst(model._meta.verbose_name)} #{pk}"[:300]
