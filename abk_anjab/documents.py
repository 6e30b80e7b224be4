"""The official documents: the Anjab of a job and the ABK recap, as PDF (WeasyPrint) and XLSX
(openpyxl). The HTML is the same template the printable pages include."""

from io import BytesIO

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from sisp import spreadsheet

from .models import SECTIONS, Anjab

CODE_FIELDS = [
    ("bakat", "Bakat kerja"),
    ("temperamen", "Temperamen kerja"),
    ("minat", "Minat kerja"),
    ("upaya_fisik", "Upaya fisik"),
    ("fungsi_pekerjaan", "Fungsi pekerjaan"),
]


def load_anjab(queryset, pk):
    """The analysis with everything its document shows, in a fixed number of queries."""
    prefetch = [name for name, *_ in SECTIONS] + [name for name, _ in CODE_FIELDS]
    return (
        queryset.select_related(
            "office",
            "jabatan__unit__parent",
            "jabatan__atasan",
            "diajukan_oleh",
            "diverifikasi_oleh",
            "disetujui_oleh",
        )
        .prefetch_related(*prefetch)
        .get(pk=pk)
    )


def anjab_context(anjab):
    """What the Anjab document template needs."""
    sections = []
    for name, model, fields, title in SECTIONS:
        if name == "tugas_pokok":
            continue
        headers = [model._meta.get_field(f).verbose_name for f in fields]
        rows = [[getattr(row, f) for f in fields] for row in getattr(anjab, name).all()]
        sections.append({"name": name, "title": title, "headers": headers, "rows": rows})
    codes = [(label, list(getattr(anjab, name).all())) for name, label in CODE_FIELDS]
    unit_chain, unit = [], anjab.jabatan.unit
    while unit is not None and len(unit_chain) < 5:
        unit_chain.insert(0, unit)
        unit = unit.parent
    return {
        "anjab": anjab,
        "jabatan": anjab.jabatan,
        "office": anjab.office,
        "tugas": list(anjab.tugas_pokok.all()),
        "sections": sections,
        "codes": codes,
        "unit_chain": unit_chain,
        "statuses": Anjab.Status,
    }


def document_css():
    path = finders.find("abk_anjab/dokumen.css")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_pdf(template, context):
    """PDF bytes of an HTML template; the document stylesheet is inlined (no URL fetching)."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "css": document_css()})
    return HTML(string=html, base_url=None).write_pdf()


RECAP_HEADERS = [
    "No",
    "Unit kerja",
    "Nama jabatan",
    "Jenis jabatan",
    "Kelas jabatan",
    "Bezetting",
    "Kebutuhan (belum dibulatkan)",
    "Kebutuhan pegawai",
    "Selisih (+/-)",
    "Keterangan",
    "EJ",
    "PJ",
    "Status analisis",
]


def recap_xlsx(recap):
    """The ABK recap workbook in the usual layout: title rows, one row per job, unit subtotals
    and the office total. Values, not formulas, so any reader sees the same figures."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"Rekap ABK {recap.tahun}"
    bold = Font(bold=True)
    sheet.append(["REKAPITULASI ANALISIS BEBAN KERJA"])
    sheet.append([recap.office.name.upper() if recap.office else ""])
    sheet.append([f"TAHUN {recap.tahun}"])
    sheet.append([])
    sheet.append(RECAP_HEADERS)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.iter_rows(min_row=1, max_row=3):
        row[0].font = bold
    number = 0
    for group in recap.groups:
        for row in group.rows:
            number += 1
            anjab = row.anjab
            sheet.append(
                [
                    number,
                    group.unit.name,
                    row.jabatan.nama,
                    row.jabatan.get_jenis_display(),
                    row.jabatan.kelas_jabatan,
                    row.bezetting,
                    float(anjab.kebutuhan_mentah) if anjab else None,
                    anjab.kebutuhan if anjab else None,
                    anjab.selisih if anjab else None,
                    _keterangan(anjab.selisih) if anjab else "Belum dianalisis",
                    float(anjab.ej) if anjab and anjab.ej is not None else None,
                    anjab.pj if anjab else None,
                    anjab.get_status_display() if anjab else None,
                ]
            )
            sheet.cell(sheet.max_row, 7).number_format = "0.0000"
        sheet.append(
            [
                None,
                f"Jumlah {group.unit.name}",
                None,
                None,
                None,
                group.bezetting,
                float(group.kebutuhan_mentah),
                group.kebutuhan,
                group.selisih,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        sheet.cell(sheet.max_row, 7).number_format = "0.0000"
    sheet.append(
        [
            None,
            "JUMLAH KANTOR",
            None,
            None,
            None,
            recap.bezetting,
            float(recap.kebutuhan_mentah),
            recap.kebutuhan,
            recap.selisih,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.cell(sheet.max_row, 7).number_format = "0.0000"
    widths = [5, 32, 36, 14, 8, 10, 14, 12, 10, 16, 8, 6, 14]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    # Names are typed by people: formula-like text stays text (formula injection).
    spreadsheet.keep_text(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _keterangan(selisih):
    if selisih > 0:
        return "Kelebihan"
    if selisih < 0:
        return "Kekurangan"
    return "Sesuai"
