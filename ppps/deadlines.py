"""The legal clocks of cases: pure, no database, no settings, no clock.

Days are counted by the installation's one counter, ``sisp.workdays`` (the day after the
event is day one; working days skip weekends, national holidays and cuti bersama; calendar
days do not move off a holiday). This module adds what is particular to case handling:

- a stage's limit may be in hours ("1×24 jam"), counted from the moment the stage began
  (UU 7/2017 Pasal 476(1); UU 1/2015 Pasal 135(2)), so a deadline may be a moment;
- an extension continues counting, in the same day type, from the original deadline;
- the reporter's filing window (``FILING_WINDOWS``) is a check made at reception, never the
  case's deadline: the case's first clock is the office's own duty (kajian awal);
- every deadline can be explained: start day, each day skipped and why, the source article.

Stage limits are data (``ppps.reference_data``, table ``Tahapan``); the statutory windows
below are confirmed law and cite their article.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sisp import workdays
from sisp.workdays import CALENDAR, WORKING, Counting

HOURS = "jam"
DAY_TYPES = (CALENDAR, WORKING, HOURS)


@dataclass(frozen=True)
class FilingWindow:
    days: int
    day_type: str
    counted_from: str  # the Perkara date field: "diketahui" or "kejadian"
    legal_basis: str


# The reporter's (or petitioner's) time to file, checked at reception. Keys: (regime, jenis).
FILING_WINDOWS: dict[tuple[str, str], FilingWindow] = {
    ("pemilu", "laporan"): FilingWindow(
        7,
        WORKING,
        "diketahui",
        "UU 7/2017 Pasal 454(6): paling lama 7 hari kerja sejak diketahui dan/atau ditemukan",
    ),
    ("pemilihan", "laporan"): FilingWindow(
        7,
        CALENDAR,
        "diketahui",
        "UU 1/2015 jo. UU 10/2016 Pasal 134(4): paling lama 7 hari sejak diketahui dan/atau "
        "ditemukan",
    ),
    ("pemilu", "sengketa"): FilingWindow(
        3,
        WORKING,
        "kejadian",
        "UU 7/2017 Pasal 467: paling lama 3 hari kerja sejak penetapan keputusan KPU",
    ),
}


def deadline(
    start: date | None,
    days: int | None,
    *,
    day_type: str = CALENDAR,
    holidays: Collection[date] = frozenset(),
    extension_days: int = 0,
) -> date | None:
    """The last day on which a stage may be completed, or None when the stage has no limit.

    ``extension_days`` (e.g. +2 for Pilkada kajian when more information is needed, or up to
    14 working days in Pemilu) are added in the same day type after the normal deadline. For an
    hour limit the answer is the day of the moment (``moment_deadline`` gives the moment).
    """
    if days is None or start is None:
        return None
    if day_type == HOURS:
        return (datetime.combine(start, datetime.min.time()) + timedelta(hours=days)).date()
    base = workdays.add_days(start, days, day_type=day_type, holidays=holidays)
    if extension_days:
        return workdays.add_days(base, extension_days, day_type=day_type, holidays=holidays)
    return base


def moment_deadline(start: datetime | None, hours: int | None) -> datetime | None:
    """The moment an hour limit ends: "1×24 jam sejak" the decision is 24 hours later to the
    minute, weekends and holidays included (hours are not working days)."""
    if start is None or hours is None:
        return None
    return start + timedelta(hours=hours)


def filing_deadline(
    window: FilingWindow | None, start: date | None, holidays: Collection[date] = frozenset()
) -> date | None:
    """The last day the reporter could file, or None without a window or a start date."""
    if window is None or start is None:
        return None
    return workdays.add_days(start, window.days, day_type=window.day_type, holidays=holidays)


def filed_late(
    window: FilingWindow | None,
    start: date | None,
    received: date,
    holidays: Collection[date] = frozenset(),
) -> bool:
    """True when ``received`` is after the last day of the filing window (a warning for
    staff at reception; the office still decides in the kajian awal)."""
    last = filing_deadline(window, start, holidays)
    return last is not None and received > last


@dataclass(frozen=True)
class Explanation:
    """How a stage's deadline was counted, for staff and the public."""

    start: date
    counted_from: str  # what the start is, e.g. "tanggal diterima"
    day_type: str
    legal_basis: str
    counts: tuple[Counting, ...]  # the normal limit, then the extension if any
    end: date
    moment: datetime | None = None  # set for an hour limit


def explain(
    start: date | None,
    days: int | None,
    *,
    day_type: str = CALENDAR,
    holidays: Collection[date] = frozenset(),
    extension_days: int = 0,
    counted_from: str = "",
    legal_basis: str = "",
    start_moment: datetime | None = None,
) -> Explanation | None:
    """The same deadline as ``deadline``, day by day (None when there is no limit).
    ``holidays`` may be a mapping {date: reason} so skipped holidays are named."""
    if days is None or start is None:
        return None
    if day_type == HOURS:
        moment = moment_deadline(start_moment, days)
        end = moment.date() if moment else deadline(start, days, day_type=HOURS)
        assert end is not None
        return Explanation(start, counted_from, day_type, legal_basis, (), end, moment)
    counts = [workdays.explain(start, days, day_type=day_type, holidays=holidays)]
    if extension_days:
        counts.append(
            workdays.explain(counts[0].end, extension_days, day_type=day_type, holidays=holidays)
        )
    return Explanation(
        start, counted_from, day_type, legal_basis, tuple(counts), counts[-1].end, None
    )


@dataclass(frozen=True)
class DeadlineState:
    deadline: date | None
    days_left: int | None  # in the stage's day type; negative when past
    is_overdue: bool
    is_near: bool
    moment: datetime | None = None  # the exact end of an hour limit

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
    moment: datetime | None = None,
    now: datetime | None = None,
) -> DeadlineState:
    """Where ``today`` stands against ``deadline_date``: past it, near it, or neither.

    The deadline day itself is still on time; the day after is overdue. An hour limit
    (``moment``) is overdue the minute after it ends, and near on its last day.
    """
    if deadline_date is None:
        return DeadlineState(None, None, False, False)
    if moment is not None and now is not None:
        overdue = now > moment
        left = (moment.date() - today).days
        return DeadlineState(deadline_date, left, overdue, not overdue, moment)
    count_type = CALENDAR if day_type == HOURS else day_type
    left = workdays.days_between(today, deadline_date, day_type=count_type, holidays=holidays)
    overdue = today > deadline_date
    return DeadlineState(deadline_date, left, overdue, not overdue and left <= near_days)


def describe(explanation: Explanation | None) -> dict[str, object] | None:
    """An explanation as plain values for a template (staff and public pages alike): the
    start, each counted or skipped day in order with its reason, the end, the source."""
    if explanation is None:
        return None
    steps: list[dict[str, object]] = []
    for index, count in enumerate(explanation.counts):
        skipped = {s.day: s.reason for s in count.skipped}
        days = sorted([*count.counted, *skipped])
        number = 0
        for day in days:
            if day in skipped:
                steps.append({"day": day, "counted": False, "reason": skipped[day]})
            else:
                number += 1
                steps.append({"day": day, "counted": True, "number": number, "extension": index})
    return {
        "start": explanation.start,
        "counted_from": explanation.counted_from,
        "day_type": explanation.day_type,
        "is_hours": explanation.day_type == HOURS,
        "working": explanation.day_type == WORKING,
        "steps": steps,
        "end": explanation.end,
        "moment": explanation.moment,
        "legal_basis": explanation.legal_basis,
    }
