"""On a phone, a member of staff finds their profile in the user menu and turns the daily
digest off; the page fits a 360 px screen."""

import pytest
from playwright.sync_api import expect

from sisp import roles
from sisp.models import User
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_turns_the_daily_digest_off_from_the_profile_page_on_a_phone(
    browser_page, screenshot, make_user, office, unit
):
    make_user(roles.STAF, office=office, unit=unit, username="staf.uji", email="staf@x.test")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    browser_sign_in(page, "staf.uji")
    page.locator("summary", has_text="Pegawai").click()
    page.get_by_role("link", name="Profil dan surel").click()
    box = page.get_by_label("Kirim ringkasan harian “Menunggu Anda” ke surel saya")
    expect(box).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot("profil-ringkasan-harian")
    box.uncheck()
    page.get_by_role("button", name="Simpan pilihan").click()
    expect(page.get_by_text("Ringkasan harian tidak akan dikirim lagi.")).to_be_visible()
    expect(box).not_to_be_checked()
    assert User.objects.get(username="staf.uji").wants_digest is False
