import os
import shutil

import pytest
from django.test import Client

from sisp import roles, twofactor
from tests.factories import DEFAULT_PASSWORD, OfficeFactory, UnitFactory, UserFactory

CHROMIUM = os.environ.get("SISP_CHROMIUM", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls made by
# the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("SISP_REQUIRE_BROWSER"):
        raise pytest.UsageError(
            f"SISP_REQUIRE_BROWSER is set but Chromium is missing at {CHROMIUM}"
        )
    reason = f"browser test skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    for item in items:
        # The marker, not item.keywords: keywords also hold folder names (a checkout in a
        # folder called "browser" would skip everything).
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"SISP test database engine: {engine}"


@pytest.fixture(autouse=True)
def _settings_for_tests(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The public front holds the office list per process; a rolled-back test leaves no signal.
    from sisp.views.public import forget_public_offices

    forget_public_offices()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in and lookup limits count per address in the cache, and every test client comes
    from 127.0.0.1: start each test with empty counters."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class SispClient(Client):
    """Django's test client whose ``force_login`` also passes the second factor, as a staff
    member does after the password: for a user who must (``sisp.twofactor.required_for``), it
    enrolls an authenticator device and marks the session verified with django-otp's own
    ``login(request, device)``. ``force_login(user, second_factor=False)`` stops after the
    password, for tests of the second factor itself."""

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if not second_factor or not twofactor.required_for(user):
            return
        import django_otp
        from django.http import HttpRequest

        request = HttpRequest()
        request.session = self.session
        request.user = user
        django_otp.login(request, enroll_totp(user))
        request.session.save()


@pytest.fixture
def client():
    return SispClient()


def enroll_totp(user):
    """The user's confirmed authenticator device, made (with a random key) if missing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi tes", confirmed=True)
    return device


def fresh_totp(device):
    """The code the device's app shows now, computed from its key (RFC 6238). Waits for the
    next 30-second step when this step's code was already used (django-otp refuses replays)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(0.5)
    return f"{totp.token():0{device.digits}d}"


def browser_sign_in(page, username, password=DEFAULT_PASSWORD):
    """Sign in through the real form; for a user who must, then the real second step with a
    code computed from their authenticator device (enrolled here when missing)."""
    import re

    from sisp.models import User

    user = User.objects.get(username=username)
    device = enroll_totp(user) if twofactor.required_for(user) else None
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    if device is not None:
        page.wait_for_url(re.compile(r"/akun/dua-langkah/"))
        page.get_by_label("Kode").fill(fresh_totp(device))
        page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_load_state()


@pytest.fixture
def office(db):
    return OfficeFactory(
        name="Bawaslu Kota Satu", code="K.UJ-01", bawaslu_code="12.01", slug="kota-satu"
    )


@pytest.fixture
def other_office(db):
    return OfficeFactory(
        name="Bawaslu Kota Dua", code="K.UJ-02", bawaslu_code="12.02", slug="kota-dua"
    )


@pytest.fixture
def unit(office):
    return UnitFactory(office=office, name="Divisi Penanganan Pelanggaran")


@pytest.fixture
def make_user(db):
    """make_user("Staf", office=..., unit=...) creates a user holding those roles."""

    def make(*role_names, **kwargs):
        return UserFactory(roles=list(role_names), **kwargs)

    return make


@pytest.fixture
def admin_user_sisp(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True)


@pytest.fixture
def staf(make_user, office, unit):
    return make_user(roles.STAF, office=office, unit=unit)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in Debian's Chromium, pointed at the live server."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


@pytest.fixture
def screenshot(browser_page, request):
    """screenshot("name") saves a PNG under test-artifacts/ for a person to look at."""
    folder = os.path.join(os.path.dirname(__file__), "..", "test-artifacts")

    def take(name):
        os.makedirs(folder, exist_ok=True)
        browser_page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)

    return take


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The mutation run (docs/mutation.md) starts a test session for every mutant: migrating
    a fresh SQLite database each time would take most of the run. With
    ``SISP_TEST_DB_TEMPLATE=<file>`` and ``--reuse-db``, the first session migrates that file
    and keeps it; every later session works on its own copy of it (so two sessions at once
    never share a database), removed when the session ends. Unset: nothing changes."""
    template = os.environ.get("SISP_TEST_DB_TEMPLATE")
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not template or database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    copy = None
    if os.path.exists(template):
        copy = f"{template}.{os.getpid()}"
        shutil.copyfile(template, copy)
    database.setdefault("TEST", {})["NAME"] = copy or template
    yield
    if copy is not None:
        for leftover in (copy, f"{copy}-wal", f"{copy}-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end connections that server threads of the live
    server left open on Postgres, so the drop succeeds and no test database is left behind."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
