from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """Holds only ``manage.py db_worker``: django-tasks-db's worker with a heartbeat and the
    recovery of dead workers' tasks (sisp/taskrecovery.py). Listed before django_tasks_db in
    INSTALLED_APPS, so its command is the one ``manage.py db_worker`` runs."""

    name = "sisp.worker"
    label = "sisp_worker"
    verbose_name = "Pekerja latar"
