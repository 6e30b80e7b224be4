"""Classification authority as data (Perbawaslu 32/2018 jo. 12/2020, ANRI model; see
docs/arsip.md): how high each role may classify, which officials decide a class (lowering
it, approving access to it), and each record's history of classes.

The installation's shared rules, like the access matrix: edited only by the installation
manager (``SharedRuleAdmin``). The defaults (``arsip.authority``) are our reading of the
sources and are unconfirmed (?)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models

from .records import Naskah
from .reference import KelasKeamanan


class BatasKlasifikasi(models.Model):
    """The highest class holders of a role may set on a record. A role without a row sets
    only the lowest class (nobody classifies above their own clearance)."""

    role = models.OneToOneField(
        Group, verbose_name="peran", on_delete=models.CASCADE, related_name="+"
    )
    kelas_tertinggi = models.ForeignKey(
        KelasKeamanan,
        verbose_name="kelas tertinggi yang boleh ditetapkan",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "batas klasifikasi peran"
        verbose_name_plural = "batas klasifikasi peran"
        ordering = ["role__name"]

    def __str__(self):
        return f"{self.role}: sampai {self.kelas_tertinggi}"


class PejabatKelas(models.Model):
    """Holders of ``role`` decide for records of ``kelas`` (in their whole office, or in the
    creating unit and the units beneath their own): lowering the class, or approving access.
    A class without a "turun" row may be lowered by whoever may edit the record; a class
    without an "akses" row is granted by nobody (deny by default)."""

    class Tindakan(models.TextChoices):
        TURUN = "turun", "Menurunkan kelas"
        AKSES = "akses", "Menyetujui hak akses"

    class Lingkup(models.TextChoices):
        KANTOR = "kantor", "Semua unit di kantornya"
        UNIT = "unit", "Unit pencipta (unit sendiri dan di bawahnya)"

    kelas = models.ForeignKey(
        KelasKeamanan, verbose_name="kelas keamanan", on_delete=models.CASCADE, related_name="+"
    )
    tindakan = models.CharField("tindakan", max_length=10, choices=Tindakan.choices)
    role = models.ForeignKey(
        Group, verbose_name="peran pejabat", on_delete=models.CASCADE, related_name="+"
    )
    lingkup = models.CharField("lingkup", max_length=10, choices=Lingkup.choices)
    kecuali_pendaftar = models.BooleanField(
        "kecuali pendaftar naskah",
        default=False,
        help_text="Pejabat yang mendaftarkan naskah itu sendiri tidak dapat memutusnya.",
    )

    class Meta:
        verbose_name = "pejabat penentu kelas"
        verbose_name_plural = "pejabat penentu kelas"
        ordering = ["kelas__tingkat", "tindakan", "role__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kelas", "tindakan", "role"], name="pejabatkelas_unique"
            ),
        ]

    def __str__(self):
        return f"{self.kelas} · {self.get_tindakan_display()}: {self.role} ({self.lingkup})"


class PerubahanKelas(models.Model):
    """One entry of a record's history of classes: the class given at registration (``dari``
    empty) and every change, with who changed it and the stated reason. The reason may quote
    the record, so it stays here, behind the record's door; the audit entry names this row."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.PROTECT, related_name="riwayat_kelas"
    )
    dari = models.ForeignKey(
        KelasKeamanan,
        verbose_name="dari kelas",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ke = models.ForeignKey(
        KelasKeamanan, verbose_name="menjadi kelas", on_delete=models.PROTECT, related_name="+"
    )
    alasan = models.TextField("alasan", blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        verbose_name = "riwayat kelas naskah"
        verbose_name_plural = "riwayat kelas naskah"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["naskah", "-created_at"], name="perubahankelas_naskah")]

    def __str__(self):
        return f"Kelas naskah #{self.naskah_id}: {self.dari or '—'} → {self.ke}"

    def audit_repr(self):
        return f"Riwayat kelas #{self.pk} (naskah #{self.naskah_id})"

    @property
    def is_lowering(self):
        return self.dari is not None and self.ke.tingkat < self.dari.tingkat
