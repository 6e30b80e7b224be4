"""Records: a file (berkas) holds items (naskah); an item holds versions of electronic files."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sisp.tallies import Counter, TalliedModel, TalliedQuerySet

from .reference import KelasKeamanan, KlasifikasiArsip


class StatusRetensi(models.TextChoices):
    AKTIF = "aktif", "Aktif"
    INAKTIF = "inaktif", "Inaktif"
    MUSNAH = "musnah", "Musnah"
    PERMANEN = "permanen", "Permanen (diserahkan)"


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class BerkasQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Files the user may see: those holding at least one item the user may see, plus
        the empty files the user opened. Same door as Naskah."""
        from ..access import visible_berkas

        return visible_berkas(self, user)

    def wholly_visible_to(self, user):
        """Files of which the user sees every record. See arsip/access.py."""
        from ..access import wholly_visible_berkas

        return wholly_visible_berkas(self, user)


class Berkas(models.Model):
    """A file (berkas): the unit of the national file list (daftar arsip)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    nomor_berkas = models.CharField("nomor berkas", max_length=30)
    klasifikasi = models.ForeignKey(
        KlasifikasiArsip,
        verbose_name="kode klasifikasi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uraian = models.CharField("uraian berkas", max_length=500)
    unit = models.ForeignKey(
        "sisp.Unit", verbose_name="unit pencipta", on_delete=models.PROTECT, related_name="+"
    )
    kurun_mulai = models.DateField("kurun waktu mulai", null=True, blank=True)
    kurun_selesai = models.DateField("kurun waktu selesai", null=True, blank=True)
    tanggal_tutup = models.DateField(
        "tanggal berkas ditutup",
        null=True,
        blank=True,
        help_text="Masa retensi dihitung sejak tanggal ini.",
    )
    lokasi_fisik = models.CharField("lokasi simpan", max_length=200, blank=True)
    status_retensi = models.CharField(
        "status retensi",
        max_length=10,
        choices=StatusRetensi.choices,
        default=StatusRetensi.AKTIF,
    )
    # Stored (not computed in queries) so the retention lists are plain indexed filters on
    # both databases; kept by save() and by services.refresh_retensi when a JRA row changes.
    aktif_sampai = models.DateField("masa aktif berakhir", null=True, blank=True, editable=False)
    inaktif_sampai = models.DateField(
        "masa inaktif berakhir", null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuat oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    objects = BerkasQuerySet.as_manager()

    class Meta:
        verbose_name = "berkas"
        verbose_name_plural = "berkas"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "nomor_berkas"], name="berkas_unique_nomor_per_office"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "klasifikasi"], name="berkas_office_kode"),
            models.Index(fields=["office", "tanggal_tutup"], name="berkas_office_tutup"),
            models.Index(fields=["office", "aktif_sampai"], name="berkas_office_aktif"),
            models.Index(fields=["office", "inaktif_sampai"], name="berkas_office_inaktif"),
        ]

    def __str__(self):
        return f"Berkas {self.nomor_berkas}: {self.uraian[:60]}"

    def save(self, *args, **kwargs):
        self.aktif_sampai = self.akhir_aktif()
        self.inaktif_sampai = self.akhir_inaktif()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "aktif_sampai", "inaktif_sampai"}
        super().save(*args, **kwargs)

    def jra(self):
        from .reference import RetensiArsip

        try:
            return self.klasifikasi.retensi
        except RetensiArsip.DoesNotExist:
            return None

    def nasib_akhir(self):
        jra = self.jra()
        return jra.get_nasib_akhir_display() if jra else ""

    def akhir_aktif(self):
        """Active period ends at closing date + active years (None when unknown)."""
        jra = self.jra()
        if not self.tanggal_tutup or jra is None:
            return None
        return _add_years(self.tanggal_tutup, jra.aktif_tahun)

    def akhir_inaktif(self):
        jra = self.jra()
        end_active = self.akhir_aktif()
        if end_active is None:
            return None
        return _add_years(end_active, jra.inaktif_tahun)

    def audit_repr(self):
        """The file's number, never its description (it may come from a record's subject)."""
        return f"Berkas {self.nomor_berkas} #{self.pk}"


class NomorBerkasCounter(models.Model):
    """The last sequence number an office gave to a new file in a year. Locked with
    select_for_update while a number is given out, so two registrations that open new files
    at once never take the same nomor berkas."""

    office = models.ForeignKey("sisp.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "penghitung nomor berkas"
        verbose_name_plural = "penghitung nomor berkas"
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="nomor_berkas_counter_unique"),
        ]

    def __str__(self):
        return f"{self.office_id}/{self.year}: {self.last}"


class NaskahQuerySet(TalliedQuerySet):
    def visible_to(self, user):
        """The only door to records: the user's office first, then the access matrix OR an
        active grant OR the user's own registration. See arsip/access.py."""
        from ..access import visible_naskah

        return visible_naskah(self, user)

    def editable_by(self, user):
        """Records the user may change: own registrations and the matrix, never a grant."""
        from ..access import editable_naskah

        return editable_naskah(self, user)

    def with_nomor_terlihat(self, user):
        """Annotate ``nomor_terlihat``: the record's item number as ``user`` sees it, i.e.
        its position among the records of its file the user may see. The stored
        ``nomor_item`` is never shown: "item 3" beside "item 1" would reveal a hidden item 2."""
        visible_before = (
            Naskah.objects.visible_to(user)
            .filter(
                berkas_id=models.OuterRef("berkas_id"),
                nomor_item__lte=models.OuterRef("nomor_item"),
            )
            .order_by()
            .values("berkas_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(nomor_terlihat=models.Subquery(visible_before))

    def with_first_item_kelas(self):
        """Annotate ``first_item_kelas`` and ``first_item_kode``: the class (id, code) of the
        first item of the record's file, which decides whether the file's description is
        shown with the record (``arsip.snippets``), in the rows' own query."""
        first = Naskah.objects.filter(berkas_id=models.OuterRef("berkas_id")).order_by("nomor_item")
        return self.annotate(
            first_item_kelas=models.Subquery(first.values("kelas_id")[:1]),
            first_item_kode=models.Subquery(first.values("kelas__kode")[:1]),
        )


class Naskah(TalliedModel):
    """One item of a file, with the metadata of the daftar arsip and SRIKANDI."""

    # Counted per office for the region page (sisp/tallies.py): every record registered, and
    # those destroyed by an executed disposal (their metadata stays, the record is gone).
    tally_counters = (
        Counter("arsip.naskah", "Naskah arsip"),
        Counter(
            "arsip.naskah_musnah",
            "Naskah dimusnahkan",
            q=Q(status_retensi=StatusRetensi.MUSNAH),
            fields=("status_retensi",),
        ),
    )

    class Jenis(models.TextChoices):
        SURAT = "surat", "Surat"
        NOTA_DINAS = "nota_dinas", "Nota dinas"
        KEPUTUSAN = "keputusan", "Keputusan"
        SURAT_TUGAS = "surat_tugas", "Surat tugas"
        UNDANGAN = "undangan", "Undangan"
        LAPORAN = "laporan", "Laporan"
        BERITA_ACARA = "berita_acara", "Berita acara"
        NOTULEN = "notulen", "Notulen"
        LAINNYA = "lainnya", "Lainnya"

    class Perkembangan(models.TextChoices):
        ASLI = "asli", "Asli"
        SALINAN = "salinan", "Salinan"
        TEMBUSAN = "tembusan", "Tembusan"
        PERTINGGAL = "pertinggal", "Pertinggal"

    class Media(models.TextChoices):
        KERTAS = "kertas", "Kertas"
        ELEKTRONIK = "elektronik", "Elektronik"
        FOTO = "foto", "Foto"
        AUDIO_VIDEO = "audio_video", "Audio/video"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    berkas = models.ForeignKey(
        Berkas, verbose_name="berkas", on_delete=models.PROTECT, related_name="naskah"
    )
    nomor_item = models.PositiveIntegerField("nomor item")
    klasifikasi = models.ForeignKey(
        KlasifikasiArsip,
        verbose_name="kode klasifikasi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    kelas = models.ForeignKey(
        KelasKeamanan, verbose_name="kelas keamanan", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "sisp.Unit", verbose_name="unit pencipta", on_delete=models.PROTECT, related_name="+"
    )
    nomor_surat = models.CharField("nomor naskah", max_length=120, blank=True)
    tanggal = models.DateField("tanggal naskah", default=timezone.localdate)
    perihal = models.CharField("perihal / uraian", max_length=500)
    dari = models.CharField("dari", max_length=200, blank=True)
    kepada = models.CharField("kepada", max_length=200, blank=True)
    jenis = models.CharField(
        "jenis naskah", max_length=20, choices=Jenis.choices, default=Jenis.SURAT
    )
    tingkat_perkembangan = models.CharField(
        "tingkat perkembangan",
        max_length=12,
        choices=Perkembangan.choices,
        default=Perkembangan.ASLI,
    )
    media = models.CharField("media", max_length=12, choices=Media.choices, default=Media.KERTAS)
    jumlah = models.PositiveIntegerField("jumlah", default=1)
    satuan = models.CharField("satuan", max_length=20, default="lembar")
    lokasi_fisik = models.CharField("lokasi simpan", max_length=200, blank=True)
    keterangan = models.TextField("keterangan", blank=True)
    status_retensi = models.CharField(
        "status retensi",
        max_length=10,
        choices=StatusRetensi.choices,
        default=StatusRetensi.AKTIF,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="didaftarkan oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("didaftarkan", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)
    # Optimistic concurrency: an edit form carries the revision it showed; a save is taken
    # only by an UPDATE ... WHERE revisi = seen (services.update_naskah), so a stale form
    # never overwrites a newer save.
    revisi = models.PositiveIntegerField("revisi", default=0, editable=False)
    # Postgres full-text document (config "indonesian"), written by arsip.search only.
    # On SQLite the column stays empty and an FTS5 table does the work.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = NaskahQuerySet.as_manager()

    class Meta:
        verbose_name = "naskah"
        verbose_name_plural = "naskah"
        ordering = ["-tanggal", "-id"]
        permissions = [
            ("use_arsip", "Membuka E-Arsip"),
            ("register_naskah", "Mendaftarkan naskah dan mengunggah versi dokumen elektronik"),
            ("decide_permohonan", "Memutus permohonan akses dan memberi hak akses"),
            ("export_daftar", "Mengekspor daftar arsip"),
            ("import_daftar", "Mengimpor daftar arsip dari CSV/XLSX"),
            ("view_riwayat", "Melihat riwayat akses naskah yang dapat dilihatnya"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["berkas", "nomor_item"], name="naskah_unique_item"),
        ]
        indexes = [
            models.Index(fields=["office", "-tanggal", "-id"], name="naskah_office_tanggal"),
            models.Index(fields=["office", "kelas", "unit"], name="naskah_office_kelas_unit"),
            models.Index(
                fields=["office", "klasifikasi", "tanggal"], name="naskah_office_kode_tgl"
            ),
            # The door's parts, each in the list's order (access.door_parts): a pelaksana's
            # own unit and class, and one's own registrations, are read newest first
            # without scanning the office.
            models.Index(
                fields=["office", "unit", "kelas", "-tanggal", "-id"],
                name="naskah_office_unit_kelas_tgl",
            ),
            models.Index(
                fields=["office", "created_by", "-tanggal", "-id"], name="naskah_office_creator_tgl"
            ),
        ]

    def __str__(self):
        # The stored item number may reveal hidden items of the file (see
        # NaskahQuerySet.with_nomor_terlihat): only the reader's own numbering is shown.
        label = self.nomor_surat or self.berkas.nomor_berkas
        if not self.nomor_surat and getattr(self, "nomor_terlihat", None):
            label = f"{label}/{self.nomor_terlihat}"
        return f"{label}: {self.perihal[:80]}"

    def get_absolute_url(self):
        return reverse("arsip:detail", args=[self.pk])

    @property
    def is_destroyed(self):
        return self.status_retensi == StatusRetensi.MUSNAH

    def audit_repr(self):
        """The audit trail's name for the record: kind, class and id, never its subject or
        number. The trail is read by people who may read no record, and an entry written while
        the record was Biasa cannot be rewritten after a re-class, so no class shows more."""
        return f"Naskah {self.kelas.nama} #{self.pk}"


class BerkasDigital(models.Model):
    """One version of an electronic file of an item. A new version never replaces the old."""

    class Ekstraksi(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        SELESAI = "selesai", "Selesai"
        DILEWATI = "dilewati", "Dilewati"
        GAGAL = "gagal", "Gagal"

    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.PROTECT, related_name="versi"
    )
    versi = models.PositiveIntegerField("versi")
    file_name = models.CharField("nama simpan", max_length=300, editable=False)
    nama_asli = models.CharField("nama file", max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    ukuran = models.PositiveBigIntegerField("ukuran (bita)")
    content_type = models.CharField("jenis isi", max_length=120)
    extension = models.CharField("ekstensi", max_length=10)
    catatan = models.CharField("catatan versi", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)
    teks = models.TextField("teks hasil ekstraksi", blank=True, editable=False)
    status_ekstraksi = models.CharField(
        "ekstraksi teks", max_length=10, choices=Ekstraksi.choices, default=Ekstraksi.MENUNGGU
    )
    catatan_ekstraksi = models.CharField("catatan ekstraksi", max_length=300, blank=True)
    dimusnahkan_pada = models.DateTimeField("dimusnahkan", null=True, blank=True)
    # The first page of a PDF as a PNG in storage (arsip/preview.py), served only through
    # the record's door; empty until rendered, or for files that are not PDFs.
    pratinjau = models.CharField(
        "pratinjau halaman pertama", max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = "dokumen elektronik"
        verbose_name_plural = "dokumen elektronik"
        ordering = ["naskah", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["naskah", "versi"], name="berkasdigital_unique_versi"),
        ]

    def __str__(self):
        return f"{self.nama_asli} (versi {self.versi})"

    def audit_repr(self):
        """Never the file name, which often repeats the subject."""
        return f"Dokumen elektronik #{self.pk} (naskah #{self.naskah_id}, versi {self.versi})"
