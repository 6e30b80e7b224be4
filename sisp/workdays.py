"""The one working-day counter of the installation: pure date arithmetic, no database, no
settings, no clock. Info PPPS deadlines and the E-Arsip loan due date count with it; the
holiday calendar itself is data (``sisp.holiday_calendar.holidays_between``).

How Indonesian law counts ("paling lama N hari sejak ..."): counting starts on the day *after*
the triggering event, so 7 days from Monday 1 end on Monday 8. Working days (*hari kerja*) are
Monday to Friday except national holidays and cuti bersama (Keppres/SKB 3 Menteri each year);
calendar days (*hari*) count every day and do not move when the last day is a holiday. Zero days
("pada hari yang sama") end on the start day itself.

``holidays`` is any collection of dates; a mapping ``{date: reason}`` also gives the reason a
day was skipped when a count is explained (``explain``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

CALENDAR = "kalender"
WORKING = "kerja"
DAY_TYPES = (CALENDAR, WORKING)

ONE_DAY = timedelta(days=1)
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def is_working_day(day: date, holidays: Collection[date] = frozenset()) -> bool:
    """Monday to Friday and not in ``holidays`` (national holidays and cuti bersama)."""
    return day.weekday() < 5 and day not in holidays


def _check(days: int, day_type: str) -> None:
    if day_type not in DAY_TYPES:
        raise ValueError(f"unknown day type {day_type!r}")
    if days < 0:
        raise ValueError("days must not be negative")


def add_days(
    start: date, days: int, *, day_type: str = CALENDAR, holidays: Collection[date] = frozenset()
) -> date:
    """The date ``days`` days of ``day_type`` after ``start`` (the start day is not counted).

    With zero days the answer is ``start``. Negative days are refused: the law has none.
    """
    _check(days, day_type)
    if day_type == CALENDAR:
        return start + timedelta(days=days)
    current, left = start, days
    while left:
        current += ONE_DAY
        if is_working_day(current, holidays):
            left -= 1
    return current


def days_between(
    start: date, end: date, *, day_type: str = CALENDAR, holidays: Collection[date] = frozenset()
) -> int:
    """How many days of ``day_type`` lie after ``start`` up to and including ``end``.

    Negative when ``end`` is before ``start``. Used to say "3 hari kerja lagi".
    """
    if end < start:
        return -days_between(end, start, day_type=day_type, holidays=holidays)
    if day_type == CALENDAR:
        return (end - start).days
    count, current = 0, start
    while current < end:
        current += ONE_DAY
        if is_working_day(current, holidays):
            count += 1
    return count


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str  # "Sabtu", "Minggu", or the holiday's name ("Cuti bersama: ...")


@dataclass(frozen=True)
class Counting:
    """How a count of days went: the start (not counted), each counted day, each skipped day
    with its reason, and the last day."""

    start: date
    days: int
    day_type: str
    counted: tuple[date, ...]
    skipped: tuple[SkippedDay, ...]

    @property
    def end(self) -> date:
        return self.counted[-1] if self.counted else self.start


def skip_reason(day: date, holidays: Collection[date]) -> str:
    """Why ``day`` is not a working day ("" when it is one)."""
    if day in holidays:
        if isinstance(holidays, Mapping):
            return str(holidays[day]) or "Hari libur"
        return "Hari libur"
    if day.weekday() >= 5:
        return WEEKDAY_NAMES[day.weekday()]
    return ""


def explain(
    start: date, days: int, *, day_type: str = CALENDAR, holidays: Collection[date] = frozenset()
) -> Counting:
    """The same count as ``add_days``, day by day. Calendar days skip nothing; a holiday on
    the last calendar day does not move it."""
    _check(days, day_type)
    counted: list[date] = []
    skipped: list[SkippedDay] = []
    current = start
    while len(counted) < days:
        current += ONE_DAY
        reason = "" if day_type == CALENDAR else skip_reason(current, holidays)
        if reason:
            skipped.append(SkippedDay(current, reason))
        else:
            counted.append(current)
    return Counting(start, days, day_type, tuple(counted), tuple(skipped))
