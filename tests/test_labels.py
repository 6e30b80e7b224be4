"""Labels, not codes (issue 14 part 6): every action any app writes has an Indonesian label,
detail keys and values read as words and Indonesian numbers, objects are named by kind, and
pages write times one way."""

import ast
import importlib.util
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from sisp import audit, audit_labels

ROOT = Path(__file__).resolve().parent.parent
APPS = ("sisp", "arsip", "ppps", "abk_anjab")
ACTION_SHAPE = re.compile(
    r"^(auth|portal|admin|audit|role|rules|sisp|arsip|ppps|abk_anjab)\.[a-z0-9_]+$"
)
# Strings of that shape that are no audit action, each with what it is.
NOT_ACTIONS = {
    "abk_anjab.draft": "signing salt of the ABK draft token",
    "ppps.view_": "prefix of a permission name",
    "admin.kota": "a demo username",
    "arsip.grants_follow_approver": "a signal's dispatch_uid",
    "arsip.grants_follow_approver_roles": "a signal's dispatch_uid",
    "arsip.grants_follow_record": "a signal's dispatch_uid",
    "arsip.naskah": "a per-office tally key (sisp/tallies.py)",
    "arsip.naskah_musnah": "a per-office tally key (sisp/tallies.py)",
    "ppps.perkara": "a count source of the ABK volume suggestions (ppps/volumes.py)",
    "ppps.aduan": "a count source of the ABK volume suggestions (ppps/volumes.py)",
}


def _source_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _action_like_strings():
    found = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ACTION_SHAPE.match(node.value)
            ):
                found.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _audit_call_first_literals():
    """The first argument of every audit.record / record_for_offices call written literally."""
    found = set()
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if name in ("record", "record_for_offices") and isinstance(first, ast.Constant):
                found.add(first.value)
    return found


@pytest.mark.django_db
def test_every_action_code_in_the_code_has_an_indonesian_label():
    permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }
    written = _audit_call_first_literals()
    candidates = {
        code: where
        for code, where in _action_like_strings().items()
        # A permission name is no action, unless an entry is written under it too.
        if (code not in permissions or code in written)
        and code not in NOT_ACTIONS
        and not _is_module(code)
    }
    # The enumeration finds the literal calls' actions and those passed through a helper
    # (abk_anjab.submit, portal.link_add, admin.other, …).
    assert written <= set(candidates) | set(NOT_ACTIONS)
    assert {"abk_anjab.submit", "admin.other", "portal.link_add", "arsip.view"} <= set(candidates)
    missing = {code: where for code, where in candidates.items() if code not in audit.ACTION_LABELS}
    assert not missing, f"actions without a label in sisp.audit.ACTION_LABELS: {missing}"


def _is_module(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_an_unknown_action_still_shows_its_code_rather_than_nothing():
    assert audit.action_label("xyz.unknown") == "xyz.unknown"


def test_every_detail_key_an_app_writes_has_a_label():
    keys = set()
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("record", "record_for_offices", "record_change"):
                keys |= {k.arg for k in node.keywords if k.arg}
    keys -= {"request", "actor", "obj", "office", "target", "detail_for", "changes"}
    # Keys built at run time (arsip.update's moves, arsip.download's extra).
    keys |= {"kelas", "unit", "unduhan", "kode", "bertanda"}
    missing = sorted(k for k in keys if k not in audit_labels.DETAIL_LABELS)
    assert not missing, f"detail keys without a label in DETAIL_LABELS: {missing}"


def test_detail_values_read_as_indonesian_words_and_numbers():
    items = dict(
        audit_labels.detail_items(
            {
                "kebutuhan_mentah": "1.2393",
                "sha256": "ab" * 32,
                "purpose": "x",
                "bertanda": True,
                "berkas": [3, 4],
                "tanggal": "2026-12-01",
                "count": 1500,
                "tahun": 2026,
            }
        )
    )
    assert items["Kebutuhan pegawai (sebelum pembulatan)"] == "1,24"
    assert items["Sidik jari dokumen elektronik (SHA-256)"] == "ab" * 32
    assert items["Tujuan"] == "x"
    assert items["Dibubuhi tanda pengunduh"] == "ya"
    assert items["Berkas"] == "#3, #4"
    assert items["Tanggal"] == "1 Desember 2026"
    assert items["Jumlah"] == "1.500"
    assert items["Tahun"] == "2026"


def test_the_rules_change_map_is_said_in_words_not_shown_as_json():
    items = audit_labels.detail_items(
        {"ringkasan": "batas (hari): 2 → 5", "changes": {"batas": [2, 5]}}
    )
    assert items == [("Ringkasan perubahan", "batas (hari): 2 → 5")]


def test_changed_fields_are_named_by_their_labels(db):
    items = dict(audit_labels.detail_items({"fields": ["perihal", "kelas"]}, "arsip.Naskah"))
    assert items["Isian yang diubah"] == "Perihal / uraian, Kelas keamanan"


# --- One time format: HH.MM (sisp/formats/id/formats.py) -------------------------------------

TIME_TOKENS = set("aABgGhHiPsu")
FILTER_FORMAT = re.compile(r"\|(?:date|time):\s*(['\"])(.*?)\1")
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"}
# Machine values, not shown as text: an <input type="time"> posts and reads "HH:MM".
PYTHON_TIME_FORMAT_ALLOWED = {("ppps/forms.py", "%H:%M")}


def _hand_written_time_formats(text):
    """The date/time filter formats of a template that write a time any other way than the
    one format (the named formats, or H.i / H.i.s)."""
    wrong = []
    for match in FILTER_FORMAT.finditer(text):
        fmt = match.group(2)
        if fmt in NAMED_FORMATS:
            continue
        unescaped = re.sub(r"\\.", "", fmt)
        if TIME_TOKENS & set(unescaped.replace("H.i.s", "").replace("H.i", "")):
            wrong.append(fmt)
    return wrong


def test_the_check_catches_a_colon_a_short_hour_and_accepts_the_one_format():
    assert _hand_written_time_formats('{{ t|date:"j M Y H:i" }}') == ["j M Y H:i"]
    assert _hand_written_time_formats("{{ t|time:'G.i' }}") == ["G.i"]
    assert _hand_written_time_formats('{{ t|date:"l, j F Y H.i" }}{{ t|time:"H.i.s" }}') == []
    assert _hand_written_time_formats('{{ t|date:"SHORT_DATETIME_FORMAT" }}') == []


def test_no_template_writes_a_time_in_another_format():
    wrong = {}
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".ics", ".xml"):
            found = _hand_written_time_formats(path.read_text())
            if found:
                wrong[str(path.relative_to(ROOT))] = found
    assert not wrong, f"use a named format or H.i (sisp/formats/id/formats.py): {wrong}"


def test_no_python_code_writes_a_time_with_a_colon():
    wrong = []
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(), rel)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for bad in ("%H:%M", "%I:%M", "H:i", "G:i", "G.i"):
                    if bad in node.value and (rel, bad) not in PYTHON_TIME_FORMAT_ALLOWED:
                        wrong.append(f"{rel}:{node.lineno} {node.value!r}")
    assert not wrong, wrong


def test_pages_show_times_as_hh_dot_mm(settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.template import engines

    moment = datetime(2026, 12, 2, 3, 3, tzinfo=ZoneInfo("Asia/Jakarta"))
    template = engines["django"].from_string(
        '{{ t|date:"SHORT_DATETIME_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}|{{ t|time }}|{{ t }}'
    )
    assert template.render({"t": moment}).split("|") == [
        "2 Des 2026 03.03",
        "2 Desember 2026 03.03",
        "03.03",
        "2 Desember 2026 03.03",
    ]


# --- One word per thing: berkas = the archival file, dokumen elektronik / file = the upload ----

# Phrases that use "berkas" for an electronic file (docs/architecture.md, "Glossary").
UPLOAD_AS_BERKAS = re.compile(
    r"berkas (elektronik|digital|naskah|kosong|terlalu|unggahan|cadangan|csv|excel|pdf|xlsx)"
    r"|(nama|jenis|unggah|mengunggah|versi|lampiran) berkas|tidak ada berkas yang dikirim"
    r"|pilih berkas yang (akan|benar)|lampiran\|length \}\} berkas|paling banyak \d+ berkas"
    r"|berkas ini tidak",
    re.IGNORECASE,
)


def _ui_texts():
    """Every template, and every string literal of the apps' code (labels, help texts,
    messages, e-mails, PDFs), with where it is."""
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            yield str(path.relative_to(ROOT)), path.read_text()
    for path in _source_files():
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(), rel)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{rel}:{node.lineno}", node.value
    for path in (ROOT / "docs").rglob("*"):
        if path.is_file() and path.suffix in (".md", ".conf", ".html"):
            yield str(path.relative_to(ROOT)), path.read_text()


def test_the_check_catches_berkas_used_for_an_upload():
    assert UPLOAD_AS_BERKAS.search("Pilih berkas yang akan diunggah.")
    assert UPLOAD_AS_BERKAS.search("<h2>Berkas elektronik</h2>")
    assert UPLOAD_AS_BERKAS.search("{{ lampiran|length }} berkas")
    assert not UPLOAD_AS_BERKAS.search("Nomor berkas 3/2026; tanggal berkas ditutup")
    assert not UPLOAD_AS_BERKAS.search("Pilih berkas 3/2026; {{ berkas_list|length }} berkas")


def test_no_page_form_message_or_document_calls_an_upload_berkas():
    wrong = [
        f"{where}: {match.group(0)!r}"
        for where, text in _ui_texts()
        for match in [UPLOAD_AS_BERKAS.search(text)]
        if match
    ]
    assert not wrong, "berkas is the archival file; say dokumen elektronik or file: " + str(wrong)


def test_no_template_comment_spans_lines_and_shows_on_the_page():
    """Django's {# #} ends at the line's end: a longer one is printed as text (it was on /cek/)."""
    wrong = []
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file():
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if "{#" in line and "#}" not in line[line.index("{#") :]:
                    wrong.append(f"{path.relative_to(ROOT)}:{number}")
    assert not wrong, f"use {{% comment %}} for a comment of several lines: {wrong}"


@pytest.mark.django_db
def test_an_entry_is_titled_by_local_time_and_label(settings):
    from datetime import UTC, datetime

    from sisp.models import AuditEvent

    event = AuditEvent(action="arsip.view", actor_username="staf")
    event.created_at = datetime(2026, 12, 2, 7, 41, tzinfo=UTC)
    assert str(event) == "2 Des 2026 14.41 · staf · Melihat naskah"
