"""Disposal (penyusutan) and borrowing of physical records."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .records import Berkas, Naskah


class UsulanPemusnahan(models.Model):
    """A list of files proposed for destruction, sent up for approval. Nothing is destroyed
    without the recorded approval (who, when, on what basis)."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"
        DILAKSANAKAN = "dilaksanakan", "Dilaksanakan"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    judul = models.CharField("judul usulan", max_length=300)
    berkas = models.ManyToManyField(Berkas, verbose_name="berkas", related_name="+")
    status = models.CharField(
        "status", max_length=15, choices=Status.choices, default=Status.DIAJUKAN
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("diajukan", auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diputus oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diputus_pada = models.DateTimeField("diputus pada", null=True, blank=True)
    dasar_persetujuan = models.CharField(
        "dasar persetujuan",
        max_length=300,
        blank=True,
        help_text="Mis. nomor surat persetujuan Bawaslu RI / ANRI.",
    )
    # Records kept 10 years or more (ARSIP_PEMUSNAHAN_ANRI_TAHUN) need ANRI's approval before
    # they are destroyed (domain note: PP 28/2012; Perka ANRI 25/2012).
    anri_nomor = models.CharField("nomor persetujuan ANRI", max_length=120, blank=True)
    anri_tanggal = models.DateField("tanggal persetujuan ANRI", null=True, blank=True)
    anri_dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="persetujuan ANRI dicatat oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "usulan pemusnahan"
        verbose_name_plural = "usulan pemusnahan"
        ordering = ["-created_at"]
        permissions = [
            ("propose_pemusnahan", "Mengusulkan pemusnahan arsip"),
            ("approve_pemusnahan", "Mencatat persetujuan dan melaksanakan pemusnahan arsip"),
        ]

    def __str__(self):
        return self.judul

    def audit_repr(self):
        """Never the title, which may name the files."""
        return f"Usulan pemusnahan #{self.pk}"


class BeritaAcaraPemusnahan(models.Model):
    """The Berita Acara Pemusnahan of an executed, approved proposal."""

    usulan = models.OneToOneField(
        UsulanPemusnahan,
        verbose_name="usulan",
        on_delete=models.PROTECT,
        related_name="berita_acara",
    )
    nomor = models.CharField("nomor berita acara", max_length=120)
    tanggal = models.DateField("tanggal", default=timezone.localdate)
    # The decision the destruction rests on (e.g. the Ketua's keputusan): its number and date.
    # Null only on Berita Acara recorded before these fields existed.
    dasar_nomor = models.CharField("nomor keputusan dasar pemusnahan", max_length=120, blank=True)
    dasar_tanggal = models.DateField("tanggal keputusan dasar pemusnahan", null=True, blank=True)
    dasar = models.TextField("keterangan dasar", blank=True)
    metode = models.CharField(
        "cara pemusnahan", max_length=200, help_text="Mis. pencacahan (shredding)."
    )
    saksi = models.TextField("saksi-saksi", help_text="Satu nama (dan jabatan) per baris.")
    penandatangan = models.CharField("penandatangan", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "berita acara pemusnahan"
        verbose_name_plural = "berita acara pemusnahan"

    def __str__(self):
        return f"BA Pemusnahan {self.nomor}"

    def saksi_list(self):
        return [line.strip() for line in self.saksi.splitlines() if line.strip()]


class Peminjaman(models.Model):
    """One loan of a physical record (lembar peminjaman)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.PROTECT, related_name="peminjaman"
    )
    peminjam = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="peminjam",
        on_delete=models.PROTECT,
        related_name="+",
    )
    keperluan = models.CharField("keperluan", max_length=300)
    tanggal_pinjam = models.DateField("tanggal pinjam", default=timezone.localdate)
    jatuh_tempo = models.DateField("jatuh tempo")
    tanggal_kembali = models.DateField("tanggal kembali", null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "peminjaman"
        verbose_name_plural = "peminjaman"
        ordering = ["-tanggal_pinjam", "-id"]
        permissions = [("manage_peminjaman", "Mencatat peminjaman dan pengembalian arsip")]
        indexes = [
            models.Index(
                fields=["office", "tanggal_kembali", "jatuh_tempo"], name="peminjaman_office_open"
            ),
        ]

    def __str__(self):
        return f"Peminjaman {self.naskah} oleh {self.peminjam}"

    def audit_repr(self):
        return f"Peminjaman #{self.pk} (naskah #{self.naskah_id})"

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.tanggal_kembali is None and self.jatuh_tempo < today
