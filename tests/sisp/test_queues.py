"""The portal's "Menunggu Anda" names role requests the user may decide, and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sisp import roles, services
from sisp.queues import waiting_for

pytestmark = pytest.mark.django_db


def test_a_role_request_waits_for_the_ketua_not_for_the_requester_or_another_office(
    client, make_user, office, other_office
):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    ketua = make_user(roles.KETUA, office=office)
    other_ketua = make_user(roles.KETUA, office=other_office)
    target = make_user(roles.STAF, office=office, first_name="Budi", last_name="")
    services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PETUGAS_PPPS),
        reason="Penugasan",
        requested_by=admin,
    )
    [item] = waiting_for(ketua)
    assert item.label == "Permohonan peran menunggu keputusan Anda" and item.count == 1
    assert item.entries[0].text == "Petugas PPPS untuk Budi"
    assert waiting_for(admin) == [] and waiting_for(other_ketua) == []
    assert waiting_for(target) == []
    client.force_login(ketua)
    body = client.get(reverse("sisp:portal")).content.decode()
    assert "Permohonan peran menunggu keputusan Anda" in body
    client.force_login(other_ketua)
    body = client.get(reverse("sisp:portal")).content.decode()
    assert "Permohonan peran" not in body.split("Aplikasi internal")[0]
    assert "Tidak ada yang menunggu keputusan atau tindakan Anda." in body
