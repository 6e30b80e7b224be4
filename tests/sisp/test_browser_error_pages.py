"""The error pages in a real Chromium at phone width: Indonesian, with a way back that works."""

import pytest
from playwright.sync_api import expect

from sisp import roles
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def sign_in(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_404_for_a_visitor_leads_back_home(browser_page, screenshot, office):
    page = browser_page
    page.set_viewport_size(PHONE)
    response = page.goto("/halaman-yang-tidak-ada/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "id"
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    assert fits_the_screen(page)
    screenshot("galat-404-tamu-360")
    page.get_by_role("link", name="Kembali ke beranda").click()
    expect(page.get_by_role("heading", name=office.name, exact=True)).to_be_visible()


def test_404_for_a_signed_in_user_leads_to_the_portal(
    browser_page, screenshot, make_user, office, unit
):
    page = browser_page
    page.set_viewport_size(PHONE)
    roles.ensure_roles()
    user = make_user(roles.STAF, office=office, unit=unit, first_name="Sari")
    sign_in(page, user.username)
    expect(page.get_by_role("heading", name="Selamat datang, Sari")).to_be_visible()
    response = page.goto("/arsip/987654/")  # no such record (a hidden one answers the same)
    assert response.status == 404
    assert "no-store" in response.headers["cache-control"]
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(page.locator(".site-header")).to_contain_text(office.name)
    assert fits_the_screen(page)
    screenshot("galat-404-pegawai-360")
    page.get_by_role("link", name="Buka portal pegawai").click()
    expect(page.get_by_role("heading", name="Selamat datang, Sari")).to_be_visible()


def test_a_form_with_a_bad_token_gets_the_indonesian_csrf_page(
    browser_page, screenshot, make_user, office
):
    page = browser_page
    page.set_viewport_size(PHONE)
    user = make_user(roles.STAF, office=office)
    page.goto("/masuk/")
    page.locator("input[name=csrfmiddlewaretoken]").evaluate("el => { el.value = 'palsu' }")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(DEFAULT_PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Masuk").click()
    assert posted.value.status == 403
    expect(page.get_by_role("heading", name="Formulir tidak dapat dikirim")).to_be_visible()
    body = page.locator("body").inner_text()
    assert "CSRF" not in body and "DEBUG" not in body and "Forbidden" not in body
    assert fits_the_screen(page)
    screenshot("galat-csrf-360")
    page.get_by_role("link", name="Kembali ke beranda").click()
    expect(page.get_by_role("heading", name=office.name, exact=True)).to_be_visible()
