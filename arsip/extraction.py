"""Text out of stored files, for search: PDF text layer (pdfminer), office documents (their
XML inside the zip, openpyxl for .xlsx), and OCR with Tesseract (Indonesian) for scans and
images where the binaries are installed. Returns (text, status, note); never raises for a
bad file: a broken upload must not stop the archive.

Bounded: parsing runs in a child process (``arsip/textparse.py``) under a memory limit, and
every step (parse, page rendering, OCR) shares one time limit per task; inside an office
document at most ``ARSIP_EKSTRAKSI_MAX_ANGGOTA`` members and ``ARSIP_EKSTRAKSI_MAX_MB`` of
uncompressed bytes are read. A file over a limit gets status "gagal" with the limit named (or
"selesai" with the text read so far when a document's text was cut at the byte budget)."""

import json
import logging
import os
import subprocess
import sys
import tempfile
import time

from django.core.files.storage import default_storage

from . import conf, textparse

log = logging.getLogger(__name__)

SELESAI, DILEWATI, GAGAL = "selesai", "dilewati", "gagal"
OFFICE_MEMBERS = textparse.OFFICE_MEMBERS
IMAGES = {"jpg", "png", "tif", "webp"}
# A PDF whose text layer has fewer characters per page than this is treated as a scan.
SCAN_CHARS_PER_PAGE = 40
_CHILD = [sys.executable, "-I", textparse.__file__]


class LimitExceeded(Exception):
    """The file needs more than the extraction limits allow (message in Indonesian)."""


class Deadline:
    """The time limit of one extraction task, shared by its steps (parse, OCR pages)."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def left(self, cap=None):
        left = self.ends - time.monotonic()
        if left <= 0:
            raise LimitExceeded(f"melebihi batas waktu {self.seconds} detik")
        return min(left, cap) if cap else left


def _limits():
    return [str(conf.extract_memory_mb()), str(int(conf.extract_time_limit()) + 1)]


def parse(data, extension, deadline):
    """Run textparse in a child process under the memory, CPU and size limits. Returns
    (text, pages, truncated); raises LimitExceeded, or ValueError for a damaged file."""
    args = [
        "parse",
        extension,
        str(conf.extract_max_bytes()),
        str(conf.extract_max_members()),
        str(conf.extract_max_chars()),
        *_limits(),
    ]
    try:
        done = subprocess.run(
            [*_CHILD, *args], input=data, capture_output=True, timeout=deadline.left()
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise LimitExceeded(f"melebihi batas waktu {deadline.seconds} detik") from exc
    if done.returncode < 0:  # killed by its own limits (SIGXCPU, SIGKILL, SIGSEGV on ENOMEM)
        raise LimitExceeded("melebihi batas waktu atau memori pengurai")
    try:
        result = json.loads(done.stdout)
    except ValueError as exc:
        log.warning("arsip extraction child said: %s", done.stderr[-500:])
        raise LimitExceeded("pengurai berhenti tanpa hasil (batas memori?)") from exc
    if "error" in result:
        if result.get("limit"):
            raise LimitExceeded(result["error"])
        raise ValueError(result["error"])
    return result["text"], max(int(result["pages"]), 1), bool(result["truncated"])


def _limited(command):
    """``command`` run through textparse's exec mode: same memory and CPU limits."""
    return [*_CHILD, "exec", *_limits(), "--", *command]


def _tesseract(image_path, deadline):
    result = subprocess.run(
        _limited([conf.tesseract_cmd(), image_path, "stdout", "-l", conf.ocr_language()]),
        capture_output=True,
        timeout=deadline.left(conf.ocr_timeout()),
        check=True,
    )
    return result.stdout.decode("utf-8", "replace")


def ocr_available():
    return conf.ocr_enabled() and os.path.exists(conf.tesseract_cmd())


def ocr_image(data, extension, deadline):
    with tempfile.TemporaryDirectory(prefix="arsip-ocr-") as tmp:
        path = os.path.join(tmp, f"image.{extension}")
        with open(path, "wb") as handle:
            handle.write(data)
        return _tesseract(path, deadline)


def ocr_pdf(data, deadline):
    """(text, complete): pages read before the time limit; complete is False when it cut."""
    with tempfile.TemporaryDirectory(prefix="arsip-ocr-") as tmp:
        pdf = os.path.join(tmp, "scan.pdf")
        with open(pdf, "wb") as handle:
            handle.write(data)
        subprocess.run(
            _limited(
                [
                    conf.pdftoppm_cmd(),
                    "-r",
                    "300",
                    "-gray",
                    "-png",
                    "-l",
                    str(conf.ocr_max_pages()),
                    pdf,
                    os.path.join(tmp, "page"),
                ]
            ),
            capture_output=True,
            timeout=deadline.left(conf.ocr_timeout()),
            check=True,
        )
        pages = sorted(f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png"))
        texts = []
        for page in pages:
            try:
                texts.append(_tesseract(os.path.join(tmp, page), deadline))
            except (LimitExceeded, subprocess.TimeoutExpired):
                return "\n".join(texts), False
        return "\n".join(texts), True


def _too_big(file_name, exc):
    note = f"dihentikan: {exc}"
    log.warning("arsip extraction: %s: %s", file_name, note)
    return "", GAGAL, note[:300]


def extract(file_name, extension):
    """Text of a stored file. Returns (text, status, note)."""
    with default_storage.open(file_name, "rb") as handle:
        data = handle.read()
    deadline = Deadline(conf.extract_time_limit())
    try:
        if extension == "pdf":
            text, pages, _ = parse(data, "pdf", deadline)
            if len(text.strip()) >= SCAN_CHARS_PER_PAGE * pages:
                return text, SELESAI, "teks PDF"
            if not ocr_available() or not os.path.exists(conf.pdftoppm_cmd()):
                note = "PDF hasil pindai; OCR tidak tersedia (tesseract/pdftoppm tidak terpasang)"
                log.info("arsip extraction: %s: %s", file_name, note)
                return text, (SELESAI if text.strip() else DILEWATI), note
            scanned, complete = ocr_pdf(data, deadline)
            note = "OCR (PDF hasil pindai)" if complete else "OCR sebagian (batas waktu tercapai)"
            return (text + "\n" + scanned).strip(), SELESAI, note
        if extension in IMAGES:
            if not ocr_available():
                note = "gambar; OCR tidak tersedia (tesseract tidak terpasang)"
                log.info("arsip extraction: %s: %s", file_name, note)
                return "", DILEWATI, note
            return ocr_image(data, extension, deadline), SELESAI, "OCR gambar"
        if extension in OFFICE_MEMBERS or extension == "xlsx":
            text, _, truncated = parse(data, extension, deadline)
            if truncated:
                limit = conf.extract_max_bytes() // (1024 * 1024)
                return text, SELESAI, f"teks dokumen sebagian (dipotong pada batas {limit} MB)"
            return text, SELESAI, "teks dokumen"
        note = f"format .{extension} tidak diekstrak"
        log.info("arsip extraction: %s: %s", file_name, note)
        return "", DILEWATI, note
    except LimitExceeded as exc:
        return _too_big(file_name, exc)
    except subprocess.TimeoutExpired:
        return _too_big(file_name, f"melebihi batas waktu {deadline.seconds} detik")
    except (subprocess.SubprocessError, OSError) as exc:
        log.warning("arsip extraction failed for %s: %s", file_name, exc)
        return "", GAGAL, f"gagal: {type(exc).__name__}"
    except Exception as exc:  # noqa: BLE001 - damaged files of any kind
        log.warning("arsip extraction failed for %s: %s", file_name, exc)
        return (
            "",
            GAGAL,
            f"file tidak dapat dibaca ({exc if isinstance(exc, ValueError) else type(exc).__name__})",
        )
