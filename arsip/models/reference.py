"""The four pillars as data: filing codes, retention (JRA), security classes, access matrix."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models

kode_validator = RegexValidator(
    r"^[A-Za-z]{2}(\.\d{2}){0,2}$",
    "Kode klasifikasi berbentuk XX, XX.NN, atau XX.NN.NN (mis. PP.01.02).",
    code="invalid_kode",
)


class KlasifikasiArsip(models.Model):
    """One filing code (Perbawaslu 11/2020). The tree is shared by every office."""

    class Jenis(models.TextChoices):
        SUBSTANTIF = "substantif", "Substantif"
        FASILITATIF = "fasilitatif", "Fasilitatif"

    kode = models.CharField("kode", max_length=20, unique=True, validators=[kode_validator])
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="kode induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "klasifikasi arsip"
        verbose_name_plural = "klasifikasi arsip"
        ordering = ["kode"]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs):
        self.kode = self.kode.strip().upper()
        if self.parent_id is None and "." in self.kode:
            # A new code finds its place in the tree by its own number (PP.01.02 -> PP.01).
            self.parent = KlasifikasiArsip.objects.filter(kode=self.kode.rsplit(".", 1)[0]).first()
        super().save(*args, **kwargs)

    def clean(self):
        # Before the uniqueness check, so "pp.01" and "PP.01" are the same code.
        self.kode = (self.kode or "").strip().upper()


class RetensiArsip(models.Model):
    """The JRA row of one filing code (Perbawaslu 14/2020). Its figures are unconfirmed until
    an official marks them verified: the annex could not be read, so none ship as law."""

    class Nasib(models.TextChoices):
        MUSNAH = "musnah", "Musnah"
        PERMANEN = "permanen", "Permanen"
        DINILAI_KEMBALI = "dinilai_kembali", "Dinilai kembali"

    klasifikasi = models.OneToOneField(
        KlasifikasiArsip,
        verbose_name="klasifikasi",
        on_delete=models.CASCADE,
        related_name="retensi",
    )
    aktif_tahun = models.PositiveSmallIntegerField("retensi aktif (tahun)")
    inaktif_tahun = models.PositiveSmallIntegerField("retensi inaktif (tahun)")
    nasib_akhir = models.CharField("keterangan akhir", max_length=20, choices=Nasib.choices)
    catatan = models.TextField("catatan", blank=True)
    terverifikasi = models.BooleanField("terverifikasi", default=False)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diverifikasi oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)

    class Meta:
        verbose_name = "retensi arsip (JRA)"
        verbose_name_plural = "retensi arsip (JRA)"
        ordering = ["klasifikasi__kode"]
        permissions = [("verify_retensiarsip", "Memverifikasi jadwal retensi arsip")]

    def __str__(self):
        return f"JRA {self.klasifikasi.kode}"

    @property
    def status_label(self):
        return "terverifikasi" if self.terverifikasi else "belum terverifikasi"


class KelasKeamanan(models.Model):
    """A security class (Perbawaslu 32/2018 jo. 12/2020): SR, R, T, B."""

    kode = models.CharField("kode", max_length=4, unique=True)
    nama = models.CharField("nama", max_length=50)
    tingkat = models.PositiveSmallIntegerField(
        "tingkat", help_text="Makin besar makin rahasia (Biasa = 1)."
    )
    tanda = models.CharField("warna tanda", max_length=20, blank=True)
    wajib_tujuan = models.BooleanField(
        "pembaca wajib menyatakan tujuan",
        default=False,
        help_text="Sebelum mengunduh berkas, pembaca menyatakan tujuan penggunaannya.",
    )
    kriteria = models.TextField("kriteria", blank=True)

    class Meta:
        verbose_name = "kelas keamanan"
        verbose_name_plural = "kelas keamanan"
        ordering = ["tingkat"]

    def __str__(self):
        return self.nama


class AksesMatrix(models.Model):
    """Role x security class -> scope. Missing rows mean no access (deny by default).

    One matrix for the installation: the SKKAAD is a Bawaslu-wide regulation, not an office's
    choice. Administrators edit it in the admin.
    """

    class Lingkup(models.TextChoices):
        TIDAK = "tidak", "Tidak ada akses"
        UNIT = "unit", "Unit sendiri (dan unit di bawahnya)"
        SEMUA = "semua", "Semua unit di kantornya"

    role = models.ForeignKey(
        Group, verbose_name="peran", on_delete=models.CASCADE, related_name="+"
    )
    kelas = models.ForeignKey(
        KelasKeamanan, verbose_name="kelas keamanan", on_delete=models.CASCADE, related_name="+"
    )
    lingkup = models.CharField("lingkup", max_length=10, choices=Lingkup.choices)

    class Meta:
        verbose_name = "matriks akses"
        verbose_name_plural = "matriks akses"
        ordering = ["role__name", "kelas__tingkat"]
        constraints = [
            models.UniqueConstraint(fields=["role", "kelas"], name="aksesmatrix_unique"),
        ]

    def __str__(self):
        return f"{self.role} · {self.kelas}: {self.get_lingkup_display()}"
