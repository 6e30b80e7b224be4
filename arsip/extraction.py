"""Text out of stored files, for search: PDF text layer (pdfminer), office documents (their
XML inside the zip, openpyxl for .xlsx), and OCR with Tesseract (Indonesian) for scans and
images where the binaries are installed. Returns (text, status, note); never raises for a
bad file: a broken upload must not stop the archive."""

import html
import io
import logging
import os
import re
import subprocess
import tempfile
import zipfile

from django.core.files.storage import default_storage

from . import conf

log = logging.getLogger(__name__)

SELESAI, DILEWATI, GAGAL = "selesai", "dilewati", "gagal"
_TAG = re.compile(r"<[^>]+>")
# Per zip member, to refuse zip bombs: an office document's XML is rarely above a few MB.
MAX_XML_BYTES = 20 * 1024 * 1024
OFFICE_MEMBERS = {
    "docx": re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$"),
    "pptx": re.compile(r"^ppt/slides/slide\d+\.xml$"),
    "odt": re.compile(r"^content\.xml$"),
    "ods": re.compile(r"^content\.xml$"),
    "odp": re.compile(r"^content\.xml$"),
}
IMAGES = {"jpg", "png", "tif", "webp"}
# A PDF whose text layer has fewer characters per page than this is treated as a scan.
SCAN_CHARS_PER_PAGE = 40


def _xml_text(raw):
    text = _TAG.sub(" ", raw.decode("utf-8", "replace"))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def office_text(data, extension):
    if extension == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend(str(v) for v in row if v is not None)
        book.close()
        return " ".join(cells)
    pattern = OFFICE_MEMBERS[extension]
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if pattern.match(info.filename):
                with archive.open(info) as member:
                    parts.append(_xml_text(member.read(MAX_XML_BYTES)))
    return " ".join(parts)


def pdf_text(data):
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    text = extract_text(io.BytesIO(data)) or ""
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 - a damaged page table only affects the scan guess
        pages = 1
    return text, max(pages, 1)


def ocr_available():
    return conf.ocr_enabled() and os.path.exists(conf.tesseract_cmd())


def _tesseract(image_path):
    result = subprocess.run(
        [conf.tesseract_cmd(), image_path, "stdout", "-l", conf.ocr_language()],
        capture_output=True,
        timeout=conf.ocr_timeout(),
        check=True,
    )
    return result.stdout.decode("utf-8", "replace")


def ocr_image(data, extension):
    with tempfile.TemporaryDirectory(prefix="arsip-ocr-") as tmp:
        path = os.path.join(tmp, f"image.{extension}")
        with open(path, "wb") as handle:
            handle.write(data)
        return _tesseract(path)


def ocr_pdf(data):
    with tempfile.TemporaryDirectory(prefix="arsip-ocr-") as tmp:
        pdf = os.path.join(tmp, "scan.pdf")
        with open(pdf, "wb") as handle:
            handle.write(data)
        subprocess.run(
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
            ],
            capture_output=True,
            timeout=conf.ocr_timeout(),
            check=True,
        )
        pages = sorted(f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png"))
        return "\n".join(_tesseract(os.path.join(tmp, page)) for page in pages)


def extract(file_name, extension):
    """Text of a stored file. Returns (text, status, note)."""
    with default_storage.open(file_name, "rb") as handle:
        data = handle.read()
    try:
        if extension == "pdf":
            text, pages = pdf_text(data)
            if len(text.strip()) >= SCAN_CHARS_PER_PAGE * pages:
                return text, SELESAI, "teks PDF"
            if not ocr_available() or not os.path.exists(conf.pdftoppm_cmd()):
                note = "PDF hasil pindai; OCR tidak tersedia (tesseract/pdftoppm tidak terpasang)"
                log.info("arsip extraction: %s: %s", file_name, note)
                return text, (SELESAI if text.strip() else DILEWATI), note
            return (text + "\n" + ocr_pdf(data)).strip(), SELESAI, "OCR (PDF hasil pindai)"
        if extension in IMAGES:
            if not ocr_available():
                note = "gambar; OCR tidak tersedia (tesseract tidak terpasang)"
                log.info("arsip extraction: %s: %s", file_name, note)
                return "", DILEWATI, note
            return ocr_image(data, extension), SELESAI, "OCR gambar"
        if extension in OFFICE_MEMBERS or extension == "xlsx":
            return office_text(data, extension), SELESAI, "teks dokumen"
        note = f"format .{extension} tidak diekstrak"
        log.info("arsip extraction: %s: %s", file_name, note)
        return "", DILEWATI, note
    except (subprocess.SubprocessError, OSError) as exc:
        log.warning("arsip extraction failed for %s: %s", file_name, exc)
        return "", GAGAL, f"gagal: {type(exc).__name__}"
    except Exception as exc:  # noqa: BLE001 - damaged files of any kind
        log.warning("arsip extraction failed for %s: %s", file_name, exc)
        return "", GAGAL, f"berkas tidak dapat dibaca ({type(exc).__name__})"
