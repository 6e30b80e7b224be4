"""Verifying JRA rows is a change of a shared rule through one service (arsip.jra.verify_jra):
the installation manager alone, only unverified rows, one entry in every office."""

import pytest
from django.core.exceptions import PermissionDenied

from arsip import jra
from arsip.models import KlasifikasiArsip, RetensiArsip
from sisp import roles
from tests.refusals import nothing_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(reference):
    def row(kode, **extra):
        return RetensiArsip.objects.create(
            klasifikasi=KlasifikasiArsip.objects.get(kode=kode),
            aktif_tahun=2,
            inaktif_tahun=3,
            nasib_akhir="musnah",
            **extra,
        )

    return row("KA.00"), row("PP.01.02")


@pytest.fixture
def manager(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True)


def test_an_office_role_is_refused_and_nothing_changes(rows, make_user, office):
    archivist = make_user(roles.ARSIPARIS, office=office, is_staff=True)
    with nothing_changes(*rows), pytest.raises(PermissionDenied):
        jra.verify_jra(RetensiArsip.objects.all(), by=archivist)


def test_the_manager_verifies_only_unverified_rows_with_one_entry_per_office(
    rows, manager, office, other_office
):
    done, waiting = rows
    RetensiArsip.objects.filter(pk=done.pk).update(terverifikasi=True)
    with nothing_changes(done, audit=False):
        count = jra.verify_jra(RetensiArsip.objects.all(), by=manager)
    assert count == 1
    waiting.refresh_from_db()
    assert waiting.terverifikasi and waiting.diverifikasi_oleh == manager
    assert waiting.diverifikasi_pada is not None
    from sisp.models import AuditEvent

    entries = AuditEvent.objects.filter(action="arsip.verify_jra")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert all(e.detail == {"kode": ["PP.01.02"], "count": 1} for e in entries)
    assert jra.verify_jra(RetensiArsip.objects.all(), by=manager) == 0
    assert entries.count() == 2
