import pytest
from django.urls import reverse

from sisp.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_lands_on_the_portal_and_is_audited(client, staf):
    response = client.post(
        reverse("sisp:login"), {"username": staf.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("sisp:portal")
    assert AuditEvent.objects.filter(action="auth.login", actor=staf).exists()


def test_wrong_password_gets_indonesian_error_and_keeps_username(client, staf):
    response = client.post(reverse("sisp:login"), {"username": staf.username, "password": "salah"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in body
    assert f'value="{staf.username}"' in body
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.detail["username"] == staf.username and event.office == staf.office


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, staf):
    for _ in range(5):
        client.post(reverse("sisp:login"), {"username": staf.username, "password": "salah"})
    # Even the right password is refused now.
    response = client.post(
        reverse("sisp:login"), {"username": staf.username, "password": DEFAULT_PASSWORD}
    )
    body = response.content.decode()
    assert response.status_code == 429
    assert "Akun dikunci sementara" in body
    assert not client.session.get("_auth_user_id")
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()


def test_lockout_of_one_account_does_not_lock_a_colleague(client, staf, make_user, office):
    colleague = make_user("Staf", office=office)
    for _ in range(5):
        client.post(reverse("sisp:login"), {"username": staf.username, "password": "salah"})
    response = client.post(
        reverse("sisp:login"), {"username": colleague.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_logout_needs_post_and_ends_the_session(client, staf):
    client.force_login(staf)
    assert client.get(reverse("sisp:logout")).status_code == 405
    assert client.session.get("_auth_user_id") == str(staf.pk)
    assert client.post(reverse("sisp:logout")).status_code == 302
    assert "_auth_user_id" not in client.session
    after = client.get(reverse("sisp:portal"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("sisp:login"))


def test_password_reset_sends_an_indonesian_email(client, staf, mailoutbox):
    staf.email = "pegawai@example.org"
    staf.save()
    response = client.post(reverse("sisp:password_reset"), {"email": "pegawai@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Atur ulang kata sandi SISP" in mailoutbox[0].subject
    assert "/akun/atur-sandi/" in mailoutbox[0].body


def test_session_and_csrf_cookies_are_http_only(settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


def test_pages_carry_security_headers(client):
    response = client.get(reverse("sisp:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
