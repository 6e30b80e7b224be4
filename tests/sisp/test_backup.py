"""manage.py backup / restore: the refusals and the verification (sisp/backup.py).

The full round trip (a real dump and a real bucket restored into an empty database and bucket)
runs in tests/cluster, against the cluster's Postgres and object store.
"""

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sisp import audit, backup
from sisp.models import AuditEvent, User

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backup and restore need Postgres"
)


def backup_folder(path, *, dump=b"dump", files=(), manifest_files=None):
    (path / "files").mkdir(parents=True)
    (path / "database.dump").write_bytes(dump)
    for name, content in files:
        target = path / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    manifest = {
        "format": 1,
        "database": {
            "file": "database.dump",
            "sha256": hashlib.sha256(b"dump").hexdigest(),
            "tables": {},
        },
        "audit": {},
        "files": manifest_files
        if manifest_files is not None
        else [
            {"name": n, "size": len(c), "sha256": hashlib.sha256(c).hexdigest()} for n, c in files
        ],
    }
    (path / "manifest.json").write_text(json.dumps(manifest))
    return path


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
def test_backup_on_sqlite_is_refused_in_indonesian(tmp_path):
    with pytest.raises(CommandError, match="memerlukan Postgres"):
        call_command("backup", str(tmp_path / "cadangan"))
    assert not (tmp_path / "cadangan").exists()


@on_postgres
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("simpan")
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("backup", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]
    assert (tmp_path / "old.txt").read_text() == "simpan"


@on_postgres
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, staf):
    audit.record("test.before", actor=staf)
    folder = backup_folder(tmp_path / "cadangan")
    before = (User.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError, match="Basis data tujuan tidak kosong"):
        call_command("restore", str(folder))
    assert (User.objects.count(), AuditEvent.objects.count()) == before


@on_postgres
@pytest.mark.parametrize(
    "damage, message",
    [
        ("no_manifest", "bukan folder cadangan"),
        ("dump", "database.dump rusak"),
        ("file", "1 file cadangan hilang atau rusak"),
        ("missing_file", "1 file cadangan hilang atau rusak"),
    ],
)
def test_restore_refuses_a_damaged_backup_before_touching_anything(tmp_path, damage, message):
    content = b"%PDF-1.4 isi"
    folder = backup_folder(
        tmp_path / "cadangan",
        dump=b"other" if damage == "dump" else b"dump",
        files=[("arsip/1/a.pdf", content)],
    )
    if damage == "no_manifest":
        (folder / "manifest.json").unlink()
    if damage == "file":
        (folder / "files" / "arsip/1/a.pdf").write_bytes(b"%PDF-1.4 diubah")
    if damage == "missing_file":
        (folder / "files" / "arsip/1/a.pdf").unlink()
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(folder))
    assert AuditEvent.objects.count() == before


@on_postgres
def test_verification_sees_a_changed_audit_trail_and_row_counts(staf):
    audit.record("test.one", actor=staf)
    with connection.cursor() as cursor:
        manifest = {
            "database": {"tables": backup.table_counts(cursor)},
            "audit": backup.audit_digest(cursor),
            "files": [],
        }
    assert backup.verify(manifest) == []

    audit.record("test.two", actor=staf)
    problems = backup.verify(manifest)
    assert "jejak audit berbeda" in problems
    assert any("sisp_auditevent" in p for p in problems)
