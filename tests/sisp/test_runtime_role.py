"""The app's run-time database role (``manage.py grant_runtime_role``) reads and writes rows
but cannot empty, rewrite or unguard the append-only tables (audit trail, case history).
Postgres only: a throwaway role is created in the cluster, used through its own connection,
and dropped afterwards."""

import datetime
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ppps import reference_data, services
from ppps.models import Jenis, Pemilihan, Regime, RiwayatPerkara
from sisp import dbroles, roles
from sisp.models import AuditEvent

# Roles and grants must be committed to be seen from the role's own connection.
pytestmark = pytest.mark.django_db(transaction=True)
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are Postgres's"
)

APPEND_ONLY = {
    "sisp_auditevent": "sisp_auditevent_append_only",
    "ppps_riwayatperkara": "ppps_riwayatperkara_append_only",
}


def _owner_sql(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def runtime_role():
    name = f"sisp_rt_{uuid.uuid4().hex[:12]}"
    _owner_sql(f'CREATE ROLE "{name}" LOGIN')
    yield name
    _owner_sql("DROP TABLE IF EXISTS zz_runtime_future")
    _owner_sql(f'DROP OWNED BY "{name}"')  # its grants and default privileges here
    _owner_sql(f'DROP ROLE "{name}"')


@pytest.fixture
def as_runtime(runtime_role):
    settings = connection.settings_dict
    conn = psycopg.connect(
        host="127.0.0.1",
        port=settings.get("PORT") or 5432,
        dbname=settings["NAME"],
        user=runtime_role,
        autocommit=True,
    )
    yield conn
    conn.close()


@pytest.fixture
def rows(make_user, office, unit):
    """One audit entry and one case-history event, committed by the owner."""
    reference_data.load_all()
    petugas = make_user(roles.PETUGAS_PPPS, office=office, unit=unit)
    pemilihan = Pemilihan.objects.create(
        office=office,
        name="Pemilihan Wali Kota 2024",
        regime=Regime.PEMILIHAN,
        code="PW",
        year=2024,
    )
    services.receive_perkara(
        office=office,
        user=petugas,
        jenis=Jenis.LAPORAN,
        pemilihan=pemilihan,
        tanggal_diterima=datetime.date(2024, 10, 7),
        tanggal_diketahui=datetime.date(2024, 10, 5),
    )
    assert RiwayatPerkara.objects.exists() and AuditEvent.objects.exists()


def _count(table):
    return _owner_sql(f"SELECT count(*) FROM {table}")[0][0]


def _copy_row_sql(table):
    """INSERT one more row copied from an existing one (valid foreign keys, no id)."""
    columns = [
        f.column
        for f in (
            AuditEvent if table == "sisp_auditevent" else RiwayatPerkara
        )._meta.concrete_fields
        if f.column != "id"
    ]
    names = ", ".join(columns)
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM {table} ORDER BY id LIMIT 1"


@on_postgres
def test_runtime_role_appends_and_reads_but_cannot_truncate_alter_update_or_delete(
    runtime_role, as_runtime, rows
):
    call_command("grant_runtime_role", runtime_role, "--execute")
    for table, trigger in APPEND_ONLY.items():
        before = _count(table)
        as_runtime.execute(_copy_row_sql(table))
        assert as_runtime.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before + 1
        for sql in (
            f"TRUNCATE {table}",
            f"ALTER TABLE {table} DISABLE TRIGGER {trigger}",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"DROP TRIGGER {trigger} ON {table}",
            f"UPDATE {table} SET id = id",
            f"DELETE FROM {table}",
            f"DROP TABLE {table}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                as_runtime.execute(sql)
        assert _count(table) == before + 1
        enabled = _owner_sql(f"SELECT tgenabled FROM pg_trigger WHERE tgname = '{trigger}'")
        assert enabled == [("O",)], table  # still enabled


@on_postgres
def test_runtime_role_writes_ordinary_tables_now_and_after_later_migrations(
    runtime_role, as_runtime, office
):
    call_command("grant_runtime_role", runtime_role, "--execute")
    as_runtime.execute("UPDATE sisp_office SET name = name || ' (x)' WHERE id = %s", [office.pk])
    office.refresh_from_db()
    assert office.name.endswith("(x)")
    as_runtime.execute("DELETE FROM django_session")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_runtime.execute("TRUNCATE sisp_office")
    # A table a later migration creates (as the owner) is writable by default privileges.
    _owner_sql("CREATE TABLE zz_runtime_future (id serial PRIMARY KEY, note text)")
    as_runtime.execute("INSERT INTO zz_runtime_future (note) VALUES ('baru')")
    assert _count("zz_runtime_future") == 1


@on_postgres
def test_grants_can_be_run_again(runtime_role, as_runtime, rows):
    call_command("grant_runtime_role", runtime_role, "--execute")
    call_command("grant_runtime_role", runtime_role, "--execute")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_runtime.execute("DELETE FROM sisp_auditevent")


@on_postgres
def test_command_refuses_a_superuser_the_owner_or_a_member_of_the_owner(runtime_role):
    owner = _owner_sql("SELECT current_user")[0][0]
    with pytest.raises(CommandError, match="berbeda dari peran pemilik"):
        call_command("grant_runtime_role", owner, "--execute")
    _owner_sql(f'ALTER ROLE "{runtime_role}" SUPERUSER')
    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_runtime_role", runtime_role, "--execute")
    _owner_sql(f'ALTER ROLE "{runtime_role}" NOSUPERUSER')
    _owner_sql(f'GRANT "{owner}" TO "{runtime_role}"')
    with pytest.raises(CommandError, match="anggota peran pemilik"):
        call_command("grant_runtime_role", runtime_role, "--execute")
    _owner_sql(f'REVOKE "{owner}" FROM "{runtime_role}"')
    with pytest.raises(CommandError, match="belum ada"):
        call_command("grant_runtime_role", "sisp_rt_tidak_ada", "--execute")


@on_postgres
def test_printed_statements_name_every_append_only_table():
    statements = dbroles.grant_runtime_role("sisp_app")
    text = "\n".join(statements)
    for table in APPEND_ONLY:
        assert f'REVOKE UPDATE, DELETE ON "public"."{table}" FROM "sisp_app"' in text
    assert "TRUNCATE" not in text.replace("REVOKE ALL", "")
    assert any(s.startswith("ALTER DEFAULT PRIVILEGES") for s in statements)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite answer")
def test_command_says_roles_are_for_postgres_only_on_sqlite():
    with pytest.raises(CommandError, match="hanya untuk Postgres"):
        call_command("grant_runtime_role", "sisp_app")
