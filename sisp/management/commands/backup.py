from django.core.management.base import BaseCommand, CommandError

from sisp import backup


class Command(BaseCommand):
    help = (backup.backup.__doc__ or "").strip()

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a new, empty folder for the backup")

    def handle(self, *args, folder, **options):
        try:
            backup.backup(folder, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
