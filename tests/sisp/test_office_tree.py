"""Offices are installation data: only the installation manager edits their identity and
parents; a cycle of parents is refused, and pages that walk the tree survive one anyway."""

import signal
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sisp import roles
from sisp.models import Office
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db


@contextmanager
def finishes_within(seconds):
    """Fail (instead of hanging the test run) when the block takes longer than ``seconds``."""

    def _timeout(signum, frame):
        raise TimeoutError(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def tree(db):
    province = OfficeFactory(name="Bawaslu Provinsi Uji", level=Office.Level.PROVINSI)
    kota = OfficeFactory(name="Bawaslu Kota A", parent=province)
    kelurahan = OfficeFactory(name="Bawaslu Kota A Bawah", parent=kota)
    return province, kota, kelurahan


@pytest.fixture
def pengelola(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True)


def _office_post(office, **changes):
    data = {
        "name": office.name,
        "short_name": office.short_name,
        "level": office.level,
        "parent": office.parent_id or "",
        "code": office.code,
        "slug": office.slug,
        "address": office.address,
        "phone": office.phone,
        "email": office.email,
        "website": office.website,
        "place": office.place,
        "aduan_answer_days": office.aduan_answer_days,
        "is_active": "on" if office.is_active else "",
    }
    data.update(changes)
    return data


def test_an_office_cannot_be_its_own_parent(tree):
    province, _, _ = tree
    province.parent = province
    with pytest.raises(ValidationError) as error:
        province.full_clean()
    assert error.value.error_dict["parent"][0].code == "office_cycle"
    assert "berputar" in str(error.value)


def test_an_office_cannot_take_its_grandchild_as_parent(tree):
    province, _, kelurahan = tree
    province.parent = kelurahan
    with pytest.raises(ValidationError) as error:
        province.full_clean()
    assert error.value.error_dict["parent"][0].code == "office_cycle"


def test_a_sibling_branch_is_still_a_valid_parent(tree):
    province, kota, _ = tree
    other = OfficeFactory(name="Bawaslu Kab B", parent=province)
    other.parent = kota
    other.full_clean()  # raises ValidationError when the move were taken for a cycle
    other.save()
    other.refresh_from_db()
    assert other.parent_id == kota.pk


def test_admin_refuses_a_grandchild_as_parent_with_an_indonesian_message(client, tree, pengelola):
    province, _, kelurahan = tree
    client.force_login(pengelola)
    response = client.post(
        reverse("admin:sisp_office_change", args=[province.pk]),
        _office_post(province, parent=kelurahan.pk),
    )
    assert response.status_code == 200
    assert "berputar" in response.content.decode()
    province.refresh_from_db()
    assert province.parent_id is None


def test_region_page_does_not_hang_on_a_cycle_written_past_validation(client, make_user, tree):
    province, kota, kelurahan = tree
    Office.objects.filter(pk=province.pk).update(parent=kelurahan)
    ketua = make_user(roles.KETUA, office=province)
    client.force_login(ketua)
    with finishes_within(10):
        response = client.get(reverse("sisp:region_summary"))
        below = province.descendants()
    assert response.status_code == 200
    names = {office.name for office, _ in response.context["rows"]}
    assert names == {kota.name, kelurahan.name}
    assert sorted(o.pk for o in below) == sorted([kota.pk, kelurahan.pk])


def test_administrator_edits_only_contact_details_of_their_office(client, admin_user_sisp, tree):
    _, kota, _ = tree
    office = admin_user_sisp.office
    before = Office.objects.values().get(pk=office.pk)
    client.force_login(admin_user_sisp)
    url = reverse("admin:sisp_office_change", args=[office.pk])
    form = client.get(url).content.decode()
    assert 'name="phone"' in form
    for field in ("name", "level", "parent", "code", "slug", "is_active"):
        assert f'name="{field}"' not in form
    response = client.post(
        url,
        _office_post(
            office,
            phone="0321-000000",
            parent=kota.pk,
            code="K.PALSU",
            slug="palsu",
            level=Office.Level.PROVINSI,
            is_active="",
            name="Kantor Palsu",
        ),
    )
    assert response.status_code == 302
    after = Office.objects.values().get(pk=office.pk)
    assert after["phone"] == "0321-000000"
    assert {k: v for k, v in after.items() if k != "phone"} == {
        k: v for k, v in before.items() if k != "phone"
    }


def test_administrator_cannot_add_delete_or_open_another_office(client, admin_user_sisp, tree):
    province, _, _ = tree
    count = Office.objects.count()
    client.force_login(admin_user_sisp)
    assert (
        client.post(
            reverse("admin:sisp_office_add"), _office_post(province, code="X", slug="x")
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:sisp_office_delete", args=[admin_user_sisp.office_id]), {"post": "yes"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("admin:sisp_office_change", args=[province.pk]),
        _office_post(province, phone="999"),
    )
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert Office.objects.count() == count
    province.refresh_from_db()
    assert province.phone != "999"


def test_installation_manager_moves_an_office_to_another_parent(client, tree, pengelola):
    province, kota, kelurahan = tree
    client.force_login(pengelola)
    response = client.post(
        reverse("admin:sisp_office_change", args=[kelurahan.pk]),
        _office_post(kelurahan, parent=province.pk),
    )
    assert response.status_code == 302
    kelurahan.refresh_from_db()
    assert kelurahan.parent == province


def test_a_unit_cannot_sit_under_itself_its_child_or_another_office(office, other_office):
    from sisp.models import Unit
    from tests.factories import UnitFactory

    top = UnitFactory(office=office, name="Sekretariat")
    child = UnitFactory(office=office, name="Subbagian", parent=top)
    foreign = UnitFactory(office=other_office, name="Sekretariat Lain")
    for parent, code in (
        (top, "unit_cycle"),
        (child, "unit_cycle"),
        (foreign, "parent_other_office"),
    ):
        top.parent = parent
        with pytest.raises(ValidationError) as error:
            top.full_clean()
        assert error.value.error_dict["parent"][0].code == code
    Unit.objects.filter(pk=top.pk).update(parent=child)  # a loop written past validation
    newcomer = UnitFactory(office=office, name="Unit Baru")
    newcomer.parent = top
    with finishes_within(5):
        newcomer.full_clean()  # the loop above it does not hang the check
