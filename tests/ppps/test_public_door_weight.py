"""Every public page of the citizen's door, in the state a citizen meets it, passes the static
accessibility audit and stays under 150 KB with its assets: the office finder of a province
with all its kab/kota offices, an office's own page, the complaint form sent back with errors
and kept attachments, the confirmation, the complaint status with an answer, a /cek/ result
with a long timeline, an office's statistics and both refusal (429) pages.

(`test_accessibility_and_weight.py` covers the empty forms and a one-stage /cek/ result.)"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppps import services
from ppps.models import Aduan, LampiranSementara, Tahapan
from sisp import roles
from sisp.models import Office
from tests.factories import OfficeFactory
from tests.sisp.test_accessibility import audit_page
from tests.sisp.test_page_weight import LIMIT, first_load_bytes

pytestmark = pytest.mark.django_db
FORM = reverse("ppps_public:aduan")
STATUS = reverse("ppps_public:aduan_status")
CEK = reverse("ppps_public:cek")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def check(response, what):
    assert response.status_code in (200, 429), (what, response.status_code)
    html = response.content.decode()
    audit_page(html)
    assert "<script>" not in html and " style=" not in html, what
    assert "Internal" not in html, what  # the public identity is the office's, never "Internal"
    size = first_load_bytes(response)
    assert size < LIMIT, (what, size)
    return html


@pytest.fixture
def jawa_timur(office):
    """A province with its 38 kab/kota offices (the size of Jawa Timur); ``office`` is one."""
    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur",
        level=Office.Level.PROVINSI,
        slug="jawa-timur",
        code="P.JT",
    )
    Office.objects.filter(pk=office.pk).update(parent=prov)
    for n in range(37):
        OfficeFactory(
            name=f"Bawaslu Kabupaten Contoh Nomor {n:02d}",
            level=Office.Level.KABUPATEN,
            slug=f"kabupaten-contoh-{n:02d}",
            code=f"K.JT-{n:02d}",
            parent=prov,
        )
    from sisp.views.public import forget_public_offices

    forget_public_offices()
    return prov


def test_the_office_finder_and_an_office_page_of_a_large_province(client, jawa_timur, office):
    html = check(client.get("/"), "/")
    assert html.count('href="/kantor/') >= 39  # every office is listed, none left out
    check(client.get("/", {"q": "contoh"}), "/?q=contoh")
    check(client.get("/", {"q": "tidak ada di mana pun"}), "/?q= no match")
    check(client.get(f"/kantor/{office.slug}/"), "/kantor/")
    check(client.get("/statistik/", {"kantor": office.slug}), "/statistik/?kantor=")


def test_the_complaint_form_with_errors_kept_files_and_the_confirmation(client, jawa_timur, office):
    files = [SimpleUploadedFile(f"foto-{n}.png", PNG, content_type="image/png") for n in range(3)]
    data = {"kantor": "", "uraian": "", "situs": "", "tanggal_kejadian": "2999-01-01"}
    html = check(client.post(FORM + f"?kantor={office.slug}", {**data, "lampiran": files}), "err")
    assert 'id="ringkasan-kesalahan"' in html and "foto-2.png" in html
    kept = [str(pk) for pk in LampiranSementara.objects.values_list("pk", flat=True)]
    assert len(kept) == 3
    done = client.post(
        FORM,
        {
            "kantor": office.pk,
            "uraian": "Pembagian sembako berlogo calon di balai RW 03. " * 40,
            "tempat": "Kelurahan Kranggan",
            "tanggal_diketahui": "2024-10-02",
            "email": "warga@example.test",
            "situs": "",
            "simpan_lampiran": kept,
        },
    )
    html = check(done, "confirmation")
    assert f"Aduan Anda diterima oleh {office.name}" in html


def test_the_complaint_status_with_an_answer(client, office, make_user):
    item, pin = services.submit_aduan(office=office, data={"uraian": "Ada politik uang."})
    officer = make_user(roles.PETUGAS_PPPS, office=office)
    services.triage_aduan(
        item, status=Aduan.Status.INFORMASI_AWAL, jawaban="Kami teruskan. " * 200, user=officer
    )
    html = check(client.post(STATUS, {"kode_tiket": item.kode_tiket, "pin": pin}), "status")
    assert 'id="status-aduan"' in html


def test_a_lookup_result_with_a_long_timeline(client, make_perkara, petugas):
    day = datetime.date(2024, 10, 8)
    perkara = services.register_perkara(make_perkara(), user=petugas, tanggal=day)
    stages = Tahapan.objects.filter(regime="pemilihan", jenis="laporan", is_public=True)
    for stage in stages.exclude(pk=perkara.tahapan_id).order_by("order")[:6]:
        day += datetime.timedelta(days=1)
        services.move_to_stage(
            perkara, stage, user=petugas, tanggal=day, teks_publik="Berkas sedang dikaji. " * 20
        )
        perkara.refresh_from_db()
    response = client.get(CEK, {"nomor": perkara.nomor_register})
    assert len(response.context["results"][0]["timeline"]) >= 5
    check(response, "/cek/ long timeline")


def test_both_refusal_pages(client, office, settings):
    settings.PPPS_LOOKUP_LIMIT = 1
    client.get(CEK, {"nomor": "1/x"})
    check(client.get(CEK, {"nomor": "2/x"}), "/cek/ 429")
    settings.PPPS_ADUAN_LIMIT = 0
    refused = client.post(FORM, {"kantor": office.pk, "uraian": "Ada politik uang.", "situs": ""})
    assert refused.status_code == 429
    check(refused, "/aduan/ 429")
