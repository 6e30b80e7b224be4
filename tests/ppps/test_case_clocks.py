"""The case's own clocks (issue 11 part 2): the office's first duty, the reporter's window as
a warning, limits in hours (Gakkumdu), tracks, and the explanation of each deadline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import Perkara, RiwayatPerkara, Tahapan

D = datetime.date


@pytest.fixture
def lapor(make_perkara, pemilu):
    def make(known, received, **fields):
        return make_perkara(
            pemilihan=pemilu, tanggal_diketahui=known, tanggal_diterima=received, **fields
        )

    return make


def test_a_report_filed_on_its_last_day_is_not_overdue_the_next_day(lapor):
    # Known Mon 1 Apr 2024: 7 hari kerja (UU 7/2017 Pasal 454(6)) are 2-5 and 16-18 April
    # (8-15 April Lebaran), so Thu 18 April is the last day to file.
    perkara = lapor(D(2024, 4, 1), D(2024, 4, 18))
    holidays = services.holidays_for(perkara.tanggal_diterima)
    assert not perkara.filed_late(holidays)
    # The office's kajian awal: 2 hari kerja from receipt, Fri 19 and Mon 22 April.
    assert perkara.batas_waktu == D(2024, 4, 22)
    state = perkara.deadline_state(D(2024, 4, 19), holidays)
    assert not state.is_overdue


def test_a_late_report_warns_staff_but_keeps_the_offices_own_deadline(client, lapor, petugas):
    perkara = lapor(D(2024, 4, 1), D(2024, 4, 19))
    assert perkara.filed_late(services.holidays_for(perkara.tanggal_diterima))
    assert perkara.batas_waktu == D(2024, 4, 23)
    client.force_login(petugas)
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert 'id="peringatan-tenggang"' in body
    assert "Kamis, 18 April 2024" in body and "UU 7/2017 Pasal 454(6)" in body


def test_a_report_on_time_shows_no_warning(client, lapor, petugas):
    perkara = lapor(D(2024, 4, 1), D(2024, 4, 18))
    client.force_login(petugas)
    assert 'id="peringatan-tenggang"' not in client.get(perkara.get_absolute_url()).content.decode()


def test_the_case_page_explains_how_its_deadline_was_counted(client, lapor, petugas):
    perkara = lapor(D(2024, 4, 4), D(2024, 4, 5))
    client.force_login(petugas)
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert "Cara menghitung batas waktu ini" in body
    assert "Jumat, 5 April 2024 (hari itu tidak dihitung)" in body
    assert "dilewati: Sabtu" in body and "dilewati: Minggu" in body
    assert "dilewati: Cuti bersama: Cuti Bersama Hari Raya Idul Fitri" in body
    assert "dilewati: Libur nasional: Hari Raya Idul Fitri" in body
    assert "hari ke-2" in body and "Rabu, 17 April 2024" in body
    assert "Perbawaslu 7/2022 Pasal 15(1)" in body


def _stage(perkara, code):
    return Tahapan.objects.get(regime=perkara.regime, jenis=perkara.jenis, code=code)


def test_forwarding_to_the_police_is_due_24_hours_after_the_decision(lapor, petugas):
    perkara = lapor(D(2024, 12, 20), D(2024, 12, 23))
    decided = timezone.make_aware(datetime.datetime(2024, 12, 24, 15, 30))
    perkara = services.move_to_stage(
        perkara,
        _stage(perkara, "penerusan-penyidik"),
        user=petugas,
        tanggal=D(2024, 12, 24),
        mulai_pada=decided,
    )
    due = timezone.make_aware(datetime.datetime(2024, 12, 25, 15, 30))  # Natal counts: hours
    assert perkara.batas_waktu_pada == due and perkara.batas_waktu == D(2024, 12, 25)
    before, after = due - datetime.timedelta(minutes=1), due + datetime.timedelta(minutes=1)
    open_cases = Perkara.objects.filter(pk=perkara.pk)
    assert not open_cases.overdue(today=D(2024, 12, 25), now=before).exists()
    assert open_cases.overdue(today=D(2024, 12, 25), now=after).exists()
    state = perkara.deadline_state(D(2024, 12, 25), now=after)
    assert state.is_overdue and state.moment == due


def test_moving_to_an_hour_stage_on_a_past_day_needs_the_time(client, lapor, petugas):
    perkara = lapor(D(2024, 12, 20), D(2024, 12, 23))
    stage = _stage(perkara, "penerusan-penyidik")
    client.force_login(petugas)
    url = reverse("ppps:perkara_move", args=[perkara.pk])
    response = client.post(
        url, {"pindah-tahapan": stage.pk, "pindah-tanggal": "2024-12-24"}, follow=True
    )
    assert "isi jam keputusannya" in response.content.decode()
    perkara.refresh_from_db()
    assert perkara.tahapan.code == "penerimaan" and perkara.batas_waktu_pada is None
    assert not perkara.riwayat.filter(kind=RiwayatPerkara.Kind.TAHAP).exists()
    client.post(
        url, {"pindah-tahapan": stage.pk, "pindah-tanggal": "2024-12-24", "pindah-jam": "15:30"}
    )
    perkara.refresh_from_db()
    assert perkara.tahapan == stage
    assert timezone.localtime(perkara.batas_waktu_pada).strftime("%Y-%m-%d %H:%M") == (
        "2024-12-25 15:30"
    )
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert "pukul 15.30" in body


def test_a_case_moves_on_along_its_own_track(lapor, petugas):
    perkara = lapor(D(2024, 12, 20), D(2024, 12, 23))
    assert perkara.next_stage().code == "kajian-awal"
    perkara = services.move_to_stage(
        perkara, _stage(perkara, "gakkumdu-pembahasan-pertama"), user=petugas
    )
    assert perkara.next_stage().code == "gakkumdu-pembahasan-kedua"
    perkara = services.move_to_stage(perkara, _stage(perkara, "penyidikan"), user=petugas)
    assert perkara.next_stage() is None  # not into the TSM track
    tsm = services.move_to_stage(
        lapor(D(2024, 12, 20), D(2024, 12, 23)),
        _stage(perkara, "tsm-pemeriksaan"),
        user=petugas,
    )
    assert tsm.next_stage().code == "tsm-tindak-lanjut-kpu"


def test_pilkada_disputes_have_their_own_stages(pilwali):
    codes = list(
        Tahapan.objects.for_case("pemilihan", "sengketa")
        .order_by("order")
        .values_list("code", flat=True)
    )
    assert codes[-3:] == ["keberatan", "pttun", "kasasi"] and "ptun" not in codes
    pttun = Tahapan.objects.get(regime="pemilihan", jenis="sengketa", code="pttun")
    assert (pttun.days, pttun.day_type) == (15, "kerja") and "Pasal 154" in pttun.legal_basis
    putusan = Tahapan.objects.get(regime="pemilihan", jenis="sengketa", code="putusan")
    assert putusan.is_unconfirmed and "(?)" in putusan.legal_basis
