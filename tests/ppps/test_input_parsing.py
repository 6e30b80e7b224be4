"""The public pages answer HEAD like GET (the receipts: tests/ppps/test_aduan_receipt.py, the
reporter's letters: tests/ppps/test_public_lookup.py); ``?aduan=`` of the new-case page is read by a form
field, so a superscript digit or a huge number is a 404, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppps import services
from ppps.models import Aduan, Perkara
from tests.refusals import not_found, nothing_changes

ODD = ["²", "1e5000", "999999999999999999999", "-1", "nan", "1" * 5000, "1\x00", "1'", " "]
ODD_VALUES = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str))


def _public_urls(office):
    return [
        reverse("sisp:home"),
        reverse("sisp:office_home", args=[office.slug]),
        reverse("sisp:healthz"),
        reverse("ppps_public:cek"),
        reverse("ppps_public:cek") + "?nomor=001%2FPL%2FPW%2F2024",
        reverse("ppps_public:pelapor"),
        reverse("ppps_public:aduan"),
        reverse("ppps_public:aduan_status"),
        reverse("ppps_public:statistik"),
        reverse("ppps_public:statistik") + f"?kantor={office.slug}",
        reverse("sisp:login"),
        reverse("sisp:password_reset"),
    ]


@pytest.mark.django_db
def test_public_pages_answer_head_like_get(client, office, reference):
    for url in _public_urls(office):
        got = client.get(url)
        head = client.head(url)
        assert got.status_code == 200, url
        assert head.status_code == 200, url
        assert head["Content-Type"] == got["Content-Type"], url
        assert head.content == b"", url


@pytest.mark.django_db
def test_an_unknown_office_answers_head_with_404(client, office):
    assert client.head(reverse("sisp:office_home", args=["tidak-ada"])).status_code == 404


@pytest.mark.django_db
def test_the_public_pages_still_refuse_other_methods(client, office):
    assert client.put(reverse("sisp:home")).status_code == 405
    assert client.delete(reverse("ppps_public:cek")).status_code == 405


@pytest.mark.parametrize("value", ["²", "999999999999999999999", "1e5000", "-1"])
def test_an_odd_aduan_id_is_not_found_and_creates_no_case(client, office, petugas, pilwali, value):
    services.submit_aduan(office=office, data={"uraian": "x", "nama": "Dewi Lestari"})
    client.force_login(petugas)
    url = reverse("ppps:perkara_add")
    assert client.get(url, {"aduan": value}).status_code == 404
    response = client.post(
        f"{url}?aduan={value}",
        {
            "jenis": "laporan",
            "pemilihan": pilwali.pk,
            "tanggal_diketahui": "2024-10-02",
            "tanggal_diterima": "2024-10-03",
            "pelapor_nama": "Dewi Lestari",
        },
    )
    assert response.status_code == 404
    assert not Perkara.objects.exists()
    assert Aduan.objects.get().perkara_id is None


def test_the_aduan_of_another_office_is_not_found(client, other_office, petugas, pilwali):
    aduan, _ = services.submit_aduan(
        office=other_office, data={"uraian": "x", "nama": "Dewi Lestari"}
    )
    client.force_login(petugas)
    response = client.get(reverse("ppps:perkara_add"), {"aduan": str(aduan.pk)})
    assert "Dewi" not in not_found(response)
    with nothing_changes(aduan, Perkara):
        not_found(
            client.post(
                f"{reverse('ppps:perkara_add')}?aduan={aduan.pk}",
                {
                    "jenis": "laporan",
                    "pemilihan": pilwali.pk,
                    "tanggal_diketahui": "2024-10-02",
                    "tanggal_diterima": "2024-10-03",
                    "pelapor_nama": "Dewi Lestari",
                },
            )
        )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=ODD_VALUES, head=st.booleans())
def test_property_odd_aduan_ids_never_answer_500(
    client, office, petugas, ketua, pilwali, value, head
):
    for user in (petugas, ketua):
        client.force_login(user)
        url = reverse("ppps:perkara_add")
        response = client.get(url, {"aduan": value})
        assert response.status_code in (200, 403, 404)
        response = client.get(reverse("ppps:aduan_list"), {"status": value, "halaman": value})
        assert response.status_code in (200, 403)
    client.logout()
    for url in (reverse("ppps_public:cek"), reverse("ppps_public:statistik")):
        method = client.head if head else client.get
        response = method(url, {"nomor": value, "kantor": value})
        assert response.status_code in (200, 429)
    assert not Perkara.objects.exists()


# The staff pages of Info PPPS that read the query string, with what they read.
STAFF_PAGES = [
    ("ppps:perkara_list", ["nomor", "jenis", "regime", "tahapan", "petugas", "lewat", "halaman"]),
    ("ppps:aduan_list", ["status", "halaman"]),
    ("ppps:perkara_add", ["aduan"]),
]
PUBLIC_PAGES = [
    ("ppps_public:cek", ["nomor", "kantor"]),
    ("ppps_public:pelapor", ["nomor"]),
    ("ppps_public:aduan", ["kantor"]),
    ("ppps_public:aduan_status", ["kode"]),
    ("ppps_public:statistik", ["kantor"]),
]


@pytest.fixture
def case(make_perkara):
    """One case, made once for all the examples of a property test."""
    perkara = make_perkara()
    perkara.refresh_from_db()
    return perkara


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=ODD_VALUES, page=st.sampled_from(STAFF_PAGES + PUBLIC_PAGES))
def test_property_odd_query_parameters_of_every_ppps_page_never_answer_500(
    client, office, petugas, ketua, case, value, page
):
    url_name, params = page
    readers = (None,) if url_name.startswith("ppps_public:") else (petugas, ketua)
    for user in readers:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(reverse(url_name), dict.fromkeys(params, value))
        assert response.status_code in (200, 403, 404, 429), (url_name, value)
    assert Perkara.objects.count() == 1


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=ODD_VALUES)
def test_property_an_odd_case_id_in_a_confirmed_takeover_changes_nothing(
    client, office, ketua, case, value
):
    perkara = case
    before = (perkara.office_id, perkara.updated_at)
    client.force_login(ketua)
    response = client.post(
        reverse("ppps:perkara_takeover"), {"konfirmasi": "1", "perkara": value, "nomor": value}
    )
    assert response.status_code == 200  # the form again, with its error
    perkara.refresh_from_db()
    assert (perkara.office_id, perkara.updated_at) == before
    assert not perkara.pelimpahan.exists()
