"""``manage.py db_worker``: django-tasks-db's worker, plus a heartbeat thread that also
queues again the tasks of workers that died (see sisp/taskrecovery.py)."""

from django_tasks_db.management.commands import db_worker as base

from sisp import taskrecovery


class RecoveringWorker(base.Worker):
    def run(self):
        # In the process that runs the tasks (with --reload: the reloader's child).
        with taskrecovery.Heartbeat(self.worker_id):
            super().run()


class Command(base.Command):
    help = (
        "Jalankan pekerja latar (django-tasks-db) dengan detak hidup; tugas pekerja yang mati "
        "di tengah jalan diantrekan lagi secara otomatis."
    )

    def handle(self, *args, **options):
        original = base.Worker
        # The base command builds its Worker by this module-level name; it is swapped for the
        # recovering one during handle() only, so every option keeps the library's meaning.
        base.Worker = RecoveringWorker
        try:
            return super().handle(*args, **options)
        finally:
            base.Worker = original
