"""Cells of every CSV and .xlsx export: text that a spreadsheet would run as a formula is
written as text (OWASP "CSV injection"). Every export of the project goes through here."""

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Cell(Protocol):
    """What is used of an openpyxl cell (openpyxl ships no type information)."""

    value: object
    data_type: str
    quotePrefix: bool


class _Sheet(Protocol):
    def iter_rows(self) -> Iterable[Iterable[_Cell]]: ...


_C = TypeVar("_C", bound=_Cell)

# A cell starting with one of these is a formula (or becomes one) to Excel, LibreOffice and
# Google Sheets: https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value: object) -> str:
    """One CSV cell as text; formula-like text gets a leading single quote, which the
    spreadsheet shows as plain text (OWASP's advice)."""
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_cell(value) for value in values]


def mark_text(cell: _C) -> _C:
    """Keep an openpyxl cell's formula-like string a literal string: openpyxl stores a string
    starting with "=" as a formula; the quote prefix keeps it text when someone edits it."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_cell(sheet: object, value: object) -> object:
    """A value for ``sheet.append`` of a write-only workbook: formula-like text becomes a
    text cell, anything else passes through unchanged."""
    if not looks_like_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    return mark_text(WriteOnlyCell(sheet, value=value))


def xlsx_row(sheet: object, values: Iterable[object]) -> list[object]:
    return [xlsx_cell(sheet, value) for value in values]


def keep_text(sheet: _Sheet) -> None:
    """Mark every formula-like text cell of an ordinary (not write-only) sheet as text."""
    for row in sheet.iter_rows():
        for cell in row:
            mark_text(cell)
