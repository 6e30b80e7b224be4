"""In a real browser on a phone-sized screen: the portal's one search box filters modules and
links as one types, a pinned link appears under "Favorit saya" without a reload, and
"Keluar" is on screen."""

import pytest
from playwright.sync_api import expect

from sisp import roles
from tests.conftest import browser_sign_in
from tests.factories import LinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_portal_search_favourite_and_logout_on_a_phone(browser_page, screenshot, make_user, office):
    make_user(roles.KETUA, office=office, username="ketua.uji")
    LinkFactory(office=office, title="SIMPEG", keywords="gaji, absen", roles=[roles.KETUA])
    LinkFactory(office=office, title="e-Kinerja", roles=[roles.KETUA])
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    browser_sign_in(page, "ketua.uji")
    page.goto("/portal/")
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    search = page.get_by_label("Cari aplikasi dan tautan")
    search.fill("gaji")
    expect(page.get_by_role("link", name="SIMPEG")).to_be_visible()
    expect(page.get_by_role("link", name="e-Kinerja")).to_be_hidden()
    expect(page.get_by_role("link", name="E-Arsip")).to_be_hidden()
    search.fill("ekinerja")
    expect(page.get_by_role("link", name="e-Kinerja")).to_be_visible()
    expect(page.get_by_role("link", name="SIMPEG")).to_be_hidden()
    search.fill("surat")
    expect(page.get_by_role("link", name="E-Arsip")).to_be_visible()
    search.fill("")

    page.get_by_role("button", name="Sematkan SIMPEG ke favorit").click()
    favourites = page.locator("#favorit-saya")
    expect(favourites.get_by_role("link", name="SIMPEG")).to_be_visible()
    screenshot("portal-favorit-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Masuk pegawai")).to_be_visible()
