"""The portal's "Menunggu Anda": complaints to triage for triage staff, and an officer's own
cases past or near their deadline — never another office's, never another officer's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import Aduan, Perkara
from sisp import roles
from sisp.queues import waiting_for

pytestmark = pytest.mark.django_db


def labels(user):
    return {item.label: item.count for item in waiting_for(user)}


def test_new_complaints_wait_for_triage_staff_of_their_office_only(
    office, other_office, petugas, petugas_other, ketua
):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "Sembako."})
    services.submit_aduan(office=other_office, data={"uraian": "Lain."})
    assert labels(petugas)["Aduan belum ditelaah"] == 1
    assert labels(petugas_other)["Aduan belum ditelaah"] == 1
    assert "Aduan belum ditelaah" not in labels(ketua)  # reads, does not triage
    services.triage_aduan(
        aduan, status=Aduan.Status.DITUTUP, jawaban="Bukan kewenangan.", user=petugas
    )
    assert "Aduan belum ditelaah" not in labels(petugas)


def test_an_officers_late_and_near_cases_wait_for_that_officer(
    make_perkara, petugas, make_user, office
):
    today = timezone.localdate()
    late = make_perkara()
    Perkara.objects.filter(pk=late.pk).update(batas_waktu=today - datetime.timedelta(days=1))
    near = make_perkara()
    Perkara.objects.filter(pk=near.pk).update(batas_waktu=today)
    far = make_perkara()
    Perkara.objects.filter(pk=far.pk).update(batas_waktu=today + datetime.timedelta(days=90))
    found = {item.label: item for item in waiting_for(petugas)}
    assert found["Perkara Anda melewati batas waktu"].count == 1
    assert found["Perkara Anda melewati batas waktu"].urgent
    assert found["Perkara Anda melewati batas waktu"].url == reverse(
        "ppps:perkara_detail", args=[late.pk]
    )
    assert found["Perkara Anda mendekati batas waktu"].count == 1
    assert list(found)[0] == "Perkara Anda melewati batas waktu"  # urgent first
    colleague = make_user(roles.PETUGAS_PPPS, office=office)
    assert not any(label.startswith("Perkara Anda") for label in labels(colleague))


def test_a_late_case_of_another_office_never_waits_for_this_offices_officer(
    make_perkara, petugas, petugas_other, other_office
):
    from ppps.models import Pemilihan, Regime

    theirs = Pemilihan.objects.create(
        office=other_office,
        name="Pemilihan Wali Kota 2024",
        regime=Regime.PEMILIHAN,
        code="PW",
        year=2024,
    )
    late = make_perkara(pemilihan=theirs, user=petugas_other)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Perkara.objects.filter(pk=late.pk).update(batas_waktu=yesterday)
    # Even listed among its officers (left over from before a transfer, say), a case this
    # office does not hold is not this officer's work.
    late.petugas.add(petugas)
    assert labels(petugas_other)["Perkara Anda melewati batas waktu"] == 1
    assert not any(label.startswith("Perkara") for label in labels(petugas))
