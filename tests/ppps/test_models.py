import datetime

import pytest
from django.db import DatabaseError, connection, transaction

from ppps import reference_data, services
from ppps.models import (
    HariLibur,
    Jenis,
    Perkara,
    Pihak,
    Regime,
    RiwayatPerkara,
    StatusPerkara,
    Tahapan,
    initials,
)
from ppps.register import normalise_register


def test_data_migration_seeds_stages_for_every_regime_and_kind(db):
    for regime in Regime.values:
        for jenis in Jenis.values:
            assert Tahapan.objects.for_case(regime, jenis).count() >= 6, (regime, jenis)


def test_unconfirmed_limits_are_flagged_as_data_not_constants(db):
    # Pilkada's own kajian awal limit is not in the law (?): within the 3-day kajian, flagged.
    kajian_awal = Tahapan.objects.get(
        regime=Regime.PEMILIHAN, jenis=Jenis.LAPORAN, code="kajian-awal"
    )
    assert kajian_awal.is_unconfirmed and "(?)" in kajian_awal.legal_basis
    registrasi = Tahapan.objects.get(regime=Regime.PEMILU, jenis=Jenis.LAPORAN, code="registrasi")
    assert registrasi.is_unconfirmed and registrasi.days is None
    kajian = Tahapan.objects.get(regime=Regime.PEMILIHAN, jenis=Jenis.LAPORAN, code="kajian")
    assert (kajian.days, kajian.day_type, kajian.extension_days) == (3, "kalender", 2)


def test_temuan_has_no_completion_stage(db):
    codes = Tahapan.objects.for_case(Regime.PEMILU, Jenis.TEMUAN).values_list("code", flat=True)
    assert "perlu-dilengkapi" not in codes


def test_holidays_are_seeded_with_cuti_bersama(db):
    assert HariLibur.objects.filter(date=datetime.date(2024, 4, 10)).exists()
    cuti = HariLibur.objects.get(date=datetime.date(2025, 4, 7))
    assert cuti.kind == HariLibur.Kind.CUTI_BERSAMA


def test_loading_reference_data_twice_adds_nothing_and_keeps_office_edits(db):
    StatusPerkara.objects.filter(code="diterima").update(name="Laporan diterima")
    assert reference_data.load_all() == 0
    assert StatusPerkara.objects.get(code="diterima").name == "Laporan diterima"


@pytest.mark.parametrize(
    "typed",
    [
        "001/Reg/LP/PB/Kab/08.07/X/2024",
        "1/reg/lp/pb/kab/8.7/x/2024",
        " 001 / REG / LP / PB / KAB / 08.07 / X / 2024 ",
        "001\\Reg\\LP\\PB\\Kab\\08.07\\X\\2024",
        "//001//Reg/LP/PB/Kab/08.07/X/2024/",
        "0001-Reg-LP-PB-Kab-08.07-X-2024",
    ],
)
def test_register_numbers_are_matched_forgivingly(typed):
    assert normalise_register(typed) == normalise_register("001/Reg/LP/PB/Kab/08.07/X/2024")


def test_different_register_numbers_stay_different():
    assert normalise_register("001/Reg/LP/PB/Kab/08.07/X/2024") != normalise_register(
        "010/Reg/LP/PB/Kab/08.07/X/2024"
    )
    assert normalise_register("001/Reg/LP") != normalise_register("001/Reg/TM")


def test_initials_of_a_terlapor():
    assert initials("Budi Santoso") == "B.S."
    assert initials("h. ahmad  m. yusuf") == "H.A.M.Y."
    assert initials("") == ""


def test_receiving_a_case_starts_its_first_stage_with_a_deadline(make_perkara):
    perkara = make_perkara()
    assert perkara.tahapan.code == "penerimaan"
    # Pilkada: the office's own clock, 3 calendar days after receipt (Mon 7 Oct 2024), UU
    # 10/2016 Pasal 134(5); the reporter's 7 days from knowing is checked, not the deadline.
    assert perkara.batas_waktu == datetime.date(2024, 10, 10)
    assert perkara.status.code == "diterima"
    assert perkara.riwayat.get().kind == RiwayatPerkara.Kind.DITERIMA
    assert perkara.check_pin(perkara.pin) and not perkara.check_pin("WRONG")


def test_moving_to_kajian_counts_from_receipt_and_extension_adds_two_days(make_perkara, petugas):
    perkara = make_perkara()
    kajian = Tahapan.objects.get(regime=Regime.PEMILIHAN, jenis=Jenis.LAPORAN, code="kajian")
    perkara = services.move_to_stage(
        perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 8)
    )
    assert perkara.batas_waktu == datetime.date(2024, 10, 10)
    perkara = services.extend_deadline(perkara, user=petugas, catatan="Perlu keterangan tambahan")
    assert perkara.batas_waktu == datetime.date(2024, 10, 12)
    assert perkara.riwayat.count() == 3


def test_pemilu_kajian_deadline_skips_holidays_from_the_calendar(make_perkara, pemilu, petugas):
    perkara = make_perkara(pemilihan=pemilu, tanggal_diterima=datetime.date(2024, 4, 3))
    services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 4, 5))
    kajian = Tahapan.objects.get(regime=Regime.PEMILU, jenis=Jenis.LAPORAN, code="kajian")
    perkara = services.move_to_stage(
        perkara, kajian, user=petugas, tanggal=datetime.date(2024, 4, 5)
    )
    # 7 working days after Friday 5 April 2024, Lebaran week (8-12, 15 April) off.
    assert perkara.batas_waktu == datetime.date(2024, 4, 24)


def test_terlapor_initials_are_derived_for_the_public_page(make_perkara, petugas):
    perkara = make_perkara()
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.TERLAPOR, nama="Sutrisno Wibowo"), user=petugas
    )
    perkara.refresh_from_db()
    assert perkara.terlapor_inisial == "S.W."


def test_history_cannot_be_updated_or_deleted_through_the_orm(make_perkara):
    event = make_perkara().riwayat.get()
    event.catatan = "diubah"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        RiwayatPerkara.objects.filter(pk=event.pk).update(catatan="x")
    with pytest.raises(PermissionError):
        RiwayatPerkara.objects.filter(pk=event.pk).delete()


def test_a_case_with_history_cannot_be_deleted(make_perkara):
    from django.db.models import ProtectedError

    perkara = make_perkara()
    with pytest.raises(ProtectedError):
        perkara.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on Postgres only")
def test_postgres_refuses_raw_update_and_delete_of_history(make_perkara):
    event = make_perkara().riwayat.get()
    for sql in (
        "UPDATE ppps_riwayatperkara SET catatan = 'x' WHERE id = %s",
        "DELETE FROM ppps_riwayatperkara WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert RiwayatPerkara.objects.filter(pk=event.pk, catatan=event.catatan).exists()


def test_visible_to_is_limited_to_own_office_and_ppps_roles(
    make_perkara, petugas, petugas_other, staf, ketua
):
    perkara = make_perkara()
    assert list(Perkara.objects.visible_to(petugas)) == [perkara]
    assert list(Perkara.objects.visible_to(ketua)) == [perkara]
    assert not Perkara.objects.visible_to(petugas_other).exists()
    assert not Perkara.objects.visible_to(staf).exists()
