from django.core.management.base import BaseCommand

from sisp.linkcheck import check_links


class Command(BaseCommand):
    help = "Check every active portal link (timeout, HTTP status) and mark the ones that are down."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=None, help="Detik per tautan.")

    def handle(self, *args, timeout=None, **options):
        checked, down = check_links(timeout=timeout)
        self.stdout.write(f"{checked} tautan diperiksa, {down} tidak dapat diakses.")
