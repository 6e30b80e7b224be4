"""In Chromium: an officer moves a case with a note naming the witness and ticks "Tampilkan di
halaman publik": refused with a clear message; the same note kept private is saved, and the
citizen's /cek/ shows the stage without the witness."""

import pytest
from playwright.sync_api import expect

from ppps import services
from ppps.models import Pihak, RiwayatPerkara, Tahapan
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_public_note_naming_the_witness_is_refused(browser_page, make_perkara, petugas):
    page = browser_page
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.SAKSI, nama="Sulastri Wahyuningsih"), user=petugas
    )
    perkara = services.register_perkara(perkara, user=petugas)
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")

    browser_sign_in(page, petugas.username)
    page.goto(perkara.get_absolute_url())
    box = page.get_by_label("Tampilkan di halaman publik").first
    expect(box).not_to_be_checked()
    page.locator("#id_pindah-tahapan").select_option(str(kajian.pk))
    page.locator("#id_pindah-catatan").fill(
        "Saksi SULASTRI  wahyuningsih sudah diminta keterangan."
    )
    page.locator("#id_pindah-is_public").check()
    page.get_by_role("button", name="Pindah tahapan").click()
    expect(page.get_by_text("tidak boleh memuat data pihak perkara", exact=False)).to_be_visible()
    perkara.refresh_from_db()
    assert perkara.tahapan.code == "registrasi"
    assert not RiwayatPerkara.objects.filter(perkara=perkara, kind="tahap").exists()

    page.locator("#id_pindah-tahapan").select_option(str(kajian.pk))
    page.locator("#id_pindah-catatan").fill("Saksi Sulastri Wahyuningsih sudah diminta keterangan.")
    page.get_by_role("button", name="Pindah tahapan").click()
    expect(
        page.get_by_text("Perkara dipindah ke tahapan Kajian dan putusan pleno.")
    ).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"/cek/?nomor={perkara.nomor_register}")
    expect(page.locator(".ppps-stage")).to_have_text("Kajian dan putusan pleno")
    content = page.content()
    assert "Sulastri" not in content and "Wahyuningsih" not in content


def test_an_overdue_case_reads_honestly_after_a_refused_and_an_accepted_public_reason(
    browser_page, make_perkara, petugas
):
    import datetime

    page = browser_page
    perkara = make_perkara()
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.SAKSI, nama="Sulastri Wahyuningsih"), user=petugas
    )
    perkara = services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 9))

    browser_sign_in(page, petugas.username)
    page.goto(perkara.get_absolute_url())

    def extend(reason):
        details = page.locator("details:has(#id_perpanjang-catatan)")
        if not details.evaluate("d => d.open"):
            details.locator("summary").click()
        page.locator("#id_perpanjang-catatan").fill(reason)
        page.locator("#id_perpanjang-is_public").check()
        details.locator("form button[type=submit]").click()

    extend("Menunggu keterangan saksi Sulastri Wahyuningsih.")
    expect(page.get_by_text("tidak boleh memuat data pihak perkara", exact=False)).to_be_visible()
    assert not RiwayatPerkara.objects.filter(perkara=perkara, kind="perpanjangan").exists()

    extend("Menunggu keterangan tambahan dari Sentra Gakkumdu.")
    expect(page.get_by_text("Batas waktu diperpanjang.")).to_be_visible()
    assert RiwayatPerkara.objects.filter(perkara=perkara, kind="perpanjangan").count() == 1

    page.context.clear_cookies()
    page.goto(f"/cek/?nomor={perkara.nomor_register}")
    now = page.locator(".ppps-now")
    expect(now).to_contain_text("melewati batas waktu sejak")
    expect(now).to_contain_text("Keterangan terakhir dari kantor (")
    expect(now).to_contain_text("Menunggu keterangan tambahan dari Sentra Gakkumdu.")
    expect(now).to_contain_text("Tahap berikutnya: Pemberitahuan status dan pengumuman.")
    assert "Sulastri" not in page.content()
