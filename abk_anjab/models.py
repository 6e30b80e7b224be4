"""Jobs (jabatan), their yearly analyses (Anjab with the ABK table) and the code lists.

Access: every list starts from ``visible_to(user)`` (the user's office). Who may change what is
decided by ``Anjab.can_*`` from the user's permissions and unit:
- fill in (``fill_anjab``): Staf, Kepala Subbagian, Koordinator Sekretariat, for jobs of their
  own unit (or of a unit directly under it); ``all_units`` (Koordinator Sekretariat) widens this
  to every unit of the office;
- verify (``verify_anjab``): Kepala Subbagian (own unit) and Koordinator Sekretariat (all units);
- approve (``approve_anjab``): Koordinator Sekretariat. An approved analysis is locked.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from sisp.models import Unit

from . import calculation, conf
from .reference import BAKAT, FUNGSI_PEKERJAAN, MINAT, TEMPERAMEN, UPAYA_FISIK


class KodeSyarat(models.Model):
    """One code of the syarat jabatan lists (aptitude, temperament, interest, effort, function)."""

    class Jenis(models.TextChoices):
        BAKAT = BAKAT, "Bakat kerja"
        TEMPERAMEN = TEMPERAMEN, "Temperamen kerja"
        MINAT = MINAT, "Minat kerja"
        UPAYA_FISIK = UPAYA_FISIK, "Upaya fisik"
        FUNGSI_PEKERJAAN = FUNGSI_PEKERJAAN, "Fungsi pekerjaan"

    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    kode = models.CharField("kode", max_length=4)
    nama = models.CharField("nama", max_length=100)
    uraian = models.CharField("uraian", max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kode syarat jabatan"
        verbose_name_plural = "kode syarat jabatan"
        ordering = ["jenis", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["jenis", "kode"], name="kodesyarat_unique"),
        ]

    def __str__(self):
        return (
            f"{self.kode} {self.nama}: {self.uraian}" if self.uraian else f"{self.kode} {self.nama}"
        )


class NomenklaturJabatan(models.Model):
    """A job name of the national nomenclature (Jabatan Pelaksana: KepmenPANRB 282/2025).
    Installation data: offered when a job is named, kept current by the installation manager."""

    nama = models.CharField("nama jabatan", max_length=200, unique=True)
    klasifikasi = models.CharField(
        "klasifikasi", max_length=40, blank=True, help_text="Klerek, Operator atau Teknisi."
    )
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
    )
    dasar = models.CharField("dasar hukum", max_length=200, blank=True)
    terkonfirmasi = models.BooleanField(
        "sudah dicocokkan dengan lampiran peraturan",
        default=False,
        help_text="Belum dicocokkan: ditandai (?) di formulir jabatan.",
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "nomenklatur jabatan"
        verbose_name_plural = "nomenklatur jabatan"
        ordering = ["klasifikasi", "urutan", "nama"]

    def __str__(self):
        return self.nama if self.terkonfirmasi else f"{self.nama} (?)"


class OfficeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The only door: rows of the user's own office (deny without an office)."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        return self.filter(office_id=user.office_id)


class Jabatan(models.Model):
    class Jenis(models.TextChoices):
        PIMPINAN_TINGGI = "pimpinan_tinggi", "Pimpinan tinggi"
        ADMINISTRATOR = "administrator", "Administrator"
        PENGAWAS = "pengawas", "Pengawas"
        PELAKSANA = "pelaksana", "Pelaksana"
        FUNGSIONAL = "fungsional", "Fungsional"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "sisp.Unit", verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+"
    )
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bawahan",
    )
    nama = models.CharField("nama jabatan", max_length=200)
    kode = models.CharField("kode jabatan", max_length=40, blank=True)
    jenis = models.CharField("jenis jabatan", max_length=20, choices=Jenis.choices)
    kelas_jabatan = models.PositiveSmallIntegerField(
        "kelas jabatan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
        help_text="1 sampai 17, dari evaluasi jabatan.",
    )
    bezetting = models.PositiveSmallIntegerField(
        "pemangku saat ini (bezetting)", default=0, validators=[MaxValueValidator(999)]
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    is_active = models.BooleanField("aktif", default=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit__order", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nama"], name="jabatan_unique_per_unit"),
        ]
        indexes = [models.Index(fields=["office", "unit"], name="jabatan_office_unit")]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("abk_anjab:jabatan", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.unit_id and self.office_id and self.unit.office_id != self.office_id:
            raise ValidationError(
                {"unit": "Unit kerja harus berada di kantor yang sama."}, code="unit_other_office"
            )


def in_unit_scope(user, unit):
    """Whether ``user`` acts for ``unit``: a unit in their unit scope (``Unit.scope_of``: their
    own unit and every unit beneath it), or any unit of the office with the ``all_units``
    right. The office itself is checked by ``visible_to``."""
    if user.has_perm("abk_anjab.all_units"):
        return True
    return unit.pk in Unit.scope_of(user)


def may_fill(user, unit):
    return user.has_perm("abk_anjab.fill_anjab") and in_unit_scope(user, unit)


def _default_wke():
    return conf.wke_hours()


def _default_rounding():
    return conf.rounding()


class Anjab(models.Model):
    """The analysis of one job for one year: the Anjab sections and the ABK figures.

    The figures (``kebutuhan_*``, ``selisih``, ``ej``, ``pj``) are the server's: ``recalculate``
    computes them with ``abk_anjab.calculation`` from the stored task rows.
    """

    class Status(models.TextChoices):
        DRAF = "draf", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"
        DISETUJUI = "disetujui", "Disetujui"

    class Pembulatan(models.TextChoices):
        HALF_UP = calculation.HALF_UP, "Setengah ke atas (0,5 → 1)"
        UP = calculation.UP, "Selalu ke atas"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name="jabatan", on_delete=models.PROTECT, related_name="analisis"
    )
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField("status", max_length=15, choices=Status.choices, default=Status.DRAF)
    wke_jam = models.DecimalField(
        "waktu kerja efektif (jam per tahun)",
        max_digits=7,
        decimal_places=2,
        default=_default_wke,
        validators=[MinValueValidator(1)],
        help_text=conf.WKE_HELP_TEXT,
    )
    pembulatan = models.CharField(
        "pembulatan kebutuhan pegawai",
        max_length=10,
        choices=Pembulatan.choices,
        default=_default_rounding,
    )
    bezetting = models.PositiveSmallIntegerField(
        "pemangku saat ini (bezetting)", default=0, validators=[MaxValueValidator(999)]
    )
    # Identitas, kedudukan, ikhtisar
    kedudukan = models.TextField("kedudukan dalam organisasi", blank=True)
    ikhtisar = models.TextField("ikhtisar jabatan", blank=True)
    # Kualifikasi jabatan
    pendidikan = models.TextField("pendidikan formal", blank=True)
    pelatihan_struktural = models.TextField("pendidikan dan pelatihan struktural", blank=True)
    pelatihan_teknis = models.TextField("pendidikan dan pelatihan teknis", blank=True)
    pelatihan_fungsional = models.TextField("pendidikan dan pelatihan fungsional", blank=True)
    pengalaman = models.TextField("pengalaman kerja", blank=True)
    # Syarat jabatan, in the order of e-Formasi's Informasi Jabatan (pangkat/golongan and
    # pengetahuan kerja before keterampilan kerja (?)).
    pangkat_golongan = models.CharField(
        "pangkat/golongan ruang",
        max_length=100,
        blank=True,
        help_text="Mis. Pengatur Muda (II/a).",
    )
    pengetahuan = models.TextField("pengetahuan kerja", blank=True)
    keterampilan = models.TextField("keterampilan kerja", blank=True)
    bakat = models.ManyToManyField(
        KodeSyarat,
        verbose_name="bakat kerja",
        blank=True,
        related_name="+",
        limit_choices_to={"jenis": BAKAT},
    )
    temperamen = models.ManyToManyField(
        KodeSyarat,
        verbose_name="temperamen kerja",
        blank=True,
        related_name="+",
        limit_choices_to={"jenis": TEMPERAMEN},
    )
    minat = models.ManyToManyField(
        KodeSyarat,
        verbose_name="minat kerja",
        blank=True,
        related_name="+",
        limit_choices_to={"jenis": MINAT},
    )
    upaya_fisik = models.ManyToManyField(
        KodeSyarat,
        verbose_name="upaya fisik",
        blank=True,
        related_name="+",
        limit_choices_to={"jenis": UPAYA_FISIK},
    )
    fungsi_pekerjaan = models.ManyToManyField(
        KodeSyarat,
        verbose_name="fungsi pekerjaan",
        blank=True,
        related_name="+",
        limit_choices_to={"jenis": FUNGSI_PEKERJAAN},
    )
    jenis_kelamin = models.CharField("jenis kelamin", max_length=60, blank=True)
    umur = models.CharField("umur", max_length=60, blank=True)
    tinggi_badan = models.CharField("tinggi badan", max_length=60, blank=True)
    berat_badan = models.CharField("berat badan", max_length=60, blank=True)
    postur_badan = models.CharField("postur badan", max_length=100, blank=True)
    penampilan = models.CharField("penampilan", max_length=100, blank=True)
    informasi_lain = models.TextField("informasi lain", blank=True)
    # A leadership post may be fixed at a head count whatever the workload (?): the basis is kept.
    kebutuhan_ditetapkan = models.BooleanField(
        "kebutuhan ditetapkan (jabatan pimpinan)", default=False
    )
    jumlah_ditetapkan = models.PositiveSmallIntegerField(
        "jumlah yang ditetapkan", default=1, validators=[MaxValueValidator(99)]
    )
    dasar_penetapan = models.TextField("dasar penetapan", blank=True)
    # The server's figures (recalculate()).
    beban_kerja_menit = models.DecimalField(
        "beban kerja (menit per tahun)", max_digits=16, decimal_places=4, default=0
    )
    kebutuhan_mentah = models.DecimalField(
        "kebutuhan pegawai (belum dibulatkan)", max_digits=12, decimal_places=4, default=0
    )
    kebutuhan_bulat = models.PositiveIntegerField("kebutuhan pegawai (dibulatkan)", default=0)
    kebutuhan = models.PositiveIntegerField("kebutuhan pegawai", default=0)
    selisih = models.IntegerField("selisih (bezetting − kebutuhan)", default=0)
    ej = models.DecimalField(
        "efektivitas jabatan (EJ)", max_digits=10, decimal_places=4, null=True, blank=True
    )
    pj = models.CharField("prestasi jabatan (PJ)", max_length=4, blank=True)
    pj_label = models.CharField("keterangan PJ", max_length=40, blank=True)
    # Optimistic concurrency: every save of the form adds one; a save that started from an older
    # number is refused (abk_anjab.services.save_anjab), so two browsers never lose a save.
    versi = models.PositiveIntegerField("versi simpan", default=1, editable=False)
    # Workflow
    catatan_pengembalian = models.TextField("catatan pengembalian", blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    diverifikasi_pada = models.DateTimeField("diverifikasi pada", null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diverifikasi oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="disetujui oleh",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The approved document as filed in E-Arsip under OT.02 (Analisis Jabatan dan Beban Kerja).
    naskah_arsip = models.ForeignKey(
        "arsip.Naskah",
        verbose_name="naskah di E-Arsip",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = "analisis jabatan"
        verbose_name_plural = "analisis jabatan"
        ordering = ["-tahun", "jabatan__unit__order", "jabatan__urutan", "jabatan__nama"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "tahun"], name="anjab_one_per_job_year"),
        ]
        indexes = [models.Index(fields=["office", "tahun", "status"], name="anjab_office_year")]
        permissions = [
            ("fill_anjab", "Mengisi analisis jabatan unit sendiri"),
            ("all_units", "Mengisi dan memverifikasi analisis jabatan semua unit kantor"),
            ("verify_anjab", "Memverifikasi analisis jabatan"),
            ("approve_anjab", "Menyetujui analisis jabatan"),
            ("manage_jabatan", "Mengelola daftar jabatan"),
        ]

    def __str__(self):
        return f"{self.jabatan} ({self.tahun})"

    def get_absolute_url(self):
        return reverse("abk_anjab:anjab", args=[self.pk])

    # --- ABK figures

    def result(self, tasks=None, bezetting=None):
        """The calculation for ``tasks`` (default: the stored task rows), not saved."""
        if tasks is None:
            tasks = [t.as_task() for t in self.tugas_pokok.all()]
        return calculation.calculate_job(
            tasks,
            wke_hours=self.wke_jam,
            bezetting=self.bezetting if bezetting is None else bezetting,
            rounding=self.pembulatan,
            thresholds=conf.pj_thresholds(),
            periods_per_year=conf.periods_per_year(),
            fixed_headcount=self.jumlah_ditetapkan if self.kebutuhan_ditetapkan else None,
        )

    def recalculate(self):
        """Compute the figures from the stored task rows and save them (rows and analysis)."""
        rows = list(self.tugas_pokok.all())
        result = self.result([row.as_task() for row in rows])
        changed = []
        for row, need in zip(rows, result.task_needs, strict=True):
            if row.kebutuhan != need:
                row.kebutuhan = need
                changed.append(row)
        if changed:
            TugasPokok.objects.bulk_update(changed, ["kebutuhan"])
        self.beban_kerja_menit = result.total_minutes.quantize(calculation.NEED_PLACES)
        self.kebutuhan_mentah = result.raw
        self.kebutuhan_bulat = result.rounded
        self.kebutuhan = result.headcount
        self.selisih = result.difference
        self.ej = result.ej
        self.pj = result.grade.code if result.grade else ""
        self.pj_label = result.grade.label if result.grade else ""
        self.save(
            update_fields=[
                "beban_kerja_menit",
                "kebutuhan_mentah",
                "kebutuhan_bulat",
                "kebutuhan",
                "selisih",
                "ej",
                "pj",
                "pj_label",
                "updated_at",
            ]
        )
        return result

    @property
    def wke_menit(self):
        return self.wke_jam * calculation.MINUTES_PER_HOUR

    # --- Who may do what (row-level; the office is already checked by visible_to)

    def _in_scope(self, user):
        return in_unit_scope(user, self.jabatan.unit)

    @property
    def is_locked(self):
        return self.status == self.Status.DISETUJUI

    def can_edit(self, user):
        return (
            self.status == self.Status.DRAF
            and user.has_perm("abk_anjab.fill_anjab")
            and self._in_scope(user)
        )

    def can_submit(self, user):
        return self.can_edit(user)

    def can_verify(self, user):
        # Four eyes: whoever submitted the analysis does not verify it too.
        return (
            self.status == self.Status.DIAJUKAN
            and user.has_perm("abk_anjab.verify_anjab")
            and self._in_scope(user)
            and self.diajukan_oleh_id != user.pk
        )

    def can_approve(self, user):
        # Same unit scope as verifying; four eyes: whoever verified does not approve too.
        return (
            self.status == self.Status.DIVERIFIKASI
            and user.has_perm("abk_anjab.approve_anjab")
            and self._in_scope(user)
            and self.diverifikasi_oleh_id != user.pk
        )

    def can_return(self, user):
        return self.can_verify(user) or self.can_approve(user)

    def can_file(self, user):
        """An approved analysis not yet in E-Arsip may be filed by whoever may approve."""
        return (
            self.status == self.Status.DISETUJUI
            and self.naskah_arsip_id is None
            and user.has_perm("abk_anjab.approve_anjab")
            and self._in_scope(user)
        )


class BagianAnjab(models.Model):
    """A row of one of the repeating sections of the Anjab form."""

    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        abstract = True
        ordering = ["urutan", "pk"]


class TugasPokok(BagianAnjab):
    """A task and its ABK inputs: volume per period, time per unit of output."""

    class Periode(models.TextChoices):
        TAHUN = "tahun", "per tahun"
        BULAN = "bulan", "per bulan"
        MINGGU = "minggu", "per minggu"
        HARI = "hari", "per hari"

    class SatuanWaktu(models.TextChoices):
        MENIT = "menit", "menit"
        JAM = "jam", "jam"

    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="tugas_pokok")
    uraian = models.TextField("uraian tugas (dengan tahapan)")
    hasil_kerja = models.CharField("hasil kerja", max_length=200)
    satuan_hasil = models.CharField("satuan hasil", max_length=60)
    volume = models.DecimalField(
        "jumlah hasil (beban kerja)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    periode = models.CharField(
        "periode", max_length=10, choices=Periode.choices, default=Periode.TAHUN
    )
    waktu = models.DecimalField(
        "waktu penyelesaian", max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    satuan_waktu = models.CharField(
        "satuan waktu", max_length=10, choices=SatuanWaktu.choices, default=SatuanWaktu.MENIT
    )
    kebutuhan = models.DecimalField(
        "kebutuhan pegawai", max_digits=12, decimal_places=4, default=0, editable=False
    )
    # Where SISP can count this task's output (abk_anjab/volumes.py), e.g. "arsip.kode:KP.01":
    # the form then suggests a volume, which replaces the typed one only when accepted.
    sumber_hitungan = models.CharField("sumber hitungan", max_length=100, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "tugas pokok"
        verbose_name_plural = "tugas pokok"

    def __str__(self):
        return self.uraian[:80]

    def as_task(self):
        return calculation.Task(self.volume, self.waktu, self.satuan_waktu, self.periode)


class HasilKerja(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="hasil_kerja")
    hasil = models.CharField("hasil kerja", max_length=300)
    satuan = models.CharField("satuan hasil", max_length=60, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "hasil kerja"
        verbose_name_plural = "hasil kerja"

    def __str__(self):
        return self.hasil


class BahanKerja(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="bahan_kerja")
    bahan = models.CharField("bahan kerja", max_length=300)
    penggunaan = models.CharField("penggunaan dalam tugas", max_length=300, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "bahan kerja"
        verbose_name_plural = "bahan kerja"

    def __str__(self):
        return self.bahan


class PerangkatKerja(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="perangkat_kerja")
    perangkat = models.CharField("perangkat kerja", max_length=300)
    penggunaan = models.CharField("digunakan untuk tugas", max_length=300, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "perangkat kerja"
        verbose_name_plural = "perangkat kerja"

    def __str__(self):
        return self.perangkat


class TanggungJawab(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="tanggung_jawab")
    uraian = models.CharField("tanggung jawab", max_length=500)

    class Meta(BagianAnjab.Meta):
        verbose_name = "tanggung jawab"
        verbose_name_plural = "tanggung jawab"

    def __str__(self):
        return self.uraian


class Wewenang(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="wewenang")
    uraian = models.CharField("wewenang", max_length=500)

    class Meta(BagianAnjab.Meta):
        verbose_name = "wewenang"
        verbose_name_plural = "wewenang"

    def __str__(self):
        return self.uraian


class Korelasi(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="korelasi")
    jabatan = models.CharField("jabatan", max_length=200)
    unit_instansi = models.CharField("unit kerja/instansi", max_length=200, blank=True)
    hal = models.CharField("dalam hal", max_length=300, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "korelasi jabatan"
        verbose_name_plural = "korelasi jabatan"

    def __str__(self):
        return self.jabatan


class KondisiLingkungan(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="kondisi_lingkungan")
    aspek = models.CharField("aspek", max_length=100)
    faktor = models.CharField("faktor", max_length=300, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "kondisi lingkungan kerja"
        verbose_name_plural = "kondisi lingkungan kerja"

    def __str__(self):
        return self.aspek


class RisikoBahaya(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="risiko_bahaya")
    risiko = models.CharField("nama risiko", max_length=300)
    penyebab = models.CharField("penyebab", max_length=300, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "risiko bahaya"
        verbose_name_plural = "risiko bahaya"

    def __str__(self):
        return self.risiko


class PrestasiKerja(BagianAnjab):
    anjab = models.ForeignKey(Anjab, on_delete=models.CASCADE, related_name="prestasi_kerja")
    hasil = models.CharField("hasil kerja", max_length=300)
    jumlah = models.CharField("jumlah", max_length=60, blank=True)
    waktu = models.CharField("waktu penyelesaian", max_length=60, blank=True)

    class Meta(BagianAnjab.Meta):
        verbose_name = "prestasi kerja yang diharapkan"
        verbose_name_plural = "prestasi kerja yang diharapkan"

    def __str__(self):
        return self.hasil


class DraftQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A draft is its author's only: what someone typed and did not save is theirs."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        return self.filter(office_id=user.office_id, user=user)


class AnjabDraft(models.Model):
    """What one person typed into an analysis's form and has not saved yet, kept on the
    server so another browser or device continues it and a session that ends loses nothing.
    ``data`` holds the form's fields as posted, ``[[name, value], ...]`` (a name may repeat);
    ``versi`` is the analysis's save number the typing started from."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.CASCADE, related_name="+"
    )
    anjab = models.ForeignKey(
        Anjab, verbose_name="analisis", on_delete=models.CASCADE, related_name="draf"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengisi", on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField("isian", default=list)
    versi = models.PositiveIntegerField("dari versi simpan", default=1)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("terakhir diketik", auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = "draf isian analisis"
        verbose_name_plural = "draf isian analisis"
        constraints = [
            models.UniqueConstraint(fields=["anjab", "user"], name="anjabdraft_one_per_user"),
        ]

    def __str__(self):
        return f"Draf {self.anjab_id} oleh {self.user_id}"


# The repeating sections in form and document order: (related name, model, fields, title).
SECTIONS = [
    ("tugas_pokok", TugasPokok, None, "Tugas pokok"),
    ("hasil_kerja", HasilKerja, ["hasil", "satuan"], "Hasil kerja"),
    ("bahan_kerja", BahanKerja, ["bahan", "penggunaan"], "Bahan kerja"),
    ("perangkat_kerja", PerangkatKerja, ["perangkat", "penggunaan"], "Perangkat kerja"),
    ("tanggung_jawab", TanggungJawab, ["uraian"], "Tanggung jawab"),
    ("wewenang", Wewenang, ["uraian"], "Wewenang"),
    ("korelasi", Korelasi, ["jabatan", "unit_instansi", "hal"], "Korelasi jabatan"),
    ("kondisi_lingkungan", KondisiLingkungan, ["aspek", "faktor"], "Kondisi lingkungan kerja"),
    ("risiko_bahaya", RisikoBahaya, ["risiko", "penyebab"], "Risiko bahaya"),
    (
        "prestasi_kerja",
        PrestasiKerja,
        ["hasil", "jumlah", "waktu"],
        "Prestasi kerja yang diharapkan",
    ),
]
TUGAS_FIELDS = [
    "uraian",
    "hasil_kerja",
    "satuan_hasil",
    "volume",
    "periode",
    "waktu",
    "satuan_waktu",
    "sumber_hitungan",
]
