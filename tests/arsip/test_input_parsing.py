"""Posted ids of the E-Arsip forms are read by a form field: odd values never answer 500."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arsip import services
from arsip.models import HakAkses, PermohonanAkses
from sisp import roles
from tests.factories import UnitFactory

ODD = ["²", "1e5000", "999999999999999999999", "-1", "nan", "1" * 5000, "1\x00", "", " "]
ODD_VALUES = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str))
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


@pytest.fixture
def request_setup(make_user, make_naskah, office, unit):
    other = UnitFactory(office=office, name="Divisi Hukum")
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    author = make_user(roles.STAF, office=office, unit=unit)
    outsider = make_user(roles.STAF, office=office, unit=other)
    naskah = make_naskah(office=office, unit=unit, created_by=author, kelas="R")
    item = services.request_access(user=outsider, uraian="Surat 7", tujuan="Telaah")
    return {"kasubag": kasubag, "item": item, "naskah": naskah}


@pytest.mark.parametrize("value", ["²", "1e5000", "999999999999999999999"])
def test_an_odd_next_naskah_closes_the_file_and_goes_back_to_the_list(
    client, arsiparis, make_naskah, office, unit, value
):
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis)
    client.force_login(arsiparis)
    response = client.post(
        reverse("arsip:close_berkas", args=[naskah.berkas_id]),
        {"tanggal_tutup": "2024-01-31", "next_naskah": value},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("arsip:retensi")
    naskah.berkas.refresh_from_db()
    assert naskah.berkas.tanggal_tutup == date(2024, 1, 31)


@pytest.mark.parametrize("value", ["²", "999999999999999999999", "1\x00"])
def test_an_odd_naskah_ref_is_a_form_error_and_grants_nothing(client, request_setup, value):
    client.force_login(request_setup["kasubag"])
    item = request_setup["item"]
    response = client.post(
        reverse("arsip:decide", args=[item.pk]),
        {
            "keputusan": "setujui",
            "naskah_ref": value,
            "berlaku_sampai": timezone.localdate() + timedelta(days=3),
        },
    )
    assert response.status_code == 200
    assert "Naskah tidak ditemukan di antara naskah yang dapat Anda lihat." in response.text
    assert not HakAkses.objects.exists()
    item.refresh_from_db()
    assert item.status == PermohonanAkses.Status.DIAJUKAN


@HYPOTHESIS
@given(value=ODD_VALUES)
def test_property_odd_naskah_ref_never_answers_500_nor_grants(client, request_setup, value):
    client.force_login(request_setup["kasubag"])
    item = request_setup["item"]
    response = client.post(
        reverse("arsip:decide", args=[item.pk]),
        {"keputusan": "setujui", "naskah_ref": value, "berlaku_sampai": timezone.localdate()},
    )
    assert response.status_code == 200
    assert not HakAkses.objects.exists()


@HYPOTHESIS
@given(next_naskah=ODD_VALUES, berkas=st.lists(ODD_VALUES, max_size=3))
def test_property_odd_ids_in_retention_forms_never_answer_500(
    client, arsiparis, make_naskah, office, unit, next_naskah, berkas
):
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis)
    client.force_login(arsiparis)
    response = client.post(
        reverse("arsip:close_berkas", args=[naskah.berkas_id]),
        {"tanggal_tutup": "2024-01-31", "next_naskah": next_naskah},
    )
    assert response.status_code == 302
    before = naskah.berkas.status_retensi
    response = client.post(reverse("arsip:move_inactive"), {"berkas": berkas})
    assert response.status_code < 500
    naskah.berkas.refresh_from_db()
    assert naskah.berkas.status_retensi == before


# The E-Arsip pages that read the query string, with what they read.
FILTERS = ["q", "kode", "kelas", "tahun", "unit", "status", "urut", "halaman"]
PAGES = [
    ("arsip:index", FILTERS),
    ("arsip:export", FILTERS),
    ("arsip:retensi", ["daftar"]),
]


@pytest.fixture
def readers(make_user, make_naskah, office, unit, arsiparis):
    """An archivist, a staff member and a Kepala Subbagian, with one record to find."""
    make_naskah(office=office, unit=unit, created_by=arsiparis)
    staf = make_user(roles.STAF, office=office, unit=unit)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    return [arsiparis, staf, kasubag]


@HYPOTHESIS
@given(value=ODD_VALUES, page=st.sampled_from(PAGES), htmx=st.booleans())
def test_property_odd_query_parameters_of_the_arsip_pages_never_answer_500(
    client, readers, value, page, htmx
):
    url_name, params = page
    headers = {"HX-Request": "true"} if htmx else {}
    for user in readers:
        client.force_login(user)
        response = client.get(reverse(url_name), dict.fromkeys(params, value), headers=headers)
        assert response.status_code in (200, 403), (url_name, user, value)
        if response.streaming:
            b"".join(response.streaming_content)


@pytest.mark.parametrize("value", ["²", "1e5000", "999999999999", "1\x00"])
def test_odd_filters_show_every_record_the_reader_sees(client, readers, value):
    client.force_login(readers[0])
    response = client.get(reverse("arsip:index"), dict.fromkeys(FILTERS, value))
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert len(response.context["page"].object_list) == 1
