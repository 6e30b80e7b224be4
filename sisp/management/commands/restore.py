from django.core.management.base import BaseCommand, CommandError

from sisp import backup


class Command(BaseCommand):
    help = (backup.restore.__doc__ or "").strip()

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the folder written by manage.py backup")

    def handle(self, *args, folder, **options):
        try:
            backup.restore(folder, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
