"""Explicit grants and requests for access, on top of the matrix."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .records import Naskah


class HakAksesQuerySet(models.QuerySet):
    def active(self, today: date | None = None) -> "HakAksesQuerySet":
        """Not revoked, not expired, and its approver still an active user: a grant cannot
        outlast the account of the official who gave it."""
        today = today or timezone.localdate()
        return self.filter(
            dicabut_pada__isnull=True, berlaku_sampai__gte=today, disetujui_oleh__is_active=True
        )


class HakAkses(models.Model):
    """A grant on one record to a user or a unit, with purpose, approving official and expiry
    (Perbawaslu 12/2020: use by another unit needs the creating official's permission)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.CASCADE, related_name="hak_akses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "sisp.Unit",
        verbose_name="unit kerja",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tujuan = models.TextField("tujuan penggunaan")
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pejabat yang menyetujui",
        on_delete=models.PROTECT,
        related_name="+",
    )
    berlaku_sampai = models.DateField("berlaku sampai")
    created_at = models.DateTimeField("diberikan", auto_now_add=True)
    dicabut_pada = models.DateTimeField("dicabut", null=True, blank=True)

    objects = HakAksesQuerySet.as_manager()

    class Meta:
        verbose_name = "hak akses"
        verbose_name_plural = "hak akses"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, unit__isnull=True)
                    | Q(user__isnull=True, unit__isnull=False)
                ),
                name="hakakses_user_xor_unit",
            ),
        ]
        indexes = [
            models.Index(fields=["naskah", "berlaku_sampai"], name="hakakses_naskah_until"),
            models.Index(fields=["user", "berlaku_sampai"], name="hakakses_user_until"),
            models.Index(fields=["unit", "berlaku_sampai"], name="hakakses_unit_until"),
        ]

    def __str__(self):
        return f"Hak akses {self.user or self.unit} atas naskah #{self.naskah_id}"

    def is_active(self, today=None):
        """The same test as ``HakAksesQuerySet.active`` for one grant."""
        today = today or timezone.localdate()
        return (
            self.dicabut_pada is None
            and self.berlaku_sampai >= today
            and self.disetujui_oleh.is_active
        )


class PermohonanAkses(models.Model):
    """A request for access. The requester names the record in words (letter number,
    subject): a record they may not see stays invisible to them, even through this form.
    ``naskah`` is the record it is routed to: set at filing when ``nomor_naskah`` names
    exactly one record, or by an official who identified it; never shown to the requester
    before approval. Only an approver of that record's class decides it."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    pemohon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemohon",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uraian = models.CharField(
        "naskah yang diminta",
        max_length=500,
        help_text="Nomor naskah, perihal, atau keterangan lain yang Anda ketahui.",
    )
    tujuan = models.TextField("tujuan penggunaan")
    nomor_naskah = models.CharField(
        "nomor naskah yang diminta",
        max_length=120,
        blank=True,
        help_text="Bila Anda tahu nomornya: permohonan langsung sampai ke pejabat yang berwenang.",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DIAJUKAN
    )
    naskah = models.ForeignKey(
        Naskah,
        verbose_name="naskah",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hak_akses = models.ForeignKey(
        HakAkses,
        verbose_name="hak akses",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputus oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diputus_pada = models.DateTimeField("diputus pada", null=True, blank=True)
    catatan_putusan = models.TextField("catatan untuk pemohon", blank=True)
    created_at = models.DateTimeField("diajukan", auto_now_add=True)

    class Meta:
        verbose_name = "permohonan akses"
        verbose_name_plural = "permohonan akses"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["office", "status"], name="permohonan_office_status"),
        ]

    def __str__(self):
        return f"Permohonan {self.pemohon}: {self.uraian[:60]}"

    def audit_repr(self):
        """Never the requester's description, which names the record wanted."""
        return f"Permohonan akses #{self.pk}"


class UnduhanQuerySet(models.QuerySet):
    def traceable_by(self, user):
        """The downloads whose origin ``user`` may trace: those of the user's own office, for
        holders of arsip.trace_unduhan (Ketua, Pengawas Internal); nothing for anyone else."""
        if not user.is_authenticated or not user.has_perm("arsip.trace_unduhan"):
            return self.none()
        return self.filter(office_id=user.office_id)


class Unduhan(models.Model):
    """One traced download: of a record whose class asks for a purpose (with the purpose
    stated), or of a file stamped with its reader (classes above Biasa, arsip/stamping.py),
    with the download code printed on it. The purpose is kept here, behind the record's door,
    not in the audit trail: it often quotes the record, and the trail is read by people who
    may read no record (the trail's entry names the record by kind, class and id, and this
    row by its id and code)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.PROTECT, related_name="unduhan"
    )
    versi = models.PositiveIntegerField("versi")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengunduh",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    tujuan = models.TextField("tujuan penggunaan", blank=True)
    # Printed on every page of the stamped copy; None for downloads that were not stamped.
    kode = models.CharField("kode unduhan", max_length=9, unique=True, null=True, blank=True)
    # SHA-256 of the stamped copy as delivered: a leaked file passed on unchanged is found
    # by its checksum alone.
    sha256 = models.CharField("SHA-256 salinan", max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("diunduh", auto_now_add=True)

    objects = UnduhanQuerySet.as_manager()

    class Meta:
        verbose_name = "unduhan"
        verbose_name_plural = "unduhan"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["naskah", "-created_at"], name="unduhan_naskah_time")]
        permissions = [
            ("trace_unduhan", "Menelusuri asal salinan unduhan yang bocor"),
        ]

    def __str__(self):
        return f"Unduhan naskah #{self.naskah_id} versi {self.versi}"
