"""An approved analysis is filed into E-Arsip under OT.02 with one click, once."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from abk_anjab import services
from abk_anjab.models import Anjab
from arsip.models import Naskah
from sisp import roles
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db


def approve(anjab, user):
    anjab.status = Anjab.Status.DISETUJUI
    anjab.disetujui_oleh = user
    anjab.save()


def file_it(client, user, anjab):
    client.force_login(user)
    return client.post(reverse("abk_anjab:anjab_file", args=[anjab.pk]))


def test_koordinator_files_an_approved_analysis_as_a_pdf_under_ot_02(
    client, anjab, korsek, make_user, office
):
    approve(anjab, korsek)
    assert file_it(client, korsek, anjab).status_code == 302
    anjab.refresh_from_db()
    naskah = anjab.naskah_arsip
    assert naskah.office == office and naskah.klasifikasi.kode == "OT.02"
    assert naskah.kelas.kode == "B" and naskah.unit == anjab.jabatan.unit
    assert anjab.jabatan.nama in naskah.perihal
    version = naskah.versi.get()
    assert version.content_type == "application/pdf"
    # The filed PDF is the analysis document itself.
    client.force_login(make_user(roles.KETUA, office=office))
    response = client.get(reverse("arsip:download", args=[naskah.pk, version.versi]))
    pdf = b"".join(response.streaming_content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert anjab.jabatan.nama in text
    assert AuditEvent.objects.filter(
        action="abk_anjab.file_arsip", object_id=str(anjab.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="arsip.register", object_id=str(naskah.pk)).exists()


def test_an_analysis_is_filed_only_once(client, anjab, korsek):
    approve(anjab, korsek)
    file_it(client, korsek, anjab)
    assert file_it(client, korsek, anjab).status_code == 403
    assert Naskah.objects.count() == 1


def test_a_draft_cannot_be_filed(client, anjab, korsek):
    assert file_it(client, korsek, anjab).status_code == 403
    assert not Naskah.objects.exists()


def test_staff_cannot_file_and_another_office_gets_404(client, anjab, korsek, staf_adm, stranger):
    approve(anjab, korsek)
    assert file_it(client, staf_adm, anjab).status_code == 403
    assert file_it(client, stranger, anjab).status_code == 404
    assert not Naskah.objects.exists()


def test_filing_needs_post(client, anjab, korsek):
    approve(anjab, korsek)
    client.force_login(korsek)
    assert client.get(reverse("abk_anjab:anjab_file", args=[anjab.pk])).status_code == 405


def test_the_page_names_the_code_the_analysis_was_filed_under(client, anjab, korsek):
    approve(anjab, korsek)
    client.force_login(korsek)
    detail = reverse("abk_anjab:anjab", args=[anjab.pk])
    assert f"Arsipkan ke E-Arsip ({services.ARSIP_CODE})" in client.get(detail).text
    done = client.post(reverse("abk_anjab:anjab_file", args=[anjab.pk]), follow=True)
    anjab.refresh_from_db()
    code = anjab.naskah_arsip.klasifikasi.kode
    assert f"diarsipkan di E-Arsip dengan kode {code}." in done.text
    assert f"(kode {code})." in client.get(detail).text
