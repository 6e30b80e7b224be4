"""Unit scope has one definition, ``Unit.scope_ids``: the unit and every unit beneath it, at
any depth. E-Arsip's door and ABK's workflow both follow it (issue 15: ABK used to stop one
level down)."""

import pytest

from abk_anjab.models import may_fill
from sisp import roles
from sisp.models import Unit
from tests.factories import UnitFactory


@pytest.fixture
def tree(office):
    top = UnitFactory(office=office, name="Sekretariat", kind=Unit.Kind.SEKRETARIAT)
    sub = UnitFactory(office=office, name="Subbagian", kind=Unit.Kind.SUBBAGIAN, parent=top)
    team = UnitFactory(office=office, name="Tim Arsip", kind=Unit.Kind.SUBBAGIAN, parent=sub)
    deep = UnitFactory(office=office, name="Tim Kecil", kind=Unit.Kind.SUBBAGIAN, parent=team)
    sibling = UnitFactory(
        office=office, name="Subbagian Lain", kind=Unit.Kind.SUBBAGIAN, parent=top
    )
    return top, sub, team, deep, sibling


def test_scope_is_the_unit_and_everything_beneath_it(tree, django_assert_num_queries):
    top, sub, team, deep, sibling = tree
    assert set(Unit.scope_ids(sub.pk)) == {sub.pk, team.pk, deep.pk}
    assert set(Unit.scope_ids(top.pk)) == {u.pk for u in tree}
    assert Unit.scope_ids(deep.pk) == [deep.pk]
    assert Unit.scope_ids(None) == []
    # One query per level below the unit, plus the empty level that ends the walk.
    with django_assert_num_queries(3):
        Unit.scope_ids(sub.pk)


def test_scope_of_a_user_is_cached_and_follows_a_change_of_unit(
    tree, make_user, office, django_assert_num_queries
):
    top, sub, team, deep, sibling = tree
    user = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=sub)
    assert Unit.scope_of(user) == {sub.pk, team.pk, deep.pk}
    with django_assert_num_queries(0):
        Unit.scope_of(user)
    user.unit = sibling
    assert Unit.scope_of(user) == {sibling.pk}


def test_a_unit_loop_in_the_data_ends_the_walk(tree):
    top, sub, team, deep, sibling = tree
    Unit.objects.filter(pk=sub.pk).update(parent=deep)  # written behind the form's back
    assert set(Unit.scope_ids(sub.pk)) == {sub.pk, team.pk, deep.pk}


def test_abk_leader_acts_for_units_two_levels_down_and_not_for_a_sibling(tree, make_user, office):
    top, sub, team, deep, sibling = tree
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=sub)
    assert may_fill(kasubag, team)
    assert may_fill(kasubag, deep)  # stopped one level down before
    assert not may_fill(kasubag, sibling)
    assert not may_fill(kasubag, top)
