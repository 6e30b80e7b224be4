from django.core.management.base import BaseCommand

from ppps.services import recompute_deadlines


class Command(BaseCommand):
    help = (
        "Recompute stored stage deadlines of open cases (after holidays or stage limits "
        "change); each moved deadline gets a case-history event and an audit entry."
    )

    def handle(self, *args, **options):
        moved = recompute_deadlines(reason="dihitung ulang dengan perintah recompute_deadlines")
        changed = sum(len(ids) for ids in moved.values())
        self.stdout.write(f"Deadlines recomputed: {changed} case(s) changed.")
