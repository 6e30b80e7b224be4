"""Deadlines as the law says: every seeded stage of both regimes against dates counted by hand
from the cited article, across Idul Fitri, Nyepi, Christmas and cuti bersama of 2024-2026
(the installation's holiday data, SKB 3 Menteri). The same table is in docs/ppps.md.

A row: (regime, kinds, stage code, start, extended, expected). ``start`` is the date the stage
counts from (its ``counted_from``); for a limit in hours it is a moment and so is ``expected``.
``expected`` None: the stage has no limit.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone

from ppps import deadlines
from ppps.models import HariLibur, Tahapan

LT = ("laporan", "temuan")
L, T, S = ("laporan",), ("temuan",), ("sengketa",)


def at(y, m, d, hh, mm):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


TABLE = [
    # --- Pemilu (UU 7/2017, Perbawaslu 7/2022: "Hari" = hari kerja) ---
    # 2 hari kerja from Fri 5 Apr 2024: 8-9 cuti, 10-11 Idul Fitri, 12 and 15 cuti -> 16, 17.
    ("pemilu", L, "penerimaan", date(2024, 4, 5), False, date(2024, 4, 17)),
    # Tue 17 Mar 2026: 18 cuti, 19 Nyepi, 20 cuti, 21-22 Idul Fitri, 23-24 cuti -> 25, 26.
    ("pemilu", LT, "kajian-awal", date(2026, 3, 17), False, date(2026, 3, 26)),
    ("pemilu", L, "perlu-dilengkapi", date(2024, 4, 5), False, None),
    ("pemilu", LT, "registrasi", date(2024, 4, 5), False, None),
    # 7 hari kerja from Mon 23 Dec 2024: 24, (25 Natal, 26 cuti), 27, 30, 31, (1 Jan), 2, 3, 6.
    ("pemilu", LT, "klarifikasi", date(2024, 12, 23), False, date(2025, 1, 6)),
    # Thu 27 Mar 2025: 28 cuti, 29 Nyepi, 31 Mar-1 Apr Idul Fitri, 2-4 and 7 cuti -> 8..16 Apr.
    ("pemilu", LT, "kajian", date(2025, 3, 27), False, date(2025, 4, 16)),
    # +7 hari kerja (14 in all, Pasal 454(8)): 17, (18 Wafat Yesus Kristus), 21..25, 28.
    ("pemilu", LT, "kajian", date(2025, 3, 27), True, date(2025, 4, 28)),
    ("pemilu", LT, "pemberitahuan", date(2025, 3, 27), False, None),
    ("pemilu", LT, "tindak-lanjut", date(2025, 3, 27), False, None),
    # Temuan: 7 hari kerja from found Fri 20 Dec 2024: 23, 24, (25, 26), 27, 30, 31, (1), 2, 3.
    ("pemilu", T, "penerimaan", date(2024, 12, 20), False, date(2025, 1, 3)),
    # Gakkumdu: hours run through holidays (Idul Fitri 10 Apr 2024, Natal 25 Dec 2025).
    (
        "pemilu",
        LT,
        "gakkumdu-pembahasan-pertama",
        at(2024, 4, 9, 14, 30),
        False,
        at(2024, 4, 10, 14, 30),
    ),
    # Within the kajian: Mon 16 Mar 2026 -> 17, (18-24 Nyepi, Idul Fitri, cuti), 25..31, 1 Apr.
    ("pemilu", LT, "gakkumdu-pembahasan-kedua", date(2026, 3, 16), False, date(2026, 4, 1)),
    ("pemilu", LT, "penerusan-penyidik", at(2025, 12, 24, 16, 0), False, at(2025, 12, 25, 16, 0)),
    # 14 hari (calendar) from Fri 4 Apr 2025 ends on Good Friday 18 Apr: it does not move.
    ("pemilu", LT, "penyidikan", date(2025, 4, 4), False, date(2025, 4, 18)),
    # TSM 14 hari kerja from Mon 1 Apr 2024: 2-5, (8-15 Lebaran), 16-19, 22-26, 29.
    ("pemilu", LT, "tsm-pemeriksaan", date(2024, 4, 1), False, date(2024, 4, 29)),
    # 3 hari kerja from Tue 23 Dec 2025: 24, (25 Natal, 26 cuti), 29, 30.
    ("pemilu", LT, "tsm-tindak-lanjut-kpu", date(2025, 12, 23), False, date(2025, 12, 30)),
    # Sengketa: verification the same day, even on a Saturday or a holiday.
    ("pemilu", S, "permohonan", date(2024, 4, 13), False, date(2024, 4, 13)),
    ("pemilu", S, "verifikasi", date(2024, 4, 10), False, date(2024, 4, 10)),
    # 3 hari kerja from the KPU decision Fri 5 Apr 2024: (8-15 Lebaran) 16, 17, 18.
    ("pemilu", S, "perbaikan", date(2024, 4, 5), False, date(2024, 4, 18)),
    ("pemilu", S, "registrasi", date(2024, 4, 5), False, None),
    # 2 hari kerja from Tue 24 Dec 2024: (25 Natal, 26 cuti) 27, 30.
    ("pemilu", S, "mediasi", date(2024, 12, 24), False, date(2024, 12, 30)),
    # 12 hari kerja from Wed 19 Mar 2025: 20..27 (6), (28 Mar-7 Apr), 8..15 Apr (6).
    ("pemilu", S, "adjudikasi", date(2025, 3, 19), False, date(2025, 4, 15)),
    # 12 hari kerja from Fri 11 Dec 2026: 14..23 (8), (24 cuti, 25 Natal), 28..31 (4).
    ("pemilu", S, "putusan", date(2026, 12, 11), False, date(2026, 12, 31)),
    # 5 hari kerja from Tue 17 Mar 2026: (18-24) 25, 26, 27, 30, 31.
    ("pemilu", S, "ptun", date(2026, 3, 17), False, date(2026, 3, 31)),
    # --- Pemilihan / Pilkada (UU 1/2015 jo. UU 10/2016) ---
    # 3 hari from receipt Mon 8 Apr 2024 ends on Idul Fitri 11 Apr (calendar days do not move).
    ("pemilihan", L, "penerimaan", date(2024, 4, 8), False, date(2024, 4, 11)),
    ("pemilihan", L, "penerimaan", date(2024, 4, 8), True, date(2024, 4, 13)),
    ("pemilihan", LT, "kajian-awal", date(2025, 12, 24), False, date(2025, 12, 27)),
    ("pemilihan", L, "perlu-dilengkapi", date(2026, 3, 19), False, date(2026, 3, 21)),
    ("pemilihan", LT, "registrasi", date(2026, 3, 19), False, None),
    ("pemilihan", LT, "klarifikasi", date(2026, 3, 10), False, date(2026, 3, 13)),
    ("pemilihan", LT, "klarifikasi", date(2026, 3, 10), True, date(2026, 3, 15)),
    ("pemilihan", LT, "kajian", date(2024, 12, 24), False, date(2024, 12, 27)),
    ("pemilihan", LT, "kajian", date(2024, 12, 24), True, date(2024, 12, 29)),
    ("pemilihan", LT, "pemberitahuan", date(2024, 12, 24), False, None),
    ("pemilihan", LT, "tindak-lanjut", date(2024, 12, 24), False, None),
    # Temuan: 7 hari from found Fri 5 Apr 2024 -> Fri 12 Apr (cuti bersama; does not move).
    ("pemilihan", T, "penerimaan", date(2024, 4, 5), False, date(2024, 4, 12)),
    (
        "pemilihan",
        LT,
        "gakkumdu-pembahasan-pertama",
        at(2026, 3, 20, 9, 15),
        False,
        at(2026, 3, 21, 9, 15),
    ),
    ("pemilihan", LT, "gakkumdu-pembahasan-kedua", date(2025, 3, 29), False, date(2025, 4, 1)),
    (
        "pemilihan",
        LT,
        "penerusan-penyidik",
        at(2024, 12, 24, 17, 45),
        False,
        at(2024, 12, 25, 17, 45),
    ),
    ("pemilihan", LT, "penyidikan", date(2024, 4, 8), False, date(2024, 4, 22)),
    # TSM 14 hari kerja from Thu 12 Mar 2026: 13, 16, 17, (18-24), 25..2 Apr, (3 Apr Wafat
    # Yesus Kristus), 6..9 Apr.
    ("pemilihan", LT, "tsm-pemeriksaan", date(2026, 3, 12), False, date(2026, 4, 9)),
    # 3 hari kerja from Wed 23 Dec 2026: (24 cuti, 25 Natal) 28, 29, 30.
    ("pemilihan", LT, "tsm-keberatan-ma", date(2026, 12, 23), False, date(2026, 12, 30)),
    ("pemilihan", S, "permohonan", date(2026, 3, 22), False, date(2026, 3, 22)),
    ("pemilihan", S, "verifikasi", date(2026, 3, 23), False, date(2026, 3, 23)),
    ("pemilihan", S, "perbaikan", date(2026, 3, 23), False, None),
    ("pemilihan", S, "registrasi", date(2026, 3, 23), False, None),
    ("pemilihan", S, "mediasi", date(2026, 3, 23), False, None),
    # 12 hari (?) from receipt Wed 3 Apr 2024 -> Mon 15 Apr 2024 (cuti bersama; does not move).
    ("pemilihan", S, "adjudikasi", date(2024, 4, 3), False, date(2024, 4, 15)),
    ("pemilihan", S, "putusan", date(2025, 12, 15), False, date(2025, 12, 27)),
    # UU 10/2016 Pasal 154: 3 hari kerja from Tue 1 Apr 2025 (Idul Fitri): (2-4, 7 cuti) 8, 9, 10.
    ("pemilihan", S, "keberatan", date(2025, 4, 1), False, date(2025, 4, 10)),
    # PT TUN 15 hari kerja from Fri 13 Dec 2024: 16..24 (7), (25, 26), 27, 30, 31, (1 Jan),
    # 2, 3, 6, 7, 8 Jan 2025.
    ("pemilihan", S, "pttun", date(2024, 12, 13), False, date(2025, 1, 8)),
    # Kasasi 5 hari kerja from Tue 31 Mar 2026: 1, 2, (3 Wafat Yesus Kristus), 6, 7, 8 Apr.
    ("pemilihan", S, "kasasi", date(2026, 3, 31), False, date(2026, 4, 8)),
]


def _params():
    for regime, kinds, code, start, extended, expected in TABLE:
        for jenis in kinds:
            yield pytest.param(
                regime, jenis, code, start, extended, expected, id=f"{regime}-{jenis}-{code}"
            )


@pytest.mark.parametrize(
    ("regime", "jenis", "code", "start", "extended", "expected"), list(_params())
)
def test_stage_deadline_as_counted_by_hand(db, regime, jenis, code, start, extended, expected):
    stage = Tahapan.objects.get(regime=regime, jenis=jenis, code=code, is_active=True)
    assert stage.legal_basis, "every stage cites its source"
    if isinstance(start, datetime):
        assert stage.day_type == deadlines.HOURS and not extended
        assert deadlines.moment_deadline(start, stage.days) == expected
        return
    holidays = HariLibur.objects.date_set()
    got = deadlines.deadline(
        start,
        stage.days,
        day_type=stage.day_type,
        holidays=holidays,
        extension_days=stage.extension_days if extended else 0,
    )
    assert got == expected


def test_the_table_covers_every_active_stage_of_both_regimes(db):
    covered = {(r, j, c) for r, kinds, c, *_ in TABLE for j in kinds}
    seeded = set(Tahapan.objects.filter(is_active=True).values_list("regime", "jenis", "code"))
    assert covered == seeded


def test_the_holiday_data_holds_the_cuti_bersama_the_table_relies_on(db):
    cuti = set(
        HariLibur.objects.filter(kind=HariLibur.Kind.CUTI_BERSAMA).values_list("date", flat=True)
    )
    # SKB 3 Menteri on cuti bersama 2024, 2025 and 2026.
    for day in [
        date(2024, 3, 12), date(2024, 4, 8), date(2024, 4, 9), date(2024, 4, 12),
        date(2024, 4, 15), date(2024, 12, 26), date(2025, 3, 28), date(2025, 4, 2),
        date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7), date(2025, 12, 26),
        date(2026, 3, 18), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24),
        date(2026, 12, 24),
    ]:  # fmt: skip
        assert day in cuti, day
    national = set(HariLibur.objects.values_list("date", flat=True)) - cuti
    for day in [
        date(2024, 3, 11), date(2024, 4, 10), date(2024, 4, 11), date(2024, 12, 25),
        date(2025, 1, 1), date(2025, 3, 29), date(2025, 3, 31), date(2025, 4, 1),
        date(2025, 4, 18), date(2025, 12, 25), date(2026, 3, 19), date(2026, 4, 3),
        date(2026, 12, 25),
    ]:  # fmt: skip
        assert day in national, day
