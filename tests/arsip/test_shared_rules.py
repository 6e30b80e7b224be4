"""Filing codes, JRA, security classes and the access matrix are the installation's shared
rules: only the installation manager changes (or verifies) them, and each change is audited
in every office, each office's entry naming its own files whose retention moved."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from arsip import retention
from arsip.models import AksesMatrix, Berkas, KelasKeamanan, KlasifikasiArsip, RetensiArsip
from sisp import roles
from sisp.models import AuditEvent
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

OFFICE_ROLES = [roles.ADMINISTRATOR, roles.ARSIPARIS, roles.KOORDINATOR_SEKRETARIAT]
SHARED = ["klasifikasiarsip", "retensiarsip", "kelaskeamanan", "aksesmatrix"]
JRA_CSV = "Kode,Aktif,Inaktif,Keterangan\nKA.00,1,1,Musnah\n"


@pytest.fixture
def manager(make_user):
    """The installation manager (Pengelola Instalasi): a superuser of no office."""
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True, username="pengelola")


@pytest.fixture(params=OFFICE_ROLES)
def office_user(request, make_user, office, reference):
    """An office role with, on top, every right on the shared rules given to the user
    directly: the admin still refuses, since only the installation manager changes them."""
    user = make_user(request.param, office=office, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="arsip", content_type__model__in=SHARED
        ).exclude(codename__startswith="view_")
    )
    return user


@pytest.fixture
def jra(reference):
    return RetensiArsip.objects.create(
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        aktif_tahun=20,
        inaktif_tahun=20,
        nasib_akhir="permanen",
    )


@pytest.fixture
def their_file(make_user, make_naskah, other_office):
    """A file of the other office under KA.00, closed in 2000."""
    unit = UnitFactory(office=other_office)
    archivist = make_user(roles.ARSIPARIS, office=other_office, unit=unit)
    berkas = make_naskah(office=other_office, unit=unit, created_by=archivist).berkas
    retention.close_berkas(berkas, tanggal_tutup=date(2000, 1, 1), by=archivist)
    return berkas


def on_musnah_list(berkas):
    return retention.retention_list(Berkas.objects.all(), "musnah").filter(pk=berkas.pk).exists()


def jra_form(row, **changes):
    data = {
        "klasifikasi": row.klasifikasi_id,
        "aktif_tahun": row.aktif_tahun,
        "inaktif_tahun": row.inaktif_tahun,
        "nasib_akhir": row.nasib_akhir,
        "catatan": row.catatan,
    }
    data.update(changes)
    return data


def test_no_office_role_holds_a_right_to_change_or_verify_shared_rules():
    rights = Permission.objects.filter(
        content_type__app_label="arsip", content_type__model__in=SHARED
    ).exclude(codename__startswith="view_")
    assert rights.filter(codename="verify_retensiarsip").exists()
    assert not Group.objects.filter(permissions__in=rights, name__in=roles.ALL_ROLES).exists()
    assert Group.objects.get(name=roles.ARSIPARIS).permissions.filter(codename="view_retensiarsip")


def test_migrate_takes_back_rights_on_codes_and_jra_an_earlier_version_gave(reference):
    from arsip.apps import _after_migrate

    old = Permission.objects.filter(
        content_type__app_label="arsip",
        codename__in=["add_klasifikasiarsip", "change_retensiarsip", "add_retensiarsip"],
    )
    Group.objects.get(name=roles.ARSIPARIS).permissions.add(*old)
    korsek = Group.objects.get(name=roles.KOORDINATOR_SEKRETARIAT)
    korsek.permissions.add(Permission.objects.get(codename="verify_retensiarsip"))
    _after_migrate(sender=None)
    arsiparis = Group.objects.get(name=roles.ARSIPARIS)
    assert not arsiparis.permissions.filter(pk__in=old).exists()
    assert arsiparis.permissions.filter(codename="view_klasifikasiarsip").exists()
    assert not korsek.permissions.filter(codename="verify_retensiarsip").exists()


def test_office_user_cannot_add_any_shared_rule(client, office_user, kelas):
    client.force_login(office_user)
    for name in SHARED:
        assert client.get(reverse(f"admin:arsip_{name}_add")).status_code == 403
    code = KlasifikasiArsip.objects.get(kode="KA.00")
    posts = {
        "klasifikasiarsip": {"kode": "ZZ.01", "nama": "Baru", "jenis": "fasilitatif"},
        "retensiarsip": {
            "klasifikasi": code.pk,
            "aktif_tahun": 1,
            "inaktif_tahun": 1,
            "nasib_akhir": "musnah",
        },
        "kelaskeamanan": {"kode": "X", "nama": "Baru", "tingkat": 9},
        "aksesmatrix": {
            "role": Group.objects.get(name=roles.STAF).pk,
            "kelas": kelas["SR"].pk,
            "lingkup": "semua",
        },
    }
    counts = {
        m: m_class.objects.count()
        for m, m_class in zip(
            SHARED, [KlasifikasiArsip, RetensiArsip, KelasKeamanan, AksesMatrix], strict=True
        )
    }
    for name, data in posts.items():
        assert client.post(reverse(f"admin:arsip_{name}_add"), data).status_code == 403
    assert not KlasifikasiArsip.objects.filter(kode="ZZ.01").exists()
    assert not RetensiArsip.objects.exists()
    assert counts["kelaskeamanan"] == KelasKeamanan.objects.count()
    assert counts["aksesmatrix"] == AksesMatrix.objects.count()


def test_office_user_cannot_change_or_delete_a_code_or_a_jra_row(client, office_user, jra):
    code = KlasifikasiArsip.objects.get(kode="PP.01")
    code_before, jra_before = model_to_dict(code), model_to_dict(jra)
    client.force_login(office_user)
    url = reverse("admin:arsip_klasifikasiarsip_change", args=[code.pk])
    assert 'name="nama"' not in client.get(url).text
    response = client.post(url, {"kode": code.kode, "nama": "Diubah", "jenis": code.jenis})
    assert response.status_code == 403
    url = reverse("admin:arsip_retensiarsip_change", args=[jra.pk])
    assert 'name="aktif_tahun"' not in client.get(url).text
    assert client.post(url, jra_form(jra, aktif_tahun=1)).status_code == 403
    for name, row in (("klasifikasiarsip", code), ("retensiarsip", jra)):
        delete = reverse(f"admin:arsip_{name}_delete", args=[row.pk])
        assert client.get(delete).status_code == 403
        assert client.post(delete, {"post": "yes"}).status_code == 403
        client.post(
            reverse(f"admin:arsip_{name}_changelist"),
            {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
        )
    code.refresh_from_db()
    jra.refresh_from_db()
    assert model_to_dict(code) == code_before and model_to_dict(jra) == jra_before
    assert not AuditEvent.objects.filter(action__startswith="rules.").exists()


def test_office_user_cannot_verify_the_jra(client, office_user, jra):
    client.force_login(office_user)
    page = client.get(reverse("admin:arsip_retensiarsip_changelist"))
    assert 'value="verify"' not in page.text
    client.post(
        reverse("admin:arsip_retensiarsip_changelist"),
        {"action": "verify", "_selected_action": [jra.pk]},
    )
    jra.refresh_from_db()
    assert not jra.terverifikasi and jra.diverifikasi_oleh is None


def test_jra_import_page_refuses_office_users_even_with_the_permission(
    client, make_user, office, reference
):
    arsiparis = make_user(roles.ARSIPARIS, office=office)
    arsiparis.user_permissions.add(Permission.objects.get(codename="add_retensiarsip"))
    client.force_login(arsiparis)
    url = reverse("arsip:import_jra")
    assert client.get(url).status_code == 403
    response = client.post(url, {"berkas": SimpleUploadedFile("jra.csv", JRA_CSV.encode())})
    assert response.status_code == 403
    assert not RetensiArsip.objects.exists()
    assert "Impor JRA" not in client.get(reverse("arsip:retensi")).text


def test_manager_shortens_a_jra_row_and_the_office_whose_file_becomes_due_is_told(
    client, manager, jra, their_file, office, other_office
):
    assert not on_musnah_list(their_file)
    client.force_login(manager)
    response = client.post(
        reverse("admin:arsip_retensiarsip_change", args=[jra.pk]),
        jra_form(jra, aktif_tahun=1, inaktif_tahun=1, nasib_akhir="musnah"),
    )
    assert response.status_code == 302
    their_file.refresh_from_db()
    assert on_musnah_list(their_file)
    entries = AuditEvent.objects.filter(action="rules.change", object_type="arsip.RetensiArsip")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    theirs = entries.get(office=other_office)
    assert theirs.detail["berkas_berubah"] == [their_file.pk]
    assert theirs.detail["changes"]["aktif_tahun"] == [20, 1]
    assert theirs.detail["changes"]["nasib_akhir"] == ["Permanen", "Musnah"]
    assert "berkas_berubah" not in entries.get(office=office).detail
    assert theirs.actor == manager


def test_a_changed_final_disposition_alone_is_reported_to_the_office_of_the_file(
    client, manager, jra, their_file, other_office
):
    RetensiArsip.objects.filter(pk=jra.pk).update(aktif_tahun=1, inaktif_tahun=1)
    retention.refresh_retensi(jra.klasifikasi)
    jra.refresh_from_db()
    assert not on_musnah_list(their_file)  # due, but permanent
    client.force_login(manager)
    client.post(
        reverse("admin:arsip_retensiarsip_change", args=[jra.pk]),
        jra_form(jra, nasib_akhir="musnah"),
    )
    assert on_musnah_list(their_file)
    entry = AuditEvent.objects.get(action="rules.change", office=other_office)
    assert entry.detail["berkas_berubah"] == [their_file.pk]


def test_manager_deletes_a_jra_row_and_every_office_is_told(
    client, manager, jra, their_file, office, other_office
):
    client.force_login(manager)
    response = client.post(
        reverse("admin:arsip_retensiarsip_delete", args=[jra.pk]), {"post": "yes"}
    )
    assert response.status_code == 302 and not RetensiArsip.objects.exists()
    their_file.refresh_from_db()
    assert their_file.inaktif_sampai is None
    entries = AuditEvent.objects.filter(action="rules.delete", object_id=str(jra.pk))
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.get(office=other_office).detail["berkas_berubah"] == [their_file.pk]


def test_verify_action_of_the_manager_writes_an_entry_in_every_office(
    client, manager, jra, office, other_office
):
    client.force_login(manager)
    client.post(
        reverse("admin:arsip_retensiarsip_changelist"),
        {"action": "verify", "_selected_action": [jra.pk]},
    )
    jra.refresh_from_db()
    assert jra.terverifikasi and jra.diverifikasi_oleh == manager
    entries = AuditEvent.objects.filter(action="arsip.verify_jra")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.first().detail["kode"] == ["KA.00"]


def test_import_command_writes_an_entry_in_every_office_with_the_files_it_moved(
    tmp_path, jra, their_file, office, other_office
):
    path = tmp_path / "jra.csv"
    path.write_text(JRA_CSV, encoding="utf-8")
    call_command("import_retensi", str(path))
    assert on_musnah_list(their_file)
    entries = AuditEvent.objects.filter(action="arsip.import_jra")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    theirs = entries.get(office=other_office)
    assert theirs.detail["berkas_berubah"] == [their_file.pk]
    assert theirs.detail["changes"]["KA.00"]["inaktif_tahun"] == [20, 1]
    assert "KA.00 retensi aktif (tahun): 20 → 1" in theirs.detail["ringkasan"]


def test_manager_changes_the_matrix_and_every_office_is_told(
    client, manager, reference, office, other_office
):
    row = AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").get()
    client.force_login(manager)
    client.post(
        reverse("admin:arsip_aksesmatrix_change", args=[row.pk]),
        {"role": row.role_id, "kelas": row.kelas_id, "lingkup": "semua"},
    )
    row.refresh_from_db()
    assert row.lingkup == "semua"
    entries = AuditEvent.objects.filter(action="rules.change", object_type="arsip.AksesMatrix")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.first().detail["changes"] == {
        "lingkup": ["Unit sendiri (dan unit di bawahnya)", "Semua unit di kantornya"]
    }
