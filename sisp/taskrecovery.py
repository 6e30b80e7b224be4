"""No task is lost when a worker dies: heartbeats, a lease and an automatic sweep.

django-tasks-db marks a task RUNNING when a worker claims it (``DBTaskResult.claim``: status,
``started_at``, the worker's id appended to ``worker_ids``) and SUCCESSFUL or FAILED when the
worker finishes it. A worker killed in between (SIGKILL, out of memory, a machine lost) leaves
the row RUNNING for ever, and nothing in the library runs it again.

Here every ``manage.py db_worker`` (``sisp/worker``) runs a ``Heartbeat`` thread that writes
``WorkerHeartbeat.beat_at`` every ``TASK_HEARTBEAT_SECONDS`` and then ``sweep()``s: a RUNNING
task whose last worker has not beaten for ``TASK_LEASE_SECONDS``, or was claimed by an earlier
process of a worker id that has since restarted, is put back to READY, to be claimed by any
live worker (a new one sweeps at once when it starts). After
``TASK_MAX_ATTEMPTS`` claims it is marked FAILED instead (a file that kills every worker must
not kill them in a loop), and the task's module is told through ``on_abandoned``.

Tasks may therefore run more than once (a worker cut off from the database for longer than the
lease looks dead): every task must be safe to repeat. Ours are (extraction overwrites its own
result; e-mail tasks accept a rare duplicate).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

log = logging.getLogger(__name__)

_ABANDONED = {}


def heartbeat_seconds():
    return settings.TASK_HEARTBEAT_SECONDS


def lease_seconds():
    """A worker silent this long is dead. Several heartbeats, so a slow database or a busy
    machine does not make a live worker look dead."""
    return settings.TASK_LEASE_SECONDS


def max_attempts():
    return settings.TASK_MAX_ATTEMPTS


class WorkerDied(Exception):
    """Stored as the error of a task given up after its workers died ``max_attempts`` times."""


def on_abandoned(task_path):
    """Register ``fn(args, kwargs)`` to run (in the sweep's transaction) when a task of
    ``task_path`` (e.g. "arsip.tasks.extract_text") is given up."""

    def register(fn):
        _ABANDONED[task_path] = fn
        return fn

    return register


def beat(worker_id, *, started_at):
    """Record that the worker process started at ``started_at`` is alive. A worker restarted
    under the same id (``--worker-id worker1``) replaces ``started_at``: tasks claimed before
    it belong to the dead incarnation."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "beat_at": timezone.now(),
            "started_at": started_at,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def _is_dead(row, heartbeats, cutoff):
    worker = row.worker_ids[-1] if row.worker_ids else None
    heartbeat = heartbeats.get(worker)
    if heartbeat is None:  # never beat (or gone for a day): dead once the lease has passed
        return row.started_at < cutoff
    if row.started_at < heartbeat.started_at:  # claimed by an earlier process of that id
        return True
    # Silent for the lease, and the task not claimed within it (a claim proves life).
    return heartbeat.beat_at < cutoff and row.started_at < cutoff


def sweep(now=None):
    """Queue again (or give up) the RUNNING tasks of dead workers. Returns (requeued, failed)
    as lists of task ids. Safe to run in several workers at once: each row is moved by a
    conditional UPDATE that only one of them wins."""
    from django_tasks_db.models import DBTaskResult, TaskResultStatus

    from .models import WorkerHeartbeat

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds())
    heartbeats = {h.worker_id: h for h in WorkerHeartbeat.objects.all()}
    requeued, failed = [], []
    # RUNNING rows are few (one per busy worker), so all are looked at.
    candidates = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids", "started_at", "task_path", "args_kwargs"
    )
    for row in candidates:
        if row.started_at is None or not _is_dead(row, heartbeats, cutoff):
            continue
        claimed = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        attempts = len(row.worker_ids)
        with transaction.atomic():
            if attempts >= max_attempts():
                moved = claimed.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=f"{__name__}.WorkerDied",
                    traceback=(
                        f"{__name__}.WorkerDied: the worker running this task stopped "
                        f"{attempts} times ({', '.join(row.worker_ids)}); not retried again."
                    ),
                )
                if moved:
                    failed.append(str(row.pk))
                    hook = _ABANDONED.get(row.task_path)
                    if hook is not None:
                        hook(row.args_kwargs.get("args", []), row.args_kwargs.get("kwargs", {}))
            elif claimed.update(status=TaskResultStatus.READY):
                requeued.append(str(row.pk))
    if requeued or failed:
        log.warning(
            "task recovery: %d task(s) of dead workers queued again %s, %d given up %s",
            len(requeued),
            requeued,
            len(failed),
            failed,
        )
    # Heartbeats of workers gone for a day are of no more use.
    WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return requeued, failed


class Heartbeat:
    """Context manager run around a worker's loop: a daemon thread that beats and sweeps
    every ``heartbeat_seconds()`` until the loop ends (or the process dies with it)."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sisp-heartbeat", daemon=True)

    def __enter__(self):
        # The first beat and sweep before the first task is claimed: a worker started after
        # a crash takes the dead worker's tasks at once.
        self._once()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=heartbeat_seconds() + 5)
        return False

    def _once(self):
        try:
            beat(self.worker_id, started_at=self.started_at)
            sweep()
        except DatabaseError as exc:  # e.g. SQLite busy, Postgres restarting: next time
            log.warning("task heartbeat of %s failed: %s", self.worker_id, exc)
        finally:
            connection.close()  # this thread's own connection

    def _run(self):
        while not self._stop.wait(heartbeat_seconds()):
            self._once()
