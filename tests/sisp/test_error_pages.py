"""Indonesian error pages with the site header and a way back (issue 9, part 5): 400, 403,
404, 429, 500 and the CSRF failure; none mentions DEBUG or shows Django's English text; the
500 page renders with the database unreachable; a refused object looks like a missing one."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from sisp import roles
from sisp.views.errors import too_many_requests

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

ENGLISH = [
    "Not Found",
    "Forbidden",
    "Server Error",
    "Bad Request",
    "CSRF verification failed",
    "The requested resource",
    "DEBUG",
    "Request aborted",
    "Too Many Requests",
]
WAY_BACK = ['href="/"', 'href="/portal/"', "Kembali ke beranda", "Buka portal pegawai"]


def assert_indonesian_error_page(response, status, heading):
    body = response.content.decode()
    assert response.status_code == status
    assert '<html lang="id">' in body
    assert heading in body
    # The site header: SISP for staff, the office's public identity for the public (issue 12).
    assert 'class="site-header"' in body and 'class="brand"' in body
    for needle in WAY_BACK:
        assert needle in body, needle
    for word in ENGLISH:
        assert word not in body, word
    return body


def test_404_for_an_anonymous_visitor(client, office):
    response = client.get("/tidak-ada-halaman-ini/")
    body = assert_indonesian_error_page(response, 404, "Halaman tidak ditemukan")
    assert "Masuk pegawai" in body
    assert "/tidak-ada-halaman-ini/" not in body  # the path asked for is not echoed


def test_404_for_a_signed_in_user_shows_their_office(client, make_user, office):
    client.force_login(make_user(roles.STAF, office=office))
    body = assert_indonesian_error_page(
        client.get("/portal/tidak-ada/"), 404, "Halaman tidak ditemukan"
    )
    assert office.name in body and "Pegawai" in body  # the header knows who is signed in


@pytest.mark.urls("tests.sisp.urls_errors")
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_refused_object_looks_exactly_like_a_missing_page(client, make_user, office, signed_in):
    if signed_in:
        client.force_login(make_user(roles.STAF, office=office))
    refused = client.get("/uji/ditolak/")
    missing = client.get("/tidak-ada/sama-sekali/")
    assert refused.status_code == missing.status_code == 404
    assert "Sangat Rahasia" not in refused.content.decode()
    assert refused.content == missing.content  # byte for byte: no token, no path, no reason


def test_403_when_a_role_lacks_the_right(client, make_user, office):
    client.force_login(make_user(roles.STAF, office=office))
    response = client.get(reverse("sisp:audit_list"))
    assert_indonesian_error_page(response, 403, "Akses ditolak")


@pytest.mark.urls("tests.sisp.urls_errors")
def test_403_and_400_show_no_english_reason(client, office):
    forbidden = assert_indonesian_error_page(client.get("/uji/terlarang/"), 403, "Akses ditolak")
    assert "English reason" not in forbidden
    bad = assert_indonesian_error_page(
        client.get("/uji/rusak/"), 400, "Permintaan tidak dapat diproses"
    )
    assert "English reason" not in bad


def test_400_for_a_request_to_an_unknown_host(client, office):
    response = client.get("/", HTTP_HOST="bukan-sisp.example")
    assert_indonesian_error_page(response, 400, "Permintaan tidak dapat diproses")


def test_400_for_a_form_with_too_many_fields(client, office, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post("/masuk/", {f"f{i}": "x" for i in range(10)})
    assert_indonesian_error_page(response, 400, "Permintaan tidak dapat diproses")


@pytest.mark.parametrize("signed_in", [False, True])
def test_csrf_failure_is_indonesian(make_user, office, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(make_user(roles.STAF, office=office))
        url = reverse("sisp:password_change")
    else:
        url = reverse("sisp:login")
    response = client.post(url, {"username": "x", "password": "y"})
    body = assert_indonesian_error_page(response, 403, "Formulir tidak dapat dikirim")
    assert "CSRF" not in body and "Referer" not in body


def test_429_page_tells_how_long_to_wait(rf, office):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = too_many_requests(request, 600)
    assert response["Retry-After"] == "600"
    body = assert_indonesian_error_page(response, 429, "Terlalu banyak permintaan")
    assert "sekitar 10 menit lagi" in body
    assert "sekitar 2 menit lagi" in too_many_requests(request, 61).content.decode()


def test_429_template_without_a_window_says_a_moment(rf, office):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    body = render_to_string("429.html", request=request)
    assert "beberapa saat lagi" in body and "menit" not in body


@pytest.mark.urls("tests.sisp.urls_errors")
def test_500_is_indonesian_with_a_way_back(office, make_user):
    client = Client(raise_request_exception=False)
    client.force_login(make_user(roles.STAF, office=office))
    response = client.get("/uji/boom/")
    body = assert_indonesian_error_page(response, 500, "Terjadi gangguan pada server")
    assert "deliberate failure" not in body
    assert office.name not in body  # rendered with no context: nothing about the user


def _error_page_in_subprocess(database_url):
    """Ask "/" in a fresh Django process whose database cannot be reached."""
    code = (
        "import django;django.setup();"
        "from django.test import Client;"
        "r=Client(raise_request_exception=False).get('/');"
        "print(r.status_code);print(r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sisp.settings",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "0",
        "SECRET_KEY": "x",
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    status, _, body = result.stdout.partition("\n")
    return int(status), body


@pytest.mark.parametrize(
    "database_url",
    ["postgres://postgres@127.0.0.1:1/sisp", "sqlite:////nonexistent-sisp-dir/missing/db.sqlite3"],
)
def test_500_renders_with_the_database_unreachable(database_url):
    status, body = _error_page_in_subprocess(database_url)
    assert status == 500
    assert '<html lang="id">' in body and "Terjadi gangguan pada server" in body
    for needle in WAY_BACK:
        assert needle in body
    for word in ENGLISH:
        assert word not in body


def test_a_view_that_refuses_a_role_shows_the_403_page_not_an_empty_answer(
    client, make_user, office
):
    client.force_login(make_user(roles.STAF, office=office))
    response = client.get(reverse("arsip:retensi"))
    assert_indonesian_error_page(response, 403, "Akses ditolak")
