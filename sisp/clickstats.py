"""Use of the portal's links per link, per unit and per month, for the office's SPBE report.

Counts only: the table is built from ``LinkClick`` rows of one office and one year, never
from who clicked.
"""

import io
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse

from . import spreadsheet
from .models import LinkClick

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
NO_UNIT = "(tanpa unit kerja)"


@dataclass
class Row:
    link: str
    unit: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


def click_rows(office, year: int) -> list[Row]:
    """One row per link and unit that had a click in ``year``, twelve monthly counts each,
    ordered by link title then unit name."""
    rows: dict[tuple[int, int | None], Row] = {}
    clicks = (
        LinkClick.objects.filter(
            link__office=office, month__gte=date(year, 1, 1), month__lte=date(year, 12, 1)
        )
        .select_related("link", "unit")
        .order_by("link__title", "unit__name", "month")
    )
    for click in clicks:
        key = (click.link_id, click.unit_id)
        if key not in rows:
            unit = click.unit.name if click.unit else NO_UNIT
            rows[key] = Row(click.link.title, unit, [0] * 12)
        rows[key].counts[click.month.month - 1] += click.count
    return list(rows.values())


def month_totals(rows: list[Row]) -> list[int]:
    return [sum(row.counts[i] for row in rows) for i in range(12)]


def xlsx_response(office, year: int, rows: list[Row]) -> HttpResponse:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(f"Klik {year}")
    sheet.append(
        spreadsheet.xlsx_row(sheet, [f"PENGGUNAAN TAUTAN PORTAL {office.name.upper()} {year}"])
    )
    sheet.append(["Tautan", "Unit kerja", *MONTHS, "Jumlah"])
    for row in rows:
        sheet.append(spreadsheet.xlsx_row(sheet, [row.link, row.unit, *row.counts, row.total]))
    totals = month_totals(rows)
    sheet.append(["Jumlah", "", *totals, sum(totals)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="klik-tautan-{year}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
