from django.core.management.base import BaseCommand

from ppps.services import recompute_deadlines


class Command(BaseCommand):
    help = "Recompute stored stage deadlines of open cases (after holidays or stage limits change)."

    def handle(self, *args, **options):
        changed = recompute_deadlines()
        self.stdout.write(f"Deadlines recomputed: {changed} case(s) changed.")
