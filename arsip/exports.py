"""The file list (daftar arsip) as .xlsx, in the national column layout. The caller passes a
queryset that already starts from ``Naskah.objects.visible_to(user)``."""

import io

from django.http import HttpResponse
from django.utils import timezone

from sisp import spreadsheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Daftar arsip (ANRI): No, Kode Klasifikasi, Nomor Berkas, Uraian Informasi Berkas, Kurun
# Waktu, Nomor Item, Uraian Informasi Item, Tanggal, Jumlah, Tingkat Perkembangan, Keterangan;
# then the SRIKANDI extras.
COLUMNS = [
    "No",
    "Kode Klasifikasi",
    "Nomor Berkas",
    "Uraian Informasi Berkas",
    "Kurun Waktu",
    "Nomor Item",
    "Nomor Naskah",
    "Uraian Informasi Item",
    "Tanggal",
    "Jumlah",
    "Tingkat Perkembangan",
    "Keterangan",
    "Klasifikasi Keamanan",
    "Unit Pencipta",
    "Lokasi Simpan",
    "Media",
    "Status Retensi",
]


def _kurun(berkas):
    start, end = berkas.kurun_mulai, berkas.kurun_selesai
    if start and end and start.year != end.year:
        return f"{start.year}–{end.year}"
    return str((start or end).year) if (start or end) else ""


def daftar_arsip_rows(queryset):
    for n, naskah in enumerate(queryset.iterator(chunk_size=2000), start=1):
        berkas = naskah.berkas
        yield [
            n,
            naskah.klasifikasi.kode,
            berkas.nomor_berkas,
            berkas.uraian,
            _kurun(berkas),
            naskah.nomor_terlihat,
            naskah.nomor_surat,
            naskah.perihal,
            naskah.tanggal,
            f"{naskah.jumlah} {naskah.satuan}",
            naskah.get_tingkat_perkembangan_display(),
            naskah.keterangan,
            naskah.kelas.nama,
            naskah.unit.name,
            naskah.lokasi_fisik or berkas.lokasi_fisik,
            naskah.get_media_display(),
            naskah.get_status_retensi_display(),
        ]


def daftar_arsip_response(queryset, *, office):
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Daftar Arsip")
    sheet.append(spreadsheet.xlsx_row(sheet, [f"DAFTAR ARSIP {office.name.upper()}"]))
    sheet.append([f"Dicetak {timezone.localdate():%d-%m-%Y}"])
    sheet.append(COLUMNS)
    for row in daftar_arsip_rows(queryset):
        sheet.append(spreadsheet.xlsx_row(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="daftar-arsip.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
