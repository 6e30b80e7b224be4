"""Signals of E-Arsip: a grant ends when its approver's authority over the record ends
(issue 10: "a grant cannot outlast the approver's own access")."""

from django.db import transaction


def _after_commit(user_pk):
    from . import services

    transaction.on_commit(lambda: services.end_grants_outliving_approver(user_pk))


def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Roles added to or removed from a user (either side of the relation)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # group.user_set changed: the users in pk_set changed roles
        from sisp.models import User

        pks = pk_set if pk_set is not None else User.objects.none()
        for pk in pks:
            _after_commit(pk)
    else:
        _after_commit(instance.pk)


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    """A user deactivated or moved to another unit or office (not a sign-in's last_login)."""
    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    _after_commit(instance.pk)
