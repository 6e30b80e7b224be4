"""Loading the retention schedule (JRA) from a CSV/XLSX table: kode, aktif, inaktif,
keterangan (musnah / permanen / dinilai kembali), catatan. Every row is checked first;
one bad row saves nothing. Imported or changed rows are marked unverified."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sisp import audit, shared_rules
from sisp.roles import is_installation_manager

from .importer import TableError, _norm
from .models import KlasifikasiArsip, RetensiArsip
from .retention import files_under, moved_detail, refresh_retensi

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from sisp.models import User

# One checked row of the table: (row number, data or None, errors).
CheckedRow = tuple[int, dict[str, Any] | None, list[str]]

# Years of retention as the table gives them, read by a form field (never ``isdigit()``/``int()``:
# "²".isdigit() is true); the bound is the column's (PositiveSmallIntegerField).
YEARS = forms.IntegerField(min_value=0, max_value=32767)

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


def check_jra(rows: Sequence[Sequence[Any]]) -> list[CheckedRow]:
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
    results: list[CheckedRow] = []
    for offset, row in enumerate(rows[index + 1 :]):
        if not any(str(c or "").strip() for c in row):
            continue

        def cell(field: str, row: Sequence[Any] = row) -> str:
            col = cols[field]
            return str(
                row[col] if col is not None and col < len(row) and row[col] is not None else ""
            ).strip()

        errors: list[str] = []
        data: dict[str, Any] = {}
        data["klasifikasi"] = codes.get(cell("kode").upper())
        if data["klasifikasi"] is None:
            errors.append(f'kode "{cell("kode")}" tidak dikenal')
        for field in ("aktif", "inaktif"):
            try:
                data[field] = YEARS.clean(cell(field).split(" ")[0].split(".")[0])
            except forms.ValidationError:
                errors.append(f'retensi {field} "{cell(field)}" bukan angka tahun')
        data["nasib"] = NASIB.get(_norm(cell("nasib")))
        if data["nasib"] is None:
            errors.append(
                f'keterangan "{cell("nasib")}" harus musnah, permanen, atau dinilai kembali'
            )
        data["catatan"] = cell("catatan")
        results.append((index + offset + 2, None if errors else data, errors))
    return results


def import_jra(
    results: Sequence[tuple[int, Any, list[str]]],  # check_jra's rows, data None on errors
    *,
    by: User,
    request: HttpRequest | None = None,
) -> int:
    """Save checked rows (all or none), marked unverified, and move the files' retention
    dates. The JRA is the installation's: only the installation manager loads it (the view
    and the command), and every office gets an audit entry with the rows that changed and
    its own files whose dates moved. Returns the number of rows."""
    if not results or any(errors for _, _, errors in results):
        raise ValueError("Perbaiki semua baris yang salah; tidak ada yang disimpan.")
    with transaction.atomic():
        changes: dict[str, Any] = {}
        moved: dict[int, list[int]] = {}
        for _, data, _ in results:
            existing = RetensiArsip.objects.filter(klasifikasi=data["klasifikasi"]).first()
            old = shared_rules.snapshot(existing) if existing else {}
            row, _ = RetensiArsip.objects.update_or_create(
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
            delta = shared_rules.diff(old, shared_rules.snapshot(row))
            if delta:
                changes[data["klasifikasi"].kode] = delta
            touched = refresh_retensi(data["klasifikasi"])
            if "nasib_akhir" in delta:
                touched = files_under(data["klasifikasi"])
            for office_id, ids in touched.items():
                moved.setdefault(office_id, []).extend(ids)
        audit.record_for_offices(
            "arsip.import_jra",
            request=request,
            actor=by,
            detail_for=moved_detail(moved),
            count=len(results),
            ringkasan=" | ".join(
                f"{kode} {shared_rules.summary(RetensiArsip, delta)}"
                for kode, delta in changes.items()
            )[:2000],
            changes=changes,
        )
    return len(results)


def verify_jra(
    queryset: QuerySet[RetensiArsip], *, by: User, request: HttpRequest | None = None
) -> int:
    """Mark the unverified JRA rows of ``queryset`` verified by ``by`` (the installation
    manager: a change of a shared rule), with one audit entry in every office naming the codes.
    Rows already verified are left as they are. Returns the number of rows verified."""
    if not is_installation_manager(by):
        raise PermissionDenied
    with transaction.atomic():
        rows = list(
            RetensiArsip.objects.filter(pk__in=queryset.values("pk"), terverifikasi=False)
            .select_for_update(of=("self",))
            .select_related("klasifikasi")
        )
        if not rows:
            return 0
        RetensiArsip.objects.filter(pk__in=[r.pk for r in rows]).update(
            terverifikasi=True, diverifikasi_oleh=by, diverifikasi_pada=timezone.now()
        )
        audit.record_for_offices(
            "arsip.verify_jra",
            request=request,
            actor=by,
            kode=[r.klasifikasi.kode for r in rows],
            count=len(rows),
        )
    return len(rows)
