"""The installation's one working-day counter (sisp/workdays.py): pure, no database."""

from datetime import date

import pytest

from sisp import workdays
from sisp.workdays import CALENDAR, WORKING, add_days, explain

# Idul Fitri 2024 with its cuti bersama (SKB 3 Menteri), as the holiday table names them.
LEBARAN_2024 = {
    date(2024, 4, 8): "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri",
    date(2024, 4, 9): "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri",
    date(2024, 4, 10): "Libur nasional: Hari Raya Idul Fitri",
    date(2024, 4, 11): "Libur nasional: Hari kedua dari Hari Raya Idul Fitri",
    date(2024, 4, 12): "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri",
    date(2024, 4, 15): "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri",
}


def test_explain_names_each_skipped_day_and_its_reason():
    counting = explain(date(2024, 4, 5), 2, day_type=WORKING, holidays=LEBARAN_2024)
    assert counting.counted == (date(2024, 4, 16), date(2024, 4, 17))
    assert [(s.day.day, s.reason) for s in counting.skipped] == [
        (6, "Sabtu"),
        (7, "Minggu"),
        (8, "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"),
        (9, "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"),
        (10, "Libur nasional: Hari Raya Idul Fitri"),
        (11, "Libur nasional: Hari kedua dari Hari Raya Idul Fitri"),
        (12, "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"),
        (13, "Sabtu"),
        (14, "Minggu"),
        (15, "Cuti bersama: Cuti Bersama Hari Raya Idul Fitri"),
    ]
    assert counting.end == date(2024, 4, 17)


@pytest.mark.parametrize("days", range(0, 15))
@pytest.mark.parametrize("day_type", [CALENDAR, WORKING])
def test_explain_ends_where_add_days_ends(days, day_type):
    start = date(2024, 4, 3)
    counting = explain(start, days, day_type=day_type, holidays=LEBARAN_2024)
    assert counting.end == add_days(start, days, day_type=day_type, holidays=LEBARAN_2024)
    assert len(counting.counted) == days


def test_calendar_days_skip_nothing_even_on_holidays():
    counting = explain(date(2024, 4, 7), 3, day_type=CALENDAR, holidays=LEBARAN_2024)
    assert counting.skipped == () and counting.end == date(2024, 4, 10)


def test_a_plain_set_of_holidays_still_gives_a_reason():
    assert workdays.skip_reason(date(2024, 4, 10), frozenset(LEBARAN_2024)) == "Hari libur"
    assert workdays.skip_reason(date(2024, 4, 16), frozenset(LEBARAN_2024)) == ""


def test_zero_days_explain_as_the_start_day():
    counting = explain(date(2024, 4, 10), 0, day_type=WORKING, holidays=LEBARAN_2024)
    assert counting.end == date(2024, 4, 10) and counting.counted == ()


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        explain(date(2024, 1, 1), -1)
    with pytest.raises(ValueError):
        explain(date(2024, 1, 1), 1, day_type="jam")


def test_no_other_module_counts_working_days_itself():
    """One home: no module but sisp/workdays.py walks dates skipping weekends."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.glob("sisp/**/*.py"), *root.glob("arsip/**/*.py"), *root.glob("ppps/**/*.py"),
                 *root.glob("abk_anjab/**/*.py")]:  # fmt: skip
        if path.name == "workdays.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "weekday() < 5" in text or "holidays.Indonesia(" in text:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


# days_between: "N hari kerja lagi" on case rows and the near-deadline flag. Hand-counted on the
# April 2024 calendar: Fri 5 -> Wed 17 skips Sat 6, Sun 7, the Lebaran days 8-12 (with cuti
# bersama), Sat 13, Sun 14 and cuti bersama Mon 15, so only Tue 16 and Wed 17 count.
def test_days_between_counts_working_days_after_the_start_up_to_the_end():
    between = workdays.days_between
    assert (
        between(date(2024, 4, 5), date(2024, 4, 17), day_type=WORKING, holidays=LEBARAN_2024) == 2
    )
    assert between(date(2024, 4, 5), date(2024, 4, 17), day_type=WORKING) == 8
    assert (
        between(date(2024, 4, 5), date(2024, 4, 17), day_type=CALENDAR, holidays=LEBARAN_2024) == 12
    )


def test_days_between_is_negative_when_the_end_is_past():
    between = workdays.days_between
    assert (
        between(date(2024, 4, 17), date(2024, 4, 5), day_type=WORKING, holidays=LEBARAN_2024) == -2
    )
    assert (
        between(date(2024, 4, 17), date(2024, 4, 5), day_type=CALENDAR, holidays=LEBARAN_2024)
        == -12
    )


def test_days_between_the_same_day_or_over_a_weekend():
    between = workdays.days_between
    assert between(date(2024, 4, 16), date(2024, 4, 16), day_type=WORKING) == 0
    # Fri 19 -> Mon 22: Saturday and Sunday do not count, Monday does.
    assert between(date(2024, 4, 19), date(2024, 4, 22), day_type=WORKING) == 1
    # Ending on a holiday: Fri 5 -> Wed 10 (Idul Fitri) counts nothing.
    assert (
        between(date(2024, 4, 5), date(2024, 4, 10), day_type=WORKING, holidays=LEBARAN_2024) == 0
    )


@pytest.mark.parametrize("days", range(0, 15))
def test_days_between_undoes_add_days(days):
    start = date(2024, 4, 3)
    end = add_days(start, days, day_type=WORKING, holidays=LEBARAN_2024)
    assert workdays.days_between(start, end, day_type=WORKING, holidays=LEBARAN_2024) == days


def test_a_counting_records_how_many_days_of_which_type():
    counting = explain(date(2024, 4, 5), 2, day_type=WORKING, holidays=LEBARAN_2024)
    assert (counting.days, counting.day_type) == (2, WORKING)


def test_a_holiday_without_a_name_is_explained_as_a_holiday():
    assert workdays.skip_reason(date(2024, 4, 10), {date(2024, 4, 10): ""}) == "Hari libur"
