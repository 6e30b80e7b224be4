"""Cases, parties and complaints are not in the admin, and the admin's "view on site" route
finds a case only through ``Perkara.objects.visible_to``: another office's case, a case seen
by a role without access, and a missing id all get the same answer (issue 9, part 3)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ppps import services
from ppps.models import Aduan, Pemilihan, Perkara, Pihak
from sisp import roles
from tests.oracles import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def perkara_b(make_perkara, other_office, petugas_other, reference):
    pemilihan = Pemilihan.objects.create(
        office=other_office, name="Pilkada Kota Dua", regime="pemilihan", code="KD", year=2024
    )
    return make_perkara(pemilihan=pemilihan, user=petugas_other, pelapor={"nama": "Saksi Kota Dua"})


def case_urls(pk):
    ct = ContentType.objects.get_for_model(Perkara)
    return [
        reverse("admin:view_on_site", args=[ct.pk, pk]),
        f"/admin/ppps/perkara/{pk}/change/",
        f"/admin/ppps/perkara/{pk}/history/",
        f"/admin/ppps/pihak/{pk}/change/",
        f"/admin/ppps/aduan/{pk}/change/",
        "/admin/ppps/perkara/",
    ]


def test_the_case_route_reaches_a_visible_case(client, make_user, other_office, perkara_b):
    officer = make_user(roles.PETUGAS_PPPS, office=other_office, is_staff=True)
    client.force_login(officer)
    response = client.get(case_urls(perkara_b.pk)[0])
    assert response.status_code == 302
    assert response["Location"] == perkara_b.get_absolute_url()


@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.PETUGAS_PPPS])
def test_another_office_case_answers_like_a_missing_id(client, make_user, office, perkara_b, role):
    user = make_user(role, office=office, is_staff=True)
    client.force_login(user)
    missing_pk = Perkara.objects.order_by("-pk").first().pk + 1000
    hidden = [answer(client, url) for url in case_urls(perkara_b.pk)]
    missing = [answer(client, url) for url in case_urls(missing_pk)]
    assert hidden == missing
    assert hidden[0][0][0] == 404
    assert "Saksi Kota Dua" not in str(hidden)


def test_parties_and_complaints_have_no_admin_door(client, office, perkara_b):
    from django.contrib import admin

    services.submit_aduan(office=office, data={"uraian": "Politik uang di TPS 3"})
    for model in (Perkara, Pihak, Aduan):
        assert not admin.site.is_registered(model)
    assert Pihak.objects.filter(perkara=perkara_b).exists()
