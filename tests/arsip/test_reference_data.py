from django.contrib.auth.models import Group

from arsip import reference_data
from arsip.access import AUDITOR
from arsip.models import AksesMatrix, KelasKeamanan, KlasifikasiArsip, RetensiArsip


def test_migration_loaded_every_code_of_the_csv_as_a_tree(reference):
    rows = reference_data.read_csv()
    assert KlasifikasiArsip.objects.count() == len(rows) == 203
    child = KlasifikasiArsip.objects.get(kode="PP.01.02")
    assert child.parent.kode == "PP.01" and child.parent.parent.kode == "PP"
    assert KlasifikasiArsip.objects.get(kode="OT.02").nama == "Analisis Jabatan dan Beban Kerja"


def test_four_security_classes_ship_and_only_r_and_sr_ask_for_a_purpose(reference):
    assert list(KelasKeamanan.objects.values_list("kode", "wajib_tujuan")) == [
        ("B", False),
        ("T", False),
        ("R", True),
        ("SR", True),
    ]


def test_loaders_are_idempotent_and_keep_what_was_edited(reference):
    code = KlasifikasiArsip.objects.get(kode="KA.01")
    code.nama = "Kearsipan (diubah arsiparis)"
    code.save()
    row = AksesMatrix.objects.get(role__name="Staf", kelas__kode="B")
    row.lingkup = "semua"
    row.save()
    before = (KlasifikasiArsip.objects.count(), AksesMatrix.objects.count())
    reference_data.load_all()
    reference_data.load_all()
    assert (KlasifikasiArsip.objects.count(), AksesMatrix.objects.count()) == before
    assert KlasifikasiArsip.objects.get(kode="KA.01").nama == "Kearsipan (diubah arsiparis)"
    assert AksesMatrix.objects.get(role__name="Staf", kelas__kode="B").lingkup == "semua"


def test_loader_adds_a_new_code_under_its_parent(reference):
    added = reference_data.load_klasifikasi(
        rows=[{"kode": "KA.01.99", "nama": "Kode baru", "jenis": "fasilitatif"}]
    )
    assert added == 1
    assert KlasifikasiArsip.objects.get(kode="KA.01.99").parent.kode == "KA.01"


def test_auditor_group_exists_with_read_access_to_every_class(reference):
    assert Group.objects.filter(name=AUDITOR).exists()
    assert AksesMatrix.objects.filter(role__name=AUDITOR, lingkup="semua").count() == 4


def test_no_retention_figures_ship_as_if_they_were_law(reference):
    assert not RetensiArsip.objects.exists()


def test_data_migration_runs_forwards_and_backwards(reference):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("arsip.migrations.0002_reference_data")
    later = importlib.import_module("arsip.migrations.0014_classification_authority")
    # The data functions only read the app registry; the SQLite schema editor cannot be
    # opened inside the test's transaction.
    editor = SimpleNamespace(connection=connection)
    later.unload_defaults(apps, editor)  # a later migration goes back first
    migration.backwards(apps, editor)
    assert not KlasifikasiArsip.objects.exists() and not AksesMatrix.objects.exists()
    migration.forwards(apps, editor)
    assert KlasifikasiArsip.objects.count() == 203
    assert KelasKeamanan.objects.count() == 4 and AksesMatrix.objects.count() == 23


def test_installation_manager_adds_a_code_in_admin_and_it_lands_under_its_parent(
    client, make_user, office, reference
):
    from django.urls import reverse

    manager = make_user(office=None, unit=None, is_staff=True, is_superuser=True)
    client.force_login(manager)
    response = client.post(
        reverse("admin:arsip_klasifikasiarsip_add"),
        {"kode": "ka.01.09", "nama": "Alih Media Arsip", "jenis": "fasilitatif", "is_active": "on"},
    )
    assert response.status_code == 302
    assert KlasifikasiArsip.objects.get(kode="KA.01.09").parent.kode == "KA.01"
    bad = client.post(
        reverse("admin:arsip_klasifikasiarsip_add"),
        {"kode": "KA-1", "nama": "x", "jenis": "fasilitatif"},
    )
    assert bad.status_code == 200 and "XX.NN.NN" in bad.text
    duplicate = client.post(
        reverse("admin:arsip_klasifikasiarsip_add"),
        {"kode": "ka.01", "nama": "x", "jenis": "fasilitatif"},
    )
    assert (
        duplicate.status_code == 200 and KlasifikasiArsip.objects.filter(kode="KA.01").count() == 1
    )


def test_authority_migration_loads_the_defaults_and_takes_them_back(reference):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from arsip.models import BatasKlasifikasi, PejabatKelas

    migration = importlib.import_module("arsip.migrations.0014_classification_authority")
    editor = SimpleNamespace(connection=connection)
    migration.unload_defaults(apps, editor)
    assert not BatasKlasifikasi.objects.exists() and not PejabatKelas.objects.exists()
    migration.load_defaults(apps, editor)
    assert BatasKlasifikasi.objects.get(role__name="Staf").kelas_tertinggi.kode == "R"
    assert set(
        PejabatKelas.objects.filter(kelas__kode="SR", tindakan="turun").values_list(
            "role__name", "lingkup"
        )
    ) == {("Ketua", "kantor")}
    assert PejabatKelas.objects.filter(kelas__kode="R", tindakan="akses").count() == 3
    assert not PejabatKelas.objects.filter(kelas__kode__in=["T", "B"], tindakan="turun").exists()
