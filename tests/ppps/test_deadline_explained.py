"""The reporter's filing window, the day-by-day explanation of a deadline and hour limits
(ppps/deadlines.py), counted by hand on the March 2024 calendar: Friday 1 and Friday 8 March,
Nyepi on Monday 11 March. Pure: no database, so the mutation run (docs/mutation.md) can run
them for every mutant of the module."""

from datetime import date, datetime

from ppps import deadlines
from ppps.deadlines import FILING_WINDOWS, HOURS
from sisp.workdays import CALENDAR, WORKING

NYEPI = date(2024, 3, 11)
HOLIDAYS = {NYEPI: "Hari Suci Nyepi"}
PEMILU_LAPORAN = FILING_WINDOWS[("pemilu", "laporan")]
PILKADA_LAPORAN = FILING_WINDOWS[("pemilihan", "laporan")]


def test_a_pemilu_report_may_be_filed_for_seven_working_days():
    # Mon 4 .. Fri 8 are days 1-5; Sat 9, Sun 10 and Nyepi are skipped; Tue 12, Wed 13.
    last = deadlines.filing_deadline(PEMILU_LAPORAN, date(2024, 3, 1), HOLIDAYS)
    assert last == date(2024, 3, 13)


def test_a_pilkada_report_may_be_filed_for_seven_calendar_days():
    last = deadlines.filing_deadline(PILKADA_LAPORAN, date(2024, 3, 1), HOLIDAYS)
    assert last == date(2024, 3, 8)


def test_no_window_or_no_start_day_gives_no_filing_deadline():
    assert deadlines.filing_deadline(None, date(2024, 3, 1), HOLIDAYS) is None
    assert deadlines.filing_deadline(PEMILU_LAPORAN, None, HOLIDAYS) is None


def test_a_report_on_the_last_day_is_on_time_and_the_next_day_late():
    known = date(2024, 3, 1)
    assert not deadlines.filed_late(PEMILU_LAPORAN, known, date(2024, 3, 13), HOLIDAYS)
    assert deadlines.filed_late(PEMILU_LAPORAN, known, date(2024, 3, 14), HOLIDAYS)
    # Without the holiday the window would have ended a day earlier.
    assert deadlines.filed_late(PEMILU_LAPORAN, known, date(2024, 3, 13))
    assert not deadlines.filed_late(None, known, date(2030, 1, 1), HOLIDAYS)
    assert not deadlines.filed_late(PEMILU_LAPORAN, None, date(2030, 1, 1), HOLIDAYS)


# A day off inside the extension (not a real holiday: a test value), so the extension is
# seen to skip holidays too.
OFF_DAY = date(2024, 3, 15)


def _explained():
    return deadlines.explain(
        date(2024, 3, 8),
        2,
        day_type=WORKING,
        holidays={**HOLIDAYS, OFF_DAY: "Libur uji"},
        extension_days=3,
        counted_from="tanggal diterima",
        legal_basis="Perbawaslu 7/2022 Pasal 10",
    )


def test_a_working_day_deadline_is_explained_day_by_day_with_its_extension():
    explanation = _explained()
    assert explanation.start == date(2024, 3, 8)
    assert explanation.counted_from == "tanggal diterima"
    assert explanation.legal_basis == "Perbawaslu 7/2022 Pasal 10"
    assert explanation.day_type == WORKING
    # Tue 12, Wed 13; then the extension, in working days too: Thu 14, Mon 18, Tue 19.
    assert explanation.end == date(2024, 3, 19)
    assert explanation.moment is None
    normal, extension = explanation.counts
    assert normal.counted == (date(2024, 3, 12), date(2024, 3, 13))
    assert [(s.day, s.reason) for s in normal.skipped] == [
        (date(2024, 3, 9), "Sabtu"),
        (date(2024, 3, 10), "Minggu"),
        (NYEPI, "Hari Suci Nyepi"),
    ]
    assert extension.start == date(2024, 3, 13)
    assert extension.counted == (date(2024, 3, 14), date(2024, 3, 18), date(2024, 3, 19))
    assert [(s.day, s.reason) for s in extension.skipped] == [
        (OFF_DAY, "Libur uji"),
        (date(2024, 3, 16), "Sabtu"),
        (date(2024, 3, 17), "Minggu"),
    ]
    assert explanation.end == deadlines.deadline(
        date(2024, 3, 8),
        2,
        day_type=WORKING,
        holidays={**HOLIDAYS, OFF_DAY: "Libur uji"},
        extension_days=3,
    )


def test_an_explanation_without_a_source_or_start_label_says_nothing_of_them():
    explanation = deadlines.explain(date(2024, 3, 8), 1)
    assert explanation.counted_from == "" and explanation.legal_basis == ""


def test_a_deadline_without_an_extension_has_one_count():
    explanation = deadlines.explain(date(2024, 3, 8), 3, day_type=CALENDAR, holidays=HOLIDAYS)
    (count,) = explanation.counts
    assert count.counted == (date(2024, 3, 9), date(2024, 3, 10), NYEPI)
    assert count.skipped == ()
    assert explanation.end == NYEPI  # a calendar limit does not move off a holiday


def test_no_limit_or_no_start_explains_nothing():
    assert deadlines.explain(None, 3, holidays=HOLIDAYS) is None
    assert deadlines.explain(date(2024, 3, 8), None, holidays=HOLIDAYS) is None
    assert deadlines.describe(None) is None


def test_an_hour_limit_is_explained_as_its_moment():
    began = datetime(2024, 3, 8, 15, 30)
    explanation = deadlines.explain(
        date(2024, 3, 8), 24, day_type=HOURS, start_moment=began, legal_basis="Pasal 476(1)"
    )
    assert explanation.moment == datetime(2024, 3, 9, 15, 30)
    assert explanation.end == date(2024, 3, 9)
    assert explanation.counts == ()
    assert explanation.legal_basis == "Pasal 476(1)"
    assert explanation.start == date(2024, 3, 8) and explanation.day_type == HOURS
    assert explanation.counted_from == ""
    # The end is the day of the moment: 12 hours from 15:30 end the next morning.
    overnight = deadlines.explain(
        date(2024, 3, 8), 12, day_type=HOURS, start_moment=began, counted_from="putusan"
    )
    assert overnight.end == date(2024, 3, 9) and overnight.counted_from == "putusan"
    # Without the moment the stage began, the day of the end is still known.
    dayonly = deadlines.explain(date(2024, 3, 8), 48, day_type=HOURS)
    assert dayonly.moment is None and dayonly.end == date(2024, 3, 10)
    described = deadlines.describe(explanation)
    assert described["is_hours"] is True and described["working"] is False
    assert described["steps"] == []
    assert described["moment"] == datetime(2024, 3, 9, 15, 30)


def test_a_described_deadline_is_plain_values_in_day_order():
    described = deadlines.describe(_explained())
    assert described == {
        "start": date(2024, 3, 8),
        "counted_from": "tanggal diterima",
        "day_type": WORKING,
        "is_hours": False,
        "working": True,
        "steps": [
            {"day": date(2024, 3, 9), "counted": False, "reason": "Sabtu"},
            {"day": date(2024, 3, 10), "counted": False, "reason": "Minggu"},
            {"day": NYEPI, "counted": False, "reason": "Hari Suci Nyepi"},
            {"day": date(2024, 3, 12), "counted": True, "number": 1, "extension": 0},
            {"day": date(2024, 3, 13), "counted": True, "number": 2, "extension": 0},
            {"day": date(2024, 3, 14), "counted": True, "number": 1, "extension": 1},
            {"day": OFF_DAY, "counted": False, "reason": "Libur uji"},
            {"day": date(2024, 3, 16), "counted": False, "reason": "Sabtu"},
            {"day": date(2024, 3, 17), "counted": False, "reason": "Minggu"},
            {"day": date(2024, 3, 18), "counted": True, "number": 2, "extension": 1},
            {"day": date(2024, 3, 19), "counted": True, "number": 3, "extension": 1},
        ],
        "end": date(2024, 3, 19),
        "moment": None,
        "legal_basis": "Perbawaslu 7/2022 Pasal 10",
    }
    calendar = deadlines.describe(deadlines.explain(date(2024, 3, 8), 1))
    assert calendar["working"] is False and calendar["is_hours"] is False


def test_an_hour_limit_is_on_time_to_the_minute_and_late_the_minute_after():
    end = datetime(2024, 3, 9, 15, 30)
    on_time = deadlines.state(
        end.date(), date(2024, 3, 9), day_type=HOURS, moment=end, now=datetime(2024, 3, 9, 15, 30)
    )
    assert (on_time.is_overdue, on_time.is_near, on_time.days_left) == (False, True, 0)
    assert on_time.moment == end and on_time.deadline == end.date()
    assert on_time.days_late == 0
    late = deadlines.state(
        end.date(), date(2024, 3, 10), day_type=HOURS, moment=end, now=datetime(2024, 3, 10, 8)
    )
    assert (late.is_overdue, late.is_near, late.days_left, late.days_late) == (True, False, -1, 1)


def test_an_hour_limit_without_its_moment_counts_calendar_days():
    state = deadlines.state(NYEPI, date(2024, 3, 8), day_type=HOURS, holidays=HOLIDAYS)
    assert state.days_left == 3  # in working days it would be 0
    assert not state.is_overdue and not state.is_near


def test_an_hour_limit_known_only_by_its_moment_counts_by_the_day():
    """Without the time now, an hour limit is judged by its day, like a day limit."""
    end = datetime(2024, 3, 9, 15, 30)
    state = deadlines.state(end.date(), date(2024, 3, 10), day_type=HOURS, moment=end)
    assert (state.is_overdue, state.days_left, state.deadline) == (True, -1, end.date())
    state = deadlines.state(end.date(), date(2024, 3, 9), day_type=HOURS, now=end)
    assert (state.is_overdue, state.is_near, state.days_left) == (False, True, 0)


def test_the_working_days_left_skip_the_holidays():
    # After Fri 8: Nyepi on Mon 11 is skipped, so Tue 12 and Wed 13 are the two days left.
    state = deadlines.state(
        date(2024, 3, 13), date(2024, 3, 8), day_type=WORKING, holidays=HOLIDAYS
    )
    assert (state.days_left, state.is_near, state.is_overdue) == (2, True, False)
    assert state.deadline == date(2024, 3, 13)


def test_no_moment_or_no_hours_gives_no_moment_deadline():
    assert deadlines.moment_deadline(None, 24) is None
    assert deadlines.moment_deadline(datetime(2024, 3, 8, 9), None) is None
    assert deadlines.moment_deadline(datetime(2024, 3, 8, 9), 24) == datetime(2024, 3, 9, 9)
