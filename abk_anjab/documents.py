"""The official documents: the Anjab of a job and the ABK recap, as PDF (WeasyPrint) and XLSX
(openpyxl). The HTML is the same template the printable pages include.

Every document carries the office's letterhead (kop), page numbers, the place-and-date line and
the signature blocks of the verifier and the approver (name and NIP), the way an official Bawaslu
document does; numbers and dates are written by ``abk_anjab.formatting``."""

import base64
import mimetypes
from decimal import Decimal
from io import BytesIO

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from sisp import spreadsheet

from . import calculation, conf
from .formatting import EJ_CELL_FORMAT, EJ_NO_HOLDER, NEED_CELL_FORMAT, angka, tanggal
from .models import SECTIONS, Anjab

INSTITUTION = "BADAN PENGAWAS PEMILIHAN UMUM"
# A WKE per period that does not divide evenly (1,250 h / 12 months) is printed to 2 decimals.
WKE_PLACES = Decimal("0.01")

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


def anjab_context(anjab, *, with_logo=False):
    """What the Anjab document template needs. ``with_logo`` reads the office's logo from
    storage (for the PDF; the screen page shows the letterhead without it)."""
    sections = []
    for name, model, fields, title in SECTIONS:
        if name == "tugas_pokok":
            continue
        headers = [model._meta.get_field(f).verbose_name for f in fields]
        rows = [[getattr(row, f) for f in fields] for row in getattr(anjab, name).all()]
        sections.append({"name": name, "title": title, "headers": headers, "rows": rows})
    # e-Formasi's order: syarat jabatan comes before prestasi kerja yang diharapkan.
    prestasi = next(s for s in sections if s["name"] == "prestasi_kerja")
    sections.remove(prestasi)
    codes = [(label, list(getattr(anjab, name).all())) for name, label in CODE_FIELDS]
    unit_chain, unit = [], anjab.jabatan.unit
    while unit is not None and len(unit_chain) < 5:
        unit_chain.insert(0, unit)
        unit = unit.parent
    signed_on = anjab.disetujui_pada if anjab.status == Anjab.Status.DISETUJUI else None
    return {
        "anjab": anjab,
        "jabatan": anjab.jabatan,
        "office": anjab.office,
        "tugas": task_rows(anjab),
        "sections": sections,
        "prestasi": prestasi,
        "codes": codes,
        "unit_chain": unit_chain,
        "statuses": Anjab.Status,
        "kop": letterhead(anjab.office, with_logo=with_logo),
        "signatures": signatures(
            anjab.office,
            verifier=anjab.diverifikasi_oleh,
            approver=anjab.disetujui_oleh,
            signed_on=signed_on,
        ),
    }


def task_rows(anjab):
    """The task rows as printed: each with the effective working time of its OWN period and
    time unit (a task counted per day: "300 menit per hari", not the yearly 75.000), so that
    volume x time / effective time on the row gives the need printed beside it."""
    periods = conf.periods_per_year()
    rows = []
    for task in anjab.tugas_pokok.all():
        effective = calculation.period_wke(
            anjab.wke_jam,
            time_unit=task.satuan_waktu,
            period=task.periode,
            periods_per_year=periods,
        )
        period = task.get_periode_display()
        rows.append(
            {
                "task": task,
                "volume": f"{angka(task.volume)} {period}",
                "waktu": f"{angka(task.waktu)} {task.satuan_waktu}",
                "efektif": f"{angka(effective.quantize(WKE_PLACES))} {task.satuan_waktu} {period}",
                "kebutuhan": angka(task.kebutuhan, 4),
            }
        )
    return rows


def office_place(office):
    """The place of the place-and-date line: the office's own setting, else its name without
    "Bawaslu" and the kind of region ("Bawaslu Kota Mojokerto" -> "Mojokerto")."""
    if office is None:
        return ""
    if office.place:
        return office.place
    words = office.name.split()
    while words and words[0].lower() in {"bawaslu", "kota", "kabupaten", "kab.", "provinsi"}:
        words.pop(0)
    return " ".join(words) or office.name


def letterhead(office, *, with_logo=False):
    """The kop of the office: institution, office, address, contact and (optionally) the logo
    uploaded by the Administrator as a data URI (WeasyPrint fetches no URL)."""
    if office is None:
        return {"lines": [INSTITUTION], "address": "", "contact": "", "logo": None}
    region = office.name
    if region.lower().startswith("bawaslu "):
        region = region[len("bawaslu ") :]
    lines = [INSTITUTION]
    if office.level == office.Level.RI:
        lines.append("REPUBLIK INDONESIA")
    else:
        lines.append(region.upper())
    contact = [
        f"{label} {value}"
        for label, value in (
            ("Telepon", office.phone),
            ("Surel", office.email),
            ("Laman", office.website),
        )
        if value
    ]
    return {
        "lines": lines,
        "address": " ".join(office.address.split()),
        "contact": " · ".join(contact),
        "logo": _logo_data_uri(office) if with_logo else None,
    }


def _logo_data_uri(office):
    if not office.logo:
        return None
    mime = mimetypes.guess_type(office.logo.name)[0]
    if mime not in ("image/png", "image/jpeg"):
        return None
    try:
        with office.logo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        # A logo missing from storage leaves the default emblem-free letterhead, not a 500.
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def signatures(office, *, verifier, approver, signed_on=None):
    """The place-and-date line and the two signature blocks (verifier left, approver right),
    each with the job title, name and NIP; dotted lines where nobody has signed yet. The date
    is the approval's, else today's (the day the document is printed for signing)."""
    day = signed_on or timezone.now()
    return {
        "place_date": f"{office_place(office)}, {tanggal(day)}",
        "blocks": [
            _signature_block("Diverifikasi oleh", verifier),
            _signature_block("Disetujui oleh", approver),
        ],
    }


def _signature_block(role, user):
    if user is None:
        return {"role": role, "title": "", "name": "", "nip": ""}
    return {
        "role": role,
        "title": user.jabatan,
        "name": user.get_full_name() or user.username,
        "nip": user.nip,
    }


def recap_signatures(recap):
    """The recap's signature blocks: the verifier and approver shared by every analysis in it
    (the usual case: one Koordinator Sekretariat approves them all), else dotted lines."""
    verifiers = {r.anjab.diverifikasi_oleh for r in recap.rows if r.anjab}
    approvers = {r.anjab.disetujui_oleh for r in recap.rows if r.anjab}
    return signatures(
        recap.office,
        verifier=verifiers.pop() if len(verifiers) == 1 else None,
        approver=approvers.pop() if len(approvers) == 1 else None,
    )


def document_css():
    path = finders.find("abk_anjab/dokumen.css")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_pdf(template, context):
    """PDF bytes of an HTML template; the document stylesheet is inlined (no URL fetching)."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "css": document_css()})
    return HTML(string=html, base_url=None).write_pdf()


def anjab_pdf(anjab):
    """The Anjab document of ``anjab`` (from ``load_anjab``) as PDF bytes, logo included: what
    is downloaded and what is filed in E-Arsip."""
    return render_pdf("abk_anjab/pdf/anjab.html", anjab_context(anjab, with_logo=True))


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


def _total_row(sheet, label, totals, bold):
    """A bold line of the recap sheet: people, raw need, need and difference of a unit or of
    the office."""
    line = _append(
        sheet,
        [
            None,
            label,
            None,
            None,
            None,
            totals.bezetting,
            float(totals.kebutuhan_mentah),
            totals.kebutuhan,
            totals.selisih,
        ],
    )
    for cell in sheet[line]:
        cell.font = bold
    sheet.cell(line, 7).number_format = NEED_CELL_FORMAT


def recap_xlsx(recap):
    """The ABK recap workbook in the usual layout: title rows, one row per job, unit subtotals
    and the office total. Values, not formulas, so any reader sees the same figures. Every row
    goes through ``_append`` (the one place that decides how a cell is written)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"Rekap ABK {recap.tahun}"
    bold = Font(bold=True)
    _append(sheet, ["REKAPITULASI ANALISIS BEBAN KERJA"])
    _append(sheet, [recap.office.name.upper() if recap.office else ""])
    _append(sheet, [f"TAHUN {recap.tahun}"])
    _append(sheet, [])
    header_row = _append(sheet, RECAP_HEADERS)
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
            line = _append(
                sheet,
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
                    _ej_cell(row),
                    (anjab.pj or None) if anjab else None,
                    anjab.get_status_display() if anjab else None,
                ],
            )
            sheet.cell(line, 7).number_format = NEED_CELL_FORMAT
            sheet.cell(line, 11).number_format = EJ_CELL_FORMAT
        _total_row(sheet, f"Jumlah {group.unit.name}", group, bold)
    _total_row(sheet, "JUMLAH KANTOR", recap, bold)
    widths = [5, 32, 36, 14, 8, 10, 14, 12, 10, 16, 28, 6, 14]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=11, max_col=11):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ej_cell(row):
    """EJ as a number, or the words when nobody holds the job (bezetting 0)."""
    if row.bezetting == 0:
        return EJ_NO_HOLDER
    if row.anjab is None or row.anjab.ej is None:
        return None
    return float(row.anjab.ej)


def _append(sheet, values):
    """Append one row to ``sheet``: every cell of the ABK workbooks is written here. Returns
    the row's number: openpyxl's own append counter, as ``sheet.max_row`` scans every cell
    (too slow to ask per row of a large office)."""
    sheet.append(values)
    line = sheet._current_row
    for cell in sheet[line] if values else ():
        spreadsheet.mark_text(cell)
    return line


def _keterangan(selisih):
    if selisih > 0:
        return "Kelebihan"
    if selisih < 0:
        return "Kekurangan"
    return "Sesuai"
