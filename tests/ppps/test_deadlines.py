"""The deadline engine (ppps/deadlines.py): pure date arithmetic, no database."""

from datetime import date, timedelta

import pytest

from ppps.deadlines import deadline, state
from sisp.workdays import CALENDAR, WORKING, add_days, days_between, is_working_day

# Idul Fitri 2024: 10-11 April holidays, 8, 9, 12 and 15 April cuti bersama.
LEBARAN_2024 = frozenset(date(2024, 4, d) for d in (8, 9, 10, 11, 12, 15))


def test_calendar_days_count_from_the_day_after_the_start():
    assert add_days(date(2024, 10, 7), 7) == date(2024, 10, 14)


def test_calendar_days_run_through_weekends_and_holidays():
    assert add_days(date(2024, 4, 5), 7, holidays=LEBARAN_2024) == date(2024, 4, 12)


def test_calendar_deadline_on_a_holiday_does_not_move():
    assert deadline(date(2024, 4, 7), 3, day_type=CALENDAR, holidays=LEBARAN_2024) == date(
        2024, 4, 10
    )


def test_working_days_skip_the_weekend():
    # Friday + 1 working day = Monday
    assert add_days(date(2024, 10, 4), 1, day_type=WORKING) == date(2024, 10, 7)
    # Thursday + 3 working days = Tuesday
    assert add_days(date(2024, 10, 3), 3, day_type=WORKING) == date(2024, 10, 8)


def test_working_days_starting_on_a_saturday_count_from_monday():
    assert add_days(date(2024, 10, 5), 1, day_type=WORKING) == date(2024, 10, 7)
    assert add_days(date(2024, 10, 6), 5, day_type=WORKING) == date(2024, 10, 11)


def test_working_days_skip_national_holidays_and_cuti_bersama():
    # Friday 5 April 2024 + 3 working days: 8-12 and 15 April are off, so 16, 17, 18.
    assert add_days(date(2024, 4, 5), 3, day_type=WORKING, holidays=LEBARAN_2024) == date(
        2024, 4, 18
    )


def test_working_days_without_the_holiday_set_would_be_wrong_by_a_week():
    assert add_days(date(2024, 4, 5), 3, day_type=WORKING) == date(2024, 4, 10)


def test_working_days_cross_the_year_boundary():
    new_year = frozenset({date(2025, 1, 1)})
    # Monday 30 Dec 2024 + 3 working days: 31 Dec, (1 Jan off), 2 Jan, 3 Jan.
    assert add_days(date(2024, 12, 30), 3, day_type=WORKING, holidays=new_year) == date(2025, 1, 3)


def test_calendar_days_cross_the_year_and_a_leap_day():
    assert add_days(date(2023, 12, 28), 7) == date(2024, 1, 4)
    assert add_days(date(2024, 2, 27), 3) == date(2024, 3, 1)


@pytest.mark.parametrize("day_type", [CALENDAR, WORKING])
def test_zero_days_ends_on_the_start_day_even_on_a_holiday(day_type):
    assert add_days(date(2024, 4, 10), 0, day_type=day_type, holidays=LEBARAN_2024) == date(
        2024, 4, 10
    )
    assert add_days(date(2024, 10, 5), 0, day_type=day_type) == date(2024, 10, 5)


def test_negative_days_and_unknown_day_types_are_refused():
    with pytest.raises(ValueError):
        add_days(date(2024, 1, 1), -1)
    with pytest.raises(ValueError):
        add_days(date(2024, 1, 1), 1, day_type="lunar")


def test_no_limit_or_no_start_gives_no_deadline():
    assert deadline(date(2024, 1, 1), None) is None
    assert deadline(None, 7) is None


def test_pilkada_kajian_extension_adds_two_calendar_days():
    assert deadline(date(2024, 10, 7), 3) == date(2024, 10, 10)
    assert deadline(date(2024, 10, 7), 3, extension_days=2) == date(2024, 10, 12)


def test_pemilu_kajian_extension_to_fourteen_working_days():
    start = date(2024, 3, 1)  # a Friday
    assert deadline(start, 7, day_type=WORKING) == date(2024, 3, 12)
    holidays = frozenset({date(2024, 3, 11), date(2024, 3, 12), date(2024, 3, 29)})
    # 7 working days skipping Nyepi (11) and its cuti bersama (12): 4-8, 13, 14 March.
    assert deadline(start, 7, day_type=WORKING, holidays=holidays) == date(2024, 3, 14)
    # +7 more: 15, 18-22, (25..28) -> 15,18,19,20,21,22,25 (29 Good Friday not reached).
    assert deadline(start, 7, day_type=WORKING, holidays=holidays, extension_days=7) == date(
        2024, 3, 25
    )
    assert days_between(start, date(2024, 3, 25), day_type=WORKING, holidays=holidays) == 14


def test_extension_continues_past_holidays_in_working_days():
    # Deadline Friday 5 April; +2 working days skips the whole Lebaran week.
    assert deadline(
        date(2024, 4, 4), 1, day_type=WORKING, holidays=LEBARAN_2024, extension_days=2
    ) == date(2024, 4, 17)


def test_working_days_is_the_inverse_of_days_between():
    holidays = LEBARAN_2024 | {date(2024, 12, 25), date(2025, 1, 1)}
    start = date(2024, 3, 20)
    for offset in range(0, 300, 7):
        begin = start + timedelta(days=offset)
        for days in range(0, 20):
            end = add_days(begin, days, day_type=WORKING, holidays=holidays)
            assert days_between(begin, end, day_type=WORKING, holidays=holidays) == days
            assert end >= begin
            if days:
                assert is_working_day(end, holidays)


def test_days_between_is_negative_when_the_end_is_past():
    assert days_between(date(2024, 10, 10), date(2024, 10, 7)) == -3
    assert days_between(date(2024, 10, 14), date(2024, 10, 11), day_type=WORKING) == -1


def test_state_on_the_deadline_day_is_on_time_but_near():
    s = state(date(2024, 10, 10), date(2024, 10, 10))
    assert (s.is_overdue, s.is_near, s.days_left) == (False, True, 0)


def test_state_the_day_after_the_deadline_is_overdue():
    s = state(date(2024, 10, 10), date(2024, 10, 11))
    assert (s.is_overdue, s.is_near, s.days_left) == (True, False, -1)


def test_state_far_from_the_deadline_is_neither_near_nor_overdue():
    s = state(date(2024, 10, 20), date(2024, 10, 10), near_days=2)
    assert (s.is_overdue, s.is_near, s.days_left) == (False, False, 10)


def test_state_counts_working_days_left():
    # Friday to next Tuesday: 2 working days left, so near.
    s = state(date(2024, 10, 8), date(2024, 10, 4), near_days=2, day_type=WORKING)
    assert (s.days_left, s.is_near) == (2, True)


def test_state_without_deadline_is_quiet():
    s = state(None, date(2024, 10, 10))
    assert (s.deadline, s.is_overdue, s.is_near) == (None, False, False)
