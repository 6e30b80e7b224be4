"""Volumes from SISP's counts and "bandingkan dengan tahun lalu" on a 360 px phone in
Chromium: the suggestion sits in the task card without widening it, is taken only by ticking
"Pakai", and the compare page fits the screen."""

import os
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from sisp import roles
from tests.conftest import browser_sign_in

from .helpers import naskah
from .test_browser_phone import ARTIFACTS, chromium, rights, widest_section  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


def test_phone_takes_a_suggested_volume_and_compares_with_last_year(
    chromium,  # noqa: F811
    rights,  # noqa: F811
    arsip_data,
    make_anjab,
    jabatan,
    staf_adm,
    office,
    subbag_adm,
    subbag_hukum,
    make_user,
):
    registrar = make_user(roles.ARSIPARIS, office=office, unit=subbag_hukum, username="reg")
    for _ in range(3):
        naskah(office=office, unit=subbag_adm, created_by=registrar, kode="PM.00.02")
    make_anjab(jabatan, tahun=2025, tasks=[("1000", "10", "menit", "tahun")])
    anjab = make_anjab(jabatan, tahun=2026, tasks=[("1200", "10", "menit", "tahun")])
    phone = chromium(PHONE)
    browser_sign_in(phone, staf_adm.username)
    phone.goto(f"/abk/analisis/{anjab.pk}/isi/")

    # The longest source names (filing codes with their names) wrap inside the card.
    from abk_anjab.volumes import source_choices

    # Typed (or picked from the page's one list of sources) by its label, saved as its key.
    offered = dict(o for _g, opts in source_choices(staf_adm, jabatan.unit)[1:] for o in opts)
    phone.fill("#id_tugas_pokok-0-sumber_hitungan", offered["arsip.kode:PM.00.02"])
    phone.locator("#bagian-tugas_pokok").get_by_role("button", name="Simpan bagian ini").click()
    expect(phone.locator("[data-suggestion]")).to_contain_text("Hitungan SISP tahun 2025: 3")
    layout = widest_section(phone)
    assert layout["widest"] <= PHONE["width"], layout
    assert layout["outside"] == []
    task = anjab.tugas_pokok.get()
    assert (task.sumber_hitungan, task.volume) == ("arsip.kode:PM.00.02", Decimal("1200"))
    os.makedirs(ARTIFACTS, exist_ok=True)
    phone.locator("#bagian-tugas_pokok").scroll_into_view_if_needed()
    phone.screenshot(path=os.path.join(ARTIFACTS, "abk-volume-phone.png"), full_page=False)

    phone.get_by_label("Pakai 3 sebagai jumlah hasil (per tahun)").check()
    phone.locator("#bagian-tugas_pokok").get_by_role("button", name="Simpan bagian ini").click()
    expect(phone.get_by_text("Bagian Tugas pokok dan beban kerja (ABK) tersimpan.")).to_be_visible()
    task.refresh_from_db()
    assert task.volume == Decimal("3")

    phone.goto(f"/abk/analisis/{anjab.pk}/bandingkan/")
    expect(phone.get_by_role("heading", name="Tugas pokok")).to_be_visible()
    expect(phone.locator("[data-compare=tugas] mark").first).to_have_text("3 per tahun")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=os.path.join(ARTIFACTS, "abk-compare-phone.png"), full_page=True)
