"""The parsing half of text extraction, run in a child process under hard limits.

``arsip.extraction`` starts this file as a script (``python textparse.py ...``), never
imports it into the worker: a hostile upload (a zip bomb, a PDF whose streams inflate to
gigabytes, a parser loop) then costs at most the limits set here, and a child killed by them
leaves the task worker alive. Kept free of Django so the child starts in a fraction of a second.

    textparse.py parse EXT MAX_BYTES MAX_MEMBERS MAX_CHARS MEMORY_MB CPU_SECONDS < file
        -> one JSON object on stdout: {"text", "pages", "truncated"} or {"error", "limit"}
    textparse.py exec MEMORY_MB CPU_SECONDS -- program args...
        -> the program (tesseract, pdftoppm) run under the same memory and CPU limits

Limits: the address space (RLIMIT_AS) and CPU time (RLIMIT_CPU) of the child; inside an office
document, the number of zip members and the total bytes read out of them (members are read
with a byte budget, so a member that inflates beyond it is cut off, never read whole).
"""

import html
import io
import json
import os
import re
import sys
import zipfile

_TAG = re.compile(r"<[^>]+>")
OFFICE_MEMBERS = {
    "docx": re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$"),
    "pptx": re.compile(r"^ppt/slides/slide\d+\.xml$"),
    "odt": re.compile(r"^content\.xml$"),
    "ods": re.compile(r"^content\.xml$"),
    "odp": re.compile(r"^content\.xml$"),
}


class LimitExceeded(Exception):
    """The file is larger inside than the limits allow (message in Indonesian)."""


def set_limits(memory_mb, cpu_seconds):
    try:
        import resource
    except ImportError:  # not on Linux/BSD: only the parent's wall-clock timeout applies
        return
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if cpu_seconds > 0:
        # SIGXCPU at the soft limit, SIGKILL one second later.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def xml_text(raw):
    text = _TAG.sub(" ", raw.decode("utf-8", "replace"))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _check_members(archive, max_members):
    infos = archive.infolist()
    if len(infos) > max_members:
        raise LimitExceeded(
            f"dokumen berisi {len(infos)} bagian, melebihi batas {max_members} bagian"
        )
    return infos


def office_text(data, extension, *, max_bytes, max_members):
    """(text, truncated) of an office document, reading at most ``max_bytes`` uncompressed
    bytes in total out of at most ``max_members`` zip members."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = _check_members(archive, max_members)
        if extension == "xlsx":
            declared = sum(info.file_size for info in infos)
            if declared > max_bytes:
                # openpyxl reads whole parts (shared strings): refused before it starts.
                raise LimitExceeded(
                    f"isi lembar kerja {declared // (1024 * 1024)} MB setelah diurai, "
                    f"melebihi batas {max_bytes // (1024 * 1024)} MB"
                )
            return _xlsx_text(data), False
        pattern = OFFICE_MEMBERS[extension]
        parts, budget, truncated = [], max_bytes, False
        for info in infos:
            if not pattern.match(info.filename):
                continue
            if budget <= 0:
                truncated = True
                break
            with archive.open(info) as member:
                raw = member.read(budget)
                budget -= len(raw)
                if budget <= 0 and member.read(1):
                    truncated = True
            parts.append(xml_text(raw))
    return " ".join(parts), truncated


def _xlsx_text(data):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(v) for v in row if v is not None)
    book.close()
    return " ".join(cells)


def pdf_text(data):
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    text = extract_text(io.BytesIO(data)) or ""
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - a damaged page table only affects the scan guess
        pages = 1
    return text, max(pages, 1)


def parse(data, extension, *, max_bytes, max_members):
    """{"text", "pages", "truncated"} of one file."""
    if extension == "pdf":
        text, pages = pdf_text(data)
        return {"text": text, "pages": pages, "truncated": False}
    text, truncated = office_text(data, extension, max_bytes=max_bytes, max_members=max_members)
    return {"text": text, "pages": 1, "truncated": truncated}


def _main_parse(args):
    extension, max_bytes, max_members, max_chars, memory_mb, cpu = args
    data = sys.stdin.buffer.read()
    set_limits(int(memory_mb), int(cpu))
    try:
        result = parse(data, extension, max_bytes=int(max_bytes), max_members=int(max_members))
        result["text"] = result["text"][: int(max_chars)]
    except LimitExceeded as exc:
        result = {"error": str(exc), "limit": True}
    except MemoryError:
        result = {"error": "memerlukan memori melebihi batas", "limit": True}
    except Exception as exc:  # noqa: BLE001 - a damaged file of any kind
        result = {"error": type(exc).__name__, "limit": False}
    sys.stdout.write(json.dumps(result))
    return 0


def _main_exec(args):
    memory_mb, cpu, separator, *command = args
    if separator != "--" or not command:
        return 2
    set_limits(int(memory_mb), int(cpu))
    os.execv(command[0], command)  # the limits stay with the program  # noqa: S606
    return 0  # pragma: no cover


if __name__ == "__main__":
    mode, *rest = sys.argv[1:] or [""]
    if mode == "parse":
        sys.exit(_main_parse(rest))
    if mode == "exec":
        sys.exit(_main_exec(rest))
    sys.exit(__doc__)
