"""The Postgres rights of SISP's run-time role.

Production uses two roles: the OWNER role owns the tables and runs ``migrate``; the app
connects as a narrower RUN-TIME role that may read and write rows but owns nothing. Only an
owner may TRUNCATE (unless granted), ALTER a table or disable its triggers, so the run-time
role cannot empty or unguard the append-only tables (the audit trail, the case history); on
those it gets SELECT and INSERT only. Apps name their append-only models with an
``append_only_models`` list on their AppConfig.
"""

from django.apps import apps
from django.db import connection, transaction

TABLE_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY_RIGHTS = "SELECT, INSERT"
SEQUENCE_RIGHTS = "USAGE, SELECT"


class RoleError(Exception):
    """The role cannot be used as the run-time role (the message says why, in Indonesian)."""


def append_only_tables():
    tables = []
    for config in apps.get_app_configs():
        for name in getattr(config, "append_only_models", ()):
            tables.append(config.get_model(name)._meta.db_table)
    return sorted(tables)


def runtime_grants(role, *, owner, database, schema="public"):
    """The statements that give ``role`` the run-time rights on what ``owner`` owns in
    ``schema``, now and for tables created by later migrations. Idempotent: it first takes
    back every right the role held on the schema's tables and sequences."""
    q = connection.ops.quote_name
    role_, owner_, schema_ = q(role), q(owner), q(schema)
    statements = [
        f"GRANT CONNECT ON DATABASE {q(database)} TO {role_}",
        f"GRANT USAGE ON SCHEMA {schema_} TO {role_}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema_} FROM {role_}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema_} FROM {role_}",
        f"GRANT {TABLE_RIGHTS} ON ALL TABLES IN SCHEMA {schema_} TO {role_}",
        f"GRANT {SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA {schema_} TO {role_}",
    ]
    for table in append_only_tables():
        statements.append(f"REVOKE UPDATE, DELETE ON {schema_}.{q(table)} FROM {role_}")
    statements += [
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_} IN SCHEMA {schema_} "
        f"GRANT {TABLE_RIGHTS} ON TABLES TO {role_}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_} IN SCHEMA {schema_} "
        f"GRANT {SEQUENCE_RIGHTS} ON SEQUENCES TO {role_}",
    ]
    return statements


def check_runtime_role(cursor, role, *, owner, schema="public"):
    """Raise RoleError when ``role`` would be more than a run-time role: missing, the owner
    itself, a superuser, a member of the owner role (it would act as the owner) or the owner
    of any table of the schema."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
    row = cursor.fetchone()
    if row is None:
        raise RoleError(f"Peran basis data {role!r} belum ada; buat dulu dengan CREATE ROLE.")
    if role == owner:
        raise RoleError(
            "Peran run-time harus berbeda dari peran pemilik (yang menjalankan migrate)."
        )
    if row[0]:
        raise RoleError(f"Peran {role!r} adalah superuser; peran run-time tidak boleh superuser.")
    cursor.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner])
    if cursor.fetchone()[0]:
        raise RoleError(f"Peran {role!r} anggota peran pemilik {owner!r}; cabut keanggotaannya.")
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tableowner = %s "
        "ORDER BY tablename",
        [schema, role],
    )
    owned = [name for (name,) in cursor.fetchall()]
    if owned:
        raise RoleError(
            f"Peran {role!r} memiliki tabel ({', '.join(owned[:5])}…); jalankan "
            f"REASSIGN OWNED BY {role} TO {owner}; lebih dulu."
        )


def grant_runtime_role(role, *, execute=False):
    """The statements for ``role`` on the current database, whose connected user is taken
    as the owner. With ``execute`` they run in one transaction after ``check_runtime_role``.
    Returns the statements. Callers: the ``grant_runtime_role`` command (the operator)."""
    if connection.vendor != "postgresql":
        raise RoleError("Peran run-time hanya untuk Postgres (DATABASE_URL=postgres://...).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        statements = runtime_grants(role, owner=owner, database=database, schema=schema)
        if execute:
            check_runtime_role(cursor, role, owner=owner, schema=schema)
            with transaction.atomic():
                for statement in statements:
                    cursor.execute(statement)
    return statements
