import pytest
from django.urls import reverse

from ppps.models import Pemilihan

pytestmark = pytest.mark.django_db
URL = reverse("ppps:pemilihan_list")
NEW = {"name": "Pemilu 2029", "regime": "pemilu", "code": "PL", "year": 2029, "is_active": "on"}


def test_anonymous_goes_to_login_and_staff_without_role_gets_403(client, staf):
    assert client.get(URL).status_code == 302
    client.force_login(staf)
    assert client.get(URL).status_code == 403


def test_petugas_adds_an_election_to_own_office(client, petugas, office):
    client.force_login(petugas)
    assert client.post(URL, NEW).status_code == 302
    assert Pemilihan.objects.get(name="Pemilu 2029").office == office


def test_duplicate_name_in_the_office_is_refused_in_indonesian(client, petugas, pilwali):
    client.force_login(petugas)
    response = client.post(URL, {**NEW, "name": pilwali.name})
    assert "sudah ada" in response.content.decode()


def test_other_office_election_is_404_and_not_listed(client, petugas_other, pilwali):
    client.force_login(petugas_other)
    assert pilwali.name not in client.get(URL).content.decode()
    assert client.get(reverse("ppps:pemilihan_edit", args=[pilwali.pk])).status_code == 404


def test_ketua_reads_but_cannot_add(client, ketua, pilwali):
    client.force_login(ketua)
    response = client.get(URL)
    assert pilwali.name in response.content.decode() and response.context["form"] is None
    assert client.post(URL, NEW).status_code == 403
    assert not Pemilihan.objects.filter(name="Pemilu 2029").exists()
