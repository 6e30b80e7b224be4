"""Sign-in that holds under attack: the client address parsed safely, lockout per (username,
address), and a per-address limit on sign-in and password-reset POSTs counted before hashing."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from sisp.audit import client_ip
from sisp.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD
from tests.sisp.hashers import CountingMD5PasswordHasher

pytestmark = pytest.mark.django_db

LOGIN = "sisp:login"


def wrong(client, username, **extra):
    return client.post(reverse(LOGIN), {"username": username, "password": "salah"}, **extra)


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("1.2.3.4:5555", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("6.6.6.6, 203.0.113.9", "203.0.113.9"),
        ("bukan-alamat", "10.9.8.7"),
        ("1.2.3.4:abc:def", "10.9.8.7"),
        ("[2001:db8::1", "10.9.8.7"),
        ("999.1.1.1", "10.9.8.7"),
        ("fe80::1%eth0", "10.9.8.7"),
        ("", "10.9.8.7"),
        (" , ,", "10.9.8.7"),
    ],
)
def test_forwarded_address_is_parsed_or_falls_back_to_the_connecting_one(
    rf, settings, forwarded, expected
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_too_few_forwarded_hops_fall_back_to_the_connecting_address(rf, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "10.9.8.7"


def test_a_connecting_address_that_is_no_address_gives_none(rf, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert client_ip(rf.get("/", REMOTE_ADDR="unix:/run/gunicorn.sock")) is None


@pytest.mark.parametrize(
    ("forwarded", "stored"),
    [
        ("1.2.3.4:5555", "1.2.3.4"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("sampah;<script>", "127.0.0.1"),
        ("", "127.0.0.1"),
    ],
)
def test_malformed_forwarded_address_never_gives_a_500_on_an_audited_page(
    client, settings, staf, forwarded, stored
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    response = wrong(client, staf.username, HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="auth.login_failed").ip_address == stored
    response = client.post(
        reverse(LOGIN),
        {"username": staf.username, "password": DEFAULT_PASSWORD},
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="auth.login").ip_address == stored


def test_lockouts_and_the_audit_trail_agree_on_the_address(client, settings, staf):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    wrong(client, staf.username, HTTP_X_FORWARDED_FOR="198.51.100.7:40000")
    assert AccessAttempt.objects.get(username=staf.username).ip_address == "198.51.100.7"
    assert AuditEvent.objects.get(action="auth.login_failed").ip_address == "198.51.100.7"


def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_from_another(client, staf):
    for _ in range(5):
        wrong(client, staf.username, REMOTE_ADDR="203.0.113.66")
    refused = client.post(
        reverse(LOGIN),
        {"username": staf.username, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="203.0.113.66",
    )
    assert refused.status_code == 429
    assert "Akun dikunci sementara" in refused.content.decode()
    response = client.post(
        reverse(LOGIN),
        {"username": staf.username, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staf.pk)


def test_lockout_message_is_plain_indonesian_and_reads_the_setting(client, settings, staf):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=90)
    for _ in range(5):
        wrong(client, staf.username)
    body = wrong(client, staf.username).content.decode()
    assert "coba lagi dalam 1 jam 30 menit" in body.lower()
    assert "PT" not in body.split("<main", 1)[1]


def test_default_lockout_message_says_30_minutes(client, staf):
    for _ in range(6):
        response = wrong(client, staf.username)
    assert response.status_code == 429
    assert "Coba lagi dalam 30 menit" in response.content.decode()
    assert "PT30M" not in response.content.decode()


def test_random_username_flood_gets_429_after_the_limit_without_hashing_each(client, settings):
    settings.PASSWORD_HASHERS = ["tests.sisp.hashers.CountingMD5PasswordHasher"]
    settings.SISP_LOGIN_RATE = (10, 300)
    CountingMD5PasswordHasher.hashed = 0
    statuses = [
        client.post(reverse(LOGIN), {"username": f"acak{i}", "password": f"tebakan{i}"}).status_code
        for i in range(40)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10:] == [429] * 30
    # One hash per allowed try (Django hashes a dummy for an unknown user), none for the 30.
    assert CountingMD5PasswordHasher.hashed == 10


def test_the_429_page_is_indonesian_and_names_the_real_window(client, settings):
    settings.SISP_LOGIN_RATE = (1, 600)
    wrong(client, "siapa")
    response = wrong(client, "siapa")
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "Terlalu banyak percobaan" in body and "Coba lagi dalam 10 menit" in body


def test_the_sign_in_limit_is_per_address(client, settings, staf):
    settings.SISP_LOGIN_RATE = (2, 300)
    for _ in range(3):
        wrong(client, "siapa", REMOTE_ADDR="203.0.113.1")
    limited = wrong(client, "siapa", REMOTE_ADDR="203.0.113.1")
    assert limited.status_code == 429 and "Terlalu banyak" in limited.content.decode()
    response = client.post(
        reverse(LOGIN),
        {"username": staf.username, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="203.0.113.2",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staf.pk)


def test_password_reset_requests_are_limited_per_address(client, settings, staf, mailoutbox):
    settings.SISP_PASSWORD_RESET_RATE = (3, 3600)
    staf.email = "pegawai@example.org"
    staf.save()
    url = reverse("sisp:password_reset")
    for _ in range(3):
        assert client.post(url, {"email": "pegawai@example.org"}).status_code == 302
    response = client.post(url, {"email": "pegawai@example.org"})
    assert response.status_code == 429
    assert "Coba lagi dalam 1 jam" in response.content.decode()
    assert len(mailoutbox) == 3
