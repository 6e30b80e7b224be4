"""Every Info PPPS page passes the project's static accessibility audit (language, landmarks,
one h1, a label for every field) and stays under the page-weight limit with its assets."""

import pytest
from django.urls import reverse

from ppps import services
from tests.sisp.test_accessibility import audit_page
from tests.sisp.test_page_weight import LIMIT, first_load_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(make_perkara, petugas, office):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    perkara = services.register_perkara(perkara, user=petugas)
    for _ in range(20):
        make_perkara()
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "x"})
    return {
        "public": [
            reverse("ppps_public:cek"),
            reverse("ppps_public:cek") + "?nomor=" + perkara.nomor_register,
            reverse("ppps_public:cek") + "?nomor=tidak-ada",
            reverse("ppps_public:aduan"),
            reverse("ppps_public:aduan_status"),
            reverse("ppps_public:statistik"),
        ],
        "staff": [
            reverse("ppps:index"),
            reverse("ppps:perkara_list"),
            reverse("ppps:perkara_add"),
            perkara.get_absolute_url(),
            reverse("ppps:perkara_edit", args=[perkara.pk]),
            reverse("ppps:pihak_add", args=[perkara.pk]),
            reverse("ppps:aduan_list"),
            reverse("ppps:aduan_detail", args=[aduan.pk]),
        ],
    }


def test_public_pages_pass_the_accessibility_audit_and_weight_limit(client, pages):
    for url in pages["public"]:
        response = client.get(url)
        assert response.status_code == 200, url
        audit_page(response.content.decode())
        assert first_load_bytes(response) < LIMIT, url


def test_staff_pages_pass_the_accessibility_audit_and_weight_limit(client, pages, petugas):
    client.force_login(petugas)
    for url in pages["staff"]:
        response = client.get(url)
        assert response.status_code == 200, url
        audit_page(response.content.decode())
        assert first_load_bytes(response) < LIMIT, url


def test_case_page_has_no_duplicate_ids(client, pages, petugas):
    import re

    client.force_login(petugas)
    html = client.get(pages["staff"][3]).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_public_pages_carry_no_inline_script_or_style(client, pages):
    for url in pages["public"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html, url


def test_public_pages_load_no_htmx_and_describe_themselves(client, pages):
    """htmx (52 KB to parse and run on a phone: Lighthouse's blocking time) serves signed-in
    pages only; every public page has a meta description (Lighthouse SEO) and stays far under
    the weight limit, its assets included."""
    import re

    from django.urls import reverse

    public = [*pages["public"], reverse("sisp:home")]
    for url in public:
        html = client.get(url).content.decode()
        assert "htmx" not in html, url
        assert re.search(r'<meta name="description" content="[^"]{40,}">', html), url
        assert first_load_bytes(client.get(url)) < 40 * 1024, url
