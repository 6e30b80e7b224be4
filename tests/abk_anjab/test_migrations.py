import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from abk_anjab.reference import KODE_SYARAT


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_loads_and_unloads_the_code_lists():
    executor = MigrationExecutor(connection)
    executor.migrate([("abk_anjab", "0001_initial")])
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([("abk_anjab", "0001_initial")]).apps
    assert old_apps.get_model("abk_anjab", "KodeSyarat").objects.count() == 0

    executor.migrate([("abk_anjab", "0002_load_kode_syarat")])
    executor.loader.build_graph()
    new_apps = executor.loader.project_state([("abk_anjab", "0002_load_kode_syarat")]).apps
    model = new_apps.get_model("abk_anjab", "KodeSyarat")
    assert model.objects.count() == sum(len(rows) for rows in KODE_SYARAT.values())
    assert model.objects.get(jenis="temperamen", kode="S").nama == "Bekerja di bawah tekanan"

    leaf = executor.loader.graph.leaf_nodes("abk_anjab")
    executor.migrate(leaf)


@pytest.mark.django_db(transaction=True)
def test_the_nomenclature_is_loaded_once_and_an_edited_row_survives_unloading():
    from abk_anjab.reference import NOMENKLATUR_PELAKSANA

    executor = MigrationExecutor(connection)
    executor.migrate([("abk_anjab", "0004_syarat_jabatan_and_nomenklatur")])
    executor.loader.build_graph()
    executor.migrate([("abk_anjab", "0005_load_nomenklatur_and_kbbi_labels")])
    executor.loader.build_graph()
    state = executor.loader.project_state([("abk_anjab", "0005_load_nomenklatur_and_kbbi_labels")])
    model = state.apps.get_model("abk_anjab", "NomenklaturJabatan")
    assert model.objects.count() == len(NOMENKLATUR_PELAKSANA)
    assert not model.objects.filter(terkonfirmasi=True).exists()
    assert model.objects.get(nama="Pengadministrasi Perkantoran").dasar == "KepmenPANRB 282/2025"
    # The installation manager confirmed one row: unloading keeps it, removes the rest.
    model.objects.filter(nama="Pengadministrasi Perkantoran").update(
        terkonfirmasi=True, kelas_jabatan=5
    )
    executor.migrate([("abk_anjab", "0004_syarat_jabatan_and_nomenklatur")])
    assert list(model.objects.values_list("nama", flat=True)) == ["Pengadministrasi Perkantoran"]

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("abk_anjab"))
    # Loading again never overwrites the confirmed row.
    row = model.objects.get(nama="Pengadministrasi Perkantoran")
    assert (row.terkonfirmasi, row.kelas_jabatan) == (True, 5)
    assert model.objects.count() == len(NOMENKLATUR_PELAKSANA)
