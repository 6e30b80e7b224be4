from django.conf import settings
from django.db import models


class AppendOnly:
    """A model whose rows are only ever added (the audit trail, a case's history and its
    transfers): saving a stored row again or deleting one is refused with the model's own
    words. Name the model in its AppConfig's ``append_only_models`` too, so the run-time
    database role may only read and insert its rows (sisp/dbroles.py)."""

    unchangeable = "Baris ini tidak dapat diubah."
    undeletable = "Baris ini tidak dapat dihapus."

    def save(self, *args, **kwargs):
        if self.pk and not self._state.adding:
            raise PermissionError(self.unchangeable)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(self.undeletable)


class AppendOnlyQuerySet(models.QuerySet):
    """The queryset of an ``AppendOnly`` model: bulk updates and deletes are refused with the
    model's own words."""

    def update(self, **kwargs):
        raise PermissionError(self.model.unchangeable)

    def delete(self):
        raise PermissionError(self.model.undeletable)


class AuditEventQuerySet(AppendOnlyQuerySet):
    def for_office_of(self, user):
        """The one door to the trail: the events of the reader's own office (none without an
        office). The installation manager without an office reads them all, in the admin."""
        if user.office_id is None:
            return self.none()
        return self.filter(office_id=user.office_id)


class AuditEvent(AppendOnly, models.Model):
    """One line of the project's single, append-only audit trail.

    Written only through ``sisp.audit.record``. No view edits or deletes it; on Postgres a
    trigger (migration 0002) refuses UPDATE and DELETE on the table as well.
    """

    unchangeable = "Jejak audit tidak dapat diubah."
    undeletable = "Jejak audit tidak dapat dihapus."

    created_at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    office = models.ForeignKey(
        "sisp.Office",
        verbose_name="kantor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pelaku",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField("nama pengguna", max_length=150, blank=True)
    action = models.CharField("tindakan", max_length=60, db_index=True)
    object_type = models.CharField("jenis objek", max_length=100, blank=True)
    object_id = models.CharField("ID objek", max_length=64, blank=True)
    object_repr = models.CharField("objek", max_length=300, blank=True)
    detail = models.JSONField("rincian", default=dict, blank=True)
    ip_address = models.GenericIPAddressField("alamat IP", null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "-created_at"], name="audit_office_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self):
        from ..audit_labels import moment

        # The admin's title of an entry: local time, the action's label.
        return f"{moment(self.created_at)} · {self.actor_username or '—'} · {self.action_label}"

    @property
    def action_label(self):
        from ..audit import action_label

        return action_label(self.action)

    @property
    def detail_items(self):
        """(label, value) pairs of the detail as people read them (sisp.audit_labels)."""
        from ..audit_labels import detail_items

        return detail_items(self.detail, self.object_type)

    @property
    def object_label(self):
        """The object named by its kind ("Tautan portal «Kepegawaian»"), sisp.audit_labels."""
        from ..audit_labels import object_label

        return object_label(self)
