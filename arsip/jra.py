"""Loading the retention schedule (JRA) from a CSV/XLSX table: kode, aktif, inaktif,
keterangan (musnah / permanen / dinilai kembali), catatan. Every row is checked first;
one bad row saves nothing. Imported or changed rows are marked unverified."""

from django.db import transaction

from sisp import audit

from .importer import TableError, _norm
from .models import KlasifikasiArsip, RetensiArsip
from .retention import refresh_retensi

COLUMNS = {
    "kode": ["kode klasifikasi", "kode"],
    "aktif": ["retensi aktif", "aktif"],
    "inaktif": ["retensi inaktif", "inaktif"],
    "nasib": ["keterangan akhir", "keterangan", "nasib akhir"],
    "catatan": ["catatan"],
}
NASIB = {
    "musnah": "musnah",
    "permanen": "permanen",
    "dinilai kembali": "dinilai_kembali",
    "dinilai_kembali": "dinilai_kembali",
}


def check_jra(rows):
    """Returns (list of (row number, data or None, errors))."""
    header = None
    for index, row in enumerate(rows[:10]):
        names = [_norm(c) for c in row]
        if "kode" in names or "kode klasifikasi" in names:
            header = (
                index,
                {
                    f: next((names.index(a) for a in aliases if a in names), None)
                    for f, aliases in COLUMNS.items()
                },
            )
            break
    if header is None:
        raise TableError('Baris judul kolom tidak ditemukan (harus ada kolom "Kode").')
    index, cols = header
    missing = [COLUMNS[f][-1] for f in ("kode", "aktif", "inaktif", "nasib") if cols[f] is None]
    if missing:
        raise TableError("Kolom wajib tidak ada: " + ", ".join(missing) + ".")
    codes = {k.kode: k for k in KlasifikasiArsip.objects.all()}
    results = []
    for offset, row in enumerate(rows[index + 1 :]):
        if not any(str(c or "").strip() for c in row):
            continue

        def cell(field, row=row):
            col = cols[field]
            return str(
                row[col] if col is not None and col < len(row) and row[col] is not None else ""
            ).strip()

        errors, data = [], {}
        data["klasifikasi"] = codes.get(cell("kode").upper())
        if data["klasifikasi"] is None:
            errors.append(f'kode "{cell("kode")}" tidak dikenal')
        for field in ("aktif", "inaktif"):
            value = cell(field).split(" ")[0].split(".")[0]
            if not value.isdigit():
                errors.append(f'retensi {field} "{cell(field)}" bukan angka tahun')
            else:
                data[field] = int(value)
        data["nasib"] = NASIB.get(_norm(cell("nasib")))
        if data["nasib"] is None:
            errors.append(
                f'keterangan "{cell("nasib")}" harus musnah, permanen, atau dinilai kembali'
            )
        data["catatan"] = cell("catatan")
        results.append((index + offset + 2, None if errors else data, errors))
    return results


def import_jra(results, *, by, request=None):
    if not results or any(errors for _, _, errors in results):
        raise ValueError("Perbaiki semua baris yang salah; tidak ada yang disimpan.")
    with transaction.atomic():
        for _, data, _ in results:
            RetensiArsip.objects.update_or_create(
                klasifikasi=data["klasifikasi"],
                defaults={
                    "aktif_tahun": data["aktif"],
                    "inaktif_tahun": data["inaktif"],
                    "nasib_akhir": data["nasib"],
                    "catatan": data["catatan"],
                    "terverifikasi": False,
                    "diverifikasi_oleh": None,
                    "diverifikasi_pada": None,
                },
            )
            refresh_retensi(data["klasifikasi"])
        audit.record("arsip.import_jra", request=request, actor=by, count=len(results))
    return len(results)
