from django.core.management.base import BaseCommand

from ppps.aduan_files import purge_stale_uploads


class Command(BaseCommand):
    help = "Remove attachments kept for complaint forms that were never sent (after their time)."

    def handle(self, *args, **options):
        removed = purge_stale_uploads()
        self.stdout.write(f"Kept complaint attachments removed: {removed}.")
