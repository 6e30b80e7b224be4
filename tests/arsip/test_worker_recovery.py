"""A task whose worker died is run again without anyone's help: every db_worker beats, and a
RUNNING task of a worker silent for the lease is queued again by any live worker (a new one
sweeps when it starts), at most TASK_MAX_ATTEMPTS claims. The end-to-end test runs two real
`manage.py db_worker` processes and kills the first with SIGKILL in the middle of a task."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from arsip import search, services
from arsip.models import BerkasDigital, Naskah
from sisp import roles, taskrecovery
from sisp.models import WorkerHeartbeat

ROOT = Path(django_settings.BASE_DIR)
T0 = timezone.make_aware(datetime.datetime(2026, 5, 4, 10, 0))


def _running_task(worker_ids, started_at):
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [0], "kwargs": {}},
        task_path="arsip.tasks.extract_text",
        backend_name="default",
        run_after=started_at,
        started_at=started_at,
        worker_ids=worker_ids,
    )


@pytest.mark.django_db
def test_a_task_of_a_silent_worker_is_queued_again_and_a_live_ones_is_left(settings):
    settings.TASK_LEASE_SECONDS = 60
    hour_ago = T0 - datetime.timedelta(hours=1)
    WorkerHeartbeat.objects.create(worker_id="hidup", started_at=hour_ago, beat_at=T0)
    WorkerHeartbeat.objects.create(
        worker_id="mati", started_at=hour_ago, beat_at=T0 - datetime.timedelta(minutes=5)
    )
    started = T0 - datetime.timedelta(minutes=10)
    live = _running_task(["hidup"], started)
    dead = _running_task(["mati"], started)
    never_beat = _running_task(["lama"], started)
    fresh = _running_task(["mati"], T0 - datetime.timedelta(seconds=10))  # within the lease

    requeued, failed = taskrecovery.sweep(now=T0)

    assert set(requeued) == {str(dead.pk), str(never_beat.pk)} and failed == []
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[live.pk] == "RUNNING" and statuses[fresh.pk] == "RUNNING"
    assert statuses[dead.pk] == statuses[never_beat.pk] == "READY"
    assert taskrecovery.sweep(now=T0) == ([], [])  # nothing moves twice


@pytest.mark.django_db
def test_a_worker_restarted_under_the_same_id_gets_its_dead_predecessors_task_back(settings):
    settings.TASK_LEASE_SECONDS = 60
    before = T0 - datetime.timedelta(seconds=20)
    task = _running_task(["worker1"], before)
    # worker1 was killed and started again (same --worker-id) ten seconds ago; it beats.
    taskrecovery.beat("worker1", started_at=T0 - datetime.timedelta(seconds=10))
    own = _running_task(["worker1"], T0 - datetime.timedelta(seconds=5))  # the new one's

    requeued, _ = taskrecovery.sweep(now=timezone.now())

    assert requeued == [str(task.pk)]
    assert DBTaskResult.objects.get(pk=own.pk).status == "RUNNING"


@pytest.mark.django_db
def test_after_the_last_attempt_the_task_fails_and_the_file_says_why(
    settings, make_user, make_naskah, office, unit
):
    settings.TASK_MAX_ATTEMPTS = 3
    author = make_user(roles.ARSIPARIS, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    version = BerkasDigital.objects.create(
        naskah=naskah,
        versi=1,
        file_name="x.docx",
        nama_asli="x.docx",
        sha256="0" * 64,
        ukuran=1,
        content_type="application/zip",
        extension="docx",
        uploaded_by=author,
    )
    task = _running_task(["a", "b", "c"], T0 - datetime.timedelta(hours=1))
    task.args_kwargs = {"args": [version.pk], "kwargs": {}}
    task.save(update_fields=["args_kwargs"])

    assert taskrecovery.sweep(now=T0) == ([], [str(task.pk)])
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path.endswith("WorkerDied")
    version.refresh_from_db()
    assert version.status_ekstraksi == "gagal" and "berhenti 3 kali" in version.catatan_ekstraksi


# --- A real worker killed mid-task ---------------------------------------------------------


SLOW_THEN_FAST_OCR = """#!/bin/sh
# The first run hangs (its worker is killed meanwhile); later runs answer at once.
marker="$(dirname "$0")/started"
if [ ! -e "$marker" ]; then
  touch "$marker"
  exec sleep 300
fi
echo "BERITA ACARA PENGAWASAN KECAMATAN JATIREJO"
"""


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 80), 255).save(buffer, "PNG")
    return buffer.getvalue()


def _worker_env(tmp_path, tesseract):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO", "AWS_"))}
    env.update(
        DATABASE_URL=f"{url}/{db['NAME']}",
        DEBUG="0",
        SECRET_KEY="test-only-worker",
        MEDIA_ROOT=str(tmp_path / "media"),
        ARSIP_TESSERACT=str(tesseract),
        TASK_HEARTBEAT_SECONDS="0.5",
        TASK_LEASE_SECONDS="3",
        PYTHONUNBUFFERED="1",
    )
    return env


def _start_worker(name, env, tmp_path):
    log = open(tmp_path / f"{name}.log", "ab")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--worker-id", name, "--interval", "0.2"]
        + ["--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill reaches the OCR child too
    )
    log.close()
    return process


def _wait(condition, what, tmp_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    logs = "\n".join(p.read_text() for p in tmp_path.glob("*.log"))
    pytest.fail(f"{what} did not happen in {timeout} s; worker logs:\n{logs}")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker processes share the test database: Postgres only (CI's second run)",
)
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_extraction_completes_after_a_new_worker_starts(
    tmp_path, settings, make_user, make_naskah, office, unit
):
    tesseract = tmp_path / "ocr" / "tesseract"
    tesseract.parent.mkdir()
    tesseract.write_text(SLOW_THEN_FAST_OCR)
    tesseract.chmod(0o755)
    env = _worker_env(tmp_path, tesseract)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": env["MEDIA_ROOT"]},
        },
    }
    author = make_user(roles.ARSIPARIS, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Foto berita acara")
    services.add_version(naskah, SimpleUploadedFile("foto.png", _png(), "image/png"), user=author)
    version = BerkasDigital.objects.get(naskah=naskah)
    task = DBTaskResult.objects.get(task_path="arsip.tasks.extract_text")

    first = _start_worker("pekerja-1", env, tmp_path)
    try:
        _wait((tesseract.parent / "started").exists, "the first worker's OCR start", tmp_path)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    task.refresh_from_db()
    version.refresh_from_db()
    assert task.status == "RUNNING" and task.worker_ids == ["pekerja-1"]
    assert version.status_ekstraksi == "menunggu"

    second = _start_worker("pekerja-2", env, tmp_path)
    try:
        _wait(
            lambda: BerkasDigital.objects.get(pk=version.pk).status_ekstraksi == "selesai",
            "the extraction on the second worker",
            tmp_path,
        )
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.worker_ids == ["pekerja-1", "pekerja-2"]
    found = search.search(Naskah.objects.visible_to(author), "jatirejo")
    assert list(found.values_list("pk", flat=True)) == [naskah.pk]
