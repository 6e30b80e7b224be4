"""Every export cell that a spreadsheet would run as a formula is written as text (OWASP CSV
injection): the shared helper, and the audit trail's CSV."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from sisp import audit, roles, spreadsheet

pytestmark = pytest.mark.django_db

RISKY = ['=HYPERLINK("http://contoh.invalid","klik")', "+62-1", "-2+3", "@SUM(1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", RISKY)
def test_csv_cell_prefixes_a_quote_to_formula_like_text(text):
    assert spreadsheet.csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Surat biasa", "1+1", "", None, 12, "a=b"])
def test_csv_cell_leaves_other_values_as_they_read(value):
    assert spreadsheet.csv_cell(value) == ("" if value is None else str(value))


@pytest.mark.parametrize("text", RISKY)
def test_xlsx_cell_of_a_write_only_sheet_is_a_text_cell(text):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("x")
    sheet.append(spreadsheet.xlsx_row(sheet, [text, "biasa", 3]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(openpyxl.load_workbook(buffer).active.iter_rows())
    # XML reads a stored CR back as LF.
    assert (
        cells[0].value == text.replace("\r", "\n")
        and cells[0].data_type == "s"
        and cells[0].quotePrefix
    )
    assert cells[1].value == "biasa" and cells[2].value == 3


def _exported_rows(client):
    response = client.get(reverse("sisp:audit_export"))
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_audit_csv_writes_no_cell_starting_with_a_formula_character(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    for i, text in enumerate(RISKY):
        audit.record(
            "test.formula", actor=admin, office=office, target=(text, f"-{i}", text), note=text
        )
    odd = make_user(roles.STAF, office=office, username="=cmd|' /C calc'!A0")
    audit.record("auth.login", actor=odd)
    client.force_login(admin)
    rows = _exported_rows(client)
    cells = [cell for row in rows[1:] for cell in row]
    assert sum(row[2] == "test.formula" for row in rows) == len(RISKY)
    assert "'=cmd|' /C calc'!A0" in cells
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert {"'" + text for text in RISKY} <= set(cells)
