"""End-to-end journeys in Chromium: an officer registers and moves a laporan and the public sees
the new stage without the reporter; a citizen files an aduan and reads the answer."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ppps.models import Aduan, Pemilihan, Perkara, Regime, Tahapan
from sisp import roles
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    browser_sign_in(page, username)


def test_officer_registers_and_moves_a_laporan_and_the_public_sees_only_the_stage(
    browser_page, screenshot, reference, make_user, office, unit
):
    page = browser_page
    officer = make_user(roles.PETUGAS_PPPS, office=office, unit=unit)
    Pemilihan.objects.create(
        office=office,
        name="Pemilihan Wali Kota 2024",
        regime=Regime.PEMILIHAN,
        code="PW",
        year=2024,
    )
    today = timezone.localdate().isoformat()

    sign_in(page, officer.username)
    page.goto("/ppps/perkara/baru/")
    page.get_by_label("Jenis perkara").select_option("laporan")
    page.locator("#id_pemilihan").select_option(label="Pemilihan Wali Kota 2024")
    page.get_by_label("Tanggal diketahui").fill(today)
    page.get_by_label("Tanggal diterima").fill(today)
    page.get_by_label("Nama pelapor/pemohon").fill("Rahmat Hidayat")
    page.get_by_label("Surel pelapor").fill("rahmat.hidayat@example.test")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("PIN ini hanya ditampilkan sekali")).to_be_visible()
    page.get_by_role("link", name="Buka perkara").click()

    page.get_by_role("button", name="Registrasi").click()
    expect(
        page.get_by_text(re.compile(r"Perkara diregistrasi dengan nomor 001/Reg/LP/PW/"))
    ).to_be_visible()
    kajian = Tahapan.objects.get(regime=Regime.PEMILIHAN, jenis="laporan", code="kajian")
    page.locator("#id_pindah-tahapan").select_option(str(kajian.pk))
    page.locator("#id_pindah-catatan").fill("Klarifikasi selesai; kajian dimulai.")
    page.get_by_role("button", name="Pindah tahapan").click()
    expect(
        page.get_by_text("Perkara dipindah ke tahapan Kajian dan putusan pleno.")
    ).to_be_visible()
    screenshot("ppps-perkara")
    nomor = Perkara.objects.get().nomor_register

    page.context.clear_cookies()
    page.goto("/cek/")
    page.get_by_label("Nomor register").fill(
        "  " + nomor.lower().replace("001", "1").replace("/", " / ")
    )
    page.get_by_role("button", name="Cari").click()
    expect(page.locator(".ppps-stage")).to_have_text("Kajian dan putusan pleno")
    screenshot("ppps-cek-publik")
    content = page.content()
    assert nomor in content
    assert "Rahmat" not in content and "Hidayat" not in content and "rahmat.hidayat" not in content


def test_citizen_files_an_aduan_and_reads_the_answer_with_ticket_and_pin(
    browser_page, screenshot, reference, make_user, office, unit
):
    page = browser_page
    officer = make_user(roles.PETUGAS_PPPS, office=office, unit=unit)

    page.goto("/aduan/")
    expect(
        page.get_by_text("Laporan pelanggaran harus disampaikan paling lama 7 hari")
    ).to_be_visible()
    page.get_by_label("Apa yang terjadi").fill("Nama dan NIK saya tercatat sebagai anggota partai.")
    page.get_by_role("button", name="Kirim aduan").click()
    ticket = page.locator("#kode-tiket").inner_text()
    pin = page.locator("#pin").inner_text()
    expect(page.get_by_text("Batas waktu laporan resmi")).to_be_visible()
    screenshot("ppps-aduan-tiket")
    assert Aduan.objects.get().kode_tiket == ticket

    sign_in(page, officer.username)
    page.goto("/ppps/aduan/")
    page.get_by_role("link", name=ticket).click()
    page.get_by_label("Status").select_option("nik")
    page.get_by_label("Jawaban untuk pengadu").fill(
        "Kami teruskan ke KPU untuk dicoret dari keanggotaan."
    )
    page.get_by_role("button", name="Simpan telaah").click()
    expect(page.get_by_text("Telaah aduan disimpan.")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/aduan/status/")
    page.get_by_label("Kode tiket").fill(ticket.lower())
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Lihat status").click()
    expect(page.locator("#jawaban")).to_have_text(
        "Kami teruskan ke KPU untuk dicoret dari keanggotaan."
    )
    screenshot("ppps-aduan-jawaban")
