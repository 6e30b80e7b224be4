"""The counting functions behind the ABK form's volume suggestions count only what the
analysing unit may see: nothing of another office, of another unit, or of a class above what
the person filling in the form may read; and numbers only."""

import datetime
import itertools

import pytest

from abk_anjab import volumes
from arsip.models import Naskah
from ppps import reference_data as ppps_reference
from ppps import services as ppps_services
from ppps.models import Aduan, Jenis, Pemilihan, Regime, Tahapan
from sisp import roles
from tests.factories import UnitFactory

from .helpers import YEAR, naskah

_seq = itertools.count(1)
KODE = "arsip.kode:KA.01"


@pytest.fixture
def records(arsip_data, office, other_office, subbag_adm, subbag_hukum, make_user):
    """One record the unit's staff may count, and beside it the records they may not."""
    registrar = make_user(roles.ARSIPARIS, office=office, unit=subbag_hukum, username="reg")
    elsewhere = make_user(roles.ARSIPARIS, office=other_office, username="reg.lain")
    other_office_unit = UnitFactory(office=other_office, name="Subbagian Administrasi")
    naskah(office=office, unit=subbag_adm, created_by=registrar)  # counted
    naskah(office=office, unit=subbag_adm, created_by=registrar, kode="KA.01")  # counted (code)
    hidden = [
        naskah(office=office, unit=subbag_hukum, created_by=registrar),  # another unit
        naskah(office=other_office, unit=other_office_unit, created_by=elsewhere),  # office
        naskah(office=office, unit=subbag_adm, created_by=registrar, kelas="R"),  # class
        naskah(office=office, unit=subbag_adm, created_by=registrar, kelas="SR"),  # class
    ]
    # Of the unit and visible, but of another year or another code.
    naskah(
        office=office, unit=subbag_adm, created_by=registrar, tanggal=datetime.date(2024, 12, 31)
    )
    naskah(office=office, unit=subbag_adm, created_by=registrar, kode="KA.00")
    return hidden


def _count(user, unit, key, year):
    from django.apps import apps

    config = apps.get_app_config(key.split(".", 1)[0])
    return config.volume_counts(user, unit, year, [key])[key]


def test_staff_count_of_a_filing_code_leaves_out_other_units_offices_and_higher_classes(
    records, staf_adm, subbag_adm
):
    # Two of the unit's Biasa records of KA.01 (one of the code itself, one beneath it) in 2025.
    assert _count(staf_adm, subbag_adm, KODE, YEAR) == 2


def test_a_reader_of_every_unit_still_counts_only_the_analysing_unit(records, korsek, subbag_adm):
    # The Koordinator Sekretariat reads Biasa of every unit: the record of Subbagian Hukum is
    # visible to them, yet not counted for Subbagian Administrasi.
    assert Naskah.objects.visible_to(korsek).filter(pk=records[0].pk).exists()
    assert _count(korsek, subbag_adm, KODE, YEAR) == 2 + 2  # and the R and SR of the unit


def test_a_higher_class_counts_only_for_whoever_may_read_it(records, kasubag_adm, subbag_adm):
    # The unit's head reads every class of the unit: Rahasia and Sangat Rahasia count for them.
    assert _count(kasubag_adm, subbag_adm, KODE, YEAR) == 4


def test_another_office_never_counts_and_its_unit_is_refused(records, stranger, subbag_adm):
    assert _count(stranger, subbag_adm, KODE, YEAR) == 0


def test_count_by_kind_and_year(records, staf_adm, subbag_adm):
    assert _count(staf_adm, subbag_adm, "arsip.jenis:surat", YEAR) == 3  # KA.01.02, KA.01, KA.00
    assert _count(staf_adm, subbag_adm, "arsip.jenis:surat", 2024) == 1
    assert _count(staf_adm, subbag_adm, "arsip.jenis:laporan", YEAR) == 0


def test_counts_are_numbers_never_rows(records, staf_adm, subbag_adm):
    from django.apps import apps

    found = apps.get_app_config("arsip").volume_counts(
        staf_adm, subbag_adm, YEAR, [KODE, "arsip.jenis:surat", "arsip.bogus", "ppps.aduan"]
    )
    assert found == {KODE: 2, "arsip.jenis:surat": 3}
    assert all(type(v) is int for v in found.values())


def test_sources_offer_only_codes_of_records_the_user_may_see(records, staf_adm, subbag_adm):
    keys = {
        key for key, _label in dict(volumes.source_choices(staf_adm, subbag_adm)[1:])["E-Arsip"]
    }
    assert {"arsip.kode:KA.01", "arsip.kode:KA.01.02", "arsip.kode:KA.00"} <= keys
    # Nobody who lacks the case rights is offered a case source.
    assert not any(k.startswith("ppps.") for k in keys)
    groups = dict(volumes.source_choices(staf_adm, subbag_adm)[1:])
    assert "Info PPPS" not in groups


# --- Info PPPS


@pytest.fixture
def pilwali(office, db):
    ppps_reference.load_all()
    return Pemilihan.objects.create(
        office=office, name="Pemilihan 2024", regime=Regime.PEMILIHAN, code="PW", year=2024
    )


@pytest.fixture
def cases(pilwali, office, other_office, subbag_hukum, subbag_adm, make_user):
    """Cases received in 2025: two handled by Subbagian Hukum, one by Subbagian Administrasi,
    one of another office."""
    officer = make_user(roles.PETUGAS_PPPS, roles.STAF, office=office, unit=subbag_hukum)
    colleague = make_user(roles.PETUGAS_PPPS, office=office, unit=subbag_adm)
    foreign = make_user(roles.PETUGAS_PPPS, office=other_office, username="ppps.lain")
    foreign_pemilihan = Pemilihan.objects.create(
        office=other_office, name="Pemilihan 2024", regime=Regime.PEMILIHAN, code="PW", year=2024
    )
    day = {"tanggal_diterima": datetime.date(YEAR, 5, 2)}
    for user, pemilihan in [
        (officer, pilwali),
        (officer, pilwali),
        (colleague, pilwali),
        (foreign, foreign_pemilihan),
    ]:
        ppps_services.receive_perkara(
            office=pemilihan.office, user=user, jenis=Jenis.LAPORAN, pemilihan=pemilihan, **day
        )
    for who, where in [(officer, office), (colleague, office), (foreign, other_office)]:
        Aduan.objects.create(
            office=where,
            kode_tiket=f"T{next(_seq)}",
            pin_hash="x",
            uraian="Aduan",
            triaged_by=who,
            created_at=datetime.datetime(YEAR, 6, 1, 9, tzinfo=datetime.UTC),
        )
    return officer


def test_cases_and_complaints_count_for_the_unit_of_their_officer_only(cases, subbag_hukum):
    first = Tahapan.objects.filter(regime=Regime.PEMILIHAN, jenis=Jenis.LAPORAN).order_by("order")[
        0
    ]
    assert _count(cases, subbag_hukum, "ppps.perkara", YEAR) == 2
    assert _count(cases, subbag_hukum, f"ppps.tahap:{first.code}", YEAR) == 2
    assert _count(cases, subbag_hukum, "ppps.aduan", YEAR) == 1
    assert _count(cases, subbag_hukum, "ppps.perkara", 2024) == 0


def test_who_may_not_read_cases_gets_no_number_for_them(cases, staf_hukum, subbag_hukum):
    from django.apps import apps

    found = apps.get_app_config("ppps").volume_counts(
        staf_hukum, subbag_hukum, YEAR, ["ppps.perkara", "ppps.aduan", "ppps.tahap:penerimaan"]
    )
    assert found == {}
    counter = volumes.Counter(staf_hukum, _Analysis(subbag_hukum))
    assert counter.suggestion("ppps.aduan").count is None


class _Analysis:
    """The two attributes of an analysis a Counter reads."""

    def __init__(self, unit):
        self.pk = 0
        self.tahun = YEAR + 1
        self.jabatan = type("J", (), {"unit": unit})()
