"""Work on SISP's own rows that spans models and the audit trail. Each function runs in one
transaction and writes its own audit entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import audit
from .models import Favorite, LinkClick, RoleRequest
from .roles import sensitive_role_names

if TYPE_CHECKING:
    from django.contrib.auth.models import Group
    from django.db.models import Model
    from django.forms import ModelForm
    from django.http import HttpRequest

    from .models import Link, User


def file_role_request(
    *, user: User, role: Group, reason: str, requested_by: User, request: HttpRequest | None = None
) -> RoleRequest:
    """File a request to give ``role`` (a sensitive role) to ``user`` and return it.

    Callers check that ``requested_by`` may file (``sisp.add_rolerequest``) and may manage
    ``user``; the rules about the request itself are checked here. Raises ValidationError.
    """
    if requested_by.pk == user.pk:
        raise ValidationError(
            "Anda tidak dapat mengajukan peran untuk diri sendiri.", code="for_oneself"
        )
    if user.office_id is None:
        raise ValidationError("Pengguna ini tidak terdaftar di kantor mana pun.", code="no_office")
    if role.name not in sensitive_role_names():
        raise ValidationError(
            "Peran ini tidak memerlukan persetujuan: berikan langsung di halaman pengguna.",
            code="not_sensitive",
        )
    if user.groups.filter(pk=role.pk).exists():
        raise ValidationError("Pengguna ini sudah memegang peran tersebut.", code="already_held")
    with transaction.atomic():
        if RoleRequest.objects.filter(
            user=user, role=role, status=RoleRequest.Status.PENDING
        ).exists():
            raise ValidationError(
                "Permohonan peran ini untuk pengguna tersebut masih menunggu keputusan.",
                code="duplicate",
            )
        role_request = RoleRequest.objects.create(
            office_id=user.office_id,
            user=user,
            role=role,
            reason=reason,
            requested_by=requested_by,
        )
        audit.record(
            "role.request",
            request=request,
            actor=requested_by,
            obj=role_request,
            role=role.name,
            username=user.username,
        )
    return role_request


def decide_role_request(
    role_request: RoleRequest,
    *,
    decided_by: User,
    approve: bool,
    note: str = "",
    request: HttpRequest | None = None,
) -> RoleRequest:
    """Approve (the user joins the role group) or reject a pending request; return it.

    The row is locked and re-read, so a request decided meanwhile by someone else is refused
    rather than decided twice. Raises ValidationError when ``decided_by`` is not a valid second
    person or the request is no longer pending.
    """
    with transaction.atomic():
        locked = (
            RoleRequest.objects.select_for_update()
            .select_related("user", "role", "office")
            .get(pk=role_request.pk)
        )
        if not locked.is_pending:
            raise ValidationError(
                "Permohonan ini sudah diputuskan sebelumnya; tidak ada yang diubah.",
                code="already_decided",
            )
        if not locked.may_be_decided_by(decided_by):
            raise ValidationError(
                "Permohonan peran diputuskan oleh orang kedua: Ketua kantor atau Pengelola "
                "Instalasi, bukan pengaju dan bukan penerima peran.",
                code="not_second_person",
            )
        if approve and (not locked.user.is_active or locked.user.office_id != locked.office_id):
            raise ValidationError(
                "Pengguna ini tidak lagi aktif di kantor yang mengajukan.", code="user_moved"
            )
        locked.status = RoleRequest.Status.APPROVED if approve else RoleRequest.Status.REJECTED
        locked.decided_by = decided_by
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if approve:
            locked.user.groups.add(locked.role)
        audit.record(
            "role.approve" if approve else "role.reject",
            request=request,
            actor=decided_by,
            obj=locked,
            role=locked.role.name,
            username=locked.user.username,
        )
    return locked


def set_digest_preference(user: User, *, wants: bool, request: HttpRequest | None = None) -> User:
    """Turn ``user``'s daily "Menunggu Anda" e-mail on or off (their own choice, from their
    profile page). Returns the user."""
    with transaction.atomic():
        user.wants_digest = wants
        user.save(update_fields=["wants_digest"])
        audit.record("sisp.digest_preference", request=request, actor=user, obj=user, wants=wants)
    return user


# The portal of an office (links, categories, announcements, favourites, clicks). Callers fetch
# rows from the user's own office and check ``sisp.manage_portal``; each change is audited.


def save_portal_row(
    form: ModelForm[Any], *, action: str, user: User, request: HttpRequest | None = None
) -> Model:
    """Save a valid ``LinkForm`` / ``LinkCategoryForm`` / ``PengumumanForm`` (its many-to-many
    fields too) and write ``action`` (``portal.link_add``, ...). Returns the saved row."""
    with transaction.atomic():
        obj = form.save()
        audit.record(action, request=request, actor=user, obj=obj)
    return obj


def delete_portal_row(
    obj: Model, *, action: str, user: User, request: HttpRequest | None = None, **detail: Any
) -> None:
    """Delete a link, category or announcement and write ``action``. A category that still
    holds links raises ``ProtectedError``, and then nothing is written."""
    with transaction.atomic():
        audit.record(action, request=request, actor=user, obj=obj, **detail)
        obj.delete()


def toggle_favorite(user: User, link: Link, *, request: HttpRequest | None = None) -> bool:
    """Pin ``link`` to ``user``'s favourites, or unpin it when pinned. Returns whether it is
    pinned now. The caller fetched ``link`` through ``Link.objects.visible_to(user)``."""
    with transaction.atomic():
        favorite, created = Favorite.objects.get_or_create(user=user, link=link)
        if not created:
            favorite.delete()
        audit.record(
            "portal.favorite_add" if created else "portal.favorite_remove",
            request=request,
            actor=user,
            obj=link,
        )
    return created


def count_click(user: User, link: Link, *, request: HttpRequest | None = None) -> None:
    """Count one click on ``link`` for the user's unit this month and write
    ``portal.link_click``. The counter is raised in the database (``F() + 1``), so two clicks
    at once both count."""
    month = timezone.localdate().replace(day=1)
    with transaction.atomic():
        # unit_id None (a user without a unit) is a valid lookup (IS NULL); the stubs say not.
        click, _ = LinkClick.objects.get_or_create(
            link=link,
            month=month,
            unit_id=user.unit_id,  # type: ignore[misc]
        )
        LinkClick.objects.filter(pk=click.pk).update(count=F("count") + 1)
        audit.record("portal.link_click", request=request, actor=user, obj=link, url=link.url)
