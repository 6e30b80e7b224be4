"""End to end in Chromium: the archivist registers a Rahasia record with a PDF; staff of
another unit cannot find it; a leader finds it by a word inside the PDF, states a purpose,
downloads it; the record's audit trail shows both."""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from arsip import reference_data
from arsip.models import BerkasDigital, Naskah
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import make_pdf
from tests.conftest import browser_sign_in
from tests.factories import UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def sign_in(page, username):
    page.context.clear_cookies()
    browser_sign_in(page, username)
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def test_rahasia_record_from_registration_to_audited_download(
    browser_page, screenshot, settings, make_user, office, tmp_path
):
    settings.TASKS = IMMEDIATE
    # A flush by an earlier transactional test leaves data-migration rows out, and ids of
    # SQLite's FTS5 table (unknown to Django's flush) may linger: start clean.
    reference_data.load_all()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM arsip_naskah_fts")
    roles.ensure_roles()
    divisi = UnitFactory(office=office, name="Divisi Penanganan Pelanggaran")
    sekretariat = UnitFactory(office=office, name="Subbagian Administrasi")
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=sekretariat)
    staf = make_user(roles.STAF, office=office, unit=sekretariat)
    ketua = make_user(roles.KETUA, office=office)
    pdf = tmp_path / "kajian.pdf"
    pdf.write_bytes(make_pdf("Kajian dugaan politik uang di Kecamatan Trowulan"))
    page = browser_page

    # 1. The archivist registers a Rahasia record for the division, with the PDF.
    sign_in(page, arsiparis.username)
    page.goto("/arsip/baru/")
    page.get_by_label("Kode klasifikasi").fill("PP.01.02")
    page.get_by_label("Perihal / uraian").fill("Kajian awal laporan dugaan pelanggaran")
    page.get_by_label("Nomor naskah").fill("31/PP.01.02/K.UJ-01/04/2026")
    page.get_by_label("Kelas keamanan").select_option(label="Rahasia")
    page.get_by_label("Unit pencipta").select_option(label="Divisi Penanganan Pelanggaran")
    page.get_by_label("Dokumen elektronik").set_input_files(str(pdf))
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Naskah terdaftar.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Kajian awal laporan dugaan pelanggaran")
    ).to_be_visible()
    naskah = Naskah.objects.get()
    assert naskah.kelas.kode == "R" and naskah.unit == divisi
    assert BerkasDigital.objects.get().status_ekstraksi == "selesai"  # the task ran
    screenshot("arsip-terdaftar")

    # 2. A staff member of another unit finds nothing, not even a count, and gets a 404.
    sign_in(page, staf.username)
    page.goto("/arsip/?q=trowulan")
    expect(page.locator("#jumlah-hasil")).to_have_text("0 naskah ditemukan")
    response = page.goto(f"/arsip/{naskah.pk}/")
    assert response.status == 404

    # 3. The Ketua finds it by a word inside the PDF, states a purpose and downloads it.
    sign_in(page, ketua.username)
    page.goto("/arsip/")
    page.get_by_role("searchbox").fill("Trowulan")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#jumlah-hasil")).to_have_text("1 naskah ditemukan")
    page.get_by_role("link", name="Kajian awal laporan dugaan pelanggaran").click()
    page.get_by_role("link", name="kajian.pdf").click()
    page.get_by_label("Tujuan penggunaan").fill("Bahan rapat pleno penanganan pelanggaran")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh").click()
    download = download_info.value
    assert download.suggested_filename == "kajian.pdf"
    assert open(download.path(), "rb").read().startswith(b"%PDF")

    # 4. The record's history shows the registration and the download, with the purpose.
    page.goto(f"/arsip/{naskah.pk}/")
    trail = page.locator("#riwayat")
    expect(trail).to_contain_text("Mendaftarkan naskah")
    expect(trail).to_contain_text(arsiparis.username)
    expect(trail).to_contain_text("Mengunduh dokumen elektronik")
    expect(trail).to_contain_text("Bahan rapat pleno penanganan pelanggaran")
    screenshot("arsip-riwayat")
    download_event = AuditEvent.objects.get(action="arsip.download")
    assert download_event.actor == ketua
    assert "purpose" not in download_event.detail
    assert download_event.object_repr == f"Naskah Rahasia #{naskah.pk}"
    assert AuditEvent.objects.filter(action="arsip.register", actor=arsiparis).count() == 1
