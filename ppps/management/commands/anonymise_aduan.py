from django.core.management.base import BaseCommand

from ppps.aduan_files import anonymise_closed_aduan


class Command(BaseCommand):
    help = (
        "Erase the personal data of complainants of complaints closed longer ago than "
        "PPPS_ADUAN_PERSONAL_DATA_DAYS (UU 27/2022), with an audit entry for each."
    )

    def handle(self, *args, **options):
        done = anonymise_closed_aduan()
        self.stdout.write(f"Complaints anonymised: {done}.")
