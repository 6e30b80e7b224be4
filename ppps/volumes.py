"""Info PPPS's counts for the ABK form's volume suggestions (abk_anjab/volumes.py): cases a
unit handled in a year (by stage) and complaints it triaged. Numbers only, never rows.

Cases and complaints belong to the office, not to a unit: a case counts for the unit of one of
its officers (``Perkara.petugas``), a complaint for the unit of whoever triaged it. Every count
starts from the models' own door (``visible_to(user)``): nothing of another office, and nothing
at all for someone who may not read cases or complaints.
"""

from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from .models import Aduan, Perkara, Tahapan

TAHAP = "ppps.tahap:"
PERKARA = "ppps.perkara"
ADUAN = "ppps.aduan"


def _cases(user, unit):
    if unit.office_id != user.office_id:
        return Perkara.objects.none()
    return Perkara.objects.visible_to(user).filter(petugas__unit_id=unit.pk)


def _complaints(user, unit):
    if unit.office_id != user.office_id:
        return Aduan.objects.none()
    return Aduan.objects.visible_to(user).filter(triaged_by__unit_id=unit.pk)


def _stages():
    """``{code: name}`` of the active stages (a code shared by several regimes: its first
    name)."""
    found = {}
    for code, name in Tahapan.objects.filter(is_active=True).values_list("code", "name"):
        found.setdefault(code, name)
    return found


def sources(user, unit):
    """``[(key, label)]``; none for a user who may read neither cases nor complaints."""
    found = []
    if not Perkara.objects.visible_to(user).query.is_empty():
        found.append((PERKARA, "Perkara diterima yang ditangani unit ini"))
        found += [(f"{TAHAP}{code}", f"Perkara tahap {name}") for code, name in _stages().items()]
    if not Aduan.objects.visible_to(user).query.is_empty():
        found.append((ADUAN, "Aduan masuk yang ditelaah unit ini"))
    return found


def label(key):
    if key == PERKARA:
        return "Perkara diterima yang ditangani unit ini"
    if key == ADUAN:
        return "Aduan masuk yang ditelaah unit ini"
    if key.startswith(TAHAP):
        return f"Perkara tahap {key.removeprefix(TAHAP)}"
    return ""


def counts(user, unit, year, keys):
    """``{key: number}`` for each key of this app in ``keys``, for ``year``: cases received,
    cases that had an event at the stage (one per case), complaints received. Keys this user
    may not count are left out."""
    keys = set(keys)
    # Who may not read cases (or complaints) gets no number for them at all, rather than a 0
    # that reads like "no work" (and could be accepted as a volume).
    if Perkara.objects.visible_to(user).query.is_empty():
        keys = {k for k in keys if not (k == PERKARA or k.startswith(TAHAP))}
    if Aduan.objects.visible_to(user).query.is_empty():
        keys.discard(ADUAN)
    result = {}
    start, end = date_range(year)
    if PERKARA in keys:
        result[PERKARA] = (
            _cases(user, unit)
            .filter(tanggal_diterima__gte=start.date(), tanggal_diterima__lt=end.date())
            .values("pk")
            .distinct()
            .count()
        )
    codes = [k.removeprefix(TAHAP) for k in keys if k.startswith(TAHAP) and k != TAHAP]
    if codes:
        rows = (
            _cases(user, unit)
            .filter(
                riwayat__tahapan__code__in=codes,
                riwayat__tanggal__gte=start.date(),
                riwayat__tanggal__lt=end.date(),
            )
            .order_by()
            .values("riwayat__tahapan__code")
            .annotate(n=Count("pk", distinct=True))
        )
        by_code = {row["riwayat__tahapan__code"]: row["n"] for row in rows}
        result.update({f"{TAHAP}{code}": by_code.get(code, 0) for code in codes})
    if ADUAN in keys:
        result[ADUAN] = (
            _complaints(user, unit).filter(created_at__gte=start, created_at__lt=end).count()
        )
    return result


def date_range(year):
    """The year as aware datetimes [1 January, next 1 January) in the office's time zone."""
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
