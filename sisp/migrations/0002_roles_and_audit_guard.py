"""Create the role groups and make the audit trail append-only on Postgres."""

from django.db import migrations

ROLES = [
    "Ketua",
    "Anggota",
    "Koordinator Sekretariat",
    "Kepala Subbagian",
    "Staf",
    "Arsiparis",
    "Petugas PPPS",
    "Administrator",
]

GUARD_SQL = """
CREATE OR REPLACE FUNCTION sisp_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'sisp_auditevent is append-only: %% refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS sisp_auditevent_append_only ON sisp_auditevent;
CREATE TRIGGER sisp_auditevent_append_only
    BEFORE UPDATE OR DELETE ON sisp_auditevent
    FOR EACH ROW EXECUTE FUNCTION sisp_audit_append_only();
"""
# TRUNCATE is left to the table owner (a database administrator's act, and how the test
# runner resets tables); no application code path issues it.
UNGUARD_SQL = """
DROP TRIGGER IF EXISTS sisp_auditevent_append_only ON sisp_auditevent;
DROP FUNCTION IF EXISTS sisp_audit_append_only();
"""


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


def guard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


def unguard_audit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("sisp", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(guard_audit, unguard_audit),
    ]
