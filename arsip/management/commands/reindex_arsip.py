from django.core.management.base import BaseCommand, CommandError

from arsip import search
from arsip.models import BerkasDigital, Naskah
from arsip.tasks import extract_text

STATUSES = {s.value for s in BerkasDigital.Ekstraksi}


class Command(BaseCommand):
    help = (
        "Rebuild E-Arsip's search index from stored metadata and extracted text; with "
        "--extract, queue text extraction again for versions in those states (e.g. "
        "'dilewati' after installing Tesseract)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--extract",
            default="",
            help="comma-separated states to re-extract: menunggu,dilewati,gagal",
        )

    def handle(self, *args, extract, **options):
        states = {s.strip() for s in extract.split(",") if s.strip()}
        if states - STATUSES:
            raise CommandError(f"Status tidak dikenal: {', '.join(sorted(states - STATUSES))}")
        queued = 0
        if states:
            for pk in (
                BerkasDigital.objects.filter(
                    status_ekstraksi__in=states, dimusnahkan_pada__isnull=True
                )
                .values_list("pk", flat=True)
                .iterator()
            ):
                extract_text.enqueue(pk)
                queued += 1
        indexed = 0
        for naskah in Naskah.objects.select_related("klasifikasi", "berkas").iterator(
            chunk_size=500
        ):
            search.index_naskah(naskah)
            indexed += 1
        self.stdout.write(f"{indexed} naskah diindeks ulang; {queued} ekstraksi teks diantrekan.")
