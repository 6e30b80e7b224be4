"""In Chromium: an officer tries to publish words naming the witness (refused with a clear
message, nothing lost), publishes the office's reason text instead, and the citizen's /cek/
shows the honest status, the reason and the counted deadline without the witness."""

import datetime

import pytest
from playwright.sync_api import expect

from ppps import reference_data, services
from ppps.models import Pihak, RiwayatPerkara, Tahapan
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PHONE = {"width": 360, "height": 740}
REASON = "Batas waktu diperpanjang karena diperlukan keterangan tambahan."


def test_a_public_text_naming_the_witness_is_refused_then_a_reason_text_reaches_cek(
    browser_page, make_perkara, petugas
):
    """Issue 11's browser test, on a 360 px phone: the officer's own public words naming the
    witness are refused in Indonesian with everything typed kept and nothing changed; the
    office's reason text is accepted; the citizen's /cek/ then says the stage is overdue in
    words, gives the reason and what comes next, and explains how the deadline was counted."""
    page = browser_page
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    reference_data.copy_default_reasons([perkara.office_id])  # as the migration does
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.SAKSI, nama="Sulastri Wahyuningsih"), user=petugas
    )
    perkara = services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")

    browser_sign_in(page, petugas.username)
    page.goto(perkara.get_absolute_url())
    own = page.get_by_label("Tulis teks publik sendiri")
    expect(own).not_to_be_checked()
    page.locator("#id_pindah-tahapan").select_option(str(kajian.pk))
    page.locator("#id_pindah-tanggal").fill("2024-10-09")
    page.get_by_label("Catatan internal").fill("Saksi Sulastri dijadwalkan klarifikasi.")
    own.check()
    page.locator("#id_pindah-teks_publik").fill(
        "Saksi SULASTRI  wahyuningsih sudah diminta keterangan."
    )
    page.get_by_role("button", name="Pindah tahapan").click()

    expect(
        page.get_by_role("status").filter(has_text="tidak boleh memuat data pihak perkara")
    ).to_be_visible()
    # Everything typed is still there, to be corrected rather than written again.
    expect(page.locator("#id_pindah-tahapan")).to_have_value(str(kajian.pk))
    expect(page.get_by_label("Catatan internal")).to_have_value(
        "Saksi Sulastri dijadwalkan klarifikasi."
    )
    expect(page.locator("#id_pindah-teks_publik")).to_have_value(
        "Saksi SULASTRI  wahyuningsih sudah diminta keterangan."
    )
    expect(page.get_by_label("Tulis teks publik sendiri")).to_be_checked()
    perkara.refresh_from_db()
    assert perkara.tahapan.code == "registrasi"
    assert not RiwayatPerkara.objects.filter(perkara=perkara, kind="tahap").exists()
    page.locator("section[aria-labelledby=h-move]").screenshot(path="/tmp/sisp-move-refused.png")
    # The move form fits the phone (the case page's wide tables scroll inside their own box).
    box = page.locator("section[aria-labelledby=h-move]").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    # The office's own reason text instead of the officer's words.
    page.get_by_label("Tulis teks publik sendiri").uncheck()
    page.locator("#id_pindah-teks_publik").fill("")
    page.get_by_label("Keterangan untuk publik").select_option(label=REASON)
    page.get_by_role("button", name="Pindah tahapan").click()
    expect(
        page.get_by_text("Perkara dipindah ke tahapan Kajian dan putusan pleno.")
    ).to_be_visible()
    move = RiwayatPerkara.objects.get(perkara=perkara, kind="tahap")
    assert (move.is_public, move.catatan) == (True, REASON)

    page.context.clear_cookies()
    page.goto(f"/cek/?nomor={perkara.nomor_register}")
    expect(page.locator(".ppps-stage")).to_have_text("Kajian dan putusan pleno")
    now = page.locator(".ppps-now")
    expect(now).to_contain_text("Tahap ini melewati batas waktu sejak 11 Oktober 2024")
    expect(now).to_contain_text(f"Keterangan terakhir dari kantor (9 Oktober 2024): {REASON}")
    expect(now).to_contain_text("Tahap berikutnya: Pemberitahuan status dan pengumuman.")
    explain = page.locator("details.ppps-explain")
    expect(explain.locator("ol")).to_be_hidden()
    explain.get_by_text("Cara menghitung batas waktu ini").click()
    expect(explain).to_contain_text("Dihitung sejak tanggal diterima")
    expect(explain.locator("ol li").first).to_be_visible()
    expect(explain).to_contain_text("Batas waktu: Kamis, 10 Oktober 2024")
    expect(explain).to_contain_text("Dasar:")
    content = page.content()
    assert "Sulastri" not in content and "Wahyuningsih" not in content
    assert "dijadwalkan klarifikasi" not in content  # the internal note stays internal
    assert "{#" not in page.locator("body").inner_text()  # no template comment shown
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="/tmp/sisp-public-reason-cek.png", full_page=True)
    assert errors == []


def test_an_overdue_case_reads_honestly_after_a_refused_and_an_accepted_public_reason(
    browser_page, make_perkara, petugas
):
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
