"""How ABK & Anjab writes numbers, dates and NIPs on every page, PDF and .xlsx: the Indonesian
way (75.000; 0,4000; 1 Desember 2026), through Django's own ``id`` locale formats."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import formats, timezone, translation

from . import calculation

# Shown wherever EJ would be and nobody holds the job: EJ = workload / (bezetting x WKE) has no
# value with bezetting 0 (abk_anjab.calculation.efficiency returns None).
EJ_NO_HOLDER = "EJ tidak dapat dihitung — belum ada pemangku jabatan"
# Figures are printed with the decimals the formulas round them to (abk_anjab/calculation.py):
# EJ as graded (GRADE_PLACES, two), a staff need as computed (NEED_PLACES, four).
EJ_PLACES = -int(calculation.GRADE_PLACES.as_tuple().exponent)
NEED_PLACES = -int(calculation.NEED_PLACES.as_tuple().exponent)
# The same as a spreadsheet cell's number format ("0.0000", "0.00").
NEED_CELL_FORMAT = "0." + "0" * NEED_PLACES
EJ_CELL_FORMAT = "0." + "0" * EJ_PLACES
EMPTY = "—"


def angka(value: Any, places: int | None = None) -> str:
    """``value`` with dots grouping thousands and a decimal comma: 75000 -> "75.000",
    (Decimal("0.4"), 4) -> "0,4000", Decimal("1200.00") -> "1.200" (no ``places``: as many
    decimals as the value needs). None or "" -> "—"."""
    if value is None or value == "":
        return EMPTY
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places is None:
        number = number.normalize()
        exponent = number.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    # Django's number_format cuts extra decimals off; round them half-up first, like the figures.
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    with translation.override("id"):
        return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def tanggal(value: Any) -> str:
    """1 Desember 2026 (a datetime is read in the local time zone first)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    with translation.override("id"):
        return formats.date_format(value, "j F Y")


def nip(value: str | None) -> str:
    """An 18-digit NIP in its printed groups: 19870512 201001 1 003 (birth date, appointment
    month, sex, number). Anything else is returned as typed."""
    text = (value or "").strip()
    if len(text) == 18 and text.isdigit():
        return f"{text[:8]} {text[8:14]} {text[14]} {text[15:]}"
    return text


def ej_pj(ej: Decimal | None, pj: str = "", pj_label: str = "") -> str:
    """EJ and its grade for one line: "0,78 · C (Cukup)", or the words when EJ is None."""
    if ej is None:
        return EJ_NO_HOLDER
    text = angka(ej, EJ_PLACES)
    if pj:
        text += f" · {pj}" + (f" ({pj_label})" if pj_label else "")
    return text
