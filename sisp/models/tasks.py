"""The task workers' heartbeats (see sisp/taskrecovery.py)."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running ``manage.py db_worker`` says every few seconds that it is alive. A RUNNING
    task whose worker has not beaten for the lease is a task of a dead worker: it is queued
    again (or given up after a few attempts)."""

    worker_id = models.CharField("pekerja", max_length=64, unique=True)
    host = models.CharField("mesin", max_length=255, blank=True)
    pid = models.PositiveIntegerField("PID", null=True)
    started_at = models.DateTimeField("mulai")
    beat_at = models.DateTimeField("terakhir hidup", db_index=True)

    class Meta:
        verbose_name = "detak pekerja"
        verbose_name_plural = "detak pekerja"

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
