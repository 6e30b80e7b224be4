"""The one function that writes the audit trail. Every module calls ``record``."""

from .models import AuditEvent

# Plain-Indonesian names of actions for the audit page; apps add their own with
# ``ACTION_LABELS.update(...)`` in AppConfig.ready. Unknown actions show their code.
ACTION_LABELS = {
    "auth.login": "Masuk",
    "auth.logout": "Keluar",
    "auth.login_failed": "Gagal masuk",
    "auth.locked_out": "Akun dikunci",
    "portal.link_click": "Membuka tautan",
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
    "audit.export": "Mengekspor jejak audit",
    "audit.scrub": "Menetralkan catatan lama jejak audit",
}


def action_label(action):
    return ACTION_LABELS.get(action, action)


def client_ip(request):
    """The client's address. Behind a reverse proxy, trust PROXY_COUNT hops of X-Forwarded-For."""
    from django.conf import settings

    if request is None:
        return None
    hops = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        if len(parts) >= hops:
            return parts[-hops]
    return request.META.get("REMOTE_ADDR") or None


def record(action, *, request=None, actor=None, obj=None, office=None, target=None, **detail):
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


def describe(obj):
    """How the trail names an object: its ``audit_repr()`` when its model offers one (records
    whose subject, number, file name or parties must not reach the trail name themselves by
    kind, class and id), otherwise ``str(obj)``."""
    audit_repr = getattr(obj, "audit_repr", None)
    return str(audit_repr() if callable(audit_repr) else obj)[:300]


def _describe_target(label, pk, text):
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
