from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arsip import jra
from arsip.importer import TableError, read_table


class Command(BaseCommand):
    help = (
        "Load the retention schedule (JRA) from a CSV/XLSX file: kode, aktif, inaktif, "
        "keterangan, catatan. All rows or none; rows are marked unverified."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            results = jra.check_jra(read_table(Path(path).read_bytes(), path))
        except (OSError, TableError) as exc:
            raise CommandError(str(exc)) from exc
        bad = [(n, errors) for n, _, errors in results if errors]
        if bad:
            raise CommandError("; ".join(f"baris {n}: {', '.join(e)}" for n, e in bad[:20]))
        count = jra.import_jra(results, by=None)
        self.stdout.write(f"{count} baris JRA dimuat (belum terverifikasi).")
