"""Role groups and their permissions are installation data: office roles may look at them, only
the installation manager changes them (issue 9)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sisp import roles
from sisp.apps import _attach_permissions

pytestmark = pytest.mark.django_db


def _perm(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _perm_ids(group):
    return set(group.permissions.values_list("pk", flat=True))


@pytest.fixture
def pengelola(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True)


def test_no_office_role_holds_a_write_right_on_groups_after_migrate():
    writers = Group.objects.filter(
        permissions__content_type__app_label="auth",
        permissions__codename__in=["add_group", "change_group", "delete_group"],
    )
    assert not writers.exists()
    assert (
        Group.objects.get(name=roles.ADMINISTRATOR)
        .permissions.filter(codename="view_group")
        .exists()
    )


def test_migrate_takes_back_a_write_right_an_earlier_version_gave():
    admin_group = Group.objects.get(name=roles.ADMINISTRATOR)
    staf_group = Group.objects.get(name=roles.STAF)
    admin_group.permissions.add(_perm("auth.change_group"), _perm("auth.add_group"))
    staf_group.permissions.add(_perm("auth.delete_group"))
    _attach_permissions(sender=None)
    assert (
        not admin_group.permissions.filter(content_type__app_label="auth")
        .exclude(codename="view_group")
        .exists()
    )
    assert not staf_group.permissions.filter(codename="delete_group").exists()


def test_administrator_may_view_but_not_change_a_group_permissions(client, admin_user_sisp):
    ketua = Group.objects.get(name=roles.KETUA)
    before = _perm_ids(ketua)
    client.force_login(admin_user_sisp)
    url = reverse("admin:auth_group_change", args=[ketua.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="permissions"' not in page.content.decode()
    response = client.post(
        url,
        {"name": ketua.name, "permissions": [_perm("ppps.view_pihak").pk, *before]},
    )
    assert response.status_code == 403
    ketua.refresh_from_db()
    assert _perm_ids(ketua) == before


def test_administrator_cannot_widen_their_own_role(client, admin_user_sisp):
    own = Group.objects.get(name=roles.ADMINISTRATOR)
    before = _perm_ids(own)
    client.force_login(admin_user_sisp)
    response = client.post(
        reverse("admin:auth_group_change", args=[own.pk]),
        {"name": own.name, "permissions": [*before, _perm("ppps.view_pihak").pk]},
    )
    assert response.status_code == 403
    assert _perm_ids(Group.objects.get(pk=own.pk)) == before
    assert not admin_user_sisp.__class__.objects.get(pk=admin_user_sisp.pk).has_perm(
        "ppps.view_pihak"
    )


def test_administrator_cannot_add_or_delete_a_group(client, admin_user_sisp):
    staf = Group.objects.get(name=roles.STAF)
    count = Group.objects.count()
    client.force_login(admin_user_sisp)
    add = client.post(
        reverse("admin:auth_group_add"),
        {"name": "Peran Baru", "permissions": [_perm("ppps.view_pihak").pk]},
    )
    assert add.status_code == 403
    delete = client.post(reverse("admin:auth_group_delete", args=[staf.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert Group.objects.count() == count
    assert Group.objects.filter(pk=staf.pk).exists()


def test_installation_manager_changes_a_group_permissions(client, pengelola):
    staf = Group.objects.get(name=roles.STAF)
    wanted = _perm_ids(staf) | {_perm("sisp.view_unit").pk}
    client.force_login(pengelola)
    response = client.post(
        reverse("admin:auth_group_change", args=[staf.pk]),
        {"name": staf.name, "permissions": sorted(wanted)},
    )
    assert response.status_code == 302
    assert _perm_ids(staf) == wanted


def test_a_change_of_a_role_permissions_is_in_every_office_trail(
    client, pengelola, office, other_office
):
    from sisp.models import AuditEvent

    staf = Group.objects.get(name=roles.STAF)
    wanted = _perm_ids(staf) | {_perm("sisp.view_unit").pk}
    client.force_login(pengelola)
    client.post(
        reverse("admin:auth_group_change", args=[staf.pk]),
        {"name": staf.name, "permissions": sorted(wanted)},
    )
    entries = AuditEvent.objects.filter(action="rules.change", object_type="auth.Group")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    for entry in entries:
        assert entry.object_id == str(staf.pk)
        assert entry.detail["hak_ditambah"] == ["sisp.view_unit"]
        assert entry.detail["hak_dicabut"] == []


def test_saving_a_role_unchanged_writes_no_rule_change(client, pengelola, office):
    from sisp.models import AuditEvent

    staf = Group.objects.get(name=roles.STAF)
    client.force_login(pengelola)
    client.post(
        reverse("admin:auth_group_change", args=[staf.pk]),
        {"name": staf.name, "permissions": sorted(_perm_ids(staf))},
    )
    assert not AuditEvent.objects.filter(action="rules.change").exists()
