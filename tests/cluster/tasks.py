"""A task for the cluster tests only: it leaves one line per run in a file of the run folder,
so a test can count how often each task was really done (not only what the queue says)."""

import os
import time

from django_tasks import task


@task()
def mark(token, path):
    time.sleep(0.2)  # long enough for both workers to take part
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{token} {os.getpid()}\n")
