"""Reference data of Info PPPS: elections, stage definitions, holidays, status words.

All of it is data the office edits (admin), seeded by data migrations from the domain note.
"""

from django.db import models

from sisp import workdays

from .. import deadlines


class Regime(models.TextChoices):
    PEMILU = "pemilu", "Pemilu (UU 7/2017)"
    PEMILIHAN = "pemilihan", "Pemilihan/Pilkada (UU 1/2015 jo. UU 10/2016)"


class Jenis(models.TextChoices):
    LAPORAN = "laporan", "Laporan"
    TEMUAN = "temuan", "Temuan"
    SENGKETA = "sengketa", "Sengketa proses"


class Pemilihan(models.Model):
    """One election an office handles cases for, e.g. Pemilihan Wali Kota Mojokerto 2024."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("nama pemilihan", max_length=200)
    regime = models.CharField("rezim hukum", max_length=10, choices=Regime.choices)
    code = models.CharField(
        "kode pemilihan",
        max_length=10,
        help_text="Kode pada nomor register, mis. PL (legislatif), PP (presiden), PB (bupati).",
    )
    year = models.PositiveSmallIntegerField("tahun")
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "pemilihan"
        verbose_name_plural = "pemilihan"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="pemilihan_unique_per_office"),
        ]

    def __str__(self):
        return self.name


class DayType(models.TextChoices):
    KALENDER = workdays.CALENDAR, "hari kalender"
    KERJA = workdays.WORKING, "hari kerja"
    JAM = deadlines.HOURS, "jam"


class Jalur(models.TextChoices):
    """The track a stage belongs to: the ordinary handling, the Sentra Gakkumdu steps of an
    election crime, or an administrative violation that is terstruktur, sistematis, masif."""

    UMUM = "umum", "Penanganan umum"
    GAKKUMDU = "gakkumdu", "Sentra Gakkumdu (tindak pidana)"
    TSM = "tsm", "Pelanggaran administratif TSM"


class CountedFrom(models.TextChoices):
    KEJADIAN = "kejadian", "tanggal kejadian / keputusan yang disengketakan"
    DIKETAHUI = "diketahui", "tanggal diketahui"
    DITERIMA = "diterima", "tanggal diterima"
    REGISTRASI = "registrasi", "tanggal registrasi"
    MULAI_TAHAP = "mulai_tahap", "tanggal tahap ini dimulai"


class TahapanQuerySet(models.QuerySet):
    def for_case(self, regime, jenis):
        return self.filter(regime=regime, jenis=jenis, is_active=True)


class Tahapan(models.Model):
    """A stage of case handling and its time limit, per regime and kind of case.

    Limits marked "(?)" in the domain note are seeded with ``is_unconfirmed`` so the office
    checks them; a stage without ``days`` has no deadline.
    """

    regime = models.CharField("rezim hukum", max_length=10, choices=Regime.choices)
    jenis = models.CharField("jenis perkara", max_length=10, choices=Jenis.choices)
    order = models.PositiveSmallIntegerField("urutan")
    code = models.SlugField("kode", max_length=40)
    name = models.CharField("nama tahapan", max_length=150)
    jalur = models.CharField("jalur", max_length=10, choices=Jalur.choices, default=Jalur.UMUM)
    is_public = models.BooleanField("tampil untuk publik", default=True)
    days = models.PositiveSmallIntegerField(
        "batas waktu",
        null=True,
        blank=True,
        help_text="Jumlah hari (atau jam bila jenis hari = jam). Kosong: tanpa batas waktu.",
    )
    day_type = models.CharField(
        "jenis hari", max_length=10, choices=DayType.choices, default=DayType.KALENDER
    )
    counted_from = models.CharField(
        "dihitung sejak",
        max_length=12,
        choices=CountedFrom.choices,
        default=CountedFrom.MULAI_TAHAP,
    )
    extension_days = models.PositiveSmallIntegerField(
        "perpanjangan (hari)",
        default=0,
        help_text="Tambahan hari bila diperlukan keterangan tambahan.",
    )
    legal_basis = models.CharField("dasar hukum", max_length=200, blank=True)
    is_unconfirmed = models.BooleanField(
        "perlu dikonfirmasi",
        default=False,
        help_text="Batas waktu belum pasti menurut catatan domain; periksa dan sesuaikan.",
    )
    is_active = models.BooleanField("aktif", default=True)

    objects = TahapanQuerySet.as_manager()

    class Meta:
        verbose_name = "tahapan"
        verbose_name_plural = "tahapan"
        ordering = ["regime", "jenis", "order"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "jenis", "code"], name="tahapan_unique_code"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.day_type == DayType.JAM and self.counted_from != CountedFrom.MULAI_TAHAP:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"counted_from": "Batas waktu dalam jam dihitung sejak tahap ini dimulai."},
                code="hours_from_stage_start",
            )

    def limit_text(self):
        if self.days is None:
            return "tanpa batas waktu"
        if self.day_type == DayType.JAM:
            return f"{self.days} jam sejak tahap ini dimulai (saat keputusan)"
        text = f"{self.days} {self.get_day_type_display()} sejak {self.get_counted_from_display()}"
        if self.extension_days:
            text += f" (+{self.extension_days} bila diperpanjang)"
        return text


class HariLiburQuerySet(models.QuerySet):
    def date_set(self, start=None, end=None):
        """The holidays as a frozenset of dates, for ``sisp.workdays``."""
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return frozenset(qs.values_list("date", flat=True))

    def labels(self, start=None, end=None):
        """{date: "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"}: the holidays with the
        reason a count skipped them (``sisp.workdays.explain``)."""
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        kinds = dict(HariLibur.Kind.choices)
        return {d: f"{kinds.get(k, k)}: {n}" for d, n, k in qs.values_list("date", "name", "kind")}


class HariLibur(models.Model):
    """A national holiday or cuti bersama: not a working day. Seeded from ``holidays``; the
    government fixes cuti bersama by SKB each year, so the office corrects this table."""

    class Kind(models.TextChoices):
        NASIONAL = "nasional", "Libur nasional"
        CUTI_BERSAMA = "cuti_bersama", "Cuti bersama"
        LAINNYA = "lainnya", "Lainnya"

    date = models.DateField("tanggal", unique=True)
    name = models.CharField("keterangan", max_length=150)
    kind = models.CharField("jenis", max_length=15, choices=Kind.choices, default=Kind.NASIONAL)

    objects = HariLiburQuerySet.as_manager()

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class StatusPerkara(models.Model):
    """A status word shown to staff and the public ("diregistrasi", "diteruskan ke KPU"...).
    The office's own wording, so it is data."""

    code = models.SlugField("kode", max_length=40, unique=True)
    name = models.CharField("status", max_length=100)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    is_final = models.BooleanField("status akhir", default=False)
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "status perkara"
        verbose_name_plural = "status perkara"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class AlasanPublikQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one door to the public reason texts: the user's own office only."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        return self.filter(office_id=user.office_id)

    def editable_by(self, user):
        """The texts a holder of ``ppps.change_alasanpublik`` keeps: their own office's."""
        if not user.has_perm("ppps.change_alasanpublik"):
            return self.none()
        return self.visible_to(user)

    def for_office(self, office_id):
        """The active texts an officer of ``office_id`` may choose on a stage move."""
        return self.filter(office_id=office_id, is_active=True)


class AlasanPublik(models.Model):
    """A public reason text of one office ("menunggu kelengkapan", "diteruskan ke Sentra
    Gakkumdu"): what /cek/ may say about a stage without an officer writing free text, so a
    public note names nobody by construction. The office's own wording, kept by the role that
    holds ``ppps.change_alasanpublik`` (the Administrator by default). A history event keeps
    the text it published, so a later edit does not rewrite the public timeline."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(
        "teks publik",
        max_length=200,
        help_text="Tampil di halaman publik /cek/. Jangan memuat nama atau data pihak mana pun.",
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)
    is_active = models.BooleanField(
        "aktif", default=True, help_text="Nonaktifkan bila tidak dipakai lagi (riwayat tetap)."
    )

    objects = AlasanPublikQuerySet.as_manager()

    class Meta:
        verbose_name = "alasan publik"
        verbose_name_plural = "alasan publik"
        ordering = ["office", "order", "text"]
        constraints = [
            models.UniqueConstraint(fields=["office", "text"], name="alasanpublik_unique_text"),
        ]

    def __str__(self):
        return self.text
