from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ..roles import is_installation_manager


class RoleRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one door to role requests: the installation manager sees every office's; a
        holder of ``sisp.view_rolerequest`` (Ketua, Administrator) only their own office's."""
        if is_installation_manager(user):
            return self
        if not user.is_authenticated or not user.office_id:
            return self.none()
        if not user.has_perm("sisp.view_rolerequest"):
            return self.none()
        return self.filter(office_id=user.office_id)

    def pending(self):
        """Still waiting for a decision (the list of /portal/peran/ and "Menunggu Anda")."""
        return self.filter(status=RoleRequest.Status.PENDING)


class RoleRequest(models.Model):
    """A request to give a user a sensitive role (one that opens classified records or case
    parties, or Pengawas Internal). One person files it, a second person decides it: the office's
    Ketua (``sisp.decide_rolerequest``) or the installation manager — never the requester, never
    the user who would receive the role. Written only through ``sisp.services``."""

    class Status(models.TextChoices):
        PENDING = "diajukan", "Menunggu keputusan"
        APPROVED = "disetujui", "Disetujui"
        REJECTED = "ditolak", "Ditolak"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.PROTECT,
        related_name="role_requests",
    )
    role = models.ForeignKey(
        "auth.Group", verbose_name="peran", on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField("alasan")
    created_at = models.DateTimeField("diajukan pada", auto_now_add=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputuskan oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("diputuskan pada", null=True, blank=True)
    decision_note = models.TextField("catatan keputusan", blank=True)

    objects = RoleRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "permohonan peran"
        verbose_name_plural = "permohonan peran"
        ordering = ["-created_at", "-id"]
        permissions = [("decide_rolerequest", "Dapat menyetujui atau menolak permohonan peran")]
        indexes = [
            models.Index(fields=["office", "status", "-created_at"], name="rolerequest_office"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(status="diajukan"),
                name="rolerequest_one_pending_per_user_role",
            ),
            models.CheckConstraint(
                condition=~Q(requested_by=F("user")), name="rolerequest_not_for_oneself"
            ),
            # The second person is neither the requester nor the receiver.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=F("requested_by")) & ~Q(decided_by=F("user"))),
                name="rolerequest_decided_by_second_person",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="diajukan", decided_by__isnull=True, decided_at__isnull=True)
                    | (
                        Q(status__in=["disetujui", "ditolak"])
                        & Q(decided_by__isnull=False, decided_at__isnull=False)
                    )
                ),
                name="rolerequest_decision_complete",
            ),
        ]

    def __str__(self):
        return f"{self.role.name} untuk {self.user}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def may_be_decided_by(self, user):
        """True when ``user`` is a valid second person for this pending request."""
        if not self.is_pending or not user.is_active:
            return False
        if user.pk in (self.requested_by_id, self.user_id):
            return False
        if is_installation_manager(user):
            return True
        return user.office_id == self.office_id and user.has_perm("sisp.decide_rolerequest")
