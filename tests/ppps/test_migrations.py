"""The reference-data migration loads, unloads and reloads cleanly (and the history guard with
it on Postgres)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_reference_data_migration_reverses_and_reapplies():
    executor = MigrationExecutor(connection)
    executor.migrate([("ppps", "0001_initial")])
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([("ppps", "0001_initial")]).apps
    assert old_apps.get_model("ppps", "Tahapan").objects.count() == 0
    assert old_apps.get_model("ppps", "HariLibur").objects.count() == 0

    executor = MigrationExecutor(connection)
    executor.migrate([("ppps", "0002_reference_data_and_history_guard")])
    new_apps = executor.loader.project_state(
        [("ppps", "0002_reference_data_and_history_guard")]
    ).apps
    assert new_apps.get_model("ppps", "Tahapan").objects.count() > 30
    assert new_apps.get_model("ppps", "StatusPerkara").objects.filter(code="dicabut").exists()
    assert new_apps.get_model("ppps", "HariLibur").objects.count() > 100
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'ppps_riwayatperkara_append_only'"
            )
            assert cursor.fetchone()[0] == 1
    # Leave the schema as the later tests expect it: every migration applied.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_law_migration_corrects_seeded_stages_and_moves_open_deadlines():
    """Migration 0006 on a database of the earlier release: a stage still as seeded takes the
    law's values, a stage the installation manager edited is left alone, an open case on a
    corrected stage gets its new deadline with a history event and an audit entry, and the
    shared register counter continues in each of the three books."""
    import datetime

    before = ("ppps", "0005_merge_kept_uploads_and_history_kinds")
    migration = __import__(
        "ppps.migrations.0007_apply_law_to_stages_and_register_books", fromlist=["OLD_SEED"]
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Tahapan = old.get_model("ppps", "Tahapan")
    name, days, day_type, counted_from, ext, unconfirmed, basis = migration.OLD_SEED[
        "pemilu/laporan/kajian-awal"
    ]
    Tahapan.objects.filter(regime="pemilu", jenis="laporan", code="kajian-awal").update(
        name=name,
        days=days,
        day_type=day_type,
        counted_from=counted_from,
        extension_days=ext,
        is_unconfirmed=unconfirmed,
        legal_basis=basis,
    )
    Tahapan.objects.filter(regime="pemilu", jenis="laporan", code="kajian").update(
        legal_basis="Diubah oleh pengelola instalasi"
    )
    from tests.factories import OfficeFactory

    office = OfficeFactory(code="K.MG-01")  # sisp is not migrated back: its real model
    pemilu = old.get_model("ppps", "Pemilihan").objects.create(
        office_id=office.pk, name="Pemilu 2024", regime="pemilu", code="PL", year=2024
    )
    stage = Tahapan.objects.get(regime="pemilu", jenis="laporan", code="kajian-awal")
    # Received Fri 5 Apr 2024; the old calendar-day count gave Sun 7 Apr.
    perkara = old.get_model("ppps", "Perkara").objects.create(
        office_id=office.pk,
        jenis="laporan",
        pemilihan=pemilu,
        tanggal_diterima=datetime.date(2024, 4, 5),
        tahapan=stage,
        tahap_mulai=datetime.date(2024, 4, 5),
        batas_waktu=datetime.date(2024, 4, 7),
    )
    old.get_model("ppps", "RegisterCounter").objects.create(office_id=office.pk, year=2024, last=5)

    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    Tahapan = new.get_model("ppps", "Tahapan")
    corrected = Tahapan.objects.get(regime="pemilu", jenis="laporan", code="kajian-awal")
    assert (corrected.days, corrected.day_type) == (2, "kerja")
    assert "Pasal 15(1)" in corrected.legal_basis
    edited = Tahapan.objects.get(regime="pemilu", jenis="laporan", code="kajian")
    assert edited.legal_basis == "Diubah oleh pengelola instalasi"
    # 2 hari kerja over Lebaran 2024 (8-15 April off): Tue 16 and Wed 17 April.
    moved = new.get_model("ppps", "Perkara").objects.get(pk=perkara.pk)
    assert moved.batas_waktu == datetime.date(2024, 4, 17)
    event = new.get_model("ppps", "RiwayatPerkara").objects.get(perkara_id=perkara.pk)
    assert event.kind == "batas_waktu" and not event.is_public
    assert "07-04-2024" in event.catatan and "17-04-2024" in event.catatan
    audit = new.get_model("sisp", "AuditEvent").objects.get(
        action="ppps.deadline_moved", object_id=str(perkara.pk)
    )
    assert audit.office_id == office.pk and audit.detail["baru"] == "2024-04-17"
    books = new.get_model("ppps", "RegisterCounter").objects.filter(office_id=office.pk)
    assert dict(books.values_list("book", "last")) == {"laporan": 5, "temuan": 5, "sengketa": 5}
    gakkumdu = Tahapan.objects.get(regime="pemilu", jenis="laporan", code="penerusan-penyidik")
    assert (gakkumdu.jalur, gakkumdu.days, gakkumdu.day_type) == ("gakkumdu", 24, "jam")
