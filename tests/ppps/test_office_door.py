"""Each office's door: /kantor/<office>/ is that office's public home; a complaint started there
reaches that office; `/` of a province installation helps the citizen find their office."""

import re

import pytest
from django.urls import reverse

from ppps.models import Aduan
from sisp.models import Office
from tests.factories import OfficeFactory
from tests.refusals import not_found

pytestmark = pytest.mark.django_db
FORM = reverse("ppps_public:aduan")
PUBLIC_PAGES = ["/", "/cek/", "/aduan/", "/statistik/", "/masuk/"]


@pytest.fixture
def province(db):
    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur",
        short_name="Bawaslu Jatim",
        level=Office.Level.PROVINSI,
        code="P.JI",
        slug="jawa-timur",
    )
    kota = OfficeFactory(
        name="Bawaslu Kota Mojokerto", code="K.JI-11.07", slug="kota-mojokerto", parent=prov
    )
    kab = OfficeFactory(
        name="Bawaslu Kabupaten Mojokerto",
        level=Office.Level.KABUPATEN,
        code="K.JI-11.06",
        slug="kabupaten-mojokerto",
        parent=prov,
    )
    OfficeFactory(
        name="Bawaslu Kota Surabaya", code="K.JI-11.78", slug="kota-surabaya", parent=prov
    )
    return {"prov": prov, "kota": kota, "kab": kab}


def selected_office(body):
    """The pk of the office the rendered complaint form would send, as a browser would."""
    select = re.search(r'<select name="kantor".*?</select>', body, re.S).group(0)
    chosen = re.findall(r'<option value="(\d*)" selected>', select)
    return int(chosen[0]) if chosen and chosen[0] else None


def complaint(kantor, **extra):
    return {
        "kantor": kantor or "",
        "uraian": "Ada pembagian sembako berlogo calon di balai RW 03.",
        "situs": "",
        **extra,
    }


def test_a_complaint_started_on_an_office_page_reaches_that_office(client, province):
    page = client.get(reverse("sisp:office_home", args=["kota-mojokerto"])).content.decode()
    link = re.search(r'id="link-aduan" href="([^"]+)"', page).group(1)
    form = client.get(link).content.decode()
    assert selected_office(form) == province["kota"].pk
    response = client.post(link, complaint(selected_office(form)))
    aduan = Aduan.objects.get()
    assert aduan.office == province["kota"]
    body = response.content.decode()
    assert "Aduan Anda diterima oleh Bawaslu Kota Mojokerto" in body
    assert "Bawaslu Provinsi Jawa Timur" not in body.split("<main", 1)[1]


def test_without_an_office_page_the_form_preselects_no_office_and_requires_one(client, province):
    body = client.get(FORM).content.decode()
    assert selected_office(body) is None
    assert '<option value="" selected>— Pilih kantor —</option>' in body
    response = client.post(FORM, complaint(None))
    assert response.status_code == 200
    assert "Pilih kantor Bawaslu yang dituju." in response.content.decode()
    assert not Aduan.objects.exists()


def test_an_unknown_office_in_the_link_preselects_nothing(client, province):
    assert selected_office(client.get(FORM, {"kantor": "tidak-ada"}).content.decode()) is None


def test_a_single_office_installation_preselects_its_only_office(client, office):
    assert selected_office(client.get(FORM).content.decode()) == office.pk


def test_home_of_a_province_installation_helps_find_the_office(client, province):
    body = client.get("/").content.decode()
    assert "Cari kantor Bawaslu Anda" in body
    assert "<h1>Bawaslu Provinsi Jawa Timur" not in body
    for slug in ("kota-mojokerto", "kabupaten-mojokerto", "kota-surabaya", "jawa-timur"):
        assert f'href="/kantor/{slug}/"' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mojokerto", {"kota-mojokerto", "kabupaten-mojokerto"}),
        ("Kab Mojokerto", {"kabupaten-mojokerto"}),
        ("kabupaten mojokerto", {"kabupaten-mojokerto"}),
        ("KOTA  surabaya", {"kota-surabaya"}),
        ("Bawaslu Kota Mojokerto", {"kota-mojokerto"}),
    ],
)
def test_the_office_finder_filters_by_kab_kota_name_without_javascript(
    client, province, query, expected
):
    body = client.get("/", {"q": query}).content.decode()
    listed = set(re.findall(r'<li><a href="/kantor/([\w-]+)/">', body))
    assert listed == expected


def test_the_office_finder_says_plainly_when_nothing_matches(client, province):
    response = client.get("/", {"q": "Atlantis" + "<script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="tidak-ada-kantor"' in body and "<script>" not in body.split("<main", 1)[1]


def test_office_page_shows_its_identity_lookup_complaint_and_statistics(client, province):
    response = client.get(reverse("sisp:office_home", args=["kota-mojokerto"]))
    body = response.content.decode()
    assert '<h1 id="judul-kantor">Bawaslu Kota Mojokerto</h1>' in body
    assert 'action="/cek/"' in body
    assert 'href="/aduan/?kantor=kota-mojokerto"' in body
    assert 'href="/statistik/?kantor=kota-mojokerto"' in body
    assert "<strong>Bawaslu Kota Mojokerto</strong>" in body  # the header
    assert not isinstance(response.context["office"], Office)


def test_an_inactive_or_unknown_office_page_is_a_404(client, province):
    Office.objects.filter(pk=province["kab"].pk).update(is_active=False)
    from sisp.views.public import forget_public_offices

    forget_public_offices()
    assert province["kab"].name not in not_found(client.get("/kantor/kabupaten-mojokerto/"))
    not_found(client.get("/kantor/tidak-ada/"))


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_never_call_themselves_internal(client, province, path):
    body = client.get(path).content.decode()
    assert "Internal" not in body


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_single_office_installation_shows_that_office_on_every_public_page(client, office, path):
    body = client.get(path).content.decode()
    assert "Internal" not in body
    assert f"<strong>{office.name}</strong>" in body


def test_statistics_of_an_office_carry_its_identity(client, province):
    body = client.get("/statistik/", {"kantor": "kota-mojokerto"}).content.decode()
    assert "<strong>Bawaslu Kota Mojokerto</strong>" in body
    assert '<option value="kota-mojokerto" selected>' in body


def test_the_confirmation_says_when_to_expect_an_answer_and_how_to_add_information(
    client, province
):
    import datetime

    from django.utils import timezone

    from ppps.models import HariLibur
    from ppps.public import tanggal_id

    kota = province["kota"]
    kota.aduan_answer_days = 3
    kota.phone, kota.email = "0321-000000", "kota@example.test"
    kota.save()
    today = timezone.localdate()
    first_working = today + datetime.timedelta(days=1)
    while first_working.weekday() >= 5:
        first_working += datetime.timedelta(days=1)
    HariLibur.objects.get_or_create(date=first_working, defaults={"name": "Libur uji"})
    holidays = set(HariLibur.objects.values_list("date", flat=True))
    # Counted by hand: three working days after today, skipping weekends and holidays.
    day, left = today, 3
    while left:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    response = client.post(FORM + "?kantor=kota-mojokerto", complaint(kota.pk))
    body = response.content.decode()
    assert f'<strong id="dijawab-paling-lambat">{tanggal_id(day)}</strong> (3 hari kerja)' in body
    ticket = Aduan.objects.get().kode_tiket
    extra = body.split('id="tambah-keterangan"', 1)[1].split("</p>", 1)[0]
    assert ticket in extra and "0321-000000" in extra and "kota@example.test" in extra


@pytest.mark.parametrize(
    ("path", "queries"),
    [("/", 1), ("/?q=mojokerto", 1), ("/kantor/kota-mojokerto/", 1), ("/aduan/", 2)],
)
def test_public_door_pages_stay_within_their_queries(
    client, province, path, queries, django_assert_max_num_queries
):
    from sisp.views.public import forget_public_offices

    forget_public_offices()  # a cold process: the office list is read once
    with django_assert_max_num_queries(queries):
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(queries - 1):  # then held per process
        assert client.get(path).status_code == 200


def test_the_complaint_status_page_names_the_office_from_plain_values(client, province):
    from ppps import services

    item, pin = services.submit_aduan(office=province["kota"], data={"uraian": "Ada politik uang."})
    response = client.post(
        reverse("ppps_public:aduan_status"), {"kode_tiket": item.kode_tiket, "pin": pin}
    )
    facts = response.context["aduan"]
    assert isinstance(facts, dict) and facts["kantor"] == "Bawaslu Kota Mojokerto"
    assert "oleh Bawaslu Kota Mojokerto" in response.content.decode()
