"""Headers on every answer (issue 9, part 5): Permissions-Policy always, and
``Cache-Control: no-store`` for a signed-in user and on public pages with personal data."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sisp import roles
from sisp.middleware import PERMISSIONS_POLICY
from tests.refusals import nothing_changes

pytestmark = pytest.mark.django_db


def _plain_paths(patterns, prefix=""):
    """Every route of the site without a parameter, e.g. "/portal/" or "/arsip/ekspor/"."""
    for entry in patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            yield from _plain_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


def signed_in_paths():
    paths = [p for p in _plain_paths(get_resolver().url_patterns) if not p.startswith("/admin/")]
    # A few of the admin's (its own routes are regexes with parameters).
    paths += ["/admin/", "/admin/arsip/naskah/", "/admin/sisp/user/", "/admin/tidak-ada/"]
    return sorted(set(paths) - {"/keluar/"}) + ["/tidak-ada-halaman-ini/"]


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_the_header_middleware_comes_first():
    assert settings.MIDDLEWARE[0] == "sisp.middleware.SecurityHeadersMiddleware"


def test_every_page_of_a_signed_in_user_is_no_store(client, make_user, office):
    user = make_user(
        roles.KETUA,
        roles.KOORDINATOR_SEKRETARIAT,
        roles.PETUGAS_PPPS,
        roles.ADMINISTRATOR,
        office=office,
        is_staff=True,
    )
    client.force_login(user)
    paths = signed_in_paths()
    assert "/portal/" in paths and "/arsip/" in paths and "/ppps/perkara/" in paths
    missing = []
    for path in paths:
        response = client.get(path)
        if not no_store(response) or "Permissions-Policy" not in response:
            missing.append((path, response.status_code, response.get("Cache-Control")))
    assert missing == []


def test_an_anonymous_public_page_has_the_policy_but_may_be_cached(client, office):
    response = client.get(reverse("sisp:home"))
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in response["Permissions-Policy"]
    assert not no_store(response)


@pytest.mark.parametrize(
    "path", ["/", "/healthz", "/cek/", "/masuk/", "/admin/login/", "/tidak-ada/", "/portal/"]
)
def test_every_anonymous_answer_carries_the_permissions_policy(client, office, path):
    assert client.get(path)["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_refused_form_carries_the_headers_too(office, make_user):
    from django.test import Client

    user = make_user(roles.STAF, office=office)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    with nothing_changes(user):
        response = strict.post(reverse("sisp:password_change"), {"old_password": "x"})
    assert response.status_code == 403
    assert "Formulir tidak dapat dikirim" in response.content.decode()
    assert no_store(response) and response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_complaint_pin_page_and_status_page_are_no_store(client, office):
    response = client.post(
        reverse("ppps_public:aduan"),
        {"kantor": office.pk, "uraian": "Ada pembagian uang di dekat TPS 7 pagi ini."},
    )
    assert "ppps/public/aduan_done.html" in [t.name for t in response.templates]
    assert no_store(response)
    status = client.post(
        reverse("ppps_public:aduan_status"), {"kode_tiket": "ADU-XXXX", "pin": "123456"}
    )
    assert no_store(status)
    assert no_store(client.get(reverse("ppps_public:pelapor")))
