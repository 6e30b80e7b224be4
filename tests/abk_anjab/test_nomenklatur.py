"""Jabatan Pelaksana nomenclature (KepmenPANRB 282/2025) as installation data."""

import pytest
from django.urls import reverse

from abk_anjab.models import NomenklaturJabatan
from abk_anjab.reference import NOMENKLATUR_PELAKSANA, load_nomenklatur

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomenklatur(db):
    load_nomenklatur()


def test_the_job_form_offers_the_nomenclature_and_marks_unconfirmed_names(
    client, korsek, nomenklatur
):
    NomenklaturJabatan.objects.filter(nama="Pengadministrasi Perkantoran").update(
        terkonfirmasi=True, kelas_jabatan=5
    )
    NomenklaturJabatan.objects.filter(nama="Pengolah Data dan Informasi").update(is_active=False)
    client.force_login(korsek)
    page = client.get(reverse("abk_anjab:jabatan_add")).content.decode()
    assert 'list="nomenklatur-jabatan"' in page
    assert (
        '<option value="Pengadministrasi Perkantoran">Klerek · kelas 5</option>' in page
    )  # confirmed: no (?)
    assert '<option value="Penata Layanan Operasional">Klerek (?)</option>' in page
    assert "Pengolah Data dan Informasi" not in page  # retired by the installation manager
    assert "KepmenPANRB 282/2025" in page


def test_loading_again_creates_nothing_and_keeps_corrections(nomenklatur):
    NomenklaturJabatan.objects.filter(nama="Penata Layanan Operasional").update(
        klasifikasi="Operator", terkonfirmasi=True
    )
    assert load_nomenklatur() == 0
    row = NomenklaturJabatan.objects.get(nama="Penata Layanan Operasional")
    assert (row.klasifikasi, row.terkonfirmasi) == ("Operator", True)
    assert NomenklaturJabatan.objects.count() == len(NOMENKLATUR_PELAKSANA)


def test_only_the_installation_manager_changes_the_nomenclature_in_the_admin(
    client, admin_user_sisp, nomenklatur, django_user_model
):
    row = NomenklaturJabatan.objects.get(nama="Penata Layanan Operasional")
    url = reverse("admin:abk_anjab_nomenklaturjabatan_change", args=[row.pk])
    client.force_login(admin_user_sisp)  # an office Administrator
    response = client.post(url, {"nama": "Diubah", "dasar": "x", "urutan": 0, "is_active": "on"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.nama == "Penata Layanan Operasional"

    manager = django_user_model.objects.create_superuser("pengelola", password="x")
    client.force_login(manager)
    response = client.post(
        url,
        {
            "nama": "Penata Layanan Operasional",
            "klasifikasi": "Klerek",
            "kelas_jabatan": "7",
            "dasar": "KepmenPANRB 282/2025",
            "terkonfirmasi": "on",
            "urutan": "1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.kelas_jabatan, row.terkonfirmasi, str(row)) == (
        7,
        True,
        "Penata Layanan Operasional",
    )
