import os
import shutil

import pytest

from sisp import roles
from tests.factories import OfficeFactory, UnitFactory, UserFactory

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
        if "browser" in item.keywords:
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


@pytest.fixture
def office(db):
    return OfficeFactory(name="Bawaslu Kota Satu", code="K.UJ-01", slug="kota-satu")


@pytest.fixture
def other_office(db):
    return OfficeFactory(name="Bawaslu Kota Dua", code="K.UJ-02", slug="kota-dua")


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
