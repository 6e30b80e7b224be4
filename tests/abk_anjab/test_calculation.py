"""The ABK calculation, with worked numbers checked by hand (WKE 1,250 h = 75,000 min)."""

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abk_anjab import calculation as calc
from abk_anjab.conf import (
    DEFAULT_PERIODS_PER_YEAR,
    DEFAULT_PJ_THRESHOLDS,
)

PERIODS = DEFAULT_PERIODS_PER_YEAR
WKE = Decimal("1250")
D = Decimal


def need(volume, time, unit="menit", period="tahun", wke=WKE):
    return calc.task_need(
        volume, time, time_unit=unit, period=period, wke_hours=wke, periods_per_year=PERIODS
    )


def job(tasks, bezetting=1, rounding=calc.HALF_UP, fixed=None, wke=WKE):
    return calc.calculate_job(
        tasks,
        wke_hours=wke,
        bezetting=bezetting,
        rounding=rounding,
        thresholds=DEFAULT_PJ_THRESHOLDS,
        periods_per_year=PERIODS,
        fixed_headcount=fixed,
    )


# Five tasks of a correspondence clerk, worked by hand:
# 1,200 letters a year x 10 min = 12,000 min / 75,000 = 0.1600
# 48 reports a year x 5 h = 240 h / 1,250 = 0.1920
# 20 letters a day x 5 min = 100 min / 300 min (one day's WKE) = 0.3333
# 4 meetings a week x 30 min = 120 min / 1,500 min (one week's WKE) = 0.0800
# 1 recap a month x 2 h = 2 h / 104.1667 h (one month's WKE) = 0.0192
CLERK = [
    calc.Task(1200, 10, "menit", "tahun"),
    calc.Task(48, 5, "jam", "tahun"),
    calc.Task(20, 5, "menit", "hari"),
    calc.Task(4, 30, "menit", "minggu"),
    calc.Task(1, 2, "jam", "bulan"),
]


def test_yearly_task_in_minutes_is_volume_times_time_over_75000_minutes():
    assert need(1200, 10) == D("0.1600")


def test_yearly_task_in_hours_is_volume_times_time_over_1250_hours():
    assert need(48, 5, "jam") == D("0.1920")


def test_the_same_time_in_minutes_or_hours_gives_the_same_need():
    assert need(300, 90, "menit") == need(300, D("1.5"), "jam") == D("0.3600")


def test_daily_task_is_measured_against_a_day_of_effective_time():
    # 20 x 5 min = 100 min per day against 300 min (5 h) per day.
    assert need(20, 5, period="hari") == D("0.3333")
    assert need(20, 5, period="hari") == need(20 * 250, 5, period="tahun")


def test_weekly_and_monthly_tasks_scale_by_50_and_12_periods():
    assert need(4, 30, period="minggu") == D("0.0800")
    assert need(1, 2, "jam", period="bulan") == D("0.0192")


def test_an_older_base_of_1200_hours_changes_the_need():
    assert need(1200, 10, wke=D("1200")) == D("0.1667")


def test_need_keeps_four_decimals_not_two():
    assert need(1, 25) == D("0.0003")
    assert need(100, 1) == D("0.0013")
    assert str(need(20, 5, period="hari")) == "0.3333"


def test_zero_volume_or_zero_time_needs_nobody():
    assert need(0, 10) == D("0.0000")
    assert need(10, 0) == D("0.0000")


def test_decimal_volume_and_comma_input_are_exact():
    assert need("2,5", "30000") == need(D("2.5"), 30000) == D("1.0000")
    assert need(0.1, 750000) == D("1.0000")


def test_clerk_job_total_is_the_sum_of_its_tasks_and_rounds_half_up_to_one():
    result = job(CLERK, bezetting=1)
    assert result.task_needs == [D("0.1600"), D("0.1920"), D("0.3333"), D("0.0800"), D("0.0192")]
    assert result.raw == D("0.7845")
    assert result.rounded == 1
    assert result.headcount == 1
    assert result.difference == 0
    assert result.status == "sesuai"


def test_clerk_job_efficiency_with_one_person_is_graded_cukup():
    # 12,000 + 14,400 + 25,000 + 6,000 + 1,440 = 58,840 min / 75,000 = 0.7845
    result = job(CLERK, bezetting=1)
    assert result.total_minutes == D("58840")
    assert result.total_hours == D("58840") / 60
    assert result.ej == D("0.7845")
    assert result.grade == calc.Grade("C", "Cukup")


def test_clerk_job_with_two_people_shows_a_surplus_and_grade_kurang():
    result = job(CLERK, bezetting=2)
    assert result.difference == 1
    assert result.status == "kelebihan"
    assert result.ej == D("0.3923")  # 58,840 / 150,000
    assert result.grade.code == "E"


def test_half_up_and_up_rounding_differ_below_the_half():
    tasks = [calc.Task(D("2.4999") * 75000, 1)]
    assert job(tasks, rounding=calc.HALF_UP).rounded == 2
    assert job(tasks, rounding=calc.UP).rounded == 3


def test_half_up_rounds_an_exact_half_up_and_up_keeps_whole_numbers():
    half = [calc.Task(D("2.5") * 75000, 1)]
    whole = [calc.Task(2 * 75000, 1)]
    assert job(half, rounding=calc.HALF_UP).rounded == 3
    assert job(half, rounding=calc.UP).rounded == 3
    assert job(whole, rounding=calc.UP).rounded == 2
    assert job(whole, rounding=calc.HALF_UP).rounded == 2


def test_up_rounding_turns_a_small_workload_into_one_person():
    result = job([calc.Task(100, 10)], rounding=calc.UP)
    assert result.raw == D("0.0133")
    assert result.rounded == 1
    assert job([calc.Task(100, 10)], rounding=calc.HALF_UP).rounded == 0


def test_zero_bezetting_shows_the_full_shortage_and_no_efficiency():
    result = job(CLERK, bezetting=0)
    assert result.difference == -1
    assert result.status == "kekurangan"
    assert result.ej is None
    assert result.grade is None


def test_a_job_without_tasks_needs_nobody():
    result = job([], bezetting=3)
    assert result.raw == D("0")
    assert result.rounded == 0
    assert result.difference == 3
    assert result.ej == D("0")
    assert result.grade.code == "E"


def test_a_job_with_many_tasks_adds_them_all():
    # 40 tasks of 250 items x 15 min = 3,750 min = 0.05 each; 40 x 0.05 = 2.
    result = job([calc.Task(250, 15)] * 40, bezetting=3)
    assert result.raw == D("2.0000")
    assert result.rounded == 2
    assert result.difference == 1
    assert result.ej == D("0.6667")
    assert result.grade.code == "D"


def test_a_fixed_leadership_post_counts_one_whatever_the_workload():
    result = job([calc.Task(10, 60)], bezetting=1, fixed=1)
    assert result.raw == D("0.0080")
    assert result.rounded == 0
    assert result.headcount == 1
    assert result.is_fixed
    assert result.difference == 0


@pytest.mark.parametrize(
    ("ej", "expected"),
    [
        ("1.2000", "A"),
        ("1.0050", "A"),  # 1.01 after rounding to two decimals
        ("1.0049", "B"),
        ("1.0000", "B"),
        ("0.9000", "B"),
        ("0.8950", "B"),
        ("0.8949", "C"),
        ("0.7000", "C"),
        ("0.6999", "C"),
        ("0.6949", "D"),
        ("0.5000", "D"),
        ("0.4949", "E"),
        ("0", "E"),
    ],
)
def test_efficiency_grades_follow_the_permendagri_table(ej, expected):
    assert calc.grade(D(ej), DEFAULT_PJ_THRESHOLDS).code == expected


def test_grade_thresholds_are_data_passed_in():
    strict = [("A", "Tinggi", ">=", "0.95"), ("B", "Rendah", ">=", "0")]
    assert calc.grade(D("0.95"), strict) == calc.Grade("A", "Tinggi")
    assert calc.grade(D("0.90"), strict).code == "B"
    assert calc.grade(D("0.1"), [("A", "x", ">", "0.5")]) is None


def test_efficiency_is_workload_over_people_times_wke():
    assert calc.efficiency(D("150000"), 2, WKE) == D("1.0000")
    assert calc.efficiency(D("75000"), 3, WKE) == D("0.3333")
    assert calc.efficiency(D("75000"), 0, WKE) is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"volume": -1, "time": 1},
        {"volume": 1, "time": -1},
        {"volume": "abc", "time": 1},
        {"volume": "NaN", "time": 1},
        {"volume": 1, "time": 1, "period": "abad"},
        {"volume": 1, "time": 1, "unit": "detik"},
        {"volume": 1, "time": 1, "wke": 0},
    ],
)
def test_bad_input_is_refused(kwargs):
    with pytest.raises(ValueError):
        need(**kwargs)


def test_unknown_rounding_mode_and_negative_bezetting_are_refused():
    with pytest.raises(ValueError):
        calc.round_headcount(D("1.5"), "sekenanya")
    with pytest.raises(ValueError):
        job(CLERK, bezetting=-1)


def random_task(rng):
    return calc.Task(
        volume=D(rng.randint(0, 5000)) / rng.choice([1, 10, 100]),
        time=D(rng.randint(0, 600)) / rng.choice([1, 4, 10]),
        time_unit=rng.choice(list(calc.TIME_UNITS)),
        period=rng.choice(list(PERIODS)),
    )


def test_property_per_task_needs_always_sum_to_the_raw_total():
    rng = random.Random(20200101)
    for _ in range(300):
        tasks = [random_task(rng) for _ in range(rng.randint(0, 30))]
        wke = rng.choice([WKE, D("1200"), D("1300")])
        result = job(tasks, bezetting=rng.randint(0, 9), wke=wke)
        assert sum(result.task_needs, D(0)) == result.raw
        assert len(result.task_needs) == len(tasks)
        # Each four-decimal row is within half a unit of the fourth decimal of the exact figure.
        exact = result.total_minutes / (wke * 60)
        assert abs(result.raw - exact) <= D("0.00005") * len(tasks)


def test_property_rounding_is_within_one_of_the_raw_total_and_never_negative():
    rng = random.Random(75000)
    for _ in range(300):
        tasks = [random_task(rng) for _ in range(rng.randint(0, 12))]
        half = job(tasks, rounding=calc.HALF_UP)
        up = job(tasks, rounding=calc.UP)
        assert 0 <= half.rounded <= up.rounded <= half.rounded + 1
        assert abs(half.rounded - half.raw) <= D("0.5")
        assert 0 <= up.rounded - up.raw < 1


task_strategy = st.builds(
    calc.Task,
    volume=st.decimals(min_value=0, max_value=100000, places=2),
    time=st.decimals(min_value=0, max_value=10000, places=2),
    time_unit=st.sampled_from(sorted(calc.TIME_UNITS)),
    period=st.sampled_from(sorted(PERIODS)),
)


@settings(max_examples=300, deadline=None)
@given(
    tasks=st.lists(task_strategy, max_size=40),
    bezetting=st.integers(min_value=0, max_value=50),
    wke=st.sampled_from([D("1250"), D("1200"), D("1300")]),
    rounding=st.sampled_from([calc.HALF_UP, calc.UP]),
)
def test_hypothesis_task_needs_sum_to_the_total_and_the_figures_agree(
    tasks, bezetting, wke, rounding
):
    result = job(tasks, bezetting=bezetting, rounding=rounding, wke=wke)
    assert sum(result.task_needs, D(0)) == result.raw
    assert all(n == n.quantize(D("0.0001")) for n in result.task_needs)
    assert result.difference == bezetting - result.headcount
    assert abs(result.raw - result.total_minutes / (wke * 60)) <= D("0.00005") * len(tasks)
    if bezetting:
        assert result.ej == (result.total_minutes / (bezetting * wke * 60)).quantize(
            D("0.0001"), rounding="ROUND_HALF_UP"
        )
    else:
        assert result.ej is None and result.grade is None


@pytest.mark.parametrize(
    ("unit", "period", "expected"),
    [
        ("menit", "tahun", "75000"),
        ("menit", "hari", "300"),
        ("menit", "minggu", "1500"),
        ("menit", "bulan", "6250"),
        ("jam", "tahun", "1250"),
        ("jam", "hari", "5"),
        ("jam", "minggu", "25"),
    ],
)
def test_the_effective_time_of_a_period_is_the_yearly_wke_divided_by_its_count(
    unit, period, expected
):
    wke = calc.period_wke(
        D("1250"), time_unit=unit, period=period, periods_per_year=DEFAULT_PERIODS_PER_YEAR
    )
    assert wke == D(expected)


def test_a_task_over_its_periods_effective_time_is_its_need():
    # 20 letters a day x 5 minutes / 300 minutes a day = the yearly figure, 0.3333.
    per_day = calc.period_wke(
        D("1250"), time_unit="menit", period="hari", periods_per_year=DEFAULT_PERIODS_PER_YEAR
    )
    need = calc.task_need(
        20,
        5,
        time_unit="menit",
        period="hari",
        wke_hours=D("1250"),
        periods_per_year=DEFAULT_PERIODS_PER_YEAR,
    )
    assert (D(20) * 5 / per_day).quantize(D("0.0001")) == need == D("0.3333")


# Exact halves (mutation testing, docs/mutation.md): the guide rounds half up, Python's default
# context rounds half to even, so a figure ending in 5 at the fifth decimal must go up.
def test_a_task_need_exactly_half_way_rounds_up():
    # 15 rapat x 6.25 min = 93.75 min / 75,000 min = 0.00125 -> 0.0013 (half-even: 0.0012).
    assert need(15, D("6.25")) == D("0.0013")


def test_an_efficiency_exactly_half_way_rounds_up():
    # 52,593.75 min / (1 x 75,000 min) = 0.70125 -> 0.7013 (half-even: 0.7012).
    assert calc.efficiency(D("52593.75"), 1, WKE) == D("0.7013")


def test_an_empty_job_still_shows_four_decimals_and_its_people():
    result = job([], bezetting=3)
    assert str(result.raw) == "0.0000"
    assert result.bezetting == 3


def test_any_positive_effective_time_is_accepted_even_one_hour_or_less():
    # 1 task of 60 min against a WKE of 1 h (60 min) is one person; half an hour is two.
    assert need(1, 60, wke=1) == D("1.0000")
    assert need(1, 60, wke=D("0.5")) == D("2.0000")
