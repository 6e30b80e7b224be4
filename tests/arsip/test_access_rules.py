"""The access door's parts one by one (arsip/access.py), on the real matrix and database:
which classes a role reads where, which units it acts for, who is shut out before the matrix
is read, grants to a unit, and which files show. The expected values are written out by hand
from the domain note (the same reading as tests/arsip/test_access_matrix.py), never computed
from the matrix the code loads. These are also the tests the mutation run selects for the
module (docs/mutation.md), so they call the door directly rather than through pages."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from arsip import access, services
from arsip.models import AksesMatrix, Berkas, KelasKeamanan, KlasifikasiArsip, Naskah
from sisp import roles
from sisp.models import User
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, make_naskah, office, other_office):
    """A secretariat with a subsection beneath it and a sibling division; one record of every
    class in each of the three units, all registered by an archivist of the division."""
    sekretariat = UnitFactory(office=office, name="Sekretariat")
    subbagian = UnitFactory(office=office, name="Subbagian Umum", parent=sekretariat)
    divisi = UnitFactory(office=office, name="Divisi Penanganan Pelanggaran")
    elsewhere = UnitFactory(office=other_office, name="Sekretariat lain")
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=divisi)
    records = {
        (place, kode): make_naskah(office=office, unit=unit, created_by=arsiparis, kelas=kode)
        for place, unit in (("sek", sekretariat), ("sub", subbagian), ("div", divisi))
        for kode in ("SR", "R", "T", "B")
    }
    return {
        "units": {"sek": sekretariat, "sub": subbagian, "div": divisi, "elsewhere": elsewhere},
        "kelas": {k.kode: k.pk for k in KelasKeamanan.objects.all()},
        "records": records,
        "arsiparis": arsiparis,
    }


def _fresh(user):
    """The user as a new request loads it (the rules are computed once per user object)."""
    return User.objects.get(pk=user.pk)


def _seen(user):
    return set(Naskah.objects.visible_to(user).values_list("pk", flat=True))


def _ids(world, *keys):
    return {world["records"][key].pk for key in keys}


ALL_CLASSES = ("SR", "R", "T", "B")


def test_the_rules_split_classes_open_everywhere_from_those_open_in_the_users_scope(
    world, make_user, office
):
    k, u = world["kelas"], world["units"]
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    ketua = make_user(roles.KETUA, office=office, unit=u["sek"])
    admin = make_user(roles.ADMINISTRATOR, office=office, unit=u["sek"])

    assert access.access_rules(korsek) == (
        frozenset({k["B"]}),
        frozenset({k["SR"], k["R"], k["T"]}),
        tuple(sorted([u["sek"].pk, u["sub"].pk])),
    )
    assert access.access_rules(staf) == (frozenset(), frozenset({k["B"]}), (u["sub"].pk,))
    # Every class everywhere: no scope is needed, so none is looked up.
    assert access.access_rules(ketua) == (frozenset(k[c] for c in ALL_CLASSES), frozenset(), ())
    assert access.access_rules(admin) == (frozenset(), frozenset(), ())


def test_a_class_open_everywhere_and_in_the_unit_counts_as_everywhere(world, make_user, office):
    """Two roles, one opening Biasa everywhere (Ketua), the other in the unit only (Staf):
    everywhere wins, and no scope is looked up."""
    k, u = world["kelas"], world["units"]
    user = make_user(roles.KETUA, roles.STAF, office=office, unit=u["sub"])
    everywhere, own_scope, scope_units = access.access_rules(user)
    assert everywhere == frozenset(k[c] for c in ALL_CLASSES)
    assert own_scope == frozenset()
    assert scope_units == ()


def test_matrix_covers_a_class_in_a_unit_exactly_as_the_matrix_says(world, make_user, office):
    k, u = world["kelas"], world["units"]
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    expected = {
        # (user, class, unit): covered
        (korsek, "R", "sek"): True,
        (korsek, "R", "sub"): True,  # beneath the secretariat
        (korsek, "R", "div"): False,
        (korsek, "B", "div"): True,  # Biasa everywhere
        (korsek, "SR", "sub"): True,
        (staf, "B", "sub"): True,
        (staf, "B", "div"): False,
        (staf, "B", "sek"): False,  # the unit above is not the staf's scope
        (staf, "T", "sub"): False,
    }
    for (user, kode, place), covered in expected.items():
        got = access.matrix_covers(user, k[kode], u[place].pk)
        assert got is covered, (user.username, kode, place)
    assert access.matrix_covers(korsek, None, u["sek"].pk) is False


def test_the_readable_classes_are_those_open_anywhere(world, make_user, office):
    k, u = world["kelas"], world["units"]
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    admin = make_user(roles.ADMINISTRATOR, office=office, unit=u["sek"])
    assert access.readable_kelas_ids(korsek) == frozenset(k[c] for c in ALL_CLASSES)
    assert access.readable_kelas_ids(staf) == frozenset({k["B"]})
    assert access.readable_kelas_ids(admin) == frozenset()


def test_the_scope_units_are_the_office_the_units_beneath_or_none(world, make_user, office):
    u = world["units"]
    office_units = {u["sek"].pk, u["sub"].pk, u["div"].pk}
    ketua = make_user(roles.KETUA, office=office, unit=u["div"])
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    admin = make_user(roles.ADMINISTRATOR, office=office, unit=u["sek"])
    # Biasa is open everywhere to a koordinator, so every unit of the office has something
    # for them (never a unit of another office).
    assert access.scope_unit_ids(ketua) == office_units
    assert access.scope_unit_ids(korsek) == office_units
    assert access.scope_unit_ids(staf) == {u["sub"].pk}
    assert access.scope_unit_ids(admin) == set()


def test_a_unit_scoped_role_sees_its_scope_and_no_more(world, make_user, office):
    u = world["units"]
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    scoped = [(p, c) for p in ("sek", "sub") for c in ALL_CLASSES]
    assert _seen(kasubag) == _ids(world, *scoped, ("div", "B"))
    assert _seen(staf) == _ids(world, ("sub", "B"))
    assert set(Naskah.objects.editable_by(kasubag).values_list("pk", flat=True)) == _seen(kasubag)
    assert set(Naskah.objects.editable_by(staf).values_list("pk", flat=True)) == _seen(staf)


def test_an_inactive_user_or_one_without_an_office_sees_and_changes_nothing(
    world, make_user, office
):
    ketua = make_user(roles.KETUA, office=office, unit=world["units"]["sek"])
    own_berkas = Berkas.objects.create(
        office=office,
        nomor_berkas="K1/2026",
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        uraian="Berkas kosong ketua",
        unit=world["units"]["sek"],
        created_by=ketua,
    )
    every_record = {n.pk for n in world["records"].values()}
    # Before: the Ketua sees and may change every record and file of the office.
    assert _seen(ketua) == every_record
    assert set(Naskah.objects.editable_by(ketua).values_list("pk", flat=True)) == every_record
    assert Berkas.objects.visible_to(ketua).filter(pk=own_berkas.pk).exists()

    User.objects.filter(pk=ketua.pk).update(is_active=False)
    inactive = _fresh(ketua)
    assert not Naskah.objects.visible_to(inactive).exists()
    assert not Naskah.objects.editable_by(inactive).exists()
    assert not Berkas.objects.visible_to(inactive).exists()

    User.objects.filter(pk=ketua.pk).update(is_active=True, office=None, unit=None)
    officeless = _fresh(ketua)
    assert not Naskah.objects.visible_to(officeless).exists()
    assert not Naskah.objects.editable_by(officeless).exists()
    assert not Berkas.objects.visible_to(officeless).exists()


def test_a_grant_to_the_users_unit_opens_the_record_for_reading_only(world, make_user, office):
    u = world["units"]
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=u["sek"])
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    stranger = make_user(roles.STAF, office=office, unit=u["div"])
    rahasia = world["records"][("sub", "R")]
    assert rahasia.pk not in _seen(staf)
    services.grant_access(
        rahasia,
        by=kasubag,
        tujuan="Bahan rapat",
        berlaku_sampai=timezone.localdate() + timedelta(days=5),
        unit=u["sub"],
    )
    staf, stranger = _fresh(staf), _fresh(stranger)
    assert _seen(staf) == _ids(world, ("sub", "B"), ("sub", "R"))
    assert rahasia.pk not in _seen(stranger)
    assert not Naskah.objects.editable_by(staf).filter(pk=rahasia.pk).exists()
    # The door split for a list's first matches holds the grant too, and nothing more.
    together = set()
    for part in access.door_parts(staf) or []:
        together |= set(Naskah.objects.visible_to(staf).filter(part).values_list("pk", flat=True))
    assert together == _seen(staf)


def test_the_parts_of_a_wide_scope_are_still_exactly_the_door(world, make_user, office):
    """A role reading every class in its own scope only, over two units (eight pairs, more
    than the door splits one by one): the parts together are the door all the same."""
    u = world["units"]
    AksesMatrix.objects.filter(role__name=roles.STAF).delete()
    group = Group.objects.get(name=roles.STAF)
    for kelas in KelasKeamanan.objects.all():
        AksesMatrix.objects.create(role=group, kelas=kelas, lingkup=access.UNIT)
    for place in ("sek", "sub"):
        wide = make_user(roles.STAF, office=office, unit=u[place])
        expected = _ids(world, *[(p, c) for p in ("sek", "sub") for c in ALL_CLASSES])
        if place == "sub":
            expected = _ids(world, *[("sub", c) for c in ALL_CLASSES])
        assert _seen(wide) == expected
        parts = access.door_parts(wide)
        assert parts is not None
        together = set()
        for part in parts:
            together |= set(
                Naskah.objects.visible_to(wide).filter(part).values_list("pk", flat=True)
            )
        assert together == expected


def test_files_show_when_one_of_their_records_shows_or_the_user_opened_them(
    world, make_user, make_naskah, office
):
    u = world["units"]
    staf = make_user(roles.STAF, office=office, unit=u["sub"])
    klasifikasi = KlasifikasiArsip.objects.get(kode="KA.00")
    empty_own = Berkas.objects.create(
        office=office,
        nomor_berkas="S1/2026",
        klasifikasi=klasifikasi,
        uraian="Berkas kosong staf",
        unit=u["sub"],
        created_by=staf,
    )
    biasa = world["records"][("sub", "B")]
    mixed = biasa.berkas  # add a record the staf cannot see to the Biasa record's file
    make_naskah(
        office=office, unit=u["sub"], created_by=world["arsiparis"], kelas="R", berkas=mixed
    )
    hidden = world["records"][("sub", "R")].berkas
    other_units = world["records"][("div", "B")].berkas

    visible = set(Berkas.objects.visible_to(staf).values_list("pk", flat=True))
    assert visible == {empty_own.pk, mixed.pk}
    assert hidden.pk not in visible and other_units.pk not in visible
    # Only files of which every record shows may be closed or proposed for disposal.
    wholly = set(Berkas.objects.wholly_visible_to(staf).values_list("pk", flat=True))
    assert wholly == {empty_own.pk}


def test_ones_own_registrations_stay_readable_and_changeable_outside_the_matrix(
    world, make_user, office
):
    """The archivist registered every record of the world, of every class and unit, while the
    matrix gives an archivist only the Biasa records of their own unit (the division). A
    colleague in the same unit with the same role gets only what the matrix gives."""
    arsiparis = _fresh(world["arsiparis"])
    every_record = {n.pk for n in world["records"].values()}
    assert _seen(arsiparis) == every_record
    assert set(Naskah.objects.editable_by(arsiparis).values_list("pk", flat=True)) == every_record
    colleague = make_user(roles.ARSIPARIS, office=office, unit=world["units"]["div"])
    assert _seen(colleague) == _ids(world, ("div", "B"))
    editable = set(Naskah.objects.editable_by(colleague).values_list("pk", flat=True))
    assert editable == _ids(world, ("div", "B"))
