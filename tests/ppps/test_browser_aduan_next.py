"""What happens next, in Chromium on a 390×844 phone: from /kantor/kota-mojokerto/ a complaint
with two attachments, one invalid field and its fix; the confirmation naming Kota Mojokerto;
the receipt PDF whose QR code, decoded from the rendered page, opens the status page; a lookup
with a pasted ticket code containing an en dash."""

import datetime
import os
import subprocess

import pytest
import zxingcpp
from playwright.sync_api import expect

from ppps.public import tanggal_id
from sisp import workdays

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "..", "test-artifacts")


def phone(page):
    page.set_viewport_size(PHONE)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def shoot(page, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


def decode_receipt(content, tmp_path):
    """Render page 1 of the receipt (poppler) and decode its QR codes (zxing-cpp). The PNG is
    kept under test-artifacts/ for a person to look at."""
    from PIL import Image

    pdf = tmp_path / "tanda-terima.pdf"
    pdf.write_bytes(content)
    os.makedirs(ARTIFACTS, exist_ok=True)
    stem = os.path.join(ARTIFACTS, "aduan-tanda-terima")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-singlefile", str(pdf), stem], check=True
    )
    return [r.text for r in zxingcpp.read_barcodes(Image.open(stem + ".png"))]


def test_complaint_on_a_phone_ends_with_a_receipt_whose_qr_opens_the_status_page(
    browser_page, live_server, reference, tmp_path
):
    from ppps.models import Aduan, Pemilihan, Regime
    from sisp.models import Office
    from tests.factories import OfficeFactory

    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur", level=Office.Level.PROVINSI, slug="jawa-timur"
    )
    kota = OfficeFactory(
        name="Bawaslu Kota Mojokerto",
        slug="kota-mojokerto",
        parent=prov,
        address="Jl. Hayam Wuruk No. 50, Mojokerto",
        phone="0321-000000",
    )
    Pemilihan.objects.create(
        office=kota, name="Pemilihan Wali Kota 2024", regime=Regime.PEMILIHAN, code="PW", year=2024
    )
    foto = tmp_path / "foto-spanduk.png"
    foto.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    surat = tmp_path / "surat-undangan.pdf"
    surat.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    today = datetime.date.today()
    known = today - datetime.timedelta(days=1)

    page = browser_page
    errors = phone(page)
    page.goto("/kantor/kota-mojokerto/")
    page.locator("#link-aduan").click()
    expect(page.locator("#id_kantor option:checked")).to_have_text("Bawaslu Kota Mojokerto")
    page.get_by_label("Apa yang terjadi").fill("Pembagian sembako berlogo calon di balai RW 03.")
    page.get_by_label("Kapan Anda mengetahuinya").fill(known.isoformat())
    page.get_by_label("Kapan terjadi").fill((today + datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Surel").fill("warga@example.test")
    page.set_input_files("#id_lampiran", [str(foto), str(surat)])
    page.get_by_role("button", name="Kirim aduan").click()

    summary = page.locator("#ringkasan-kesalahan")
    expect(summary).to_be_focused()
    expect(page.locator("#lampiran-tersimpan")).to_contain_text("surat-undangan.pdf")
    summary.get_by_role("link", name="Tanggal tidak boleh di masa depan.").click()
    page.get_by_label("Kapan terjadi").fill(known.isoformat())
    page.get_by_role("button", name="Kirim aduan").click()

    expect(page.locator("h1")).to_have_text("Aduan Anda diterima oleh Bawaslu Kota Mojokerto")
    expect(page.locator("#lampiran-diterima")).to_contain_text("Lampiran diterima (2)")
    last_day = tanggal_id(workdays.add_days(known, 7, day_type=workdays.CALENDAR))
    expect(page.locator("#batas-laporan .batas-pemilihan")).to_contain_text(last_day)
    expect(page.locator("#pemberitahuan-surel")).to_contain_text("tidak memuat PIN")
    kode = page.locator("#kode-tiket").inner_text()
    pin = page.locator("#pin").inner_text()
    assert Aduan.objects.get(kode_tiket=kode).office == kota
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "aduan-diterima-390")

    # The receipt, fetched with this browser's own session cookie.
    receipt = page.request.get(page.locator("#unduh-tanda-terima").get_attribute("href"))
    assert receipt.status == 200 and receipt.headers["content-type"] == "application/pdf"
    status_url = f"{live_server.url}/aduan/status/?kode={kode}"
    assert decode_receipt(receipt.body(), tmp_path) == [status_url]
    assert pin.encode() not in receipt.body()
    ics = page.request.get(page.locator("#unduh-ics").get_attribute("href"))
    assert ics.status == 200 and pin not in ics.text()

    # What the phone's camera would open: the ticket is filled in, the PIN is asked for.
    page.goto(status_url)
    expect(page.get_by_label("Kode tiket")).to_have_value(kode)
    expect(page.get_by_label("PIN")).to_have_value("")
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#status-aduan")).to_have_text("Baru, belum ditelaah")
    shoot(page, "aduan-status-390")

    # A ticket code pasted from a chat app, with an en dash and spaces.
    page.goto("/aduan/status/")
    page.get_by_label("Kode tiket").fill("\u00a0" + kode.replace("-", " \u2013 ").lower())
    page.get_by_label("PIN").fill(pin.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#status-aduan")).to_have_text("Baru, belum ditelaah")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
