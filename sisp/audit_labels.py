"""How pages and exports show an audit entry to people: the action's label
(``sisp.audit.ACTION_LABELS``), the detail's keys as labels, values formatted the Indonesian
way, the object named by its kind.

The trail stores codes (``arsip.download``, ``sha256``, ``1.2393``); people read "Mengunduh
dokumen elektronik", "Sidik jari dokumen elektronik (SHA-256)", "1,24". The exact values stay
in the trail and in the CSV export's raw columns. Apps add the keys they write with ``DETAIL_LABELS.update(...)``
in ``AppConfig.ready``, like the action labels.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone, translation
from django.utils.text import capfirst

EMPTY = "—"

# How a value is shown; a DETAIL_LABELS entry is a label, or (label, kind) with one of these
# kinds or a function of the value.
REF = "ref"  # a row's id, or a list of ids: "#5", "#1, #2"
NUMBER = "number"  # a decimal shown to people with two places: "1.2393" -> "1,24"
COUNT = "count"  # a count, thousands grouped: 1500 -> "1.500" (other whole numbers, such as
# years and versions, stay as written: 2026)
DATE = "date"  # an ISO date: "2026-12-01" -> "1 Desember 2026"
CHANGE = "change"  # [old, new]: "B → T"
FIELDS = "fields"  # names of the object's fields: their labels ("perihal" -> "Perihal")
HIDDEN = "hidden"  # not shown on pages (another key says it in words); kept in the export

DETAIL_LABELS = {
    # sisp
    "username": "Nama pengguna",
    "wants": ("Ringkasan harian lewat surel", lambda v: "ya" if v else "tidak"),
    "kinds": ("Jenis pekerjaan yang menunggu", COUNT),
    "role": "Peran",
    "approved_by": "Disetujui oleh",
    "devices": ("Perangkat dihapus", COUNT),
    "remaining": "Sisa kode pemulihan",
    "enrolment": "Pendaftaran",
    "url": "Alamat tautan",
    "filters": "Saringan",
    "change_message": "Keterangan perubahan",
    "model": "Jenis data",
    "ringkasan": "Ringkasan perubahan",
    "changes": ("Perubahan", HIDDEN),
    "created": "Baris ditambahkan",
    "hak_ditambah": "Hak ditambahkan",
    "hak_dicabut": "Hak dicabut",
    "count": ("Jumlah", COUNT),
    "kode": "Kode",
    "alasan": "Alasan",
    "catatan": "Catatan",
    "status": "Status",
    "fields": ("Isian yang diubah", FIELDS),
    "versi": "Versi",
    "tahun": "Tahun",
    "tanggal": ("Tanggal", DATE),
    "nomor": "Nomor",
    # Older entries (before the purpose moved out of the trail) carry "purpose".
    "purpose": "Tujuan",
    "tujuan": "Tujuan",
    "sha256": "Sidik jari dokumen elektronik (SHA-256)",
}

# The kind of object an entry names, where the model's own name says too little on a page.
OBJECT_KINDS = {
    "sisp.Link": "Tautan portal",
    "sisp.LinkCategory": "Kategori tautan portal",
    "auth.Group": "Peran",
}


# The modules of the action codes (the part before the dot), for the audit page's filter.
MODULE_LABELS = {
    "auth": "Masuk dan verifikasi dua langkah",
    "role": "Permohonan peran",
    "portal": "Portal",
    "admin": "Admin",
    "rules": "Aturan bersama",
    "audit": "Jejak audit",
    "arsip": "E-Arsip",
    "ppps": "Info PPPS",
    "abk_anjab": "ABK & Anjab",
}


def action_choices():
    """Choices of the audit page's "Tindakan" filter: each module (all its actions) and, in
    its group, each action by its label; sorted by label within a module."""
    from .audit import ACTION_LABELS

    groups = {}
    for code, label in ACTION_LABELS.items():
        groups.setdefault(code.split(".", 1)[0], []).append((code, label))
    choices = [("", "Semua tindakan")]
    for module, actions in sorted(
        groups.items(),
        key=lambda item: (
            list(MODULE_LABELS).index(item[0]) if item[0] in MODULE_LABELS else len(MODULE_LABELS)
        ),
    ):
        name = MODULE_LABELS.get(module, module)
        options = [(module, f"{name}: semua tindakan")]
        options += sorted(actions, key=lambda action: action[1])
        choices.append((name, options))
    return choices


def _humanise(key):
    """A key nobody labelled, as words: "tanggal_tutup" -> "Tanggal tutup"."""
    return capfirst(str(key).replace("_", " "))


def _entry(key):
    entry = DETAIL_LABELS.get(key)
    if entry is None:
        return _humanise(key), None
    if isinstance(entry, tuple):
        return entry
    return entry, None


def detail_label(key):
    return _entry(key)[0]


def number(value, places=2):
    """``value`` with dots grouping thousands and a decimal comma, rounded half-up:
    "1.2393" -> "1,24", 1500 -> "1.500". Text that is no number is returned as it is."""
    try:
        figure = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not figure.is_finite():
        return str(value)
    figure = figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    with translation.override("id"):
        return formats.number_format(figure, decimal_pos=places, use_l10n=True, force_grouping=True)


def _date(value):
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    with translation.override("id"):
        return formats.date_format(day, "DATE_FORMAT")


def _field_label(model, name):
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except (FieldDoesNotExist, AttributeError):  # no such field, or no model: as words
        return _humanise(name)


def format_value(value, kind=None, model=None):
    """One detail value as people read it; ``model`` is the entry's object's model (for the
    labels of FIELDS)."""
    if value is None or value == "" or value == []:
        return EMPTY
    if callable(kind):
        return str(kind(value))
    if kind == FIELDS and isinstance(value, list | tuple):
        return ", ".join(_field_label(model, name) for name in value)
    if kind == CHANGE and isinstance(value, list | tuple) and len(value) == 2:
        return f"{format_value(value[0])} → {format_value(value[1])}"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if kind == REF:
        if isinstance(value, list | tuple):
            return ", ".join(f"#{v}" for v in value)
        return f"#{value}"
    if kind == NUMBER:
        return number(value)
    if kind == COUNT:
        return number(value, 0)
    if kind == DATE:
        return _date(value)
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{detail_label(k)}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    return str(value)


def _model(label):
    from django.apps import apps

    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def detail_items(detail, object_type=""):
    """(label, value) pairs of an entry's ``detail`` for a page, in the order written; keys
    marked HIDDEN are left out (another key says the same in words)."""
    if not isinstance(detail, dict):
        return [("Rincian", str(detail))] if detail else []
    model = _model(object_type)
    items = []
    for key, value in detail.items():
        label, kind = _entry(key)
        if kind == HIDDEN:
            continue
        if kind is None and isinstance(value, str):
            # A code of one of the object's own choices (a status): its label.
            kind = _choice_label(model, key)
        items.append((label, format_value(value, kind, model)))
    return items


def _choice_label(model, key):
    try:
        choices = dict(model._meta.get_field(key).flatchoices) if model is not None else {}
    except FieldDoesNotExist:
        return None
    if not choices:
        return None
    return lambda value: choices.get(value, value)


def detail_text(detail, object_type=""):
    """The detail as one line for an export: "Versi: 2; Sidik jari …: ab12…"."""
    return "; ".join(f"{label}: {value}" for label, value in detail_items(detail, object_type))


def object_label(event):
    """How a page names an entry's object: its kind and the stored name ("Tautan portal
    «Kepegawaian»"). A model that names itself for the trail (``audit_repr``: kind, class and
    id, never a record's subject) is shown by that stored name alone."""
    if not event.object_type:
        return event.object_repr
    model = _model(event.object_type)
    if model is not None and hasattr(model, "audit_repr"):
        return event.object_repr or f"{capfirst(model._meta.verbose_name)} #{event.object_id}"
    if event.object_type in OBJECT_KINDS:
        kind = OBJECT_KINDS[event.object_type]
    elif model is not None:
        kind = capfirst(str(model._meta.verbose_name))
    else:
        kind = "Data"
    if event.object_repr:
        return f"{kind} «{event.object_repr}»"
    return f"{kind} #{event.object_id}"


def moment(value):
    """A time as every page shows it (``sisp/formats``): "2 Des 2026 03.03"."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override("id"):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
