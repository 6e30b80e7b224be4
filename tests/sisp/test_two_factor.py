"""Two-factor sign-in: who must pass it, that nothing is reachable before it, enrolment,
verification, recovery codes that work once, and the reset with a second person."""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sisp import roles, twofactor
from sisp.models import AuditEvent
from tests.conftest import SispClient, enroll_totp, fresh_totp
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

SETUP = reverse("sisp:2fa_setup")
VERIFY = reverse("sisp:2fa_verify")


@pytest.fixture
def ketua(make_user, office, unit):
    return make_user(roles.KETUA, office=office, unit=unit, is_staff=True)


@pytest.fixture
def password_only(ketua):
    """A client signed in as the Ketua with the password only."""
    client = SispClient()
    client.force_login(ketua, second_factor=False)
    return client


def pages():
    return [
        reverse("sisp:portal"),
        reverse("sisp:audit_list"),
        reverse("sisp:password_change"),
        reverse("arsip:index"),
        reverse("ppps:index"),
        reverse("abk_anjab:index"),
        reverse("admin:index"),
        reverse("admin:sisp_user_changelist"),
        reverse("ppps_public:cek"),
        reverse("sisp:home"),
    ]


def test_the_default_asks_the_sensitive_roles_and_the_installation_manager(make_user, office, staf):
    assert twofactor.mode() == "sensitive"
    for role in (roles.KETUA, roles.PETUGAS_PPPS, roles.PENGAWAS_INTERNAL):
        assert twofactor.required_for(make_user(role, office=office))
    assert twofactor.required_for(make_user(office=office, is_superuser=True))
    assert not twofactor.required_for(staf)


def test_a_user_of_a_sensitive_role_reaches_no_page_before_the_second_factor(password_only, ketua):
    for url in pages():
        response = password_only.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url
    enroll_totp(ketua)
    for url in pages():
        response = password_only.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url


def test_the_installation_manager_reaches_no_admin_page_before_the_second_factor(make_user, office):
    manager = make_user(office=office, is_superuser=True, is_staff=True)
    client = SispClient()
    client.force_login(manager, second_factor=False)
    for url in (reverse("admin:index"), reverse("admin:auth_group_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(SETUP)
    client.force_login(manager)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_change_posted_before_the_second_factor_changes_nothing(password_only, ketua):
    response = password_only.post(
        reverse("sisp:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "Sandi-Baru-2026!x",
            "new_password2": "Sandi-Baru-2026!x",
        },
    )
    assert response.status_code == 302 and response["Location"] == SETUP
    ketua.refresh_from_db()
    assert ketua.check_password(DEFAULT_PASSWORD)


def test_a_role_given_during_the_session_asks_for_the_second_factor_within_a_minute(
    client, staf, monkeypatch
):
    client.force_login(staf)
    assert client.get(reverse("sisp:portal")).status_code == 200
    staf.groups.add(Group.objects.get(name=roles.PETUGAS_PPPS))
    session = client.session
    required, checked = session[twofactor.SESSION_KEY]
    session[twofactor.SESSION_KEY] = [required, checked - twofactor.RECHECK_SECONDS]
    session.save()
    response = client.get(reverse("sisp:portal"))
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_staf_is_not_asked_by_default_but_is_with_all(client, staf, settings):
    client.force_login(staf)
    assert client.get(reverse("sisp:portal")).status_code == 200
    settings.SISP_2FA_REQUIRED = "all"
    other = SispClient()
    other.force_login(staf, second_factor=False)
    assert other.get(reverse("sisp:portal"))["Location"].startswith(SETUP)


def test_none_turns_the_second_factor_off(settings, ketua):
    settings.SISP_2FA_REQUIRED = "none"
    client = SispClient()
    client.force_login(ketua, second_factor=False)
    page = client.get(reverse("sisp:portal"))
    assert page.status_code == 200
    assert "Selamat datang" in page.content.decode()


def test_enrolment_shows_qr_and_secret_confirms_with_a_code_and_shows_ten_codes_once(
    password_only, ketua
):
    response = password_only.get(SETUP)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Aktifkan verifikasi dua langkah" in body and "<svg" in body
    device = TOTPDevice.objects.get(user=ketua, confirmed=False)
    assert twofactor.secret_for_display(device) in body
    assert "no-store" in response.get("Cache-Control", "") or "no-cache" in response.get(
        "Cache-Control", ""
    )

    wrong = password_only.post(
        SETUP, {"kode": "000000" if fresh_totp(device) != "000000" else "111111"}
    )
    assert "Kode tidak cocok" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert AuditEvent.objects.filter(action="auth.2fa_failed", actor=ketua).count() == 1

    time.sleep(1.1)  # django-otp's throttle: after one wrong code the next waits a second
    done = password_only.post(SETUP, {"kode": fresh_totp(device), "next": "/arsip/"})
    body = done.content.decode()
    codes = list(StaticToken.objects.filter(device__user=ketua).values_list("token", flat=True))
    assert done.status_code == 200 and len(codes) == 10
    assert all(code in body for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="auth.2fa_enrolled", actor=ketua).count() == 1
    assert password_only.get(reverse("arsip:index")).status_code == 200
    # Shown once: the enrolment page now sends to verification, never the codes again.
    again = password_only.get(SETUP)
    assert again.status_code == 302 and not any(c in again.content.decode() for c in codes)


def test_verification_after_the_password_opens_the_pages(password_only, ketua):
    device = enroll_totp(ketua)
    response = password_only.post(VERIFY, {"kode": "12345", "next": "/arsip/"})
    assert "Kode tidak cocok" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.2fa_failed", actor=ketua).exists()
    assert password_only.get(reverse("sisp:portal")).status_code == 302
    time.sleep(1.1)  # django-otp's throttle: after one wrong code the next waits a second
    response = password_only.post(VERIFY, {"kode": fresh_totp(device), "next": "/arsip/"})
    assert response.status_code == 302 and response["Location"] == "/arsip/"
    assert password_only.get(reverse("sisp:portal")).status_code == 200


def test_a_used_app_code_is_refused_in_another_session(ketua):
    device = enroll_totp(ketua)
    code = fresh_totp(device)
    first, second = SispClient(), SispClient()
    for c in (first, second):
        c.force_login(ketua, second_factor=False)
    assert first.post(VERIFY, {"kode": code})["Location"] == reverse("sisp:portal")
    assert second.post(VERIFY, {"kode": code}).status_code == 200
    assert second.get(reverse("sisp:portal")).status_code == 302


def test_the_next_address_never_leaves_the_site(password_only, ketua):
    device = enroll_totp(ketua)
    response = password_only.post(
        VERIFY, {"kode": fresh_totp(device), "next": "https://penipu.example/"}
    )
    assert response["Location"] == reverse("sisp:portal")


def test_recovery_codes_work_once(ketua):
    enroll_totp(ketua)
    code = twofactor.new_recovery_codes(ketua)[0]
    first = SispClient()
    first.force_login(ketua, second_factor=False)
    response = first.post(VERIFY, {"kode": code.upper()})
    assert response.status_code == 302
    assert first.get(reverse("sisp:portal")).status_code == 200
    event = AuditEvent.objects.get(action="auth.2fa_recovery_used")
    assert event.actor == ketua and event.detail["remaining"] == 9
    assert not StaticToken.objects.filter(token=code).exists()

    second = SispClient()
    second.force_login(ketua, second_factor=False)
    response = second.post(VERIFY, {"kode": code})
    assert "Kode tidak cocok" in response.content.decode()
    assert second.get(reverse("sisp:portal")).status_code == 302
    assert StaticToken.objects.filter(device__user=ketua).count() == 9


def test_verification_attempts_are_limited_per_address_before_any_check(
    password_only, ketua, settings
):
    settings.SISP_LOGIN_RATE = (3, 300)
    device = enroll_totp(ketua)
    for _ in range(3):
        password_only.post(VERIFY, {"kode": "99999x"})
    response = password_only.post(VERIFY, {"kode": fresh_totp(device)})
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="auth.2fa_failed").count() == 3
    device.refresh_from_db()
    assert device.last_t == -1  # the right code was not even checked


def test_admin_sign_in_goes_through_sisp_sign_in(client):
    response = client.get("/admin/login/?next=/admin/sisp/user/")
    assert response.status_code == 302
    assert response["Location"] == "/masuk/?next=%2Fadmin%2Fsisp%2Fuser%2F"


# --- Lost device: reset with a second person ---------------------------------------------


@pytest.fixture
def enrolled(ketua):
    enroll_totp(ketua)
    twofactor.new_recovery_codes(ketua)
    return ketua


def devices_of(user):
    return (
        TOTPDevice.objects.filter(user=user).count(),
        StaticDevice.objects.filter(user=user).count(),
        StaticToken.objects.filter(device__user=user).count(),
    )


def test_reset_command_needs_an_approver(enrolled):
    with pytest.raises(CommandError):
        call_command("reset_2fa", enrolled.username)
    assert devices_of(enrolled) == (1, 1, 10)


@pytest.mark.parametrize("who", ["self", "administrator", "other_office_ketua", "inactive_ketua"])
def test_reset_command_refuses_without_a_different_valid_approver_and_changes_nothing(
    enrolled, make_user, office, other_office, who
):
    approver = {
        "self": lambda: enrolled,
        "administrator": lambda: make_user(roles.ADMINISTRATOR, office=office, is_staff=True),
        "other_office_ketua": lambda: make_user(roles.KETUA, office=other_office),
        "inactive_ketua": lambda: make_user(roles.KETUA, office=office, is_active=False),
    }[who]()
    with pytest.raises(CommandError, match="Ditolak"):
        call_command("reset_2fa", enrolled.username, approved_by=approver.username)
    assert devices_of(enrolled) == (1, 1, 10)
    assert not AuditEvent.objects.filter(action="auth.2fa_reset").exists()


def test_reset_by_a_second_ketua_of_the_office_removes_the_devices_and_is_audited(
    enrolled, make_user, office
):
    second = make_user(roles.KETUA, office=office)
    call_command("reset_2fa", enrolled.username, approved_by=second.username)
    assert devices_of(enrolled) == (0, 0, 0)
    event = AuditEvent.objects.get(action="auth.2fa_reset")
    assert event.office == office and event.actor == second
    assert event.object_id == str(enrolled.pk) and event.detail["approved_by"] == second.username
    client = SispClient()
    client.force_login(enrolled, second_factor=False)
    assert client.get(reverse("sisp:portal"))["Location"].startswith(SETUP)


def test_the_installation_manager_may_approve_a_reset(enrolled, make_user, other_office):
    manager = make_user(office=other_office, is_superuser=True)
    call_command("reset_2fa", enrolled.username, approved_by=manager.username)
    assert devices_of(enrolled) == (0, 0, 0)


def test_demo_users_who_must_are_enrolled_with_the_documented_demo_secret(settings):
    from base64 import b32decode
    from pathlib import Path

    from sisp.management.commands.seed_demo import DEMO_TOTP_SECRET
    from sisp.models import User

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # twice: still one device each
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"**`{DEMO_TOTP_SECRET}`**" in readme
    enrolled = set(
        TOTPDevice.objects.filter(
            confirmed=True, key=b32decode(DEMO_TOTP_SECRET).hex()
        ).values_list("user__username", flat=True)
    )
    assert TOTPDevice.objects.count() == len(enrolled)
    required = {u.username for u in User.objects.all() if twofactor.required_for(u)}
    assert enrolled == required
    # The README's list.
    for prefix in ("ketua", "anggota", "korsek", "kasubag", "ppps", "auditor"):
        assert {f"{prefix}.kota", f"{prefix}.kab"} <= enrolled, prefix
    assert "ketua.jatim" in enrolled
    assert not {"staf.kota", "admin.kota", "arsiparis.kota"} & enrolled


def test_devices_are_not_edited_in_the_admin(client, make_user, office):
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
    manager = make_user(office=office, is_superuser=True, is_staff=True)
    client.force_login(manager)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
