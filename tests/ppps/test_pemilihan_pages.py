import pytest
from django.urls import reverse

from ppps.models import Pemilihan
from sisp.models import AuditEvent
from tests.refusals import not_found, nothing_changes, refused

pytestmark = pytest.mark.django_db
URL = reverse("ppps:pemilihan_list")
NEW = {"name": "Pemilu 2029", "regime": "pemilu", "code": "PL", "year": 2029, "is_active": "on"}


def test_anonymous_goes_to_login_and_staff_without_role_gets_403(client, staf):
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "/masuk/" in anonymous["Location"]
    client.force_login(staf)
    refused(client.get(URL))
    with nothing_changes(Pemilihan):
        refused(client.post(URL, NEW))


def test_petugas_adds_an_election_to_own_office(client, petugas, office):
    client.force_login(petugas)
    assert client.post(URL, NEW).status_code == 302
    assert Pemilihan.objects.get(name="Pemilu 2029").office == office


def test_duplicate_name_in_the_office_is_refused_in_indonesian(client, petugas, pilwali):
    client.force_login(petugas)
    with nothing_changes(pilwali, Pemilihan):
        response = client.post(URL, {**NEW, "name": pilwali.name})
    assert "sudah ada" in response.content.decode()


def test_other_office_election_is_404_and_not_listed(client, petugas_other, pilwali):
    client.force_login(petugas_other)
    assert pilwali.name not in client.get(URL).content.decode()
    edit = reverse("ppps:pemilihan_edit", args=[pilwali.pk])
    not_found(client.get(edit))
    with nothing_changes(pilwali, Pemilihan):
        not_found(client.post(edit, {**NEW, "name": "Diambil kantor lain"}))


def test_saving_an_election_is_audited_in_its_office(client, petugas, office):
    client.force_login(petugas)
    client.post(URL, NEW)
    saved = Pemilihan.objects.get(name="Pemilu 2029")
    entry = AuditEvent.objects.get(action="ppps.pemilihan_save")
    assert (entry.object_id, entry.office, entry.actor) == (str(saved.pk), office, petugas)


def test_ketua_reads_but_cannot_add(client, ketua, pilwali):
    client.force_login(ketua)
    response = client.get(URL)
    assert pilwali.name in response.content.decode() and response.context["form"] is None
    with nothing_changes(pilwali, Pemilihan):
        refused(client.post(URL, NEW))
        refused(client.post(reverse("ppps:pemilihan_edit", args=[pilwali.pk]), NEW))
