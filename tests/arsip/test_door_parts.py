"""The list's first matches read the door in parts (arsip/access.py ``door_parts``): the
parts together are exactly ``visible_to``, nothing hidden comes through, and on Postgres the
split query gives the same ids, in the same order, as the whole door."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from arsip import access, services, views
from arsip.models import Naskah
from sisp import roles
from sisp.models import User
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(make_user, make_naskah, office, unit):
    other = UnitFactory(office=office, name="Sekretariat")
    staf = make_user(roles.STAF, office=office, unit=unit)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=other)
    day = timezone.localdate()
    seen = [  # Biasa of the Staf's unit, one's own registration elsewhere, a grant
        make_naskah(office=office, unit=unit, created_by=arsiparis, tanggal=day - timedelta(i))
        for i in range(4)
    ]
    seen.append(make_naskah(office=office, unit=other, created_by=staf, kelas="T"))
    granted = make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="R")
    services.grant_access(
        granted, by=kasubag, tujuan="Bahan", berlaku_sampai=day + timedelta(days=9), user=staf
    )
    seen.append(granted)
    hidden = [
        make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="R"),
        make_naskah(office=office, unit=other, created_by=arsiparis),
    ]
    return {"staf": User.objects.get(pk=staf.pk), "seen": seen, "hidden": hidden}


def test_the_parts_together_are_exactly_the_door(world):
    staf = world["staf"]
    parts = access.door_parts(staf)
    assert parts and len(parts) >= 3
    door = set(Naskah.objects.visible_to(staf).values_list("pk", flat=True))
    together = set()
    for part in parts:
        together |= set(Naskah.objects.visible_to(staf).filter(part).values_list("pk", flat=True))
    assert together == door == {n.pk for n in world["seen"]}
    assert not together & {n.pk for n in world["hidden"]}


def test_a_door_open_in_every_unit_and_a_big_registrar_search_it_whole(
    world, make_user, office, unit, monkeypatch
):
    assert access.door_parts(make_user(roles.KETUA, office=office, unit=unit)) is None
    monkeypatch.setattr(access, "MANY_OWN", 1)  # the Staf registered one record
    assert access.door_parts(world["staf"]) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the split is Postgres only")
def test_the_split_query_gives_the_whole_doors_ids_in_order(world, rf):
    staf = world["staf"]
    for params in ({}, {"urut": "terlama"}, {"q": "naskah uji"}):
        request = rf.get("/arsip/", params)
        request.user = staf
        _, qs = views.filtered_naskah(request)
        with CaptureQueriesContext(connection) as captured:
            ids = views.first_match_ids(qs, 1000, user=staf)
        assert any(" UNION " in q["sql"] for q in captured.captured_queries)
        assert ids == list(qs.values_list("pk", flat=True))
        assert set(ids) == {n.pk for n in world["seen"]}
        assert len(views.first_match_ids(qs, 2, user=staf)) == 2
