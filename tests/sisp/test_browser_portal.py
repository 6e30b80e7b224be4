"""End-to-end journeys in a real Chromium against the live server."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from sisp import roles
from sisp.models import Favorite
from tests.conftest import browser_sign_in
from tests.factories import DEFAULT_PASSWORD, LinkCategoryFactory, LinkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username, password=DEFAULT_PASSWORD):
    browser_sign_in(page, username, password)


def test_sign_in_search_pin_and_sign_out(browser_page, screenshot, make_user, office, unit):
    page = browser_page
    roles.ensure_roles()
    user = make_user(roles.STAF, office=office, unit=unit, first_name="Sari")
    category = LinkCategoryFactory(office=office, name="Persuratan")
    LinkFactory(
        office=office,
        category=category,
        title="SRIKANDI",
        description="Persuratan dinas",
        roles=[roles.STAF],
    )
    LinkFactory(
        office=office,
        category=category,
        title="e-Kinerja",
        description="Kinerja pegawai",
        roles=[roles.STAF],
    )
    LinkFactory(office=office, category=category, title="SIPS", roles=[roles.KETUA])

    sign_in(page, user.username)
    expect(page.get_by_role("heading", name="Selamat datang, Sari")).to_be_visible()
    links = page.locator("#daftar-tautan a.title")
    expect(links).to_have_count(2)  # SIPS is for the Ketua only

    page.get_by_label("Cari aplikasi dan tautan").fill("kinerja")
    expect(page.locator("#daftar-tautan a.title:visible")).to_have_text(["e-Kinerja"])
    page.get_by_label("Cari aplikasi dan tautan").fill("tidak ada yang cocok")
    expect(
        page.get_by_text("Tidak ada aplikasi atau tautan yang cocok dengan pencarian Anda.")
    ).to_be_visible()
    page.get_by_label("Cari aplikasi dan tautan").fill("")

    page.get_by_role("button", name="Sematkan SRIKANDI ke favorit").click()
    # At once, without a reload: the pinned link is under "Favorit saya" too.
    expect(
        page.locator("#favorit-saya").get_by_role("button", name="Lepas SRIKANDI dari favorit")
    ).to_be_visible()
    assert Favorite.objects.filter(user=user, link__title="SRIKANDI").exists()
    page.reload()
    expect(page.get_by_role("heading", name="Favorit saya")).to_be_visible()
    screenshot("portal-staf")

    page.get_by_role("button", name="Keluar").click()  # in sight, not under the user menu
    expect(page.get_by_role("link", name="Masuk pegawai").first).to_be_visible()
    page.goto("/portal/")
    expect(page).to_have_url(f"{page.url.split('/masuk/')[0]}/masuk/?next=/portal/")


def test_administrator_adds_a_link_for_one_role_and_only_that_role_sees_it(
    browser_page, screenshot, make_user, office
):
    page = browser_page
    roles.ensure_roles()
    admin = make_user(roles.ADMINISTRATOR, office=office)
    petugas = make_user(roles.PETUGAS_PPPS, office=office)
    staf = make_user(roles.STAF, office=office)
    LinkCategoryFactory(office=office, name="Layanan Bawaslu")

    sign_in(page, admin.username)
    page.goto("/portal/kelola/")
    page.get_by_role("link", name="Tambah tautan").click()
    page.get_by_label("Kategori").select_option(label="Layanan Bawaslu")
    page.get_by_label("Judul").fill("SIGAPLAPOR")
    page.get_by_label("Alamat (URL)").fill("https://sigaplapor.example.go.id/")
    page.get_by_label(roles.PETUGAS_PPPS).check()
    screenshot("kelola-tautan-form")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tautan disimpan.")).to_be_visible()
    assert (
        Group.objects.get(name=roles.PETUGAS_PPPS).portal_links.filter(title="SIGAPLAPOR").exists()
    )

    page.context.clear_cookies()
    sign_in(page, petugas.username)
    expect(page.get_by_role("link", name="SIGAPLAPOR")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, staf.username)
    expect(page.get_by_role("heading", name="Tautan layanan")).to_be_visible()
    expect(page.get_by_role("link", name="SIGAPLAPOR")).to_have_count(0)


def test_five_wrong_passwords_show_the_lockout_message(browser_page, screenshot, make_user, office):
    page = browser_page
    user = make_user(roles.STAF, office=office)
    for _ in range(5):
        sign_in(page, user.username, "salah-sandi")
    sign_in(page, user.username)  # even the right password is now refused
    expect(page.get_by_role("heading", name="Akun dikunci sementara")).to_be_visible()
    screenshot("akun-dikunci")
