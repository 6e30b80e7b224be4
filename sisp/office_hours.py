"""When an office is open: pure date-time arithmetic, no database, no settings, no clock.

Mail from SISP goes out only while the office is open: a message to a complainant
(``ppps.services.queue_aduan_mail``) or the daily "Menunggu Anda" digest (``sisp.digest``)
created outside office hours waits until the next opening, so it never arrives at night, on a
weekend, a national holiday or cuti bersama (the holiday calendar of ``sisp.holiday_calendar``,
the one the working-day counter uses). The hours themselves are settings read through
``sisp.conf.office_hours()``.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class OfficeHours:
    weekdays: frozenset[int]  # 0 = Monday … 6 = Sunday
    opens: time
    closes: time
    tz: tzinfo = ZoneInfo("Asia/Jakarta")

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise ValueError("weekdays must be a non-empty subset of 0..6")
        if self.opens >= self.closes:
            raise ValueError("an office must open before it closes")


def parse_hours(value: Mapping[str, Any], tz_name: str = "Asia/Jakarta") -> OfficeHours:
    """{"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"} -> OfficeHours."""
    return OfficeHours(
        weekdays=frozenset(int(d) for d in value["days"]),
        opens=time.fromisoformat(value["opens"]),
        closes=time.fromisoformat(value["closes"]),
        tz=ZoneInfo(tz_name),
    )


def is_open_day(day: date, hours: OfficeHours, holidays: Collection[date] = frozenset()) -> bool:
    return day.weekday() in hours.weekdays and day not in holidays


def next_opening(
    now: datetime, hours: OfficeHours, holidays: Collection[date] = frozenset()
) -> datetime:
    """``now`` itself when the office is open at ``now`` (from opening up to, not including,
    closing time), otherwise the next opening time, as an aware datetime in the office's zone.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    local = now.astimezone(hours.tz)
    day = local.date()
    if is_open_day(day, hours, holidays):
        opens = datetime.combine(day, hours.opens, hours.tz)
        if local < opens:
            return opens
        if local < datetime.combine(day, hours.closes, hours.tz):
            return now
    for _ in range(366 * 2):  # every weekday a holiday for two years is a data error
        day += timedelta(days=1)
        if is_open_day(day, hours, holidays):
            return datetime.combine(day, hours.opens, hours.tz)
    raise ValueError("no opening day within two years")


def is_open(now: datetime, hours: OfficeHours, holidays: Collection[date] = frozenset()) -> bool:
    return next_opening(now, hours, holidays) == now
