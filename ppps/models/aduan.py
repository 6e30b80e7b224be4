"""Posko Aduan Masyarakat (Instruksi Bawaslu 3/2022): public complaints.

An aduan is not a laporan: it has a ticket code and PIN, minimal fields, may be anonymous, and
is triaged by staff. Only a filed, registered laporan gets a register number and deadlines.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models
from django.utils import timezone


class AduanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The only door to complaints for staff: own office, holders of ppps.view_aduan
        (Ketua and Anggota read them) or ppps.triage_aduan (Petugas PPPS decide them)."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        if not (user.has_perm("ppps.view_aduan") or user.has_perm("ppps.triage_aduan")):
            return self.none()
        return self.filter(office_id=user.office_id)

    def untriaged(self):
        """Not yet triaged ("baru"): the dashboard's count and "Menunggu Anda"."""
        return self.filter(status=Aduan.Status.BARU)


class Aduan(models.Model):
    class Status(models.TextChoices):
        BARU = "baru", "Baru, belum ditelaah"
        INFORMASI_AWAL = "informasi_awal", "Ditindaklanjuti sebagai informasi awal (penelusuran)"
        LAPORAN = "laporan", "Dibantu menjadi laporan resmi"
        NIK = "nik", "Tindak lanjut pencatutan NIK"
        DITUTUP = "ditutup", "Ditutup (bukan kewenangan Bawaslu)"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    kode_tiket = models.CharField("kode tiket", max_length=20, unique=True)
    pin_hash = models.CharField(max_length=128, editable=False)
    nama = models.CharField("nama", max_length=200, blank=True)
    email = models.EmailField("surel", blank=True)
    telepon = models.CharField("telepon/WhatsApp", max_length=30, blank=True)
    uraian = models.TextField("apa yang terjadi")
    tempat = models.CharField("di mana", max_length=200, blank=True)
    tanggal_kejadian = models.DateField("kapan terjadi", null=True, blank=True)
    tanggal_diketahui = models.DateField("kapan Anda mengetahuinya", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.BARU, db_index=True
    )
    jawaban = models.TextField("jawaban untuk pengadu", blank=True)
    perkara = models.ForeignKey(
        "ppps.Perkara",
        verbose_name="perkara",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField("ditelaah", null=True, blank=True)
    created_at = models.DateTimeField("diterima", default=timezone.now)
    anonymised_at = models.DateTimeField(
        "data pribadi dihapus",
        null=True,
        blank=True,
        editable=False,
        help_text="Nama, surel, dan telepon pengadu dihapus (UU 27/2022) oleh anonymise_aduan.",
    )

    objects = AduanQuerySet.as_manager()

    class Meta:
        verbose_name = "aduan"
        verbose_name_plural = "aduan"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["office", "status", "-created_at"], name="aduan_office_status")
        ]

    def __str__(self):
        return self.kode_tiket

    def check_pin(self, pin):
        return check_password((pin or "").strip().upper(), self.pin_hash)

    @property
    def is_anonymous(self):
        return not self.nama


class LampiranAduan(models.Model):
    """A file sent with an aduan, stored through sisp.files (never public)."""

    aduan = models.ForeignKey(Aduan, on_delete=models.CASCADE, related_name="lampiran")
    file_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=200, editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    content_type = models.CharField(max_length=120, editable=False)

    class Meta:
        verbose_name = "lampiran aduan"
        verbose_name_plural = "lampiran aduan"

    def __str__(self):
        return self.original_name

    def audit_repr(self):
        """Never the file name, which may name a person."""
        return f"Lampiran aduan #{self.pk} (aduan #{self.aduan_id})"


class LampiranSementara(models.Model):
    """An attachment of a complaint form that came back with an error, kept so the citizen
    need not attach it again. Tied to the browser's session by an unguessable token (never
    sent in the page), stored through sisp.files like any attachment, and removed with its
    file by ``purge_aduan_uploads`` after PPPS_ADUAN_UPLOAD_KEEP_MINUTES."""

    token = models.CharField(max_length=64, editable=False, db_index=True)
    file_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=200, editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    class Meta:
        verbose_name = "lampiran aduan sementara"
        verbose_name_plural = "lampiran aduan sementara"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name
