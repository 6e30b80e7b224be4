"""Transfers of a case between offices: pelimpahan and pengambilalihan (Perbawaslu 7/2022
Pasal 20). The rules of who may transfer what live in ``ppps/transfers.py``; this is the
record, append-only like the history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sisp.models.audit import AppendOnly, AppendOnlyQuerySet


class Pelimpahan(AppendOnly, models.Model):
    """One transfer of a case: from the office that held it to another office of the
    installation (``to_office``) or to an office outside it (``to_office_name``). Append-only.

    The sending office keeps sight of the case up to this transfer: the history up to and
    including ``riwayat`` (the transfer's own event), the parties and documents up to the ids
    recorded here (ids grow, so "up to" is "recorded before the transfer")."""

    unchangeable = "Catatan pelimpahan tidak dapat diubah."
    undeletable = "Catatan pelimpahan tidak dapat dihapus."

    class Kind(models.TextChoices):
        PELIMPAHAN = "pelimpahan", "Pelimpahan"
        PENGAMBILALIHAN = "pengambilalihan", "Pengambilalihan"

    perkara = models.ForeignKey(
        "ppps.Perkara", verbose_name="perkara", on_delete=models.PROTECT, related_name="pelimpahan"
    )
    from_office = models.ForeignKey(
        "sisp.Office", verbose_name="dari kantor", on_delete=models.PROTECT, related_name="+"
    )
    to_office = models.ForeignKey(
        "sisp.Office",
        verbose_name="ke kantor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_office_name = models.CharField("ke kantor di luar instalasi", max_length=200, blank=True)
    kind = models.CharField("jenis", max_length=16, choices=Kind.choices)
    reason = models.TextField("alasan")
    legal_basis = models.CharField("dasar hukum", max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputuskan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("waktu", default=timezone.now)
    riwayat = models.OneToOneField(
        "ppps.RiwayatPerkara", on_delete=models.PROTECT, related_name="+", editable=False
    )
    pihak_sampai = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    dokumen_sampai = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "pelimpahan perkara"
        verbose_name_plural = "pelimpahan perkara"
        ordering = ["perkara", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_office__isnull=False) & Q(to_office_name=""))
                | (Q(to_office__isnull=True) & ~Q(to_office_name="")),
                name="pelimpahan_one_destination",
            ),
            models.CheckConstraint(
                condition=~Q(to_office=models.F("from_office")),
                name="pelimpahan_not_to_same_office",
            ),
        ]
        indexes = [
            models.Index(fields=["from_office", "perkara"], name="pelimpahan_from_case"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} perkara #{self.perkara_id} ke {self.destination()}"

    @property
    def is_outside(self):
        return self.to_office_id is None

    def destination(self):
        """The receiving office's name (an outside office's as recorded)."""
        return self.to_office.name if self.to_office_id else self.to_office_name

    def riwayat_part(self):
        """The sending office's part of the history: up to and including this transfer."""
        return self.perkara.riwayat.filter(pk__lte=self.riwayat_id).select_related(
            "tahapan", "status", "created_by"
        )

    def pihak_part(self):
        """The parties recorded before this transfer (none if there were none)."""
        if self.pihak_sampai is None:
            return self.perkara.pihak.none()
        return self.perkara.pihak.filter(pk__lte=self.pihak_sampai)

    def dokumen_part(self):
        """The documents uploaded before this transfer (none if there were none)."""
        if self.dokumen_sampai is None:
            return self.perkara.dokumen.none()
        return self.perkara.dokumen.filter(pk__lte=self.dokumen_sampai)

    def audit_repr(self):
        return f"Pelimpahan #{self.pk} (perkara #{self.perkara_id})"
