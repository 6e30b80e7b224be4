"""The citizen's door in Chromium on a 360 px phone: the statistics chart, the lookup with a
pasted number, a complaint started from an office's page."""

import datetime

import pytest
from playwright.sync_api import expect

from ppps import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def phone(page):
    """Put the page on a phone-sized viewport and collect what the console complains about."""
    page.set_viewport_size(PHONE)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def shoot(page, name):
    page.screenshot(path=f"/tmp/sisp-public-{name}.png", full_page=True)


def test_statistics_chart_draws_bars_with_height_and_no_console_errors(
    browser_page, make_perkara, petugas
):
    today = datetime.date.today()
    for day in (today, today, today.replace(day=1) - datetime.timedelta(days=1)):
        perkara = make_perkara(tanggal_diterima=day, tanggal_diketahui=day)
        services.register_perkara(perkara, user=petugas, tanggal=day)
    page = browser_page
    errors = phone(page)
    page.goto("/statistik/")
    expect(page.locator("#data-per")).to_contain_text("Data per")
    heights = page.locator("svg.ppps-chart rect.bar").evaluate_all(
        "bars => bars.map(b => b.getBBox().height)"
    )
    assert len(heights) == 12
    assert sorted(heights)[-2:] == [82, 164]
    shoot(page, "statistik")
    assert errors == []


def test_a_pasted_number_with_en_dashes_finds_the_case_on_a_phone(
    browser_page, make_perkara, petugas
):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    page = browser_page
    errors = phone(page)
    page.goto("/cek/")
    pasted = "\u00a0" + perkara.nomor_register.replace("/", " \u2013 ") + "."
    page.get_by_label("Nomor register").fill(pasted)
    page.get_by_role("button", name="Cari").click()
    heading = page.locator(".ppps-result h2.ppps-code")
    expect(heading).to_have_text(perkara.nomor_register)
    expect(page.locator(".ppps-now")).to_contain_text("Perkara ini sekarang pada tahap")
    # Each code of the number stays on one line; the page never scrolls sideways.
    tops = heading.locator("span").evaluate_all(
        "spans => spans.map(s => s.getClientRects().length)"
    )
    assert set(tops) == {1}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "Internal" not in page.locator("header").inner_text()
    shoot(page, "cek")
    assert errors == []


def test_complaint_from_the_kota_page_keeps_attachments_through_an_error_on_a_phone(
    browser_page, tmp_path
):
    from ppps.models import Aduan
    from sisp.models import Office
    from tests.factories import OfficeFactory

    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur", level=Office.Level.PROVINSI, slug="jawa-timur"
    )
    kota = OfficeFactory(name="Bawaslu Kota Mojokerto", slug="kota-mojokerto", parent=prov)
    OfficeFactory(name="Bawaslu Kabupaten Mojokerto", slug="kabupaten-mojokerto", parent=prov)
    foto = tmp_path / "foto-spanduk.png"
    foto.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    surat = tmp_path / "surat-undangan.pdf"
    surat.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()

    page = browser_page
    errors = phone(page)
    page.goto("/kantor/kota-mojokerto/")
    expect(page.locator("header")).to_contain_text("Bawaslu Kota Mojokerto")
    shoot(page, "kantor")
    page.locator("#link-aduan").click()
    expect(page.locator("#id_kantor option:checked")).to_have_text("Bawaslu Kota Mojokerto")
    page.get_by_label("Apa yang terjadi").fill("Pembagian sembako berlogo calon di balai RW 03.")
    page.get_by_label("Kapan terjadi").fill(tomorrow)  # the one invalid field
    page.set_input_files("#id_lampiran", [str(foto), str(surat)])
    page.get_by_role("button", name="Kirim aduan").click()

    summary = page.locator("#ringkasan-kesalahan")
    expect(summary).to_be_focused()
    assert page.title().startswith("Kesalahan:")
    expect(page.locator("#lampiran-tersimpan")).to_contain_text("foto-spanduk.png")
    expect(page.locator("#lampiran-tersimpan")).to_contain_text("surat-undangan.pdf")
    shoot(page, "aduan-kesalahan")
    summary.get_by_role("link", name="Tanggal tidak boleh di masa depan.").click()
    expect(page.get_by_label("Kapan terjadi")).to_be_focused()
    page.get_by_label("Kapan terjadi").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Kirim aduan").click()

    expect(page.locator("h1")).to_have_text("Aduan Anda diterima oleh Bawaslu Kota Mojokerto")
    expect(page.locator("#kantor-penerima")).to_contain_text("Bawaslu Kota Mojokerto")
    expect(page.locator("#lampiran-diterima")).to_contain_text("Lampiran diterima (2)")
    shoot(page, "aduan-diterima")
    aduan = Aduan.objects.get()
    assert aduan.office == kota
    assert sorted(aduan.lampiran.values_list("original_name", flat=True)) == [
        "foto-spanduk.png",
        "surat-undangan.pdf",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []


def test_home_of_a_province_finds_the_citizens_office_without_javascript(browser_page, live_server):
    from sisp.models import Office
    from tests.factories import OfficeFactory

    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur", level=Office.Level.PROVINSI, slug="jawa-timur"
    )
    OfficeFactory(name="Bawaslu Kota Mojokerto", slug="kota-mojokerto", parent=prov)
    OfficeFactory(name="Bawaslu Kota Surabaya", slug="kota-surabaya", parent=prov)
    context = browser_page.context.browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Cari kantor Bawaslu Anda")
    assert "Internal" not in page.locator("header").inner_text()
    page.get_by_label("Nama kabupaten/kota").fill("mojokerto")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator(".office-list li")).to_have_count(1)
    shoot(page, "cari-kantor")
    page.get_by_role("link", name="Bawaslu Kota Mojokerto").click()
    expect(page.locator("#judul-kantor")).to_have_text("Bawaslu Kota Mojokerto")
    context.close()
