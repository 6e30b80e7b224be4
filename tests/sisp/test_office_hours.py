"""sisp.office_hours: when an office is open, so mail may go out (pure, no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sisp.office_hours import OfficeHours, is_open, next_opening, parse_hours

WIB = ZoneInfo("Asia/Jakarta")
HOURS = parse_hours({"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"})


def wib(*args):
    return dt.datetime(*args, tzinfo=WIB)


def test_within_hours_the_moment_itself_is_returned():
    now = wib(2024, 10, 9, 10, 30)  # Wednesday
    assert next_opening(now, HOURS) == now and is_open(now, HOURS)


def test_before_opening_waits_until_opening_the_same_day():
    assert next_opening(wib(2024, 10, 9, 6, 59), HOURS) == wib(2024, 10, 9, 8, 0)


def test_closing_time_itself_is_closed():
    assert next_opening(wib(2024, 10, 9, 16, 0), HOURS) == wib(2024, 10, 10, 8, 0)


def test_friday_evening_waits_for_monday_morning():
    assert next_opening(wib(2024, 10, 11, 19, 0), HOURS) == wib(2024, 10, 14, 8, 0)


def test_holidays_and_cuti_bersama_are_closed():
    holidays = {dt.date(2024, 10, 14), dt.date(2024, 10, 15)}
    assert next_opening(wib(2024, 10, 11, 19, 0), HOURS, holidays) == wib(2024, 10, 16, 8, 0)
    assert not is_open(wib(2024, 10, 14, 10, 0), HOURS, holidays)


def test_a_moment_given_in_utc_is_read_in_wib():
    # 02:00 UTC is 09:00 WIB: open. 10:00 UTC is 17:00 WIB: closed until tomorrow 08:00 WIB.
    utc = dt.UTC
    assert is_open(dt.datetime(2024, 10, 9, 2, 0, tzinfo=utc), HOURS)
    assert next_opening(dt.datetime(2024, 10, 9, 10, 0, tzinfo=utc), HOURS) == wib(
        2024, 10, 10, 8, 0
    )


def test_a_naive_moment_and_a_nonsense_setting_are_refused():
    with pytest.raises(ValueError):
        next_opening(dt.datetime(2024, 10, 9, 10, 0), HOURS)
    with pytest.raises(ValueError):
        OfficeHours(frozenset({0}), dt.time(16), dt.time(8))
    with pytest.raises(ValueError):
        OfficeHours(frozenset({7}), dt.time(8), dt.time(16))


# No time limit per example: on a loaded machine a slow example is not a wrong answer.
@settings(deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)),
    st.sets(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 2, 1)), max_size=30),
)
def test_the_answer_is_never_earlier_and_always_open(naive, holidays):
    now = naive.replace(tzinfo=WIB)
    due = next_opening(now, HOURS, holidays)
    assert due >= now
    assert is_open(due, HOURS, holidays)
    local = due.astimezone(WIB)
    assert local.weekday() < 5 and local.date() not in holidays
    assert dt.time(8) <= local.time() < dt.time(16)
    if due != now:  # nothing open was skipped: the office opened exactly then
        assert local.time() == dt.time(8)
