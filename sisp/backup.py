"""Backup and restore of one SISP installation: the Postgres database and the stored files.

A backup is a folder: ``database.dump`` (pg_dump, custom format), ``files/`` (every object of
the default storage, local disk or S3) and ``manifest.json`` (each file's size and SHA-256,
every table's row count and a digest of the audit trail, all read in the dump's snapshot).

Consistency: the dump and the counts are taken in one REPEATABLE READ transaction whose
snapshot pg_dump shares (``--snapshot``), so they describe the same instant. Files are copied
after that instant. Stored files are write-once (random names, never overwritten), so every
file the dump refers to is already there; a file uploaded meanwhile is copied as well (an
orphan, harmless); only a file removed meanwhile by an approved disposal can be missing, and
the manifest lists it.

Used by ``manage.py backup`` and ``manage.py restore`` (README, "Backup and restore").
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction

FORMAT = 1
AUDIT_TABLE = "sisp_auditevent"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Indonesian)."""


def require_postgres():
    if connection.vendor != "postgresql":
        raise BackupError(
            "Cadangan dan pemulihan memerlukan Postgres (DATABASE_URL=postgres://...); "
            "basis data SQLite cukup disalin file-nya saat SISP berhenti."
        )


def _pg_env_and_args():
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args, db["NAME"]


def storage_names(path=""):
    """Every stored file's name, walking the default storage (local disk or S3)."""
    try:
        dirs, files = default_storage.listdir(path)
    except FileNotFoundError:
        return []
    names = [f"{path}/{f}" if path else f for f in files]
    for sub in dirs:
        names += storage_names(f"{path}/{sub}" if path else sub)
    return sorted(names)


def sha256_of(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def table_counts(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from pg_tables)
        counts[table] = cursor.fetchone()[0]
    return counts


def audit_digest(cursor):
    """SHA-256 over every audit row in id order, as Postgres prints the row: a restore that
    lost, added or changed a single entry gives another digest."""
    cursor.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {AUDIT_TABLE}")  # noqa: S608
    count, last_id = cursor.fetchone()
    digest = hashlib.sha256()
    cursor.execute(f"SELECT t::text FROM {AUDIT_TABLE} t ORDER BY id")  # noqa: S608
    for (row,) in cursor.fetchall():
        digest.update(row.encode())
        digest.update(b"\n")
    return {"count": count, "last_id": last_id, "sha256": digest.hexdigest()}


def audit_guard_present(cursor):
    cursor.execute(
        "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
        [AUDIT_TABLE],
    )
    return cursor.fetchone()[0] > 0


def backup(target, *, log=print):
    """Write a backup of the database and the stored files into the new folder ``target``."""
    require_postgres()
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Folder tujuan {target} tidak kosong: pilih folder baru.")
    (target / "files").mkdir(parents=True, exist_ok=True)
    env, args, name = _pg_env_and_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                *args,
                "--file",
                str(target / "database.dump"),
                name,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump gagal: {result.stderr.strip()}")
        counts = table_counts(cursor)
        audit = audit_digest(cursor)
    with open(target / "database.dump", "rb") as handle:
        dump_sha = sha256_of(handle)
    files = []
    for stored in storage_names():
        destination = target / "files" / stored
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with default_storage.open(stored, "rb") as src, open(destination, "wb") as dst:
            for chunk in iter(lambda src=src: src.read(1024 * 1024), b""):
                digest.update(chunk)
                size += len(chunk)
                dst.write(chunk)
        files.append({"name": stored, "size": size, "sha256": digest.hexdigest()})
    manifest = {
        "format": FORMAT,
        "database": {"file": "database.dump", "sha256": dump_sha, "tables": counts},
        "audit": audit,
        "files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    log(
        f"Cadangan selesai di {target}: {sum(counts.values())} baris dalam {len(counts)} tabel, "
        f"{audit['count']} entri jejak audit, {len(files)} file "
        f"({sum(f['size'] for f in files)} bita)."
    )
    return manifest


def _check_backup_folder(source):
    source = Path(source)
    try:
        manifest = json.loads((source / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} bukan folder cadangan SISP (manifest.json): {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Format cadangan tidak dikenal.")
    with open(source / manifest["database"]["file"], "rb") as handle:
        if sha256_of(handle) != manifest["database"]["sha256"]:
            raise BackupError("database.dump rusak: SHA-256 tidak cocok dengan manifest.")
    bad = []
    for entry in manifest["files"]:
        path = source / "files" / entry["name"]
        try:
            with open(path, "rb") as handle:
                ok = sha256_of(handle) == entry["sha256"]
        except OSError:
            ok = False
        if not ok:
            bad.append(entry["name"])
    if bad:
        raise BackupError(f"{len(bad)} file cadangan hilang atau rusak, mis. {bad[0]}.")
    return source, manifest


def restore(source, *, log=print):
    """Restore a backup into an empty database and an empty storage, then verify it."""
    require_postgres()
    source, manifest = _check_backup_folder(source)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(
                "Basis data tujuan tidak kosong: pulihkan hanya ke basis data baru "
                "(createdb), agar tidak ada data yang tertimpa."
            )
    if storage_names():
        raise BackupError(
            "Penyimpanan file tujuan tidak kosong: pulihkan ke bucket atau folder baru."
        )
    connection.close()
    env, args, name = _pg_env_and_args()
    result = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *args,
            "--dbname",
            name,
            str(source / manifest["database"]["file"]),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_restore gagal: {result.stderr.strip()}")
    # Whatever the cache holds was made from the database before this one (e.g. the public
    # /cek/ pages, which a hit serves without reading the database): start it empty.
    cache.clear()
    for entry in manifest["files"]:
        with open(source / "files" / entry["name"], "rb") as handle:
            saved = default_storage.save(entry["name"], File(handle))
        if saved != entry["name"]:
            raise BackupError(f"File {entry['name']} tersimpan dengan nama lain ({saved}).")
    problems = verify(manifest)
    if problems:
        raise BackupError("Pemulihan tidak cocok dengan cadangan: " + "; ".join(problems))
    log(
        f"Pemulihan selesai dan diperiksa: {len(manifest['database']['tables'])} tabel dengan "
        f"jumlah baris sama, {manifest['audit']['count']} entri jejak audit utuh, "
        f"{len(manifest['files'])} file dengan SHA-256 sama."
    )


def verify(manifest):
    """What differs between the current database and storage and a backup's manifest."""
    problems = []
    with connection.cursor() as cursor:
        counts = table_counts(cursor)
        if counts != manifest["database"]["tables"]:
            differ = sorted(
                t
                for t in {*counts, *manifest["database"]["tables"]}
                if counts.get(t) != manifest["database"]["tables"].get(t)
            )
            problems.append(f"jumlah baris berbeda di {', '.join(differ)}")
        if audit_digest(cursor) != manifest["audit"]:
            problems.append("jejak audit berbeda")
        if not audit_guard_present(cursor):
            problems.append("pemicu append-only jejak audit tidak ada")
    for entry in manifest["files"]:
        try:
            with default_storage.open(entry["name"], "rb") as handle:
                ok = sha256_of(handle) == entry["sha256"]
        except FileNotFoundError:
            ok = False
        if not ok:
            problems.append(f"file {entry['name']} hilang atau berbeda")
    return problems
