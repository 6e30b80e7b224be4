import pytest
from django.contrib.auth.models import Group

from sisp import roles

pytestmark = pytest.mark.django_db


def test_roles_that_open_secrets_come_from_the_data():
    names = roles.sensitive_role_names()
    # Access matrix: leaders and the auditor read classes above Biasa; case parties: PPPS.
    assert {
        roles.KETUA,
        roles.ANGGOTA,
        roles.KOORDINATOR_SEKRETARIAT,
        roles.KEPALA_SUBBAGIAN,
        roles.PETUGAS_PPPS,
        roles.PENGAWAS_INTERNAL,
    } <= names
    assert roles.STAF not in names
    assert roles.ARSIPARIS not in names
    assert roles.ADMINISTRATOR not in names


def test_a_role_given_the_party_permission_becomes_sensitive():
    from django.contrib.auth.models import Permission

    staf = Group.objects.get(name=roles.STAF)
    staf.permissions.add(
        Permission.objects.get(content_type__app_label="ppps", codename="view_pihak")
    )
    assert roles.STAF in roles.sensitive_role_names()
