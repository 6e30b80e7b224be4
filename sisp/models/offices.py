from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models

LOGO_MAX_MB = 1


def validate_logo_size(file):
    if file.size > LOGO_MAX_MB * 1024 * 1024:
        raise ValidationError(f"Logo paling besar {LOGO_MAX_MB} MB.", code="logo_too_large")


class Office(models.Model):
    """A Bawaslu office. One installation may hold one office or a province and its kab/kota."""

    class Level(models.TextChoices):
        RI = "RI", "Bawaslu RI"
        PROVINSI = "PROV", "Provinsi"
        KABUPATEN = "KAB", "Kabupaten"
        KOTA = "KOTA", "Kota"

    name = models.CharField("nama kantor", max_length=200)
    short_name = models.CharField("nama singkat", max_length=100, blank=True)
    level = models.CharField("tingkat", max_length=4, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="kantor induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(
        "kode kantor",
        max_length=40,
        unique=True,
        help_text="Kode kantor SISP pada nomor naskah, mis. K.JI-11.07.",
    )
    # Bawaslu's own numeric code of the office, as register numbers carry it: Bawaslu RI
    # "00.00" (receipt 008/LP/PL/RI/00.00/VIII/2023), a Kota office "12.01" (domain note).
    # Not the BPS code and not ``code``; unknown for some offices (?), so it is data.
    bawaslu_code = models.CharField(
        "kode Bawaslu (nomor register)",
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9]{2}(\.[0-9]{2}){0,2}$",
                "Kode Bawaslu berupa angka bertitik, mis. 12.01 atau 00.00.",
                code="invalid_bawaslu_code",
            )
        ],
        help_text="Kode angka kantor pada nomor register perkara, mis. 12.01. Kosong: nomor "
        "register tidak dapat diusulkan otomatis.",
    )
    slug = models.SlugField("slug", max_length=60, unique=True)
    address = models.TextField("alamat", blank=True)
    phone = models.CharField("telepon", max_length=50, blank=True)
    email = models.EmailField("surel", blank=True)
    website = models.URLField("situs web", blank=True)
    # The office's own service promise, shown on the complaint confirmation. Instruksi Bawaslu
    # 3/2022 (Posko Aduan) sets no answer time we could confirm (?), so it is the office's data.
    aduan_answer_days = models.PositiveSmallIntegerField(
        "aduan dijawab dalam (hari kerja)",
        default=5,
        help_text="Janji kantor kepada pengadu: jawaban aduan paling lambat sekian hari kerja.",
    )
    # The letterhead and the place-and-date line of the office's documents (ABK & Anjab PDFs).
    place = models.CharField(
        "tempat penandatanganan",
        max_length=100,
        blank=True,
        help_text="Kota pada baris tempat dan tanggal dokumen, mis. Mojokerto. "
        "Kosong: diambil dari nama kantor.",
    )
    logo = models.ImageField(
        "logo kop",
        upload_to="kop/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_logo_size],
        help_text=f"PNG atau JPEG, paling besar {LOGO_MAX_MB} MB; tampil di kop dokumen.",
    )
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "kantor"
        verbose_name_plural = "kantor"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.parent_id is not None and self.pk is not None:
            if self.parent_id == self.pk or self.parent_id in {o.pk for o in self.descendants()}:
                message = (
                    "Kantor induk tidak boleh kantor ini sendiri atau kantor di bawahnya: "
                    "susunan kantor akan berputar."
                )
                raise ValidationError({"parent": ValidationError(message, code="office_cycle")})

    def descendants(self):
        """Every office below this one (children, grandchildren, ...), not including itself.

        Each office is visited once, so a cycle of parents written past ``clean`` (e.g. with
        ``.update()``) ends the walk instead of hanging the worker.
        """
        found, seen, frontier = [], {self.pk}, [self.pk]
        while frontier:
            children = [
                c for c in Office.objects.filter(parent_id__in=frontier) if c.pk not in seen
            ]
            seen.update(c.pk for c in children)
            found.extend(children)
            frontier = [c.pk for c in children]
        return found


class Unit(models.Model):
    """A work unit of an office: a division coordinated by a commissioner, the secretariat,
    or a subsection under a Kepala Subbagian."""

    class Kind(models.TextChoices):
        PIMPINAN = "pimpinan", "Pimpinan"
        DIVISI = "divisi", "Divisi"
        SEKRETARIAT = "sekretariat", "Sekretariat"
        SUBBAGIAN = "subbagian", "Subbagian"

    office = models.ForeignKey(
        Office, verbose_name="kantor", on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField("nama unit", max_length=200)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    code = models.CharField("kode", max_length=40, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["office", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="unit_unique_name_per_office"),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def scope_ids(unit_id: int | None) -> list[int]:
        """**Unit scope**, the one definition: the unit and every unit beneath it, at any
        depth — the units a leader of ``unit_id`` acts for (a Koordinator Sekretariat leads the
        subsections under the secretariat). E-Arsip's access door and ABK's workflow both use
        it. One query per level of the tree; a loop in the data ends the walk."""
        if not unit_id:
            return []
        found, frontier = [unit_id], [unit_id]
        while frontier:
            frontier = [
                pk
                for pk in Unit.objects.filter(parent_id__in=frontier)
                .order_by()
                .values_list("pk", flat=True)
                if pk not in found
            ]
            found.extend(frontier)
        return found

    @staticmethod
    def scope_of(user) -> frozenset[int]:
        """``scope_ids`` of the user's unit, computed once per user object (a request) and
        computed again if the user's unit changed."""
        cached = getattr(user, "_unit_scope", None)
        if cached is None or cached[0] != user.unit_id:
            cached = (user.unit_id, frozenset(Unit.scope_ids(user.unit_id)))
            user._unit_scope = cached
        return cached[1]

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        parent = Unit.objects.filter(pk=self.parent_id).values("office_id").first()
        if parent and self.office_id and parent["office_id"] != self.office_id:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        "Unit induk harus berada di kantor yang sama.", code="parent_other_office"
                    )
                }
            )
        # Walk up from the parent; meeting this unit again means the tree would loop. The
        # visited set ends the walk even on a loop already in the database.
        seen, current = set(), self.parent_id
        while current is not None and current not in seen:
            if current == self.pk:
                raise ValidationError(
                    {
                        "parent": ValidationError(
                            "Unit induk tidak boleh unit ini sendiri atau unit di bawahnya.",
                            code="unit_cycle",
                        )
                    }
                )
            seen.add(current)
            current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()


class SispUserManager(UserManager):
    def in_office(self, office):
        return self.filter(office=office)


nip_validator = RegexValidator(
    r"^\d{18}$", "NIP harus terdiri atas 18 angka tanpa spasi.", code="invalid_nip"
)


class User(AbstractUser):
    """A member of staff. Roles are Django groups (see sisp/roles.py)."""

    office = models.ForeignKey(
        Office,
        verbose_name="kantor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="Wajib untuk setiap pegawai; hanya akun teknis tanpa kantor yang boleh kosong.",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="unit kerja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    jabatan = models.CharField("jabatan", max_length=200, blank=True)
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    # The user's own choice on their profile page (sisp.digest); SISP_DIGEST_ENABLED is the
    # installation's.
    wants_digest = models.BooleanField(
        "ringkasan harian lewat surel",
        default=True,
        help_text="Setiap hari kerja, surel berisi jumlah pekerjaan yang menunggu Anda.",
    )

    objects = SispUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.unit_id and self.office_id and self.unit.office_id != self.office_id:
            raise ValidationError(
                {"unit": "Unit kerja harus berada di kantor yang sama dengan pengguna."},
                code="unit_other_office",
            )

    @property
    def role_names(self):
        """Names of the user's roles (groups), cached per instance."""
        if not hasattr(self, "_role_names"):
            self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, *names):
        return bool(self.role_names.intersection(names))
