"""Signals of E-Arsip: a grant ends when its approver's authority over the record ends
(issue 10: "a grant cannot outlast the approver's own access"), whether the approver changed
(roles, unit, office, deactivation) or the rules or the record did (the access matrix, the
class officials, the record's class or unit)."""

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


def rules_changed(sender, instance=None, **kwargs):
    """A row of the access matrix or of the class officials saved or deleted (the
    installation manager, in the admin): every live grant is checked again."""
    from . import services

    transaction.on_commit(
        lambda: services.end_grants_outliving_approvers(sebab=services.SEBAB_MATRIKS)
    )


# The fields of a record that decide who sees it through the matrix and who approves for it.
_SIGHT_FIELDS = {"kelas", "kelas_id", "unit", "unit_id"}


def naskah_saved(sender, instance, created, update_fields=None, **kwargs):
    """A record saved with a possibly new class or unit (the service, an import, the admin):
    its live grants are checked again. A save of other fields only checks nothing."""
    if created or (update_fields is not None and not _SIGHT_FIELDS & set(update_fields)):
        return
    from . import services

    pk = instance.pk
    transaction.on_commit(
        lambda: services.end_grants_outliving_approvers(
            naskah_ids=[pk], sebab=services.SEBAB_NASKAH
        )
    )
