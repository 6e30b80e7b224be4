"""Legal holds keep working when a case moves to another office (ppps/transfers.py): the
sending office's records linked to it stay held while the case goes on in the receiving
office; only an office that holds the case links records to it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from arsip import holds, services
from ppps import reference_data as ppps_reference
from ppps import services as ppps_services
from ppps import transfers
from ppps.models import Jenis, Pelimpahan, Pemilihan, Regime
from sisp import roles
from sisp.models import Office
from tests.arsip.conftest import pdf_upload
from tests.factories import OfficeFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(make_user, make_naskah, office, unit):
    ppps_reference.load_all()
    prov = OfficeFactory(name="Bawaslu Provinsi Uji", level=Office.Level.PROVINSI, code="P.UJ")
    office.parent = prov
    office.save()
    people = {
        "petugas": make_user(roles.PETUGAS_PPPS, office=office, unit=unit),
        "arsiparis": make_user(roles.ARSIPARIS, office=office, unit=unit),
        "ketua": make_user(roles.KETUA, office=office),
        "petugas_prov": make_user(
            roles.PETUGAS_PPPS, office=prov, unit=UnitFactory(office=prov, name="PP")
        ),
    }
    pemilu = Pemilihan.objects.create(
        office=office, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )
    case, _pin = ppps_services.receive_perkara(
        office=office,
        user=people["petugas"],
        jenis=Jenis.LAPORAN,
        pemilihan=pemilu,
        tanggal_diterima=date(2024, 10, 21),
        tanggal_diketahui=date(2024, 10, 20),
    )
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    services.add_version(naskah, pdf_upload("bukti"), user=people["arsiparis"])
    other = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    return {**people, "prov": prov, "case": case, "naskah": naskah, "other": other}


def _transfer(s):
    transfers.transfer_perkara(
        s["case"],
        user=s["ketua"],
        kind=Pelimpahan.Kind.PELIMPAHAN,
        to_office=s["prov"],
        reason="Kode etik.",
        legal_basis=transfers.DEFAULT_LEGAL_BASIS,
    )


def test_a_record_linked_before_the_transfer_stays_held_while_the_case_goes_on(setting):
    s = setting
    holds.link_perkara(s["case"], s["naskah"], by=s["petugas"])
    _transfer(s)
    assert holds.held_naskah_ids([s["naskah"].pk]) == {s["naskah"].pk}
    with pytest.raises(ValidationError):
        holds.assert_not_held(s["naskah"], action=holds.DISPOSE)


def test_the_sending_office_links_no_more_records_to_a_case_it_transferred(setting):
    s = setting
    _transfer(s)
    with pytest.raises(ValidationError, match="Perkara tidak ditemukan"):
        holds.link_perkara(s["case"], s["other"], by=s["petugas"])
    assert not s["other"].penahanan.exists()
    assert holds.held_naskah_ids([s["other"].pk]) == set()
