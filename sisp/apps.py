from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _attach_permissions(sender, **kwargs):
    from .roles import SISP_REVOKED, SISP_ROLE_PERMISSIONS, grant_permissions, revoke_permissions

    grant_permissions(SISP_ROLE_PERMISSIONS)
    revoke_permissions(SISP_REVOKED)


class SispConfig(AppConfig):
    name = "sisp"
    verbose_name = "SISP"
    # Tables the app's database role may only read and append to (sisp/dbroles.py).
    append_only_models = ["AuditEvent"]

    def ready(self):
        from . import checks, signals  # noqa: F401  (deploy checks; audit of logins, admin)

        post_migrate.connect(_attach_permissions, sender=self)
