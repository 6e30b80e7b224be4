from django.core.management.base import BaseCommand

from ppps.services import send_deadline_digests


class Command(BaseCommand):
    help = "Email each Info PPPS officer their cases past or near a deadline (once a day)."

    def handle(self, *args, **options):
        sent, skipped = send_deadline_digests()
        self.stdout.write(f"Deadline digest: {sent} email(s) sent, {skipped} already sent today.")
