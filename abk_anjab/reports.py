"""The ABK recap and staffing map (peta jabatan): per unit, each job with its analysis of the
year, and totals. Always starts from ``visible_to(user)``; two queries whatever the size."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .models import Anjab, Jabatan


@dataclass
class RecapRow:
    jabatan: Jabatan
    anjab: Anjab | None

    @property
    def bezetting(self):
        return self.anjab.bezetting if self.anjab else self.jabatan.bezetting

    @property
    def kebutuhan(self):
        return self.anjab.kebutuhan if self.anjab else None

    @property
    def selisih(self):
        return self.anjab.selisih if self.anjab else None


@dataclass
class RecapGroup:
    unit: object
    rows: list = field(default_factory=list)

    @property
    def bezetting(self):
        return sum(r.bezetting for r in self.rows)

    @property
    def kebutuhan(self):
        return sum(r.kebutuhan or 0 for r in self.rows)

    @property
    def kebutuhan_mentah(self):
        return sum((r.anjab.kebutuhan_mentah for r in self.rows if r.anjab), Decimal(0))

    @property
    def selisih(self):
        return sum(r.selisih or 0 for r in self.rows)

    @property
    def analysed(self):
        return sum(1 for r in self.rows if r.anjab)


@dataclass
class Recap:
    office: object
    tahun: int
    groups: list

    @property
    def rows(self):
        return [row for group in self.groups for row in group.rows]

    @property
    def bezetting(self):
        return sum(g.bezetting for g in self.groups)

    @property
    def kebutuhan(self):
        return sum(g.kebutuhan for g in self.groups)

    @property
    def kebutuhan_mentah(self):
        return sum((g.kebutuhan_mentah for g in self.groups), Decimal(0))

    @property
    def selisih(self):
        return sum(g.selisih for g in self.groups)

    @property
    def analysed(self):
        return sum(g.analysed for g in self.groups)

    @cached_property
    def scale(self):
        """The common maximum of the staffing-map bars (at least 1)."""
        return max([1] + [max(r.bezetting, r.kebutuhan or 0) for r in self.rows])


def build_recap(user, tahun, unit_id=None):
    """The recap of the user's office for ``tahun`` (optionally one unit)."""
    jabatan = Jabatan.objects.visible_to(user).filter(is_active=True).select_related("unit")
    analyses = (
        Anjab.objects.visible_to(user)
        .filter(tahun=tahun)
        .select_related("diverifikasi_oleh", "disetujui_oleh")
    )
    if unit_id:
        jabatan = jabatan.filter(unit_id=unit_id)
        analyses = analyses.filter(jabatan__unit_id=unit_id)
    by_job = {a.jabatan_id: a for a in analyses}
    groups = {}
    for job in jabatan:
        group = groups.setdefault(job.unit_id, RecapGroup(job.unit))
        group.rows.append(RecapRow(job, by_job.get(job.pk)))
    ordered = sorted(groups.values(), key=lambda g: (g.unit.order, g.unit.name))
    return Recap(office=user.office, tahun=tahun, groups=ordered)
