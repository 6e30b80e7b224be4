import datetime

import pytest

from ppps import reference_data, services
from ppps.models import Jenis, Pemilihan, Regime
from sisp import roles


@pytest.fixture
def reference(db):
    """Stages, status words and holidays (data-migration rows, reloaded after a flush)."""
    reference_data.load_all()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def pilwali(office, reference):
    return Pemilihan.objects.create(
        office=office,
        name="Pemilihan Wali Kota 2024",
        regime=Regime.PEMILIHAN,
        code="PW",
        year=2024,
    )


@pytest.fixture
def pemilu(office, reference):
    return Pemilihan.objects.create(
        office=office, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )


@pytest.fixture
def petugas(make_user, office, unit):
    return make_user(roles.PETUGAS_PPPS, office=office, unit=unit, email="petugas@example.test")


@pytest.fixture
def ketua(make_user, office, unit):
    return make_user(roles.KETUA, office=office, unit=unit)


@pytest.fixture
def petugas_other(make_user, other_office):
    return make_user(roles.PETUGAS_PPPS, office=other_office)


@pytest.fixture
def make_perkara(pilwali, petugas):
    def make(pemilihan=None, jenis=Jenis.LAPORAN, pelapor=None, user=None, **fields):
        pemilihan = pemilihan or pilwali
        fields.setdefault("tanggal_diterima", datetime.date(2024, 10, 7))
        fields.setdefault("tanggal_diketahui", datetime.date(2024, 10, 5))
        perkara, pin = services.receive_perkara(
            office=pemilihan.office,
            user=user or petugas,
            jenis=jenis,
            pemilihan=pemilihan,
            pelapor=pelapor,
            **fields,
        )
        perkara.pin = pin
        return perkara

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached statistics live in the cache: start each test empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
