"""Texts that state a rule read it (issue 15): which classes guard lowering comes from the
shared rules (``PejabatKelas``), which class asks for a purpose from ``KelasKeamanan``, and
the JRA import refuses a year that is no plain number instead of failing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arsip import services
from arsip.authority import TURUN
from arsip.forms import class_reason_field
from arsip.models import KelasKeamanan, PejabatKelas, RetensiArsip
from sisp import roles
from tests.arsip.conftest import pdf_upload

GUARD = "Wajib bila menurunkan kelas"


@pytest.fixture
def ketua(make_user, office, reference):
    return make_user(roles.KETUA, office=office)


def _reclass_page(client, user, naskah):
    client.force_login(user)
    page = client.get(reverse("arsip:reclass", args=[naskah.pk]))
    assert page.status_code == 200
    return page.text


def test_the_class_page_names_the_classes_the_shared_rules_guard(
    client, ketua, make_user, make_naskah, office, unit
):
    author = make_user(roles.ARSIPARIS, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author, kelas="SR")
    text = _reclass_page(client, ketua, naskah)
    assert f"{GUARD} Rahasia atau Sangat Rahasia;" in text
    assert "Menurunkan kelas Rahasia atau Sangat Rahasia hanya oleh pejabat" in text
    # The installation manager lifts the guard on Rahasia: the page says only Sangat Rahasia.
    PejabatKelas.objects.filter(kelas__kode="R", tindakan=TURUN).delete()
    text = _reclass_page(client, ketua, naskah)
    assert f"{GUARD} Sangat Rahasia;" in text and "Rahasia atau" not in text
    # No guard at all: the reason's help names no class.
    PejabatKelas.objects.filter(tindakan=TURUN).delete()
    assert class_reason_field(rows=2).help_text == "Dicatat dalam riwayat kelas naskah."


def test_the_purpose_form_names_the_records_own_class(
    client, ketua, make_user, make_naskah, office, unit
):
    author = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author, kelas="T")
    services.add_version(naskah, pdf_upload("isi terbatas"), user=author)
    url = reverse("arsip:download", args=[naskah.pk, 1])
    client.force_login(ketua)
    # Terbatas asks for no purpose in the shipped data: the file is served at once.
    served = client.get(url)
    assert served.status_code == 200 and served.streaming
    KelasKeamanan.objects.filter(kode="T").update(wajib_tujuan=True)
    page = client.get(url)
    assert "Wajib untuk naskah berkelas Terbatas" in page.text
    assert "Rahasia" not in page.text.split("Tujuan penggunaan", 1)[1].split("</form>")[0]


def test_a_jra_year_in_superscript_digits_is_a_row_error_not_a_failure(client, make_user):
    manager = make_user(office=None, unit=None, is_superuser=True)
    client.force_login(manager)
    csv = "Kode,Aktif,Inaktif,Keterangan,Catatan\nKA.00,²,3,Musnah,\n"
    response = client.post(
        reverse("arsip:import_jra"), {"berkas": SimpleUploadedFile("jra.csv", csv.encode())}
    )
    assert response.status_code == 200
    assert "Baris 2" in response.text and "bukan angka tahun" in response.text
    assert not RetensiArsip.objects.exists()


def test_the_trace_page_names_the_classes_that_are_stamped(client, make_user, office, reference):
    from arsip.stamping import STAMPED_FROM_TINGKAT

    auditor = make_user(roles.PENGAWAS_INTERNAL, office=office)
    client.force_login(auditor)
    page = client.get(reverse("arsip:trace"))
    assert "naskah Terbatas, Rahasia, dan Sangat Rahasia tercetak" in page.text
    # Terbatas moved below the stamped levels: the page no longer names it.
    KelasKeamanan.objects.filter(kode="T").update(tingkat=STAMPED_FROM_TINGKAT - 1)
    assert "naskah Rahasia dan Sangat Rahasia tercetak" in client.get(reverse("arsip:trace")).text
