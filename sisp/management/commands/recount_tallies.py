from django.core.management.base import BaseCommand, CommandError

from sisp import tallies


class Command(BaseCommand):
    help = (
        "Hitung ulang penghitung per kantor (OfficeTally) dari data; --check hanya "
        "melaporkan selisih. Jalankan setelah memuat data dengan SQL/COPY langsung."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="jangan ubah apa pun; gagal bila ada selisih"
        )

    def handle(self, *args, check=False, **options):
        drift = tallies.recount(check_only=check)
        for (office_id, key), diff in sorted(drift.items()):
            self.stdout.write(f"kantor #{office_id} {key}: tersimpan {diff:+d} dari hitungan")
        if check and drift:
            raise CommandError(f"{len(drift)} penghitung tidak cocok dengan data.")
        verb = "cocok" if not drift else ("tidak cocok" if check else "diperbaiki")
        self.stdout.write(f"Penghitung kantor: {len(drift)} selisih, {verb}.")
