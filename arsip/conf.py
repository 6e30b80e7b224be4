"""Every setting E-Arsip reads, in one place, with its default (see docs/arsip.md)."""

from django.conf import settings


def borrow_days():
    # One guide says 5 working days (?): a setting, not a law.
    return getattr(settings, "ARSIP_PEMINJAMAN_HARI", 5)


def ocr_enabled():
    return getattr(settings, "ARSIP_OCR", True)


def tesseract_cmd():
    return getattr(settings, "ARSIP_TESSERACT", "/usr/bin/tesseract")


def pdftoppm_cmd():
    return getattr(settings, "ARSIP_PDFTOPPM", "/usr/bin/pdftoppm")


def ocr_language():
    return getattr(settings, "ARSIP_OCR_LANG", "ind")


def ocr_max_pages():
    return getattr(settings, "ARSIP_OCR_MAX_PAGES", 50)


def ocr_timeout():
    return getattr(settings, "ARSIP_OCR_TIMEOUT", 120)


def extract_max_chars():
    """Extracted text kept per file; the rest is not searchable (keeps rows and indexes small)."""
    return getattr(settings, "ARSIP_TEKS_MAX", 1_000_000)


def search_config():
    """The Postgres text-search configuration (stems pengawasan -> awas)."""
    return getattr(settings, "ARSIP_SEARCH_CONFIG", "indonesian")


def page_size():
    return getattr(settings, "ARSIP_PAGE_SIZE", 25)


def grant_max_days():
    """Longest explicit grant an official may approve."""
    return getattr(settings, "ARSIP_HAK_AKSES_MAX_HARI", 365)


def count_cap():
    """Search totals above this show as "more than N" (keeps counting cheap on big archives)."""
    return getattr(settings, "ARSIP_COUNT_CAP", 1000)


def snippet_source_chars():
    """Characters of each version's text a search snippet looks in (keeps a result page's
    snippets cheap; a word found further in shows the record's metadata instead)."""
    return getattr(settings, "ARSIP_CUPLIKAN_MAKS", 20_000)


def preview_width():
    """Width in pixels of the first-page preview image."""
    return getattr(settings, "ARSIP_PRATINJAU_LEBAR", 480)
