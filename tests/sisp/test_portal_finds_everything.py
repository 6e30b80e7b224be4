"""The portal finds links by their keywords and internal modules by theirs, shows a new
favourite at once, keeps "Keluar" in sight, and counts clicks per unit for SPBE reports."""

import io

import openpyxl
import pytest
from django.urls import reverse

from ppps import services as ppps_services
from ppps.models import Aduan
from sisp import roles
from sisp.models import LinkClick
from tests.factories import LinkFactory, UnitFactory

pytestmark = pytest.mark.django_db
PORTAL = reverse("sisp:portal")


def titles(response):
    links = [link.title for _, group in response.context["categories"] for link in group]
    return links, [m["title"] for m in response.context["modules"]]


def test_keywords_and_folded_words_find_links_without_javascript(client, staf, office):
    LinkFactory(office=office, title="SIMPEG", keywords="gaji, absen", roles=[roles.STAF])
    LinkFactory(office=office, title="e-Kinerja", roles=[roles.STAF])
    LinkFactory(office=office, title="JDIH", roles=[roles.STAF])
    client.force_login(staf)
    assert titles(client.get(PORTAL, {"q": "GAJI"}))[0] == ["SIMPEG"]
    assert titles(client.get(PORTAL, {"q": "absen"}))[0] == ["SIMPEG"]
    assert titles(client.get(PORTAL, {"q": "ekinerja"}))[0] == ["e-Kinerja"]
    assert sorted(titles(client.get(PORTAL))[0]) == ["JDIH", "SIMPEG", "e-Kinerja"]
    empty = client.get(PORTAL, {"q": "tidakada"})
    assert titles(empty) == ([], [])
    assert "Tidak ada tautan yang cocok" in empty.content.decode()


def test_search_finds_internal_modules_by_their_keywords(client, make_user, office):
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(ketua)
    assert "E-Arsip" in titles(client.get(PORTAL, {"q": "surat"}))[1]
    assert "Info PPPS" in titles(client.get(PORTAL, {"q": "sengketa"}))[1]
    assert titles(client.get(PORTAL, {"q": "sengketa"}))[1] == ["Info PPPS"]


def test_search_never_reaches_links_of_another_office_or_role(client, staf, office, other_office):
    LinkFactory(office=other_office, title="Gaji lain", keywords="gaji", roles=[roles.STAF])
    LinkFactory(office=office, title="Gaji Ketua", keywords="gaji", roles=[roles.KETUA])
    client.force_login(staf)
    response = client.get(PORTAL, {"q": "gaji"})
    assert titles(response)[0] == []
    assert "Gaji lain" not in response.content.decode()
    assert "Gaji Ketua" not in response.content.decode()


def test_a_favourite_shows_in_the_list_at_once_with_htmx(client, staf, office):
    link = LinkFactory(office=office, title="SRIKANDI", roles=[roles.STAF])
    client.force_login(staf)
    response = client.post(reverse("sisp:toggle_favorite", args=[link.pk]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="daftar-tautan">')
    favourites = body.split("Favorit saya", 1)
    assert len(favourites) == 2 and "SRIKANDI" in favourites[1]


def test_keluar_is_a_visible_button_outside_the_user_menu(client, staf):
    client.force_login(staf)
    body = client.get(PORTAL).content.decode()
    menu = body[body.index('<details class="user-menu">') : body.index("</details>")]
    assert "Keluar" not in menu
    assert 'class="logout-button">Keluar</button>' in body


def test_clicks_are_counted_per_unit_and_month_and_exported(
    client, make_user, office, other_office, admin_user_sisp
):
    link = LinkFactory(office=office, title="SIPS", roles=[roles.STAF])
    hukum = UnitFactory(office=office, name="Subbagian Hukum")
    umum = UnitFactory(office=office, name="Subbagian Umum")
    for unit, times in ((hukum, 2), (umum, 1)):
        client.force_login(make_user(roles.STAF, office=office, unit=unit))
        for _ in range(times):
            assert client.get(reverse("sisp:go", args=[link.pk])).status_code == 302
    client.force_login(make_user(roles.STAF, office=office, unit=None))
    client.get(reverse("sisp:go", args=[link.pk]))
    counts = {
        (c.unit.name if c.unit else None): c.count for c in LinkClick.objects.filter(link=link)
    }
    assert counts == {"Subbagian Hukum": 2, "Subbagian Umum": 1, None: 1}
    # Another office's clicks never reach this office's report.
    theirs = LinkFactory(office=other_office, title="Tautan kantor lain", roles=[roles.STAF])
    client.force_login(make_user(roles.STAF, office=other_office))
    client.get(reverse("sisp:go", args=[theirs.pk]))

    client.force_login(admin_user_sisp)
    page = client.get(reverse("sisp:click_stats"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Subbagian Hukum" in body and "(tanpa unit kerja)" in body
    assert "Tautan kantor lain" not in body
    export = client.get(reverse("sisp:click_stats_xlsx"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1][:2] == ["Tautan", "Unit kerja"] and rows[1][-1] == "Jumlah"
    by_unit = {r[1]: r[-1] for r in rows[2:-1]}
    assert by_unit == {"Subbagian Hukum": 2, "Subbagian Umum": 1, "(tanpa unit kerja)": 1}
    assert rows[-1][0] == "Jumlah" and rows[-1][-1] == 4


def test_click_report_refuses_other_roles_and_bad_years(client, staf, admin_user_sisp):
    client.force_login(staf)
    assert client.get(reverse("sisp:click_stats")).status_code == 403
    assert client.get(reverse("sisp:click_stats_xlsx")).status_code == 403
    client.force_login(admin_user_sisp)
    for bad in ("²", "1e5000", "99999"):
        response = client.get(reverse("sisp:click_stats"), {"tahun": bad})
        assert response.status_code == 400
        assert "Tahun" in response.content.decode()
        assert client.get(reverse("sisp:click_stats_xlsx"), {"tahun": bad}).status_code == 400


def test_ketua_reads_complaints_but_cannot_triage_them(client, make_user, office, other_office):
    aduan, _ = ppps_services.submit_aduan(office=office, data={"uraian": "Sembako di RW 03."})
    theirs, _ = ppps_services.submit_aduan(office=other_office, data={"uraian": "Lain."})
    client.force_login(make_user(roles.KETUA, office=office))
    listing = client.get(reverse("ppps:aduan_list")).content.decode()
    assert aduan.kode_tiket in listing and theirs.kode_tiket not in listing
    detail = client.get(reverse("ppps:aduan_detail", args=[aduan.pk]))
    assert detail.status_code == 200 and "Sembako di RW 03." in detail.content.decode()
    assert "Simpan telaah" not in detail.content.decode()
    assert client.get(reverse("ppps:aduan_detail", args=[theirs.pk])).status_code == 404
    refused = client.post(
        reverse("ppps:aduan_detail", args=[aduan.pk]),
        {"status": Aduan.Status.DITUTUP, "jawaban": "Ditutup."},
    )
    assert refused.status_code == 403
    aduan.refresh_from_db()
    assert aduan.status == Aduan.Status.BARU and aduan.jawaban == ""


def test_staf_still_reads_no_complaint(client, staf, office):
    aduan, _ = ppps_services.submit_aduan(office=office, data={"uraian": "x"})
    client.force_login(staf)
    assert client.get(reverse("ppps:aduan_list")).status_code == 403
    assert client.get(reverse("ppps:aduan_detail", args=[aduan.pk])).status_code == 403
