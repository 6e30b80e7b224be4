from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils import timezone


class LinkCategory(models.Model):
    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("nama kategori", max_length=100)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "kategori tautan"
        verbose_name_plural = "kategori tautan"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="category_unique_per_office"),
        ]

    def __str__(self):
        return self.name


class LinkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The only door to links: active links of the user's office meant for one of the
        user's roles. A link with no role at all is shown to nobody (deny by default)."""
        if not user.is_authenticated or not user.office_id:
            return self.none()
        return self.filter(
            office_id=user.office_id,
            is_active=True,
            roles__in=user.groups.all(),
        ).distinct()


class Link(models.Model):
    """An external service of the office (SIGAPLAPOR, SIPS, SRIKANDI, JDIH, e-Kinerja, mail...)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.CASCADE, related_name="links"
    )
    category = models.ForeignKey(
        LinkCategory, verbose_name="kategori", on_delete=models.PROTECT, related_name="links"
    )
    title = models.CharField("judul", max_length=120)
    url = models.URLField("alamat (URL)", max_length=500)
    icon = models.CharField(
        "ikon",
        max_length=8,
        blank=True,
        help_text="Satu emoji atau singkatan pendek, mis. 📁 atau SP.",
    )
    description = models.CharField("keterangan", max_length=300, blank=True)
    keywords = models.CharField(
        "kata kunci pencarian",
        max_length=300,
        blank=True,
        help_text="Kata lain yang dipakai pegawai untuk mencari tautan ini, dipisah koma, "
        "mis. gaji, absen, presensi.",
    )
    roles = models.ManyToManyField(
        Group,
        verbose_name="peran yang boleh melihat",
        related_name="portal_links",
        blank=True,
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)
    opens_new_tab = models.BooleanField("buka di tab baru", default=True)
    is_active = models.BooleanField("aktif", default=True)
    # Filled by the check_links command.
    last_checked_at = models.DateTimeField("terakhir diperiksa", null=True, blank=True)
    last_status = models.PositiveSmallIntegerField("kode status terakhir", null=True, blank=True)
    last_error = models.CharField("galat terakhir", max_length=200, blank=True)
    is_down = models.BooleanField("sedang tidak dapat diakses", default=False)

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = "tautan"
        verbose_name_plural = "tautan"
        ordering = ["category__order", "order", "title"]
        permissions = [
            ("manage_portal", "Mengelola tautan, kategori, dan pengumuman portal"),
            ("view_region_summary", "Melihat rekap kantor di bawahnya"),
        ]

    def __str__(self):
        return self.title


class Favorite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites"
    )
    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="favorited_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tautan favorit"
        verbose_name_plural = "tautan favorit"
        constraints = [
            models.UniqueConstraint(fields=["user", "link"], name="favorite_unique"),
        ]

    def __str__(self):
        return f"{self.user} ★ {self.link}"


class LinkClick(models.Model):
    """Clicks on a link, counted per calendar month and per unit of the user who clicked
    (SPBE reporting asks for use per unit). Users without a unit are counted with no unit."""

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="clicks")
    month = models.DateField("bulan")  # the first day of the month
    unit = models.ForeignKey(
        "sisp.Unit",
        verbose_name="unit kerja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    count = models.PositiveIntegerField("jumlah klik", default=0)

    class Meta:
        verbose_name = "klik tautan"
        verbose_name_plural = "klik tautan"
        constraints = [
            models.UniqueConstraint(
                fields=["link", "month", "unit"],
                condition=Q(unit__isnull=False),
                name="linkclick_unique_month_unit",
            ),
            models.UniqueConstraint(
                fields=["link", "month"],
                condition=Q(unit__isnull=True),
                name="linkclick_unique_month_no_unit",
            ),
        ]

    def __str__(self):
        return f"{self.link} {self.month:%Y-%m}: {self.count}"


class PengumumanQuerySet(models.QuerySet):
    def current_for(self, office, today=None):
        today = today or timezone.localdate()
        return self.filter(office=office, starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )


class Pengumuman(models.Model):
    class Level(models.TextChoices):
        INFO = "info", "Informasi"
        PENTING = "penting", "Penting"

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField("isi pengumuman", max_length=300)
    url = models.URLField("tautan (opsional)", blank=True)
    level = models.CharField("tingkat", max_length=10, choices=Level.choices, default=Level.INFO)
    starts_on = models.DateField("mulai tanggal", default=timezone.localdate)
    ends_on = models.DateField("sampai tanggal", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PengumumanQuerySet.as_manager()

    class Meta:
        verbose_name = "pengumuman"
        verbose_name_plural = "pengumuman"
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.text[:60]
