"""Bringing an existing file list (daftar arsip) in from CSV or XLSX.

``read_table`` turns the upload into rows; ``check_rows`` validates every row and returns
per-row errors without writing anything (the dry run); ``import_rows`` writes all rows in
one transaction or none. Column names follow the national daftar arsip and this app's own
export, case-insensitively.
"""

import csv
import io
import re
from datetime import date, datetime

from django import forms
from django.db import transaction

from sisp import audit

from . import authority, search, services
from .models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah, PerubahanKelas

MAX_ROWS = 5000
HEADERS = {
    "kode": ["kode klasifikasi", "kode"],
    "nomor_berkas": ["nomor berkas", "no berkas"],
    "uraian_berkas": ["uraian informasi berkas", "uraian berkas"],
    "nomor_surat": ["nomor naskah", "nomor surat", "no surat"],
    "perihal": ["uraian informasi item", "uraian item", "perihal", "uraian"],
    "tanggal": ["tanggal", "tanggal naskah"],
    "jumlah": ["jumlah"],
    "tingkat_perkembangan": ["tingkat perkembangan"],
    "keterangan": ["keterangan"],
    "kelas": ["klasifikasi keamanan", "kelas keamanan", "kelas"],
    "unit": ["unit pencipta", "unit"],
    "lokasi_fisik": ["lokasi simpan", "lokasi"],
    "dari": ["dari"],
    "kepada": ["kepada"],
}
PERKEMBANGAN = {
    "asli": "asli",
    "salinan": "salinan",
    "tembusan": "tembusan",
    "pertinggal": "pertinggal",
    "copy": "salinan",
    "fotokopi": "salinan",
}


class TableError(Exception):
    """The upload cannot be read as a table at all."""


def read_table(data, filename):
    """Rows of the upload as lists of strings/values, judged by content: an XLSX is a zip
    openpyxl can open; anything else must decode as CSV text."""
    if data[:2] == b"PK":
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any damaged workbook
            raise TableError("File Excel tidak dapat dibaca.") from exc
        rows = [list(r) for r in book.active.iter_rows(values_only=True)]
        book.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if "\x00" in text:
        raise TableError("File bukan CSV atau XLSX.")
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _norm(value):
    return re.sub(r"\s+", " ", str(value or "")).strip().lower()


def _header_map(rows):
    """(index of the header row, {field: column}) — the first row naming a filing code."""
    for index, row in enumerate(rows[:10]):
        names = [_norm(c) for c in row]
        if "kode klasifikasi" in names or "kode" in names:
            mapping = {}
            for field, aliases in HEADERS.items():
                for alias in aliases:
                    if alias in names:
                        mapping[field] = names.index(alias)
                        break
            return index, mapping
    raise TableError('Baris judul kolom tidak ditemukan (harus ada kolom "Kode Klasifikasi").')


# Numbers in a table are read by form fields, never a bare ``int()``: a year 0000 or a count of
# 5,000 digits is a row error, not a crash. The count's bound is its column's
# (PositiveIntegerField); a year stands for 1 January of it.
YEAR = forms.IntegerField(min_value=1, max_value=9999)
COUNT = forms.IntegerField(min_value=0, max_value=2**31 - 1)


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{4}", text):
        try:
            return date(YEAR.clean(text), 1, 1)
        except forms.ValidationError:
            return None
    return None


def check_rows(rows, user):
    """Validate every row. Returns (results, header_ok) where results is a list of
    {"row": n, "data": {...} or None, "errors": [...]}; nothing is written."""
    header_index, columns = _header_map(rows)
    for needed in ("kode", "perihal", "tanggal"):
        if needed not in columns:
            raise TableError(f"Kolom wajib tidak ada: {HEADERS[needed][0]}.")
    body = rows[header_index + 1 :]
    if len(body) > MAX_ROWS:
        raise TableError(f"Paling banyak {MAX_ROWS} baris per impor.")
    codes = {k.kode: k for k in KlasifikasiArsip.objects.filter(is_active=True)}
    kelas = {}
    for k in KelasKeamanan.objects.all():
        kelas[k.kode.lower()] = k
        kelas[k.nama.lower()] = k
        kelas[k.nama.split("/")[0].lower()] = k
    units = {_norm(u.name): u for u in user.office.units.all()}
    level = authority.clearance(user)
    # Rows go only into files whose every record the importer sees (as on the register page).
    visible_berkas = {b.nomor_berkas: b for b in Berkas.objects.wholly_visible_to(user)}
    results = []
    for offset, row in enumerate(body):
        number = header_index + offset + 2  # 1-based, as a spreadsheet shows it

        def cell(field, row=row):
            col = columns.get(field)
            return row[col] if col is not None and col < len(row) else None

        if not any(str(c or "").strip() for c in row):
            continue
        errors, data = [], {}
        kode = str(cell("kode") or "").strip().upper()
        data["klasifikasi"] = codes.get(kode)
        if data["klasifikasi"] is None:
            errors.append(f'kode klasifikasi "{kode}" tidak dikenal')
        data["perihal"] = str(cell("perihal") or "").strip()[:500]
        if not data["perihal"]:
            errors.append("uraian/perihal kosong")
        data["tanggal"] = _date(cell("tanggal"))
        if data["tanggal"] is None:
            errors.append(f'tanggal "{cell("tanggal") or ""}" tidak terbaca (pakai DD-MM-YYYY)')
        kelas_text = _norm(cell("kelas")) or "b"
        data["kelas"] = kelas.get(kelas_text)
        if data["kelas"] is None:
            errors.append(f'kelas keamanan "{cell("kelas")}" tidak dikenal')
        elif data["kelas"].tingkat > level:
            # Nobody classifies above their own clearance (arsip.authority).
            errors.append(f"Anda tidak berwenang menetapkan kelas {data['kelas'].nama}")
        unit_text = _norm(cell("unit"))
        data["unit"] = units.get(unit_text) if unit_text else user.unit
        if data["unit"] is None:
            errors.append(f'unit "{cell("unit") or ""}" tidak ada di kantor ini')
        jumlah = re.match(r"\s*(\d+)", str(cell("jumlah") or "1"))
        try:
            data["jumlah"] = COUNT.clean(jumlah.group(1)) if jumlah else 1
        except forms.ValidationError:
            errors.append(f'jumlah "{cell("jumlah")}" bukan bilangan yang masuk akal')
        perkembangan = _norm(cell("tingkat_perkembangan")) or "asli"
        data["tingkat_perkembangan"] = PERKEMBANGAN.get(perkembangan)
        if data["tingkat_perkembangan"] is None:
            errors.append(f'tingkat perkembangan "{perkembangan}" tidak dikenal')
        for field in ("nomor_surat", "keterangan", "lokasi_fisik", "dari", "kepada"):
            data[field] = str(cell(field) or "").strip()
        nomor_berkas = str(cell("nomor_berkas") or "").strip()
        data["nomor_berkas"] = nomor_berkas
        # Empty: a new file is described by its first row (see services.new_file_description).
        data["uraian_berkas"] = str(cell("uraian_berkas") or "").strip()
        if (
            nomor_berkas
            and nomor_berkas not in visible_berkas
            and Berkas.objects.filter(office_id=user.office_id, nomor_berkas=nomor_berkas).exists()
        ):
            # Worded like the register page's unknown number: never confirm a hidden file.
            errors.append(f"berkas dengan nomor {nomor_berkas} tidak ditemukan")
        results.append({"row": number, "data": None if errors else data, "errors": errors})
    return results


def import_rows(results, *, user, request=None):
    """Write every valid row in one transaction; refuse if any row has errors."""
    if not results or any(r["errors"] for r in results):
        raise ValueError("Perbaiki semua baris yang salah sebelum mengimpor.")
    created = []
    with transaction.atomic():
        berkas_by_nomor = {}
        for result in results:
            data = dict(result["data"])
            nomor_berkas = data.pop("nomor_berkas")
            uraian_berkas = data.pop("uraian_berkas")
            berkas = berkas_by_nomor.get(nomor_berkas) if nomor_berkas else None
            if berkas is None and nomor_berkas:
                berkas = Berkas.objects.filter(
                    office_id=user.office_id, nomor_berkas=nomor_berkas
                ).first()
            if berkas is None:
                berkas = Berkas.objects.create(
                    office=user.office,
                    nomor_berkas=nomor_berkas
                    or services.next_nomor_berkas(user.office, data["tanggal"].year),
                    klasifikasi=data["klasifikasi"],
                    uraian=uraian_berkas[:500]
                    or services.new_file_description(
                        data["klasifikasi"], data["kelas"], data["perihal"], data["tanggal"].year
                    ),
                    unit=data["unit"],
                    kurun_mulai=data["tanggal"],
                    kurun_selesai=data["tanggal"],
                    lokasi_fisik=data["lokasi_fisik"],
                    created_by=user,
                )
            if nomor_berkas:
                berkas_by_nomor[nomor_berkas] = berkas
            item = (
                berkas.naskah.order_by("-nomor_item").values_list("nomor_item", flat=True).first()
                or 0
            ) + 1
            naskah = Naskah.objects.create(
                office=user.office, berkas=berkas, nomor_item=item, created_by=user, **data
            )
            changed = False
            if berkas.kurun_mulai is None or naskah.tanggal < berkas.kurun_mulai:
                berkas.kurun_mulai, changed = naskah.tanggal, True
            if berkas.kurun_selesai is None or naskah.tanggal > berkas.kurun_selesai:
                berkas.kurun_selesai, changed = naskah.tanggal, True
            if changed:
                berkas.save(update_fields=["kurun_mulai", "kurun_selesai"])
            search.index_naskah(naskah)
            created.append(naskah)
        # Each record's history of classes starts with the class it was imported with.
        PerubahanKelas.objects.bulk_create(
            PerubahanKelas(office_id=n.office_id, naskah=n, dari=None, ke=n.kelas, oleh=user)
            for n in created
        )
        created = [n.pk for n in created]
        audit.record("arsip.import", request=request, actor=user, count=len(created))
    return created
