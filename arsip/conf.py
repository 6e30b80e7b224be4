"""Every setting E-Arsip reads, in one place, with its default (see docs/arsip.md)."""

from django.conf import settings


def borrow_days() -> int:
    # One guide says 5 working days (?): a setting, not a law.
    return getattr(settings, "ARSIP_PEMINJAMAN_HARI", 5)


def ocr_enabled() -> bool:
    return getattr(settings, "ARSIP_OCR", True)


def tesseract_cmd() -> str:
    return getattr(settings, "ARSIP_TESSERACT", "/usr/bin/tesseract")


def pdftoppm_cmd() -> str:
    return getattr(settings, "ARSIP_PDFTOPPM", "/usr/bin/pdftoppm")


def ocr_language() -> str:
    return getattr(settings, "ARSIP_OCR_LANG", "ind")


def ocr_max_pages() -> int:
    return getattr(settings, "ARSIP_OCR_MAX_PAGES", 50)


def ocr_timeout() -> float:
    return getattr(settings, "ARSIP_OCR_TIMEOUT", 120)


def extract_max_chars() -> int:
    """Extracted text kept per file; the rest is not searchable (keeps rows and indexes small)."""
    return getattr(settings, "ARSIP_TEKS_MAX", 1_000_000)


def extract_max_bytes() -> int:
    """Uncompressed bytes read out of one office document (all its members together): a
    zip bomb is cut off here. 32 MB of XML is far more text than any letter holds."""
    return getattr(settings, "ARSIP_EKSTRAKSI_MAX_MB", 32) * 1024 * 1024


def extract_max_members() -> int:
    """Members an office document may have (a .docx has a few dozen)."""
    return getattr(settings, "ARSIP_EKSTRAKSI_MAX_ANGGOTA", 2000)


def extract_memory_mb() -> int:
    """Address space of the parsing child process and of tesseract/pdftoppm."""
    return getattr(settings, "ARSIP_EKSTRAKSI_MEMORI_MB", 1024)


def extract_time_limit() -> float:
    """Seconds one extraction task may take in total (parsing, page rendering, OCR): the task
    time limit, so a live worker is never held longer by one file."""
    return getattr(settings, "ARSIP_EKSTRAKSI_BATAS_DETIK", 300)


def search_config() -> str:
    """The Postgres text-search configuration (stems pengawasan -> awas)."""
    return getattr(settings, "ARSIP_SEARCH_CONFIG", "indonesian")


def page_size() -> int:
    return getattr(settings, "ARSIP_PAGE_SIZE", 25)


def grant_max_days() -> int:
    """Longest explicit grant an official may approve."""
    return getattr(settings, "ARSIP_HAK_AKSES_MAX_HARI", 365)


def count_cap() -> int:
    """Search totals above this show as "more than N" (keeps counting cheap on big archives)."""
    return getattr(settings, "ARSIP_COUNT_CAP", 1000)


def disposal_min_witnesses() -> int:
    """Witnesses a Berita Acara Pemusnahan needs: "at least two" (domain note, PP 28/2012
    practice; Perka ANRI 25/2012)."""
    return getattr(settings, "ARSIP_PEMUSNAHAN_MIN_SAKSI", 2)


def disposal_anri_years() -> int:
    """Total retention (active + inactive years) from which destruction needs ANRI's recorded
    approval: 10 years in the domain note (PP 28/2012; threshold unconfirmed (?))."""
    return getattr(settings, "ARSIP_PEMUSNAHAN_ANRI_TAHUN", 10)


def snippet_source_chars() -> int:
    """Characters of each version's text a search snippet looks in (keeps a result page's
    snippets cheap; a word found further in shows the record's metadata instead)."""
    return getattr(settings, "ARSIP_CUPLIKAN_MAKS", 20_000)


def preview_width() -> int:
    """Width in pixels of the first-page preview image."""
    return getattr(settings, "ARSIP_PRATINJAU_LEBAR", 480)
