import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_home_shows_the_office_and_its_public_services(client, office):
    office.address = "Jl. Uji No. 1"
    office.save()
    body = client.get(reverse("sisp:home")).content.decode()
    assert office.name in body and "Jl. Uji No. 1" in body
    for href in (
        'action="/cek/"',
        'href="/aduan/?kantor=kota-satu"',
        'href="/statistik/?kantor=kota-satu"',
        f'href="{reverse("sisp:login")}"',
    ):
        assert href in body


def test_home_prefers_the_configured_office(client, office, other_office, settings):
    settings.SISP_PUBLIC_OFFICE_CODE = other_office.code
    assert client.get(reverse("sisp:home")).context["office"]["slug"] == other_office.slug


def test_healthz_is_200_with_the_database_up(client):
    response = client.get(reverse("sisp:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


def _healthz_in_subprocess(database_url):
    """Ask /healthz in a fresh Django process whose database is the given URL."""
    code = (
        "import django;django.setup();"
        "from django.test import Client;"
        "print(Client().get('/healthz').status_code)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sisp.settings",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        "DEBUG": "0",
        "SECRET_KEY": "x",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


def test_healthz_is_503_when_the_database_is_down(tmp_path):
    # Nothing listens on port 1; and a SQLite file in a missing folder cannot be opened.
    assert _healthz_in_subprocess("postgres://postgres@127.0.0.1:1/sisp") == 503
    assert _healthz_in_subprocess(f"sqlite:///{tmp_path}/missing/dir/db.sqlite3") == 503


def test_healthz_is_200_in_a_fresh_process_with_a_reachable_database(tmp_path):
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    else:
        url = f"sqlite:///{tmp_path}/ok.sqlite3"
    assert _healthz_in_subprocess(url) == 200


def test_deploy_check_warns_when_behind_tls_without_proxy_count(settings):
    from sisp.checks import proxy_count_check

    settings.SECURE_SSL = True
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert [w.id for w in proxy_count_check(None)] == ["sisp.W001"]
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert proxy_count_check(None) == []


def test_client_address_trusts_only_the_configured_number_of_proxies(settings, rf):
    from sisp.audit import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the forged first entry is ignored
