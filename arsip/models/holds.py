"""Legal holds (penahanan arsip): a record tied to a case, or held by hand, that must not be
destroyed, lowered in class or lose a file version. The rule itself lives in arsip/holds.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .records import Naskah


class LegalHoldQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Holds on the records the user sees (own office only): the hold's door is the
        record's door, so a hold on a hidden record looks exactly like none."""
        if not user.is_authenticated or not user.is_active or not user.office_id:
            return self.none()
        return self.filter(
            office_id=user.office_id, naskah__in=Naskah.objects.visible_to(user).values("pk")
        )

    def standing(self):
        """Holds not released by hand (a case link ends with its case, see holds.state)."""
        return self.filter(dicabut_pada__isnull=True)


class LegalHold(models.Model):
    """One hold on one record: a link to a PPPS case (held while the case is open and until
    its last appeal window closes) or a manual hold with its reason (held until released)."""

    office = models.ForeignKey(
        "sisp.Office", verbose_name="kantor", on_delete=models.PROTECT, related_name="+"
    )
    naskah = models.ForeignKey(
        Naskah, verbose_name="naskah", on_delete=models.PROTECT, related_name="penahanan"
    )
    perkara = models.ForeignKey(
        "ppps.Perkara",
        verbose_name="perkara",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    alasan = models.CharField("alasan penahanan", max_length=300, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("dicatat", auto_now_add=True)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicabut oleh",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)
    alasan_cabut = models.CharField("alasan pencabutan", max_length=300, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = "penahanan arsip"
        verbose_name_plural = "penahanan arsip"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("manage_legalhold", "Menahan arsip (legal hold) dan mencabut penahanan manual")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["naskah", "perkara"],
                condition=Q(perkara__isnull=False),
                name="legalhold_unique_case_link",
            ),
            # A manual hold says why; a case link's reason is the case.
            models.CheckConstraint(
                condition=Q(perkara__isnull=False) | ~Q(alasan=""),
                name="legalhold_manual_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["office", "dicabut_pada"], name="legalhold_office_open")]

    def __str__(self):
        return f"Penahanan naskah #{self.naskah_id}"

    def audit_repr(self):
        """Never the reason, which may name the record's subject."""
        kind = f"perkara #{self.perkara_id}" if self.perkara_id else "manual"
        return f"Penahanan #{self.pk} ({kind}, naskah #{self.naskah_id})"

    @property
    def is_case_link(self):
        return self.perkara_id is not None
