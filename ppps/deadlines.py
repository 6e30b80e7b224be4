"""The deadline engine: pure date arithmetic, no database, no settings, no clock.

Callers hand in everything (start date, number of days, day type, the holiday set, extension
days) and get a date back, so the rules are tested exhaustively without fixtures.

How the law counts (UU 7/2017, UU 1/2015 jo. 10/2016, the Perbawaslu on case handling):
"paling lama N hari sejak ..." counts from the day *after* the triggering event, so a limit of
7 days from Monday 1 ends on Monday 8. "Hari kerja" (working days) skip Saturdays, Sundays,
national holidays and cuti bersama; "hari" (calendar days) count every day and do not move when
the last day falls on a holiday. A limit of 0 days ("pada hari yang sama") ends on the start
day itself. An extension continues counting, in the same day type, from the original deadline.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

CALENDAR = "kalender"
WORKING = "kerja"
DAY_TYPES = (CALENDAR, WORKING)

ONE_DAY = timedelta(days=1)


def is_working_day(day: date, holidays: Collection[date] = frozenset()) -> bool:
    """Monday to Friday and not in ``holidays`` (national holidays and cuti bersama)."""
    return day.weekday() < 5 and day not in holidays


def add_days(
    start: date, days: int, *, day_type: str = CALENDAR, holidays: Collection[date] = frozenset()
) -> date:
    """The date ``days`` days of ``day_type`` after ``start`` (the start day is not counted).

    With zero days the answer is ``start``. Negative days are refused: the law has none.
    """
    if day_type not in DAY_TYPES:
        raise ValueError(f"unknown day type {day_type!r}")
    if days < 0:
        raise ValueError("days must not be negative")
    if day_type == CALENDAR:
        return start + timedelta(days=days)
    current, left = start, days
    while left:
        current += ONE_DAY
        if is_working_day(current, holidays):
            left -= 1
    return current


def deadline(
    start: date | None,
    days: int | None,
    *,
    day_type: str = CALENDAR,
    holidays: Collection[date] = frozenset(),
    extension_days: int = 0,
) -> date | None:
    """The last day on which a stage may be completed, or None when the stage has no limit.

    ``extension_days`` (e.g. +2 for Pilkada kajian when more information is needed, or the
    14 working days of Pemilu) are added in the same day type after the normal deadline.
    """
    if days is None or start is None:
        return None
    base = add_days(start, days, day_type=day_type, holidays=holidays)
    if extension_days:
        return add_days(base, extension_days, day_type=day_type, holidays=holidays)
    return base


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
class DeadlineState:
    deadline: date | None
    days_left: int | None  # in the stage's day type; negative when past
    is_overdue: bool
    is_near: bool

    @property
    def days_late(self) -> int:
        return -self.days_left if self.is_overdue and self.days_left is not None else 0


def state(
    deadline_date: date | None,
    today: date,
    *,
    near_days: int = 2,
    day_type: str = CALENDAR,
    holidays: Collection[date] = frozenset(),
) -> DeadlineState:
    """Where ``today`` stands against ``deadline_date``: past it, near it, or neither.

    The deadline day itself is still on time; the day after is overdue.
    """
    if deadline_date is None:
        return DeadlineState(None, None, False, False)
    left = days_between(today, deadline_date, day_type=day_type, holidays=holidays)
    overdue = today > deadline_date
    return DeadlineState(deadline_date, left, overdue, not overdue and left <= near_days)
