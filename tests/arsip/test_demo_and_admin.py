import pytest
from django.urls import reverse

from arsip import demo
from arsip.models import Naskah, RetensiArsip
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def demo_office(office, make_user, reference):
    for name in [
        "Pimpinan",
        "Divisi Penanganan Pelanggaran dan Data Informasi",
        "Subbagian Administrasi",
    ]:
        UnitFactory(office=office, name=name)
    archivist = make_user(
        roles.ARSIPARIS, office=office, unit=office.units.last(), username="arsiparis.kota"
    )
    return office, archivist


def test_demo_seed_is_idempotent_and_classifies_records(demo_office):
    office, archivist = demo_office
    demo.seed({"kota": office}, {"arsiparis.kota": archivist})
    demo.seed({"kota": office}, {"arsiparis.kota": archivist})
    assert Naskah.objects.filter(office=office).count() == len(demo.RECORDS)
    assert set(Naskah.objects.values_list("kelas__kode", flat=True)) == {"B", "T", "R", "SR"}
    assert not RetensiArsip.objects.filter(terverifikasi=True).exists()


def test_jra_admin_shows_rows_as_unverified_until_confirmed(client, make_user, office, reference):
    from arsip.models import KlasifikasiArsip

    RetensiArsip.objects.create(
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        aktif_tahun=2,
        inaktif_tahun=3,
        nasib_akhir="musnah",
    )
    manager = make_user(office=None, unit=None, is_staff=True, is_superuser=True)
    client.force_login(manager)
    page = client.get(reverse("admin:arsip_retensiarsip_changelist"))
    assert "belum terverifikasi" in page.text
    row = RetensiArsip.objects.get()
    client.post(
        reverse("admin:arsip_retensiarsip_changelist"),
        {"action": "verify", "_selected_action": [row.pk]},
    )
    row.refresh_from_db()
    assert row.terverifikasi and row.diverifikasi_oleh == manager


def test_staff_user_cannot_verify_jra(client, make_user, office, reference):
    arsiparis = make_user(roles.ARSIPARIS, office=office, is_staff=True)
    client.force_login(arsiparis)
    page = client.get(reverse("admin:arsip_retensiarsip_changelist"))
    assert page.status_code == 200 and 'value="verify"' not in page.text


def test_office_administrator_sees_but_cannot_change_the_matrix_or_the_classes(
    client, admin_user_sisp, reference
):
    from arsip.models import AksesMatrix, KelasKeamanan

    client.force_login(admin_user_sisp)
    page = client.get(reverse("admin:arsip_aksesmatrix_changelist"))
    assert page.status_code == 200 and "Unit sendiri" in page.text
    assert 'name="form-0-lingkup"' not in page.text  # no list-editable inputs
    row = AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").get()
    url = reverse("admin:arsip_aksesmatrix_change", args=[row.pk])
    assert 'name="lingkup"' not in client.get(url).text
    client.post(url, {"role": row.role_id, "kelas": row.kelas_id, "lingkup": "semua"})
    row.refresh_from_db()
    assert row.lingkup == "unit"
    assert client.get(reverse("admin:arsip_aksesmatrix_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:arsip_aksesmatrix_delete", args=[row.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AksesMatrix.objects.filter(pk=row.pk).exists()
    sr = KelasKeamanan.objects.get(kode="SR")
    url = reverse("admin:arsip_kelaskeamanan_change", args=[sr.pk])
    client.post(
        url, {"kode": "SR", "nama": "Sangat Rahasia", "tingkat": sr.tingkat, "wajib_tujuan": ""}
    )
    sr.refresh_from_db()
    assert sr.wajib_tujuan is True
    admin_user_sisp = type(admin_user_sisp).objects.get(pk=admin_user_sisp.pk)
    assert not admin_user_sisp.has_perm("arsip.change_aksesmatrix")
    assert not admin_user_sisp.has_perm("arsip.change_kelaskeamanan")
    assert admin_user_sisp.has_perm("arsip.view_aksesmatrix")


def test_a_superuser_changes_the_matrix(client, make_user, office, reference):
    from arsip.models import AksesMatrix

    root = make_user(office=office, is_staff=True, is_superuser=True)
    client.force_login(root)
    row = AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").get()
    client.post(
        reverse("admin:arsip_aksesmatrix_change", args=[row.pk]),
        {"role": row.role_id, "kelas": row.kelas_id, "lingkup": "semua"},
    )
    row.refresh_from_db()
    assert row.lingkup == "semua"


def test_migrate_takes_back_matrix_rights_an_older_version_gave_administrators(reference):
    from django.contrib.auth.models import Group, Permission

    from arsip.apps import _after_migrate

    group = Group.objects.get(name=roles.ADMINISTRATOR)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="arsip",
            codename__in=["change_aksesmatrix", "change_kelaskeamanan"],
        )
    )
    _after_migrate(sender=None)
    assert not group.permissions.filter(
        codename__in=["change_aksesmatrix", "change_kelaskeamanan"]
    ).exists()
    assert group.permissions.filter(codename="view_aksesmatrix").exists()


def test_file_version_and_grant_admins_hide_what_the_user_cannot_see(
    client, make_user, make_naskah, office, unit
):
    from django.utils import timezone

    from arsip import services
    from tests.arsip.conftest import pdf_upload

    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(
        office=office, unit=other, created_by=author, kelas="R", perihal="Rahasia unit lain"
    )
    services.add_version(secret, pdf_upload(), user=author)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=other)
    services.grant_access(
        secret, by=kasubag, tujuan="uji", user=author, berlaku_sampai=timezone.localdate()
    )
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
        "berkas": hidden.berkas_id,
        "nomor_item": 5,
        "klasifikasi": mine.klasifikasi_id,
        "kelas": mine.kelas_id,
        "unit": foreign_unit.pk,
        "perihal": "dipindah",
        "tanggal": "2026-01-01",
        "jenis": "surat",
        "tingkat_perkembangan": "asli",
        "media": "kertas",
        "jumlah": 1,
        "satuan": "lembar",
        "status_retensi": "aktif",
        "revisi_dilihat": mine.revisi,
    }
    response = client.post(url, form)
    assert response.status_code == 200  # the form is refused, not saved
    mine.refresh_from_db()
    assert mine.berkas_id != hidden.berkas_id and mine.unit == unit
