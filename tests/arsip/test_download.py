import pytest
from django.urls import reverse
from django.utils import timezone

from arsip import services
from arsip.models import Unduhan
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload


@pytest.fixture
def rahasia(make_user, make_naskah, office, unit):
    author = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author, kelas="R")
    services.add_version(naskah, pdf_upload("isi rahasia"), user=author)
    return naskah


def test_rahasia_download_asks_for_purpose_and_writes_nothing_until_given(
    client, make_user, office, rahasia
):
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(ketua)
    url = reverse("arsip:download", args=[rahasia.pk, 1])
    page = client.get(url)
    assert page.status_code == 200 and "Tujuan penggunaan" in page.text
    short = client.post(url, {"tujuan": "baca"})
    assert short.status_code == 200 and "paling sedikit 10 huruf" in short.text
    assert not AuditEvent.objects.filter(action="arsip.download").exists()


def test_rahasia_download_with_purpose_is_served_and_audited(client, make_user, office, rahasia):
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(ketua)
    response = client.post(
        reverse("arsip:download", args=[rahasia.pk, 1]),
        {"tujuan": "Bahan rapat pleno penanganan pelanggaran"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(action="arsip.download")
    assert event.actor == ketua and event.object_id == str(rahasia.pk)
    # The purpose stays behind the record's door; the trail names the download by id.
    assert "purpose" not in event.detail and "Bahan rapat" not in str(event.detail)
    unduhan = Unduhan.objects.get(pk=event.detail["unduhan"])
    assert (unduhan.naskah, unduhan.user, unduhan.versi) == (rahasia, ketua, 1)
    assert unduhan.tujuan == "Bahan rapat pleno penanganan pelanggaran"
    assert event.detail["versi"] == 1 and len(event.detail["sha256"]) == 64


def test_biasa_download_is_served_directly_and_audited(
    client, make_user, make_naskah, office, unit
):
    staf = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=staf, kelas="B")
    services.add_version(naskah, pdf_upload(), user=staf)
    client.force_login(staf)
    response = client.get(reverse("arsip:download", args=[naskah.pk, 1]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="arsip.download", actor=staf).count() == 1


def test_unknown_version_is_404(client, make_user, office, rahasia):
    client.force_login(make_user(roles.KETUA, office=office))
    assert client.get(reverse("arsip:download", args=[rahasia.pk, 9])).status_code == 404


def test_nginx_mode_hands_the_transfer_to_the_web_server(
    client, make_user, make_naskah, office, unit, settings
):
    settings.PROTECTED_FILE_SERVER = "nginx"
    staf = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=staf)
    version = services.add_version(naskah, pdf_upload(), user=staf)
    client.force_login(staf)
    response = client.get(reverse("arsip:download", args=[naskah.pk, 1]))
    assert response["X-Accel-Redirect"].endswith(version.file_name)


def test_viewing_a_record_is_audited(client, make_user, office, rahasia):
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(ketua)
    client.get(reverse("arsip:detail", args=[rahasia.pk]))
    assert AuditEvent.objects.filter(
        action="arsip.view", actor=ketua, object_id=str(rahasia.pk)
    ).exists()


def test_internal_auditor_sees_the_access_history_but_staff_do_not(
    client, make_user, office, unit, rahasia
):
    from arsip.access import AUDITOR

    auditor = make_user(AUDITOR, office=office)
    client.force_login(auditor)
    page = client.get(reverse("arsip:detail", args=[rahasia.pk]))
    assert page.status_code == 200 and "Riwayat akses" in page.text
    assert "Beri hak akses" not in page.text
    staf = make_user(roles.STAF, office=office, unit=unit)
    services.grant_access(
        rahasia,
        by=make_user(roles.KETUA, office=office),
        tujuan="uji",
        user=staf,
        berlaku_sampai=timezone.localdate(),
    )
    client.force_login(staf)
    page = client.get(reverse("arsip:detail", args=[rahasia.pk]))
    assert page.status_code == 200 and "Riwayat akses" not in page.text
