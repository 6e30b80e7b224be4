"""The ABK calculation (Permenpan RB 1/2020, tugas-per-tugas approach): numbers in, numbers out.

No database, no settings: the caller passes the effective working time, the period table, the
rounding mode and the grade thresholds (from ``abk_anjab.conf`` or from the analysis), so the
live preview, the save and the documents all compute the same figures from the same function.

Staff needed for a task = volume x time per unit / WKE, with volume, time and WKE in the same
period and the same time unit. A task counted per day, week or month is scaled to the year by
the number of such periods in a year (``periods_per_year``), which is the same as scaling the
WKE down to that period, but keeps the arithmetic exact (1/12 has no finite decimal).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

# What the calculation accepts as a number: Decimal, int, or text such as "1,5" (floats go
# through str, so 0.1 stays 0.1).
Number = Decimal | int | float | str
# Grade thresholds: (code, label, operator ">" or ">=", bound), checked top-down.
Threshold = tuple[str, str, str, Number]

# Per-task need is kept at four decimals (the guide's tables show four) and the job's raw total
# is the sum of the per-task figures, so the rows always add up to the footer.
NEED_PLACES = Decimal("0.0001")
EJ_PLACES = Decimal("0.0001")
# The Permendagri 12/2008 grade table is written with two decimals (0.70-0.89, 0.90-1.00), so EJ
# is graded after rounding it to two decimals; otherwise 0.895 would fall between two grades.
GRADE_PLACES = Decimal("0.01")
MINUTES_PER_HOUR = Decimal(60)

HALF_UP = "half_up"
UP = "up"
ROUNDING_MODES: dict[str, str] = {HALF_UP: ROUND_HALF_UP, UP: ROUND_CEILING}
TIME_UNITS: dict[str, Decimal] = {"menit": MINUTES_PER_HOUR, "jam": Decimal(1)}


def to_decimal(value: object, name: str = "nilai") -> Decimal:
    """Decimal from int, str or Decimal (floats go through str so 0.1 stays 0.1)."""
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(f"{name} bukan angka: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"{name} bukan angka: {value!r}")
    return result


def yearly_minutes(
    volume: Number,
    time: Number,
    *,
    time_unit: str,
    period: str,
    periods_per_year: Mapping[str, Number],
) -> Decimal:
    """The task's workload in minutes per year (WPT): volume x time, scaled to a year."""
    volume = to_decimal(volume, "volume")
    time = to_decimal(time, "waktu")
    if volume < 0 or time < 0:
        raise ValueError("volume dan waktu tidak boleh negatif")
    if time_unit not in TIME_UNITS:
        raise ValueError(f"satuan waktu tidak dikenal: {time_unit!r}")
    if period not in periods_per_year:
        raise ValueError(f"periode tidak dikenal: {period!r}")
    per_year = to_decimal(periods_per_year[period], "periode")
    return volume * time * MINUTES_PER_HOUR / TIME_UNITS[time_unit] * per_year


def period_wke(
    wke_hours: Number, *, time_unit: str, period: str, periods_per_year: Mapping[str, Number]
) -> Decimal:
    """The effective working time of one ``period`` in ``time_unit``: what a task row counted
    per day is measured against (1,250 h a year -> 300 minutes a day). For the printed row only;
    ``task_need`` keeps scaling the task up to the year, which gives the same figure exactly."""
    if time_unit not in TIME_UNITS:
        raise ValueError(f"satuan waktu tidak dikenal: {time_unit!r}")
    if period not in periods_per_year:
        raise ValueError(f"periode tidak dikenal: {period!r}")
    per_year = to_decimal(periods_per_year[period], "periode")
    hours = _wke_minutes(wke_hours) / MINUTES_PER_HOUR
    # TIME_UNITS holds how many of the unit make an hour (60 minutes, 1 hour).
    return hours * TIME_UNITS[time_unit] / per_year


def task_need(
    volume: Number,
    time: Number,
    *,
    time_unit: str,
    period: str,
    wke_hours: Number,
    periods_per_year: Mapping[str, Number],
) -> Decimal:
    """Staff needed for one task, four decimals (half-up)."""
    wke_minutes = _wke_minutes(wke_hours)
    minutes = yearly_minutes(
        volume, time, time_unit=time_unit, period=period, periods_per_year=periods_per_year
    )
    return (minutes / wke_minutes).quantize(NEED_PLACES, rounding=ROUND_HALF_UP)


def round_headcount(raw: Number, mode: str) -> int:
    """The head count from the raw job total: half-up (2.5 -> 3, 2.4999 -> 2) or up."""
    if mode not in ROUNDING_MODES:
        raise ValueError(f"mode pembulatan tidak dikenal: {mode!r}")
    return int(to_decimal(raw).quantize(Decimal(1), rounding=ROUNDING_MODES[mode]))


def efficiency(total_minutes: Number, bezetting: int | str, wke_hours: Number) -> Decimal | None:
    """Job efficiency EJ = workload / (people in the job x WKE); None when nobody holds the job."""
    bezetting = int(bezetting)
    if bezetting < 0:
        raise ValueError("bezetting tidak boleh negatif")
    if bezetting == 0:
        return None
    return (to_decimal(total_minutes) / (bezetting * _wke_minutes(wke_hours))).quantize(
        EJ_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Grade:
    code: str
    label: str


def grade(ej: Number | None, thresholds: Iterable[Threshold]) -> Grade | None:
    """Job performance grade (PJ) for an EJ, from ``(code, label, operator, bound)`` rows checked
    top-down against EJ rounded to two decimals. None when EJ is None or nothing matches."""
    if ej is None:
        return None
    value = to_decimal(ej).quantize(GRADE_PLACES, rounding=ROUND_HALF_UP)
    for code, label, operator, bound in thresholds:
        bound = to_decimal(bound, "batas")
        if operator == ">":
            matched = value > bound
        elif operator == ">=":
            matched = value >= bound
        else:
            raise ValueError(f"operator batas tidak dikenal: {operator!r}")
        if matched:
            return Grade(code, label)
    return None


@dataclass(frozen=True)
class Task:
    volume: Number
    time: Number
    time_unit: str = "menit"
    period: str = "tahun"


@dataclass(frozen=True)
class JobResult:
    task_needs: list[Decimal] = field(default_factory=list)
    total_minutes: Decimal = Decimal(0)
    raw: Decimal = Decimal(0)
    rounded: int = 0
    headcount: int = 0  # the rounded figure, or the fixed one when the post is fixed
    is_fixed: bool = False
    bezetting: int = 0
    difference: int = 0  # bezetting - headcount: positive = kelebihan, negative = kekurangan
    ej: Decimal | None = None
    grade: Grade | None = None

    @property
    def total_hours(self) -> Decimal:
        return self.total_minutes / MINUTES_PER_HOUR

    @property
    def status(self) -> str:
        if self.difference > 0:
            return "kelebihan"
        if self.difference < 0:
            return "kekurangan"
        return "sesuai"


def calculate_job(
    tasks: Iterable[Task],
    *,
    wke_hours: Number,
    bezetting: int | str,
    rounding: str,
    thresholds: Iterable[Threshold],
    periods_per_year: Mapping[str, Number],
    fixed_headcount: int | str | None = None,
) -> JobResult:
    """Everything the ABK table shows for one job.

    ``tasks`` are ``Task`` rows; ``fixed_headcount`` (e.g. 1 for a leadership post fixed per
    unit) replaces the rounded figure as the head count, the raw figure is still computed.
    """
    bezetting = int(bezetting)
    if bezetting < 0:
        raise ValueError("bezetting tidak boleh negatif")
    needs: list[Decimal] = []
    total_minutes = Decimal(0)
    for task in tasks:
        kwargs: dict[str, Any] = {
            "time_unit": task.time_unit,
            "period": task.period,
            "periods_per_year": periods_per_year,
        }
        total_minutes += yearly_minutes(task.volume, task.time, **kwargs)
        needs.append(task_need(task.volume, task.time, wke_hours=wke_hours, **kwargs))
    raw = sum(needs, Decimal("0.0000"))
    rounded = round_headcount(raw, rounding)
    headcount = rounded if fixed_headcount is None else int(fixed_headcount)
    ej = efficiency(total_minutes, bezetting, wke_hours)
    return JobResult(
        task_needs=needs,
        total_minutes=total_minutes,
        raw=raw,
        rounded=rounded,
        headcount=headcount,
        is_fixed=fixed_headcount is not None,
        bezetting=bezetting,
        difference=bezetting - headcount,
        ej=ej,
        grade=grade(ej, thresholds),
    )


def _wke_minutes(wke_hours: Number) -> Decimal:
    wke = to_decimal(wke_hours, "waktu kerja efektif")
    if wke <= 0:
        raise ValueError("waktu kerja efektif harus lebih dari nol")
    return wke * MINUTES_PER_HOUR
