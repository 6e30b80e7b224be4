"""Audit of logins, failed logins, lockouts and every admin change."""

import time

from axes.signals import user_locked_out
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import audit, twofactor


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record("auth.login", request=request, actor=user)


@receiver(user_logged_in)
def remember_second_factor_need(sender, request, user, **kwargs):
    """Decide at sign-in whether this session owes a second factor (asked again each minute),
    so the pages after it do not pay for the role lookup."""
    if request is not None and hasattr(request, "session"):
        request.session[twofactor.SESSION_KEY] = [twofactor.required_for(user), int(time.time())]


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("auth.logout", request=request, actor=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    user = get_user_model().objects.filter(username=username).first()
    audit.record(
        "auth.login_failed",
        request=request,
        actor=None,
        office=getattr(user, "office", None),
        username=username,
    )


@receiver(user_locked_out)
def audit_lockout(sender, request, username=None, ip_address=None, **kwargs):
    user = get_user_model().objects.filter(username=username or "").first()
    audit.record(
        "auth.locked_out",
        request=request,
        actor=None,
        office=getattr(user, "office", None),
        username=username or "",
    )


@receiver(post_save, sender=LogEntry)
def audit_admin_change(sender, instance, created, **kwargs):
    if not created:
        return
    actions = {1: "admin.add", 2: "admin.change", 3: "admin.delete"}
    user = instance.user
    content_type = instance.content_type
    audit.record(
        actions.get(instance.action_flag, "admin.other"),
        actor=user,
        office=getattr(user, "office", None),
        # The object is named, not loaded: after a delete it no longer exists.
        target=(
            content_type.model_class()._meta.label if content_type else "",
            instance.object_id or "",
            instance.object_repr,
        ),
        change_message=instance.get_change_message(),
    )
