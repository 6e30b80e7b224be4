"""The portal's "Menunggu Anda" lists exactly the analyses this user may verify or approve."""

import pytest
from django.urls import reverse

from abk_anjab import services
from abk_anjab.models import Anjab, Jabatan
from sisp.queues import waiting_for
from tests.abk_anjab.conftest import CLERK_TASKS, fill_required

pytestmark = pytest.mark.django_db


def labels(user):
    return {item.label: [e.text for e in item.entries] for item in waiting_for(user)}


def test_submitted_analysis_waits_for_the_verifier_then_the_approver(
    client, anjab, staf_adm, kasubag_adm, korsek, stranger
):
    assert labels(kasubag_adm) == {}
    services.submit_anjab(anjab, user=staf_adm)
    assert labels(kasubag_adm) == {"Analisis jabatan menunggu verifikasi Anda": [str(anjab)]}
    # The submitter never verifies their own analysis, so it never waits for them.
    assert labels(staf_adm) == {}
    assert labels(stranger) == {}
    client.force_login(kasubag_adm)
    body = client.get(reverse("sisp:portal")).content.decode()
    assert "Analisis jabatan menunggu verifikasi Anda" in body
    assert reverse("abk_anjab:anjab", args=[anjab.pk]) in body

    services.verify_anjab(anjab, user=kasubag_adm)
    assert labels(kasubag_adm) == {}
    assert labels(korsek) == {"Analisis jabatan menunggu persetujuan Anda": [str(anjab)]}
    assert labels(stranger) == {}
    services.approve_anjab(anjab, user=korsek)
    assert labels(korsek) == {}


def test_an_analysis_outside_the_verifiers_unit_does_not_wait_for_them(
    make_anjab, office, subbag_hukum, staf_hukum, staf_adm, kasubag_adm
):
    other = Jabatan.objects.create(
        office=office,
        unit=subbag_hukum,
        nama="Analis Hukum",
        jenis=Jabatan.Jenis.PELAKSANA,
        kelas_jabatan=7,
        bezetting=1,
    )
    theirs = fill_required(make_anjab(other, tasks=CLERK_TASKS))
    services.submit_anjab(theirs, user=staf_hukum)
    theirs.refresh_from_db()
    assert theirs.status == Anjab.Status.DIAJUKAN
    assert not theirs.can_verify(kasubag_adm)
    assert labels(kasubag_adm) == {}
