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
    assert model.objects.get(jenis="temperamen", kode="S").nama.startswith("Performing")

    leaf = executor.loader.graph.leaf_nodes("abk_anjab")
    executor.migrate(leaf)
