"""The ABK form on a phone (390 x 844) in Chromium: filled section by section, never wider than
the screen, the section index shows the progress, and a second browser (another device of the
same person) continues the draft the first one left on the server. And on a desktop, no input
of the task cards is cut off."""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from abk_anjab.apps import ROLE_PERMISSIONS
from abk_anjab.models import AnjabDraft
from sisp import roles
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "..", "test-artifacts")


@pytest.fixture
def rights(db, kode_syarat):
    roles.grant_permissions(ROLE_PERMISSIONS)


@pytest.fixture
def chromium(live_server):
    """new_page(viewport) opens a page in a new browser context (its own cookies: another
    device) of Debian's Chromium, pointed at the live server."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = []

        def new_page(viewport):
            context = browser.new_context(
                base_url=live_server.url,
                locale="id-ID",
                viewport=viewport,
                is_mobile=True if viewport["width"] < 600 else False,
                has_touch=viewport["width"] < 600,
            )
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(15000)
            return page

        yield new_page
        for context in contexts:
            context.close()
        browser.close()


def document_width(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


def widest_section(page):
    """The widest the document gets while each section is on screen, and the inputs that
    reach past the viewport."""
    return page.evaluate(
        """() => {
          let widest = 0; const outside = [];
          for (const section of document.querySelectorAll('[data-section]')) {
            section.scrollIntoView();
            widest = Math.max(widest, document.documentElement.scrollWidth);
            for (const el of section.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && (r.left < 0 || r.right > window.innerWidth)) outside.push(el.name);
            }
          }
          window.scrollTo(0, 0);
          return {widest, outside};
        }"""
    )


def state_of(page, key):
    return page.locator(f"[data-index-for='{key}'] [data-state]")


def test_phone_fills_the_form_by_sections_and_another_device_continues_the_draft(
    chromium, rights, make_anjab, jabatan, staf_adm
):
    anjab = make_anjab(jabatan)  # empty apart from the nine preset aspects
    phone = chromium(PHONE)
    browser_sign_in(phone, staf_adm.username)
    phone.goto(f"/abk/analisis/{anjab.pk}/isi/")

    os.makedirs(ARTIFACTS, exist_ok=True)
    phone.screenshot(path=os.path.join(ARTIFACTS, "abk-form-phone.png"), full_page=False)
    layout = widest_section(phone)
    assert layout["widest"] <= PHONE["width"], layout
    assert layout["outside"] == []
    expect(phone.get_by_role("navigation", name="Bagian formulir")).to_be_visible()
    expect(state_of(phone, "tugas_pokok")).to_have_text("wajib, kosong")
    start = phone.evaluate("() => document.getElementById('abk-progress').value")
    assert start == 1  # Dasar perhitungan holds its defaults

    # Section "Tugas pokok": one task, saved on its own.
    phone.get_by_role("link", name="Tugas pokok dan beban kerja (ABK)").click()
    phone.fill("#id_tugas_pokok-0-uraian", "Mengagendakan surat masuk")
    expect(state_of(phone, "tugas_pokok")).to_have_text("terisi")
    expect(phone.locator("[data-progress-count]")).to_have_text("2")
    phone.fill("#id_tugas_pokok-0-hasil_kerja", "Agenda surat")
    phone.fill("#id_tugas_pokok-0-satuan_hasil", "dokumen")
    phone.fill("#id_tugas_pokok-0-volume", "1200")
    phone.fill("#id_tugas_pokok-0-waktu", "10")
    expect(phone.locator('#abk-preview [data-abk="raw"]')).to_have_text("0,1600")
    assert widest_section(phone)["widest"] <= PHONE["width"]
    phone.locator("#bagian-tugas_pokok").get_by_role("button", name="Simpan bagian ini").click()
    expect(phone.get_by_text("Bagian Tugas pokok dan beban kerja (ABK) tersimpan.")).to_be_visible()
    assert anjab.tugas_pokok.get().uraian == "Mengagendakan surat masuk"
    expect(phone.locator("[data-progress-count]")).to_have_text("2")

    # Section "Kedudukan": typed, not saved; the page keeps it on the server as it is typed.
    phone.get_by_role("link", name="Kedudukan dan ikhtisar jabatan").click()
    phone.fill("#id_ikhtisar", "Mengelola agenda dan arsip surat kantor.")
    expect(phone.locator("[data-progress-count]")).to_have_text("3")
    expect(phone.locator("#abk-draft-status")).to_contain_text("Draf tersimpan di server")
    assert AnjabDraft.objects.filter(anjab=anjab, user=staf_adm).exists()
    anjab.refresh_from_db()
    assert anjab.ikhtisar == ""

    # Another device of the same person: it continues from the server draft.
    tablet = chromium(PHONE)
    browser_sign_in(tablet, staf_adm.username)
    tablet.goto(f"/abk/analisis/{anjab.pk}/isi/")
    expect(tablet.get_by_text("Melanjutkan isian yang belum disimpan")).to_be_visible()
    expect(tablet.locator("#id_ikhtisar")).to_have_value("Mengelola agenda dan arsip surat kantor.")
    expect(tablet.locator("#id_tugas_pokok-0-uraian")).to_have_value("Mengagendakan surat masuk")
    expect(tablet.locator("[data-progress-count]")).to_have_text("3")
    expect(state_of(tablet, "kedudukan")).to_have_text("terisi")
    assert widest_section(tablet)["widest"] <= PHONE["width"]
    tablet.locator("#bagian-kedudukan").get_by_role("button", name="Simpan bagian ini").click()
    expect(tablet.get_by_text("Bagian Kedudukan dan ikhtisar jabatan tersimpan.")).to_be_visible()
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola agenda dan arsip surat kantor."
    assert anjab.tugas_pokok.count() == 1  # the task saved on the phone is not added again

    # The phone's page is now stale: its next save is refused, with its typing kept.
    phone.fill("#id_kedudukan", "Di bawah Kepala Subbagian Administrasi")
    phone.get_by_role("button", name="Simpan semua").click()
    expect(phone.get_by_text("sudah disimpan oleh")).to_be_visible()
    expect(phone.locator("#id_kedudukan")).to_have_value("Di bawah Kepala Subbagian Administrasi")
    anjab.refresh_from_db()
    assert anjab.kedudukan == ""
    phone.screenshot(path=os.path.join(ARTIFACTS, "abk-form-phone-stale.png"), full_page=False)


def test_task_cards_cut_off_no_input_on_a_desktop(chromium, rights, anjab, staf_adm):
    page = chromium({"width": 1280, "height": 800})
    browser_sign_in(page, staf_adm.username)
    page.goto(f"/abk/analisis/{anjab.pk}/isi/")
    long_text = "Menyusun laporan pengawasan tahapan pemutakhiran data pemilih " * 3
    page.fill("#id_tugas_pokok-0-uraian", long_text)
    cut = page.evaluate(
        """() => {
          const bad = [];
          for (const row of document.querySelectorAll('#bagian-tugas_pokok [data-row]')) {
            const box = row.getBoundingClientRect();
            for (const el of row.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              const r = el.getBoundingClientRect();
              if (r.right > box.right + 0.5 || r.left < box.left - 0.5) bad.push(el.name + ' outside');
              if (el.type !== 'checkbox' && r.width < 120) bad.push(el.name + ' ' + r.width);
              if (el.tagName === 'SELECT' && el.scrollWidth > el.clientWidth + 1) bad.push(el.name + ' clipped');
            }
          }
          return bad;
        }"""
    )
    assert cut == []
    assert document_width(page) <= 1280
