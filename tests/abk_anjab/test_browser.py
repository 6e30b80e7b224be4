"""End to end in Chromium: a staff member fills an analysis (the figures follow the typing),
submits; the Kepala Subbagian verifies (and may not approve); the Koordinator Sekretariat
approves; the .xlsx export matches the page."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from abk_anjab.apps import ROLE_PERMISSIONS
from abk_anjab.models import Anjab, AnjabDraft
from sisp import roles
from tests.conftest import browser_sign_in
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rights(db, kode_syarat):
    # A transactional test's flush removes the role permissions of post_migrate: grant again.
    roles.grant_permissions(ROLE_PERMISSIONS)


def sign_in(page, user):
    page.context.clear_cookies()
    browser_sign_in(page, user.username)
    expect(page.get_by_role("button", name="Masuk")).to_have_count(0)


def fill_task(page, i, uraian, volume, waktu, periode="tahun", satuan="menit"):
    page.fill(f"#id_tugas_pokok-{i}-uraian", uraian)
    page.fill(f"#id_tugas_pokok-{i}-hasil_kerja", "Dokumen")
    page.fill(f"#id_tugas_pokok-{i}-satuan_hasil", "dokumen")
    page.select_option(f"#id_tugas_pokok-{i}-periode", periode)
    page.select_option(f"#id_tugas_pokok-{i}-satuan_waktu", satuan)
    page.fill(f"#id_tugas_pokok-{i}-waktu", waktu)
    page.fill(f"#id_tugas_pokok-{i}-volume", volume)


def test_staff_fills_kasubag_verifies_koordinator_approves_and_xlsx_matches_the_page(
    browser_page, screenshot, rights, jabatan, staf_adm, kasubag_adm, korsek
):
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())
    year = timezone.localdate().year
    raw = page.locator('#abk-preview [data-abk="raw"]')

    sign_in(page, staf_adm)
    page.goto(f"/abk/?tahun={year}")
    page.get_by_role("button", name="Mulai analisis").click()
    expect(page.get_by_role("heading", name="Isi analisis jabatan")).to_be_visible()

    # The live figure follows the typing (htmx posts the form to the preview partial).
    fill_task(page, 0, "Mengagendakan surat masuk", "1200", "10")
    expect(raw).to_have_text("0,1600")
    page.fill("#id_tugas_pokok-0-volume", "2400")
    expect(raw).to_have_text("0,3200")
    page.fill("#id_tugas_pokok-0-volume", "1200")
    expect(raw).to_have_text("0,1600")

    page.get_by_role("button", name="+ Tambah baris tugas").click()
    fill_task(page, 1, "Mencatat surat harian", "20", "5", periode="hari")
    expect(raw).to_have_text("0,4933")
    page.get_by_role("button", name="+ Tambah baris tugas").click()
    fill_task(page, 2, "Menyusun laporan", "48", "5", satuan="jam")
    expect(raw).to_have_text("0,6853")
    expect(page.locator('#abk-preview [data-abk="headcount"]')).to_have_text("1")
    screenshot("abk-anjab-form")

    # The required sections, then the confirmation question.
    page.fill("#id_ikhtisar", "Mengelola persuratan kantor.")
    page.fill("#id_pendidikan", "D-III Administrasi Perkantoran")
    page.fill("#id_hasil_kerja-0-hasil", "Agenda surat")
    page.fill("#id_tanggung_jawab-0-uraian", "Ketepatan agenda surat")
    page.fill("#id_wewenang-0-uraian", "Meminta kelengkapan surat")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    expect(page.get_by_role("heading", name="Ajukan analisis untuk verifikasi?")).to_be_visible()
    page.get_by_role("button", name="Ya, ajukan").click()
    expect(page.locator("[data-status]")).to_have_text("Diajukan")
    anjab = Anjab.objects.get(jabatan=jabatan, tahun=year)
    assert anjab.kebutuhan_mentah == Decimal("0.6853")
    assert anjab.tugas_pokok.count() == 3

    sign_in(page, kasubag_adm)
    page.goto(f"/abk/analisis/{anjab.pk}/")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("[data-status]")).to_have_text("Diverifikasi")
    expect(page.get_by_role("button", name="Setujui")).to_have_count(0)

    sign_in(page, korsek)
    page.goto(f"/abk/analisis/{anjab.pk}/")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("[data-status]")).to_have_text("Disetujui")
    expect(page.get_by_role("link", name="Isi / ubah")).to_have_count(0)

    page.goto(f"/abk/rekap/?tahun={year}")
    shown = {
        key: page.locator(f'[data-total="{key}"]').inner_text()
        for key in ("bezetting", "raw", "kebutuhan", "selisih")
    }
    assert shown == {"bezetting": "1", "raw": "0,6853", "kebutuhan": "1", "selisih": "0"}
    screenshot("abk-anjab-rekap")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    with open(download_info.value.path(), "rb") as handle:
        sheet = load_workbook(BytesIO(handle.read())).active
    total = list(sheet.iter_rows(values_only=True))[-1]
    assert total[1] == "JUMLAH KANTOR"
    assert str(total[5]) == shown["bezetting"]
    assert f"{total[6]:.4f}".replace(".", ",") == shown["raw"]
    assert str(total[7]) == shown["kebutuhan"]
    assert str(total[8]) == shown["selisih"]


def test_typing_survives_a_session_timeout_and_sign_in_returns_to_the_form(
    browser_page, rights, anjab, staf_adm
):
    page = browser_page
    sign_in(page, staf_adm)
    page.goto(f"/abk/analisis/{anjab.pk}/isi/")
    page.fill("#id_ikhtisar", "Teks panjang yang tidak boleh hilang")
    Session.objects.all().delete()  # the session expires while the user is typing
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.get_by_text("Sesi berakhir, isian Anda aman.")).to_be_visible()
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola persuratan kantor."

    page.get_by_label("Nama pengguna").fill(staf_adm.username)
    page.get_by_label("Kata sandi").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    # Back at the form, with what was typed (the server draft), without opening it again.
    expect(page.locator("#id_ikhtisar")).to_have_value("Teks panjang yang tidak boleh hilang")
    assert page.url.endswith(f"/abk/analisis/{anjab.pk}/isi/")
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.get_by_text("Analisis tersimpan.")).to_be_visible()
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Teks panjang yang tidak boleh hilang"
    expect(page.locator("#abk-draft-notice")).to_have_count(0)


def test_autosave_keeps_the_typing_on_the_server_and_says_so_when_the_session_ends(
    browser_page, rights, anjab, staf_adm
):
    page = browser_page
    sign_in(page, staf_adm)
    page.goto(f"/abk/analisis/{anjab.pk}/isi/")
    page.fill("#id_pengalaman", "Dua tahun di bagian umum")
    expect(page.locator("#abk-draft-status")).to_contain_text("Draf tersimpan di server")
    Session.objects.all().delete()
    page.fill("#id_pengalaman", "Tiga tahun di bagian umum")
    expect(page.locator("#abk-session-ended")).to_be_visible()
    draft = AnjabDraft.objects.get(anjab=anjab, user=staf_adm)
    assert ["pengalaman", "Tiga tahun di bagian umum"] in draft.data


def test_live_preview_says_so_when_the_session_has_ended(browser_page, rights, anjab, staf_adm):
    page = browser_page
    sign_in(page, staf_adm)
    page.goto(f"/abk/analisis/{anjab.pk}/isi/")
    Session.objects.all().delete()
    page.fill("#id_tugas_pokok-0-volume", "2400")
    expect(page.locator("#abk-preview")).to_contain_text("Sesi Anda telah berakhir")
    expect(page.get_by_label("Nama pengguna")).to_have_count(0)


def test_rows_added_in_the_browser_are_saved_in_their_section(
    browser_page, rights, anjab, staf_adm
):
    page = browser_page
    sign_in(page, staf_adm)
    page.goto(f"/abk/analisis/{anjab.pk}/isi/")
    url = page.url
    page.get_by_role("button", name="+ Tambah baris risiko bahaya").click()
    page.get_by_role("button", name="+ Tambah baris risiko bahaya").click()
    assert page.url == url  # no round trip
    page.get_by_label("Nama risiko 2").fill("Tersengat listrik")
    page.get_by_label("Penyebab 2").fill("Kabel terkelupas")
    page.get_by_label("Nama risiko 3").fill("Terpeleset")
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.get_by_text("Analisis tersimpan.")).to_be_visible()
    assert list(anjab.risiko_bahaya.values_list("risiko", "penyebab")) == [
        ("Tersengat listrik", "Kabel terkelupas"),
        ("Terpeleset", ""),
    ]
