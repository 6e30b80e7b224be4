"""The installation's shared rules: reference data every office works by (security classes,
access matrix, filing codes, JRA, case stages, holidays, status words).

Only the installation manager (``sisp.roles.is_installation_manager``) adds, changes or
deletes them, in the admin or anywhere else; office roles may hold ``view_*`` where their work
needs it, never ``add_``/``change_``/``delete_``. Each change is written to the audit trail of
every office of the installation (``audit.record_for_offices``), with the old and new values.
"""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction

from . import audit
from .roles import is_installation_manager


def installation_manager_required(view):
    """Refuse (403) a view to anyone but the installation manager."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_installation_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _value(obj, field):
    value = getattr(obj, field.name)
    if value is None:
        return None
    if field.is_relation:
        return str(value)
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def snapshot(obj):
    """The row's editable values as plain JSON-safe data ({field name: value})."""
    return {
        f.name: _value(obj, f)
        for f in obj._meta.concrete_fields
        if not f.primary_key and (f.editable or f.is_relation)
    }


def diff(old, new):
    """{field: [old, new]} for the fields whose value differs."""
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def summary(model, changes):
    """Plain text of ``changes`` for the audit page: "batas waktu (hari): 2 → 5; ..."."""

    def label(name):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    def shown(value):
        return "(kosong)" if value in (None, "") else str(value)

    return "; ".join(f"{label(k)}: {shown(a)} → {shown(b)}" for k, (a, b) in changes.items())


def target_of(obj):
    """(type label, id, text) naming a shared-rule row in the audit trail."""
    return (obj._meta.label, obj.pk, str(obj))


def record_change(
    action, obj, *, request=None, actor=None, changes=None, detail_for=None, target=None, **detail
):
    """Write ``rules.add`` / ``rules.change`` / ``rules.delete`` of ``obj`` in every office.

    The row is named by ``target`` (type, id, text; taken from ``obj`` when not given, so a
    deleted row is named by what it was before the delete). Returns the events."""
    return audit.record_for_offices(
        action,
        request=request,
        actor=actor,
        target=target or target_of(obj),
        detail_for=detail_for,
        model=str(obj._meta.verbose_name),
        ringkasan=summary(type(obj), changes or {}),
        changes=changes or {},
        **detail,
    )


class SharedRuleAdmin(admin.ModelAdmin):
    """Admin of a shared rule: everyone with the view permission sees it, only the
    installation manager adds, changes or deletes, and each change is audited in every office.

    Subclasses react to a change in ``rule_changed(request, obj, action, changes)`` (e.g.
    recompute deadlines); it runs in the same transaction and returns extra detail per office
    ({office id: {...}}) for the audit entries, or None.
    """

    def has_add_permission(self, request):
        return is_installation_manager(request.user)

    def has_change_permission(self, request, obj=None):
        return is_installation_manager(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_installation_manager(request.user)

    def rule_changed(self, request, obj, action, changes):
        return None

    def save_model(self, request, obj, form, change):
        if not is_installation_manager(request.user):  # a second lock behind has_*_permission
            raise PermissionDenied
        with transaction.atomic():
            old = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else {}
            super().save_model(request, obj, form, change)
            changes = diff(old, snapshot(obj))
            if change and not changes:
                return
            action = "rules.change" if change else "rules.add"
            extra = self.rule_changed(request, obj, action, changes)
            record_change(action, obj, request=request, changes=changes, detail_for=extra)

    def delete_model(self, request, obj):
        if not is_installation_manager(request.user):
            raise PermissionDenied
        with transaction.atomic():
            old, target = snapshot(obj), target_of(obj)
            super().delete_model(request, obj)
            changes = {k: [v, None] for k, v in old.items() if v is not None}
            extra = self.rule_changed(request, obj, "rules.delete", changes)
            record_change(
                "rules.delete",
                obj,
                request=request,
                changes=changes,
                detail_for=extra,
                target=target,
            )

    def delete_queryset(self, request, queryset):
        # The bulk "delete selected" action: one audited delete per row.
        for obj in queryset:
            self.delete_model(request, obj)
