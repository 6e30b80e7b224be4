from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _attach_permissions(sender, **kwargs):
    from .roles import SISP_ROLE_PERMISSIONS, grant_permissions

    grant_permissions(SISP_ROLE_PERMISSIONS)


class SispConfig(AppConfig):
    name = "sisp"
    verbose_name = "SISP"

    def ready(self):
        from . import signals  # noqa: F401  (audit of logins and admin changes)

        post_migrate.connect(_attach_permissions, sender=self)
