"""An office Administrator manages only their own office's people, never their own roles, and
never gives a sensitive role without a second person (issue 9)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sisp import roles
from sisp.models import User
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pengelola(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True, username="pengelola")


def _group_ids(*names):
    return [Group.objects.get(name=n).pk for n in names]


def _user_post(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "office": user.office_id or "",
        "unit": user.unit_id or "",
        "jabatan": user.jabatan,
        "nip": user.nip,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _change(client, user, **changes):
    return client.post(
        reverse("admin:sisp_user_change", args=[user.pk]), _user_post(user, **changes)
    )


def _roles_of(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_administrator_cannot_give_themselves_any_role(client, admin_user_sisp):
    client.force_login(admin_user_sisp)
    form = client.get(reverse("admin:sisp_user_change", args=[admin_user_sisp.pk])).content.decode()
    assert 'name="groups"' not in form
    for role in (roles.STAF, roles.PENGAWAS_INTERNAL):
        _change(client, admin_user_sisp, groups=_group_ids(roles.ADMINISTRATOR, role))
        assert _roles_of(admin_user_sisp) == {roles.ADMINISTRATOR}


def test_installation_manager_cannot_give_themselves_a_role_either(client, pengelola):
    client.force_login(pengelola)
    _change(client, pengelola, groups=_group_ids(roles.KETUA))
    assert _roles_of(pengelola) == set()


def test_administrator_cannot_give_a_sensitive_role_directly(
    client, admin_user_sisp, make_user, office
):
    colleague = make_user(roles.STAF, office=office)
    client.force_login(admin_user_sisp)
    for role in (roles.PENGAWAS_INTERNAL, roles.PETUGAS_PPPS, roles.KETUA):
        response = _change(client, colleague, groups=_group_ids(roles.STAF, role))
        assert response.status_code == 200
        body = response.content.decode()
        assert "persetujuan orang kedua" in body and "/portal/peran/" in body
        assert _roles_of(colleague) == {roles.STAF}


def test_a_role_made_sensitive_by_its_permissions_is_refused_too(
    client, admin_user_sisp, make_user, office
):
    arsiparis = Group.objects.get(name=roles.ARSIPARIS)
    arsiparis.permissions.add(
        Permission.objects.get(content_type__app_label="ppps", codename="view_pihak")
    )
    colleague = make_user(roles.STAF, office=office)
    client.force_login(admin_user_sisp)
    response = _change(client, colleague, groups=_group_ids(roles.STAF, roles.ARSIPARIS))
    assert response.status_code == 200
    assert _roles_of(colleague) == {roles.STAF}


def test_administrator_gives_a_plain_role_and_removes_a_sensitive_one(
    client, admin_user_sisp, make_user, office
):
    colleague = make_user(roles.PETUGAS_PPPS, office=office)
    client.force_login(admin_user_sisp)
    response = _change(client, colleague, groups=_group_ids(roles.ARSIPARIS))
    assert response.status_code == 302
    assert _roles_of(colleague) == {roles.ARSIPARIS}


def test_creating_a_user_with_a_sensitive_role_is_refused(client, admin_user_sisp, office, unit):
    client.force_login(admin_user_sisp)
    response = client.post(
        reverse("admin:sisp_user_add"),
        {
            "username": "baru",
            "usable_password": "true",
            "password1": "Sandi-Panjang-2026!",
            "password2": "Sandi-Panjang-2026!",
            "office": office.pk,
            "unit": unit.pk,
            "groups": _group_ids(roles.PENGAWAS_INTERNAL),
        },
    )
    assert response.status_code == 200
    assert "persetujuan orang kedua" in response.content.decode()
    assert not User.objects.filter(username="baru").exists()


def test_administrator_cannot_move_a_user_to_another_office_or_unit(
    client, admin_user_sisp, make_user, office, other_office
):
    colleague = make_user(roles.STAF, office=office)
    foreign_unit = UnitFactory(office=other_office)
    client.force_login(admin_user_sisp)
    for changes in (
        {"office": other_office.pk},
        {"office": other_office.pk, "unit": foreign_unit.pk},
        {"unit": foreign_unit.pk},
        {"office": ""},
    ):
        response = _change(client, colleague, **changes)
        assert response.status_code == 200, changes
        fresh = User.objects.get(pk=colleague.pk)
        assert (fresh.office_id, fresh.unit_id) == (office.pk, colleague.unit_id)


def test_administrator_cannot_make_anyone_superuser_or_give_raw_permissions(
    client, admin_user_sisp, make_user, office
):
    colleague = make_user(roles.STAF, office=office)
    pihak = Permission.objects.get(content_type__app_label="ppps", codename="view_pihak")
    client.force_login(admin_user_sisp)
    response = _change(client, colleague, is_superuser="on", user_permissions=[pihak.pk])
    assert response.status_code == 302
    fresh = User.objects.get(pk=colleague.pk)
    assert not fresh.is_superuser
    assert not fresh.user_permissions.exists()
    assert not fresh.has_perm("ppps.view_pihak")


def test_administrator_cannot_open_a_superuser_of_their_office(
    client, admin_user_sisp, make_user, office
):
    boss = make_user(office=office, is_staff=True, is_superuser=True)
    password = boss.password
    client.force_login(admin_user_sisp)
    change = client.get(reverse("admin:sisp_user_change", args=[boss.pk]))
    assert change.status_code == 302  # the admin's "does not exist" redirect
    reset = client.post(
        reverse("admin:auth_user_password_change", args=[boss.pk]),
        {"password1": "Diambil-Alih-2026!", "password2": "Diambil-Alih-2026!"},
    )
    assert reset.status_code in (302, 404)
    assert User.objects.get(pk=boss.pk).password == password


def test_installation_manager_gives_a_sensitive_role_directly(client, pengelola, make_user, office):
    colleague = make_user(roles.STAF, office=office)
    client.force_login(pengelola)
    response = _change(client, colleague, groups=_group_ids(roles.STAF, roles.PENGAWAS_INTERNAL))
    assert response.status_code == 302
    assert _roles_of(colleague) == {roles.STAF, roles.PENGAWAS_INTERNAL}


def test_administrator_cannot_take_over_a_sensitive_account(
    client, admin_user_sisp, make_user, office
):
    ketua = make_user(roles.KETUA, office=office, email="ketua@example.org")
    password = ketua.password
    client.force_login(admin_user_sisp)
    reset = client.post(
        reverse("admin:auth_user_password_change", args=[ketua.pk]),
        {"password1": "Diambil-Alih-2026!", "password2": "Diambil-Alih-2026!"},
    )
    assert reset.status_code == 403
    response = _change(client, ketua, email="admin@example.org", username="ketua.palsu")
    assert response.status_code == 302
    fresh = User.objects.get(pk=ketua.pk)
    assert (fresh.password, fresh.email, fresh.username) == (
        password,
        "ketua@example.org",
        ketua.username,
    )


def test_administrator_still_resets_a_plain_colleague_password_and_offboards_a_ketua(
    client, admin_user_sisp, make_user, office
):
    colleague = make_user(roles.STAF, office=office)
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(admin_user_sisp)
    reset = client.post(
        reverse("admin:auth_user_password_change", args=[colleague.pk]),
        {
            "password1": "Sandi-Baru-2026!",
            "password2": "Sandi-Baru-2026!",
            "usable_password": "true",
        },
    )
    assert reset.status_code == 302
    assert User.objects.get(pk=colleague.pk).check_password("Sandi-Baru-2026!")
    _change(client, ketua, is_active="", groups=[])
    fresh = User.objects.get(pk=ketua.pk)
    assert not fresh.is_active and not fresh.groups.exists()


def test_administrator_manages_only_their_own_office_units(
    client, admin_user_sisp, office, other_office
):
    from sisp.models import Unit

    foreign = UnitFactory(office=other_office, name="Unit Kantor Lain")
    count = Unit.objects.count()
    client.force_login(admin_user_sisp)
    for data in (
        {"office": other_office.pk, "name": "Unit Selundupan", "kind": "divisi", "order": 0},
        {
            "office": office.pk,
            "parent": foreign.pk,
            "name": "Unit Selundupan",
            "kind": "divisi",
            "order": 0,
        },
    ):
        assert client.post(reverse("admin:sisp_unit_add"), data).status_code == 200
    assert Unit.objects.count() == count
    change = client.post(
        reverse("admin:sisp_unit_change", args=[foreign.pk]),
        {"office": office.pk, "name": "Diambil", "kind": "divisi", "order": 0},
    )
    assert change.status_code == 302  # the admin's "does not exist" redirect
    foreign.refresh_from_db()
    assert (foreign.office_id, foreign.name) == (other_office.pk, "Unit Kantor Lain")


def test_user_form_explains_how_to_get_a_sensitive_role(client, admin_user_sisp, make_user, office):
    colleague = make_user(roles.STAF, office=office)
    client.force_login(admin_user_sisp)
    form = client.get(reverse("admin:sisp_user_change", args=[colleague.pk])).content.decode()
    assert f'<a href="{reverse("sisp:role_request_add")}">Persetujuan peran</a>' in form
