"""The portal's "Menunggu Anda" names an archive access request to the class's approver for
that record, never to its registrar, the requester or another office's officials."""

import pytest
from django.urls import reverse

from arsip import services
from arsip.models import PermohonanAkses
from sisp import roles
from sisp.queues import waiting_for
from tests.factories import UnitFactory

NOMOR = "12/PP.01.02/K.UJ-01/02/2026"
ROUTED = "Permohonan akses arsip menunggu keputusan Anda"
UNROUTED = "Permohonan akses arsip belum terarah"


def labels(user):
    return {item.label: item.count for item in waiting_for(user)}


@pytest.mark.django_db
def test_a_routed_request_waits_for_the_approver_only(
    make_user, make_naskah, office, other_office, unit, reference
):
    other = UnitFactory(office=office, name="Sekretariat")
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=other)
    stranger = make_user(roles.KETUA, office=other_office)
    make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="R", nomor_surat=NOMOR)
    services.request_access(user=staf, uraian="Kajian", nomor_naskah=NOMOR, tujuan="Jawaban surat")
    assert labels(kasubag) == {ROUTED: 1}
    for nobody in (arsiparis, staf, stranger):
        assert ROUTED not in labels(nobody)
    services.request_access(user=staf, uraian="Surat tanpa nomor", tujuan="Rapat")
    assert labels(kasubag) == {ROUTED: 1, UNROUTED: 1}
    assert UNROUTED not in labels(staf) and UNROUTED not in labels(stranger)


@pytest.mark.django_db
def test_the_page_and_the_panel_list_the_same_unrouted_requests(
    client, make_user, office, unit, reference
):
    """One query (``services.unrouted_for``) behind both: the page once stopped at 100 while
    the panel counted 200."""
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=unit)
    PermohonanAkses.objects.bulk_create(
        PermohonanAkses(office=office, pemohon=staf, uraian=f"Surat {i}", tujuan="Rapat")
        for i in range(120)
    )
    client.force_login(kasubag)
    listed = client.get(reverse("arsip:permohonan")).context["unrouted"]
    assert len(listed) == labels(kasubag)[UNROUTED] == 120
