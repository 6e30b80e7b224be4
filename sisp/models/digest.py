"""Which user got the daily "Menunggu Anda" e-mail on which day (see sisp/digest.py)."""

from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    """One row per user and office day on which their digest went out: the unique pair is what
    makes a second run of ``send_waiting_digest`` (or a task run twice) send nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField("hari")
    items = models.PositiveIntegerField("jumlah pekerjaan", default=0)
    sent_at = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "ringkasan harian terkirim"
        verbose_name_plural = "ringkasan harian terkirim"
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_user_per_day")
        ]

    def __str__(self):
        return f"{self.user_id} {self.day:%Y-%m-%d}"
