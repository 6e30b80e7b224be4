"""A Ketua enrolls an authenticator in a real Chromium, signs out, signs in with the password
and a code computed from the secret the page showed; a recovery code works once."""

import re
import time
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from sisp import roles
from sisp.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_after(key, used_step):
    """The app's code for ``key`` at the first 30-second step after ``used_step``."""
    from django_otp.oath import TOTP

    totp = TOTP(key)
    while totp.t() <= used_step:
        time.sleep(0.5)
    return f"{totp.token():06d}", totp.t()


def password_step(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def sign_out(page):
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("link", name="Masuk pegawai").first).to_be_visible()


def test_ketua_enrolls_signs_in_with_a_code_and_a_recovery_code_works_once(
    browser_page, screenshot, make_user, office, unit
):
    page = browser_page
    roles.ensure_roles()
    ketua = make_user(roles.KETUA, office=office, unit=unit, first_name="Ratna")

    password_step(page, ketua.username)
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/daftar/"))
    expect(page.get_by_role("heading", name="Aktifkan verifikasi dua langkah")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    # Before the second factor no other page opens.
    page.goto("/arsip/")
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/daftar/\?next=%2Farsip%2F"))
    screenshot("2fa-daftar")

    key = b32decode(page.locator("#kunci-rahasia").inner_text().replace(" ", ""))
    code, step = code_after(key, -1)
    page.get_by_label("Kode dari aplikasi").fill(code)
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_role("heading", name="Verifikasi dua langkah aktif")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    screenshot("2fa-kode-pemulihan")
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    expect(page).to_have_url(re.compile(r"/arsip/"))

    sign_out(page)
    password_step(page, ketua.username)
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/\?next="))
    code, step = code_after(key, step)
    page.get_by_label("Kode").fill(code)
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", name="Selamat datang, Ratna")).to_be_visible()

    sign_out(page)
    password_step(page, ketua.username)
    page.get_by_label("Kode").fill(codes[0])
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", name="Selamat datang, Ratna")).to_be_visible()
    expect(page.get_by_text("tersisa 9")).to_be_visible()

    sign_out(page)
    password_step(page, ketua.username)
    page.get_by_label("Kode").fill(codes[0])
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Kode tidak cocok atau sudah dipakai")).to_be_visible()
    page.goto("/portal/")
    expect(page).to_have_url(re.compile(r"/akun/dua-langkah/\?next=%2Fportal%2F"))
    screenshot("2fa-kode-dipakai")

    actions = list(AuditEvent.objects.filter(actor=ketua).values_list("action", flat=True))
    assert actions.count("auth.2fa_enrolled") == 1
    assert actions.count("auth.2fa_recovery_used") == 1
    assert actions.count("auth.2fa_failed") == 1
