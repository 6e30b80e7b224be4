import pytest
from django.urls import reverse

from arsip import demo
from arsip.models import Naskah, RetensiArsip
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def demo_office(office, make_user, reference):
    for name in ["Pimpinan", "Divisi Penanganan Pelanggaran dan Data Informasi",
                 "Subbagian Administrasi"]:
        UnitFactory(office=office, name=name)
    archivist = make_user(roles.ARSIPARIS, office=office, unit=office.units.last(),
                          username="arsiparis.kota")
    return office, archivist


def test_demo_seed_is_idempotent_and_classifies_records(demo_office):
    office, archivist = demo_office
    demo.seed({"kota": office}, {"arsiparis.kota": archivist})
    demo.seed({"kota": office}, {"arsiparis.kota": archivist})
    assert Naskah.objects.filter(office=office).count() == len(demo.RECORDS)
    assert set(Naskah.objects.values_list("kelas__kode", flat=True)) == {"B", "T", "R", "SR"}
    assert not RetensiArsip.objects.filter(terverifikasi=True).exists()


def test_jra_admin_shows_rows_as_unverified_until_confirmed(client, make_user, office,
                                                            reference):
    from arsip.models import KlasifikasiArsip

    RetensiArsip.objects.create(klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
                                aktif_tahun=2, inaktif_tahun=3, nasib_akhir="musnah")
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, is_staff=True)
    client.force_login(korsek)
    page = client.get(reverse("admin:arsip_retensiarsip_changelist"))
    assert "belum terverifikasi" in page.text
    row = RetensiArsip.objects.get()
    client.post(reverse("admin:arsip_retensiarsip_changelist"),
                {"action": "verify", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.terverifikasi and row.diverifikasi_oleh == korsek


def test_staff_user_cannot_verify_jra(client, make_user, office, reference):
    arsiparis = make_user(roles.ARSIPARIS, office=office, is_staff=True)
    client.force_login(arsiparis)
    page = client.get(reverse("admin:arsip_retensiarsip_changelist"))
    assert page.status_code == 200 and 'value="verify"' not in page.text


def test_administrator_edits_the_access_matrix_in_admin(client, admin_user_sisp, reference):
    client.force_login(admin_user_sisp)
    page = client.get(reverse("admin:arsip_aksesmatrix_changelist"))
    assert page.status_code == 200 and "Unit sendiri" in page.text


def test_file_version_and_grant_admins_hide_what_the_user_cannot_see(
    client, make_user, make_naskah, office, unit
):
    from django.utils import timezone

    from arsip import services
    from tests.arsip.conftest import pdf_upload

    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="R",
                         perihal="Rahasia unit lain")
    services.add_version(secret, pdf_upload(), user=author)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=other)
    services.grant_access(secret, by=kasubag, tujuan="uji", user=author,
                          berlaku_sampai=timezone.localdate())
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)
    client.force_login(arsiparis)
    for name in ["berkas", "berkasdigital", "hakakses"]:
        page = client.get(reverse(f"admin:arsip_{name}_changelist"))
        assert page.status_code == 200
        assert "Rahasia unit lain" not in page.text and "laporan.pdf" not in page.text
    client.force_login(kasubag)
    kasubag.is_staff = True
    kasubag.save()
    page = client.get(reverse("admin:arsip_naskah_changelist"))
    assert "Rahasia unit lain" in page.text


def test_admin_cannot_move_a_record_into_a_hidden_file_or_another_offices_unit(
    client, make_user, make_naskah, office, unit, other_office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)
    mine = make_naskah(office=office, unit=unit, created_by=arsiparis)
    foreign_unit = UnitFactory(office=other_office)
    client.force_login(arsiparis)
    url = reverse("admin:arsip_naskah_change", args=[mine.pk])
    form = {
        "berkas": hidden.berkas_id, "nomor_item": 5, "klasifikasi": mine.klasifikasi_id,
        "kelas": mine.kelas_id, "unit": foreign_unit.pk, "perihal": "dipindah",
        "tanggal": "2026-01-01", "jenis": "surat", "tingkat_perkembangan": "asli",
        "media": "kertas", "jumlah": 1, "satuan": "lembar", "status_retensi": "aktif",
    }
    response = client.post(url, form)
    assert response.status_code == 200  # the form is refused, not saved
    mine.refresh_from_db()
    assert mine.berkas_id != hidden.berkas_id and mine.unit == unit
