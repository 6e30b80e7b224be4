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
