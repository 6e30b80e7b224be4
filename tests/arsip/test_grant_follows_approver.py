"""A grant cannot outlast its approver's own authority over the record (issue 10, part 2):
when the approver loses the role, moves to another unit or is deactivated, the grants they
approved end at once, audited; a save that changes nothing ends nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from arsip import services
from arsip.models import HakAkses, Naskah
from sisp import roles
from sisp.models import AuditEvent, User
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(make_user, make_naskah, office, unit, reference):
    other = UnitFactory(office=office, name="Sekretariat")
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=other)
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="R")
    grant = services.grant_access(
        naskah,
        by=kasubag,
        tujuan="Bahan jawaban",
        berlaku_sampai=timezone.localdate() + timedelta(days=30),
        user=staf,
    )
    return {"kasubag": kasubag, "staf": staf, "naskah": naskah, "grant": grant, "other": other}


def sees(user, naskah):
    return Naskah.objects.visible_to(User.objects.get(pk=user.pk)).filter(pk=naskah.pk).exists()


def ended(grant):
    return HakAkses.objects.get(pk=grant.pk).dicabut_pada is not None


def test_a_save_that_changes_nothing_keeps_the_grant(granted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        granted["kasubag"].save()
    assert not ended(granted["grant"]) and sees(granted["staf"], granted["naskah"])


def test_the_grant_ends_when_the_approver_loses_the_role(
    granted, django_capture_on_commit_callbacks
):
    assert sees(granted["staf"], granted["naskah"])
    with django_capture_on_commit_callbacks(execute=True):
        granted["kasubag"].groups.remove(Group.objects.get(name=roles.KEPALA_SUBBAGIAN))
    assert ended(granted["grant"])
    assert not sees(granted["staf"], granted["naskah"])
    entry = AuditEvent.objects.get(action="arsip.grant_ended")
    assert entry.detail["grant"] == granted["grant"].pk


def test_the_grant_ends_when_the_approver_moves_to_another_unit(
    granted, django_capture_on_commit_callbacks
):
    kasubag = granted["kasubag"]
    kasubag.unit = granted["other"]
    with django_capture_on_commit_callbacks(execute=True):
        kasubag.save()
    assert ended(granted["grant"])
    assert not sees(granted["staf"], granted["naskah"])


def test_the_grant_ends_when_the_role_leaves_through_the_group_side(
    granted, django_capture_on_commit_callbacks
):
    group = Group.objects.get(name=roles.KEPALA_SUBBAGIAN)
    with django_capture_on_commit_callbacks(execute=True):
        group.user_set.remove(granted["kasubag"])
    assert ended(granted["grant"])


# The other side (issue 10 loose end): the approver stays the same, the rules or the record
# change under them.


def _matrix_row(role, kelas):
    from arsip.models import AksesMatrix

    return AksesMatrix.objects.get(role__name=role, kelas__kode=kelas)


def test_the_grant_ends_when_the_matrix_takes_the_approvers_sight(
    granted, django_capture_on_commit_callbacks
):
    row = _matrix_row(roles.KEPALA_SUBBAGIAN, "R")
    row.lingkup = "tidak"
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
    assert ended(granted["grant"])
    assert not sees(granted["staf"], granted["naskah"])
    entry = AuditEvent.objects.get(action="arsip.grant_ended")
    assert entry.detail["grant"] == granted["grant"].pk
    assert entry.detail["sebab"] == services.SEBAB_MATRIKS


def test_the_grant_ends_when_the_matrix_row_is_deleted(granted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _matrix_row(roles.KEPALA_SUBBAGIAN, "R").delete()
    assert ended(granted["grant"])
    assert AuditEvent.objects.filter(action="arsip.grant_ended").count() == 1


def test_an_unrelated_matrix_change_keeps_the_grant(granted, django_capture_on_commit_callbacks):
    row = _matrix_row(roles.KEPALA_SUBBAGIAN, "SR")  # another class than the record's
    row.lingkup = "tidak"
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
    assert not ended(granted["grant"]) and sees(granted["staf"], granted["naskah"])
    assert not AuditEvent.objects.filter(action="arsip.grant_ended").exists()


def test_the_grant_ends_when_the_record_is_raised_above_the_approver(
    granted, django_capture_on_commit_callbacks
):
    from arsip.models import KelasKeamanan

    # Sangat Rahasia access is the Ketua's to approve, not a Kepala Subbagian's.
    naskah = Naskah.objects.get(pk=granted["naskah"].pk)
    naskah.kelas = KelasKeamanan.objects.get(kode="SR")
    with django_capture_on_commit_callbacks(execute=True):
        naskah.save()
    assert ended(granted["grant"])
    entry = AuditEvent.objects.get(action="arsip.grant_ended")
    assert entry.detail["sebab"] == services.SEBAB_NASKAH


def test_the_grant_ends_when_the_record_moves_out_of_the_approvers_unit(
    granted, django_capture_on_commit_callbacks
):
    naskah = Naskah.objects.get(pk=granted["naskah"].pk)
    naskah.unit = granted["other"]
    with django_capture_on_commit_callbacks(execute=True):
        naskah.save(update_fields=["unit"])
    assert ended(granted["grant"])


def test_an_unrelated_record_change_keeps_the_grant(granted, django_capture_on_commit_callbacks):
    naskah = Naskah.objects.get(pk=granted["naskah"].pk)
    naskah.perihal = "Perihal yang diperbaiki"
    with django_capture_on_commit_callbacks(execute=True):
        naskah.save()
    assert not ended(granted["grant"]) and sees(granted["staf"], granted["naskah"])
    assert not AuditEvent.objects.filter(action="arsip.grant_ended").exists()
