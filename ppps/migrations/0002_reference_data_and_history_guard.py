"""Seed stages, status words and holidays; make case history append-only on Postgres."""

from django.db import migrations

GUARD_SQL = """
CREATE OR REPLACE FUNCTION ppps_riwayat_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ppps_riwayatperkara is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ppps_riwayatperkara_append_only ON ppps_riwayatperkara;
CREATE TRIGGER ppps_riwayatperkara_append_only
    BEFORE UPDATE OR DELETE ON ppps_riwayatperkara
    FOR EACH ROW EXECUTE FUNCTION ppps_riwayat_append_only();
"""
# TRUNCATE stays possible for the table owner (the test runner's reset); no app path issues it.
UNGUARD_SQL = """
DROP TRIGGER IF EXISTS ppps_riwayatperkara_append_only ON ppps_riwayatperkara;
DROP FUNCTION IF EXISTS ppps_riwayat_append_only();
"""


def load_reference(apps, schema_editor):
    from ppps.reference_data import load_all

    load_all(apps)


def unload_reference(apps, schema_editor):
    from ppps.reference_data import RETIRED_STAGES, STATUSES, stage_rows

    apps.get_model("ppps", "StatusPerkara").objects.filter(
        code__in=[code for code, _, _ in STATUSES]
    ).delete()
    Tahapan = apps.get_model("ppps", "Tahapan")
    seeded = [(regime, jenis, row[0]) for regime, jenis, _, _, row in stage_rows()]
    for regime, jenis, code in seeded + RETIRED_STAGES:
        Tahapan.objects.filter(regime=regime, jenis=jenis, code=code).delete()
    apps.get_model("ppps", "HariLibur").objects.all().delete()


def guard_history(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL, params=None)


def unguard_history(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("ppps", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference, unload_reference),
        migrations.RunPython(guard_history, unguard_history),
    ]
