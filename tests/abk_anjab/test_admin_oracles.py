"""ABK analyses in the admin start from ``Anjab.objects.visible_to``: another office's
analysis, or any analysis for a superuser without an office, answers like a missing one."""

import pytest

from abk_anjab.models import Anjab, TugasPokok
from sisp import roles
from tests.oracles import admin_urls, answer, assert_hidden_like_missing

pytestmark = pytest.mark.django_db


def remove(anjab):
    def go():
        TugasPokok.objects.filter(anjab=anjab).delete()
        Anjab.objects.filter(pk=anjab.pk).delete()

    return go


def test_the_urls_reach_the_analysis_for_its_own_office(client, make_user, office, anjab):
    ketua = make_user(roles.KETUA, office=office, is_staff=True)
    client.force_login(ketua)
    change, history, _delete, on_site = admin_urls(anjab)
    assert client.get(change).status_code == 200
    assert client.get(history).status_code == 200
    assert client.get(on_site)["Location"] == anjab.get_absolute_url()


@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.KOORDINATOR_SEKRETARIAT])
def test_another_office_analysis_answers_like_a_missing_one(
    client, make_user, other_office, anjab, role
):
    user = make_user(role, office=other_office, is_staff=True)
    hidden = assert_hidden_like_missing(client, user, admin_urls(anjab), remove(anjab))
    assert hidden[admin_urls(anjab)[3]][0][0] == 404


def test_superuser_without_office_sees_no_analysis_in_the_admin(client, make_user, anjab):
    root = make_user(is_staff=True, is_superuser=True, office=None, unit=None)
    client.force_login(root)
    body = client.get("/admin/abk_anjab/anjab/").text
    assert anjab.jabatan.nama not in body
    assert answer(client, admin_urls(anjab)[0])[0][0] == 302  # the "does not exist" redirect
