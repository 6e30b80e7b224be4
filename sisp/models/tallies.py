"""Per-office counters kept exact by the writes themselves (see sisp/tallies.py)."""

from django.db import models


class OfficeTally(models.Model):
    """How many rows of one kind an office has (e.g. ``arsip.naskah``): a page that shows
    counts for many offices reads these rows instead of counting the records. A missing row
    means zero. Written only by sisp.tallies, in the transaction of the change it counts;
    ``manage.py recount_tallies`` rebuilds them from the records."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField("penghitung", max_length=60)
    value = models.BigIntegerField("jumlah", default=0)

    class Meta:
        verbose_name = "penghitung kantor"
        verbose_name_plural = "penghitung kantor"
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="office_tally_unique_key"),
        ]

    def __str__(self):
        return f"{self.office_id}/{self.key}: {self.value}"
