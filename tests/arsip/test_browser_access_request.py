"""End to end in Chromium (issue 10): a Staf asks for a Rahasia record of another unit by its
number; the head of the creating unit finds it under "Menunggu keputusan Anda" and approves;
the Staf now opens the record and downloads its file, stamped with their name and a download
code; Pengawas Internal, given the leaked copy or the code read off it, finds that download.
The archivist who registered it is not asked, and sees nothing to decide."""

import io
import re

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from arsip import reference_data, services
from arsip.models import (
    HakAkses,
    KelasKeamanan,
    KlasifikasiArsip,
    PermohonanAkses,
    Unduhan,
)
from sisp import roles
from tests.arsip.conftest import pdf_upload
from tests.conftest import browser_sign_in
from tests.factories import UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOMOR = "44/PP.01.02/K.UJ-01/05/2026"


def sign_in(page, username):
    page.context.clear_cookies()
    browser_sign_in(page, username)
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def test_staf_requests_a_rahasia_record_the_unit_head_approves_and_the_staf_downloads_it(
    browser_page, screenshot, settings, make_user, office
):
    settings.TASKS = IMMEDIATE
    # A flush by an earlier transactional test leaves data-migration rows out (the class
    # authority too), and SQLite's FTS5 ids may linger: start clean.
    reference_data.load_all()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM arsip_naskah_fts")
    roles.ensure_roles()
    divisi = UnitFactory(office=office, name="Divisi Penanganan Pelanggaran")
    sekretariat = UnitFactory(office=office, name="Subbagian Umum")
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=divisi)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=divisi, email="kasubag@x.id")
    staf = make_user(roles.STAF, office=office, unit=sekretariat, email="staf@x.id")
    naskah = services.register_naskah(
        user=arsiparis,
        data={
            "klasifikasi": KlasifikasiArsip.objects.get(kode="PP.01.02"),
            "kelas": KelasKeamanan.objects.get(kode="R"),
            "unit": divisi,
            "perihal": "Kajian dugaan politik uang",
            "nomor_surat": NOMOR,
            "tanggal": timezone.localdate(),
        },
        uploaded=pdf_upload("Kajian dugaan politik uang", name="kajian.pdf"),
    )
    page = browser_page

    # 1. The Staf cannot open the record, and asks for it by its number.
    sign_in(page, staf.username)
    assert page.goto(f"/arsip/{naskah.pk}/").status == 404
    page.goto("/arsip/permohonan/")
    page.get_by_label("Naskah yang diminta").fill("Kajian politik uang Divisi PP")
    page.get_by_label("Nomor naskah (bila tahu)").fill(NOMOR)
    page.get_by_label("Tujuan penggunaan").fill("Menyusun jawaban atas surat Bawaslu Provinsi")
    page.get_by_role("button", name="Ajukan").click()
    expect(page.get_by_text("Permohonan terkirim.")).to_be_visible()
    expect(page.locator("#permohonan-saya")).to_contain_text("Diajukan")
    item = PermohonanAkses.objects.get()
    assert [m.to for m in mail.outbox] == [["kasubag@x.id"]]  # the approver is e-mailed

    # 2. The archivist who registered it has nothing to decide.
    sign_in(page, arsiparis.username)
    page.goto("/arsip/permohonan/")
    expect(page.locator("#permohonan-masuk")).to_contain_text("Tidak ada.")

    # 3. The head of the creating unit is told on the portal ("Menunggu Anda"), sees it
    # under "Menunggu keputusan Anda" and approves.
    sign_in(page, kasubag.username)
    page.goto("/portal/")
    expect(page.locator(".waiting-panel")).to_contain_text(
        "1 Permohonan akses arsip menunggu keputusan Anda"
    )
    page.goto("/arsip/permohonan/")
    expect(page.get_by_role("heading", name="Menunggu keputusan Anda")).to_be_visible()
    pending = page.locator("#permohonan-masuk")
    expect(pending).to_contain_text("Kajian politik uang Divisi PP")
    expect(pending).to_contain_text(NOMOR)
    screenshot("arsip-menunggu-keputusan")
    pending.get_by_role("link", name="Putus").click()
    page.get_by_label("Setujui").check()
    page.get_by_label("Catatan untuk pemohon").fill("Hanya untuk jawaban surat itu.")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text("Permohonan diputus; pemohon diberi tahu.")).to_be_visible()
    grant = HakAkses.objects.get()
    assert grant.user == staf and grant.disetujui_oleh == kasubag
    item.refresh_from_db()
    assert item.status == "disetujui"

    # 4. The Staf is told, opens the record from the answer and downloads the file.
    sign_in(page, staf.username)
    page.goto("/arsip/permohonan/")
    mine = page.locator("#permohonan-saya")
    expect(mine).to_contain_text("Disetujui")
    expect(mine).to_contain_text("Hanya untuk jawaban surat itu.")
    mine.get_by_role("link", name="buka naskah").click()
    expect(page.get_by_role("heading", name="Kajian dugaan politik uang")).to_be_visible()
    expect(page.locator("#hak-akses-saya")).to_contain_text(f"disetujui {kasubag}")
    page.get_by_role("link", name="kajian.pdf").click()
    page.get_by_label("Tujuan penggunaan").fill("Menyusun jawaban atas surat Bawaslu Provinsi")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh").click()
    download = download_info.value
    copy = open(download.path(), "rb").read()
    assert copy.startswith(b"%PDF")
    screenshot("arsip-permohonan-disetujui")
    # The copy is stamped on its page with the reader and a download code.
    text = PdfReader(io.BytesIO(copy)).pages[0].extract_text()
    code = re.search(r"Kode unduhan:\s*([0-9A-Z]{4}-[0-9A-Z]{4})", text).group(1)
    assert staf.get_full_name() in text
    unduhan = Unduhan.objects.get(kode=code)
    assert unduhan.user == staf and unduhan.naskah_id == naskah.pk

    # 5. Pengawas Internal identifies the leaked copy, from the file and from the code.
    auditor = make_user(roles.PENGAWAS_INTERNAL, office=office)
    sign_in(page, auditor.username)
    page.goto("/arsip/jejak-unduhan/")
    page.get_by_label("Atau salinan yang bocor (PDF/gambar)").set_input_files(
        files=[{"name": "bocor.pdf", "mimeType": "application/pdf", "buffer": copy}]
    )
    page.get_by_role("button", name="Telusuri").click()
    found = page.locator("section", has=page.get_by_role("heading", name="Hasil penelusuran"))
    expect(found).to_contain_text(code)
    expect(found).to_contain_text(staf.get_full_name())
    screenshot("arsip-jejak-unduhan")
    page.get_by_label("Kode unduhan").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Telusuri").click()
    expect(found).to_contain_text(code)
    expect(found).to_contain_text(staf.get_full_name())
