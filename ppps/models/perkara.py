"""Cases (perkara), their private parties, history and documents.

What may be public lives on ``Perkara`` and on ``RiwayatPerkara`` rows flagged public; what may
never be public (parties, documents) lives in ``Pihak`` and ``DokumenPerkara``, which no public
view imports (Perbawaslu 1/2022 Pasal 18(2); UU 14/2008 Pasal 17a).
"""

import dataclasses

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sisp import workdays
from sisp.models.audit import AppendOnly, AppendOnlyQuerySet

from .. import conf, deadlines, pins
from ..register import normalise_register
from .reference import CountedFrom, Jenis, Pemilihan, StatusPerkara, Tahapan


def initials(name):
    """ "Budi Santoso" -> "B.S." (the most a public page may show of a terlapor)."""
    words = [w for w in (name or "").replace(".", " ").split() if w[:1].isalpha()]
    return "".join(f"{w[0].upper()}." for w in words)


def near_deadline_until(today, holidays):
    """The last deadline that still counts as "near" on ``today``: ``conf.near_deadline_days()``
    working days ahead, whatever the stage's day type. The one definition of "near the deadline"
    for the dashboard list, the row and case-page flag and the officers' digest."""
    return workdays.add_days(
        today, conf.near_deadline_days(), day_type=workdays.WORKING, holidays=holidays
    )


class PerkaraQuerySet(models.QuerySet):
    """Bulk writes renew the public lookup's version of every number they touch
    (``ppps.public_cache.cases_changed``), as ``save()`` and ``delete()`` do through signals:
    a page cached for /cek/ never outlives them."""

    def update(self, **kwargs):
        from ..public_cache import cases_changed, keys_of

        with transaction.atomic(using=self.db):
            if {"nomor_register", "nomor_kunci"} & kwargs.keys():  # a number moves: old and new
                pks = list(self.order_by().values_list("pk", flat=True))
                before = keys_of(pks)
                n = super().update(**kwargs)
                cases_changed([*before, *keys_of(pks)])
            else:
                cases_changed(self.order_by().values_list("nomor_kunci", flat=True).distinct())
                n = super().update(**kwargs)
        return n

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs, *args, **kwargs):
        from ..public_cache import cases_changed

        objs = list(objs)
        with transaction.atomic(using=self.db):
            for obj in objs:  # what save() would store; bulk_create does not call it
                obj.nomor_kunci = normalise_register(obj.nomor_register)
            created = super().bulk_create(objs, *args, **kwargs)
            cases_changed([obj.nomor_kunci for obj in objs])
        return created

    def visible_to(self, user):
        """The only door to cases, for holders of ppps.access_ppps: the cases the user's
        office holds, and those it transferred away (read-only, up to the transfer:
        ``Perkara.sight_for``)."""
        from .pelimpahan import Pelimpahan

        if not user.is_authenticated or not user.office_id:
            return self.none()
        if not user.has_perm("ppps.access_ppps"):
            return self.none()
        sent = Pelimpahan.objects.filter(from_office_id=user.office_id).values("perkara_id")
        return self.filter(Q(office_id=user.office_id) | Q(pk__in=sent))

    def held_by(self, user):
        """The visible cases the user's office holds now (its dashboard, its clocks)."""
        return self.visible_to(user).filter(office_id=user.office_id)

    def editable_by(self, user):
        """The cases ``user`` may change (stages, notes, parties, documents, links): held by
        their office, for holders of ppps.manage_perkara, and not recorded as transferred to
        an office outside the installation (closed here, editable by nobody)."""
        from .pelimpahan import Pelimpahan

        if not user.is_authenticated or not user.has_perm("ppps.manage_perkara"):
            return self.none()
        outside = Pelimpahan.objects.filter(to_office__isnull=True).values("perkara_id")
        return self.held_by(user).exclude(pk__in=outside)

    def takeable_by(self, user):
        """Registered open cases a higher office may take over (pengambilalihan, Perbawaslu
        7/2022 Pasal 20(3)): those held by an office below the user's, for holders of
        ppps.transfer_perkara. Only for finding a case by its (public) register number."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        if not user.has_perm("ppps.transfer_perkara"):
            return self.none()
        below = [o.pk for o in user.office.descendants()]
        return self.filter(office_id__in=below).registered().open()

    def open(self):
        return self.exclude(status__is_final=True)

    def overdue(self, today=None, now=None):
        """Past the deadline day, or past the moment of an hour limit (1×24 jam)."""
        today = today or timezone.localdate()
        now = now or timezone.now()
        return self.open().filter(Q(batas_waktu__lt=today) | Q(batas_waktu_pada__lt=now))

    def near_deadline(self, today, holidays, now=None):
        """Open cases whose deadline is today or near (``near_deadline_until``), not past
        (nor past the moment of an hour limit)."""
        now = now or timezone.now()
        until = near_deadline_until(today, holidays)
        return (
            self.open()
            .filter(batas_waktu__gte=today, batas_waktu__lte=until)
            .exclude(batas_waktu_pada__lt=now)
        )

    def registered(self):
        """Cases the public may know of: only a registered case has a register number, and
        /cek/, the reporter's page and /statistik/ all show registered cases only."""
        return self.exclude(nomor_register="")

    def with_register(self, text):
        """Public lookup by register number (normalised); registered cases only."""
        key = normalise_register(text)
        if not key:
            return self.none()
        return self.filter(nomor_kunci=key).registered()


class TindakLanjut(models.TextChoices):
    BELUM = "", "—"
    KPU = "kpu", "Diteruskan ke KPU"
    DKPP = "dkpp", "Diteruskan ke DKPP"
    PENYIDIK = "penyidik", "Diteruskan ke penyidik (Sentra Gakkumdu)"
    INSTANSI_LAIN = "instansi_lain", "Diteruskan ke instansi lain"
    ADJUDIKASI = "adjudikasi", "Diselesaikan melalui adjudikasi"
    DIHENTIKAN = "dihentikan", "Dihentikan"
    TIDAK_DITINDAKLANJUTI = "tidak_ditindaklanjuti", "Tidak ditindaklanjuti"


class JenisPelanggaran(models.TextChoices):
    BELUM = "", "—"
    ADMINISTRATIF = "administratif", "Pelanggaran administratif"
    ADMINISTRATIF_TSM = "administratif_tsm", "Pelanggaran administratif TSM"
    PIDANA = "pidana", "Tindak pidana pemilu/pemilihan"
    KODE_ETIK = "kode_etik", "Pelanggaran kode etik"
    HUKUM_LAINNYA = "hukum_lainnya", "Pelanggaran hukum lainnya"
    BUKAN = "bukan", "Bukan pelanggaran"


class Perkara(models.Model):
    """A laporan, temuan or sengketa proses of an office: public facts only."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    jenis = models.CharField("jenis perkara", max_length=10, choices=Jenis.choices)
    pemilihan = models.ForeignKey(
        Pemilihan, verbose_name="pemilihan", on_delete=models.PROTECT, related_name="perkara"
    )
    nomor_register = models.CharField("nomor register", max_length=100, blank=True)
    nomor_kunci = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    # The number on the receipt handed to the reporter (tanda bukti penyampaian laporan).
    # Formulir Model B.1 is the report form itself (Perbawaslu 7/2022 annex), not the receipt.
    nomor_penerimaan = models.CharField(
        "nomor tanda bukti penyampaian laporan",
        max_length=100,
        blank=True,
        help_text="Nomor pada tanda bukti yang diberikan kepada pelapor saat laporan "
        "(Formulir Model B.1) diterima; bukan nomor register.",
    )
    tanggal_kejadian = models.DateField(
        "tanggal kejadian",
        null=True,
        blank=True,
        help_text="Untuk sengketa: tanggal keputusan yang disengketakan.",
    )
    tanggal_diketahui = models.DateField("tanggal diketahui", null=True, blank=True)
    tanggal_diterima = models.DateField("tanggal diterima", default=timezone.localdate)
    tanggal_registrasi = models.DateField("tanggal registrasi", null=True, blank=True)
    tahapan = models.ForeignKey(
        Tahapan, verbose_name="tahapan", on_delete=models.PROTECT, related_name="+"
    )
    tahap_mulai = models.DateField("tahapan dimulai", default=timezone.localdate)
    # The moment the stage began, for a limit in hours ("1×24 jam sejak diputuskan").
    tahap_mulai_pada = models.DateTimeField("tahapan dimulai (jam)", null=True, blank=True)
    tahap_diperpanjang = models.BooleanField("batas waktu diperpanjang", default=False)
    batas_waktu = models.DateField("batas waktu tahapan", null=True, blank=True, db_index=True)
    # Set for a limit in hours: the exact moment; ``batas_waktu`` is then its day.
    batas_waktu_pada = models.DateTimeField("batas waktu (jam)", null=True, blank=True)
    status = models.ForeignKey(
        StatusPerkara,
        verbose_name="status",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tindak_lanjut = models.CharField(
        "tindak lanjut", max_length=25, choices=TindakLanjut.choices, blank=True
    )
    tindak_lanjut_keterangan = models.CharField(
        "keterangan tindak lanjut (publik)", max_length=300, blank=True
    )
    ringkasan_publik = models.TextField(
        "ringkasan untuk publik",
        blank=True,
        help_text="Tanpa nama atau identitas pelapor, saksi, maupun ahli.",
    )
    jenis_pelanggaran = models.CharField(
        "jenis pelanggaran", max_length=20, choices=JenisPelanggaran.choices, blank=True
    )
    kajian_final = models.BooleanField(
        "kajian sudah final",
        default=False,
        help_text="Jenis pelanggaran baru tampil untuk publik setelah kajian final.",
    )
    # Derived from the terlapor's name by services.save_pihak, so a public page never has to
    # read Pihak to show initials.
    terlapor_inisial = models.CharField("inisial terlapor", max_length=60, blank=True)
    petugas = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="petugas", blank=True, related_name="perkara_ppps"
    )
    pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_at = models.DateTimeField("dicatat", auto_now_add=True)
    updated_at = models.DateTimeField("terakhir diperbarui", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PerkaraQuerySet.as_manager()

    class Meta:
        verbose_name = "perkara"
        verbose_name_plural = "perkara"
        ordering = ["-tanggal_diterima", "-id"]
        permissions = [
            ("access_ppps", "Membuka Info PPPS (perkara kantor sendiri)"),
            ("manage_perkara", "Menangani perkara: mencatat, registrasi, memindah tahapan"),
            ("triage_aduan", "Menelaah aduan masyarakat"),
            ("transfer_perkara", "Melimpahkan dan mengambil alih perkara"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "nomor_register"],
                condition=~Q(nomor_register=""),
                name="perkara_unique_register_per_office",
            ),
            # Two numbers the public lookup cannot tell apart ("001/Reg/..." and "1/reg/...")
            # would show two cases for one number on /cek/: the normalised key is unique.
            models.UniqueConstraint(
                fields=["office", "nomor_kunci"],
                condition=~Q(nomor_kunci=""),
                name="perkara_unique_register_key_per_office",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-tanggal_diterima"], name="perkara_office_recv"),
            models.Index(fields=["office", "batas_waktu"], name="perkara_office_deadline"),
            # The region page's counts of open and overdue cases (PppsConfig.region_counts):
            # an index-only scan grouped by office and status.
            models.Index(
                fields=["office", "status", "batas_waktu", "batas_waktu_pada"],
                name="perkara_office_status_deadline",
            ),
        ]

    def __str__(self):
        return self.nomor_register or f"{self.get_jenis_display()} #{self.pk} (belum diregistrasi)"

    def save(self, *args, **kwargs):
        self.nomor_kunci = normalise_register(self.nomor_register)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "nomor_register" in update_fields:
            kwargs["update_fields"] = {*update_fields, "nomor_kunci"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ppps:perkara_detail", args=[self.pk])

    @property
    def regime(self):
        return self.pemilihan.regime

    def is_open(self):
        return not (self.status_id and self.status.is_final)

    def stage_start(self):
        """The date the current stage's limit is counted from."""
        return {
            CountedFrom.KEJADIAN: self.tanggal_kejadian,
            CountedFrom.DIKETAHUI: self.tanggal_diketahui,
            CountedFrom.DITERIMA: self.tanggal_diterima,
            CountedFrom.REGISTRASI: self.tanggal_registrasi,
            CountedFrom.MULAI_TAHAP: self.tahap_mulai,
        }.get(self.tahapan.counted_from)

    def stage_start_moment(self):
        """The moment the current stage began, for an hour limit (else None)."""
        if self.tahapan.day_type != deadlines.HOURS:
            return None
        return self.tahap_mulai_pada

    def compute_deadline(self, holidays):
        stage = self.tahapan
        return deadlines.deadline(
            self.stage_start(),
            stage.days,
            day_type=stage.day_type,
            holidays=holidays,
            extension_days=stage.extension_days if self.tahap_diperpanjang else 0,
        )

    def compute_deadline_moment(self):
        """The exact end of an hour limit (1×24 jam), or None for a limit in days."""
        return deadlines.moment_deadline(self.stage_start_moment(), self.tahapan.days)

    def explain_deadline(self, holidays):
        """How the current stage's deadline is counted (``ppps.deadlines.Explanation``);
        ``holidays`` a {date: reason} mapping so each skipped holiday is named."""
        stage = self.tahapan
        return deadlines.explain(
            self.stage_start(),
            stage.days,
            day_type=stage.day_type,
            holidays=holidays,
            extension_days=stage.extension_days if self.tahap_diperpanjang else 0,
            counted_from=stage.get_counted_from_display(),
            legal_basis=stage.legal_basis,
            start_moment=self.stage_start_moment(),
        )

    def filing_window(self):
        return deadlines.FILING_WINDOWS.get((self.regime, self.jenis))

    def filing_start(self):
        window = self.filing_window()
        if window is None:
            return None
        return (
            self.tanggal_kejadian if window.counted_from == "kejadian" else self.tanggal_diketahui
        )

    def filed_late(self, holidays):
        """The reporter filed after their window (a warning for staff, not a deadline)."""
        return deadlines.filed_late(
            self.filing_window(), self.filing_start(), self.tanggal_diterima, holidays
        )

    def deadline_state(self, today=None, holidays=frozenset(), now=None):
        """Days left in the stage's day type; "near" by ``near_deadline_until`` only, so the
        flag on a row agrees with the dashboard's list of cases near their deadline."""
        today = today or timezone.localdate()
        is_open = self.is_open()
        found = deadlines.state(
            self.batas_waktu if is_open else None,
            today,
            near_days=0,
            day_type=self.tahapan.day_type,
            holidays=holidays,
            moment=self.batas_waktu_pada if is_open else None,
            now=now or timezone.now(),
        )
        near = (
            found.deadline is not None
            and not found.is_overdue
            and found.deadline <= near_deadline_until(today, holidays)
        )
        return dataclasses.replace(found, is_near=near)

    def next_stage(self):
        """The next stage on the case's own track (ordinary, Gakkumdu or TSM)."""
        return (
            Tahapan.objects.for_case(self.regime, self.jenis)
            .filter(order__gt=self.tahapan.order, jalur=self.tahapan.jalur)
            .order_by("order")
            .first()
        )

    def public_violation(self):
        """The type of violation, only once the kajian is final (domain note)."""
        if self.kajian_final and self.jenis_pelanggaran:
            return self.get_jenis_pelanggaran_display()
        return ""

    def sight_for(self, office_id):
        """None when ``office_id`` holds the case (full sight); else the office's last
        transfer of it (``Pelimpahan``), which bounds what that office still sees: the
        history, parties and documents recorded up to the transfer."""
        if self.office_id == office_id:
            return None
        return (
            self.pelimpahan.filter(from_office_id=office_id)
            .select_related("to_office", "riwayat__tahapan", "riwayat__status")
            .order_by("-riwayat_id")
            .first()
        )

    def check_pin(self, pin):
        if not self.pin_hash:
            return pins.burn(pin)  # no PIN: as slow as a wrong one, see ppps/pins.py
        return check_password((pin or "").strip().upper(), self.pin_hash)


class RegisterCounter(models.Model):
    """The last sequence number used in one register book of an office in a year. Each kind
    of case has its own book (laporan, temuan, sengketa: the PSPP book), so each book counts
    on its own. Locked with select_for_update while a number is given out, so two officers
    never get the same one."""

    office = models.ForeignKey("sisp.Office", on_delete=models.CASCADE, related_name="+")
    book = models.CharField("buku register", max_length=10, choices=Jenis.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "penghitung nomor register"
        verbose_name_plural = "penghitung nomor register"
        constraints = [
            models.UniqueConstraint(
                fields=["office", "book", "year"], name="register_counter_unique_per_book"
            ),
        ]

    def __str__(self):
        return f"{self.office_id}/{self.book}/{self.year}: {self.last}"


class Pihak(models.Model):
    """A party to a case. PRIVATE: never handed to a public template or response."""

    class Peran(models.TextChoices):
        PELAPOR = "pelapor", "Pelapor"
        TERLAPOR = "terlapor", "Terlapor"
        SAKSI = "saksi", "Saksi"
        AHLI = "ahli", "Ahli"
        PEMOHON = "pemohon", "Pemohon"
        TERMOHON = "termohon", "Termohon"

    perkara = models.ForeignKey(Perkara, on_delete=models.CASCADE, related_name="pihak")
    peran = models.CharField("peran", max_length=10, choices=Peran.choices)
    nama = models.CharField("nama", max_length=200)
    nik = models.CharField("NIK", max_length=16, blank=True)
    alamat = models.TextField("alamat", blank=True)
    telepon = models.CharField("telepon", max_length=30, blank=True)
    email = models.EmailField("surel", blank=True)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)

    class Meta:
        verbose_name = "pihak"
        verbose_name_plural = "pihak"
        ordering = ["perkara", "peran", "id"]

    def __str__(self):
        return f"{self.get_peran_display()}: {self.nama}"

    def audit_repr(self):
        """A party by role and id, never by name or NIK."""
        return f"{self.get_peran_display()} #{self.pk} (perkara #{self.perkara_id})"


class RiwayatQuerySet(AppendOnlyQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """New events change their cases' public result (``save()`` does it through a
        signal, ``ppps.public_cache``)."""
        from ..public_cache import cases_changed, keys_of

        objs = list(objs)
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            cases_changed(keys_of({obj.perkara_id for obj in objs}))
        return created

    def public(self):
        return self.filter(is_public=True)


class RiwayatPerkara(AppendOnly, models.Model):
    """One event in a case's history. Append-only: a correction is a new event. On Postgres a
    trigger (migration 0003) refuses UPDATE and DELETE as well."""

    unchangeable = "Riwayat perkara tidak dapat diubah; catat koreksi sebagai peristiwa baru."
    undeletable = "Riwayat perkara tidak dapat dihapus."

    class Kind(models.TextChoices):
        DITERIMA = "diterima", "Diterima"
        TAHAP = "tahap", "Pindah tahapan"
        REGISTRASI = "registrasi", "Registrasi"
        PERPANJANGAN = "perpanjangan", "Perpanjangan batas waktu"
        BATAS_WAKTU = "batas_waktu", "Perubahan batas waktu"
        STATUS = "status", "Perubahan status"
        KOREKSI = "koreksi", "Koreksi"
        CATATAN = "catatan", "Catatan"
        SURAT = "surat", "Surat kepada pelapor"
        PELIMPAHAN = "pelimpahan", "Pelimpahan perkara"

    perkara = models.ForeignKey(Perkara, on_delete=models.PROTECT, related_name="riwayat")
    office = models.ForeignKey("sisp.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("jenis peristiwa", max_length=15, choices=Kind.choices)
    tanggal = models.DateField("tanggal", default=timezone.localdate)
    tahapan = models.ForeignKey(
        Tahapan,
        verbose_name="tahapan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.ForeignKey(
        StatusPerkara,
        verbose_name="status",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    catatan = models.TextField("catatan", blank=True)
    # On a stage move: the deadline of the stage the case left (None when it had none), so
    # /statistik/ can say which share of stages finished on time (ppps/stats.py).
    batas_tahap_lalu = models.DateField(
        "batas waktu tahapan yang ditinggalkan", null=True, blank=True, editable=False
    )
    is_public = models.BooleanField("tampil untuk publik", default=False)
    # The office's public reason text this event published (its words are kept in ``catatan``
    # as they were then); empty for free text and for private events.
    alasan_publik = models.ForeignKey(
        "ppps.AlasanPublik",
        verbose_name="alasan publik",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    untuk_pelapor = models.BooleanField(
        "ditujukan kepada pelapor",
        default=False,
        help_text="Tampil bagi pelapor yang memasukkan PIN.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("dicatat", auto_now_add=True)

    objects = RiwayatQuerySet.as_manager()

    class Meta:
        verbose_name = "riwayat perkara"
        verbose_name_plural = "riwayat perkara"
        ordering = ["tanggal", "id"]
        indexes = [
            models.Index(fields=["office", "perkara", "tanggal"], name="riwayat_office_case")
        ]

    def __str__(self):
        return f"{self.tanggal:%Y-%m-%d} {self.get_kind_display()}"


class DokumenPerkara(models.Model):
    """A private document of a case (evidence, minutes, kajian, letters), stored through
    sisp.files. Only a letter flagged ``untuk_pelapor`` reaches the reporter, with the PIN."""

    perkara = models.ForeignKey(Perkara, on_delete=models.PROTECT, related_name="dokumen")
    title = models.CharField("judul", max_length=200)
    file_name = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(max_length=200, editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    untuk_pelapor = models.BooleanField("surat untuk pelapor", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "dokumen perkara"
        verbose_name_plural = "dokumen perkara"
        ordering = ["perkara", "created_at"]

    def __str__(self):
        return self.title

    def audit_repr(self):
        """Never the title or file name, which may name a party."""
        return f"Dokumen perkara #{self.pk} (perkara #{self.perkara_id})"
