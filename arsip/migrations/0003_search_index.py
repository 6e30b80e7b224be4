"""The full-text index, per database vendor.

Postgres: a GIN index on the stored tsvector column. SQLite: an FTS5 table kept by
arsip.search.index_naskah (rowid = naskah id). Vendor-specific SQL runs only on its vendor so
the same migration runs on both.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS arsip_naskah_search_gin "
            "ON arsip_naskah USING gin (search_vector)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS arsip_naskah_fts "
            "USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS arsip_naskah_search_gin")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS arsip_naskah_fts")


class Migration(migrations.Migration):
    dependencies = [("arsip", "0002_reference_data")]

    operations = [migrations.RunPython(forwards, backwards)]
