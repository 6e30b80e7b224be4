"""Text extraction is bounded: a zip bomb is cut off at the byte budget, an office document
with too many members is refused, and the parsing child's memory and the task's time are
limited, so one hostile upload can neither exhaust the worker nor hold it for long."""

import io
import stat

import pytest
from django.core.files.storage import default_storage

from arsip import extraction
from tests.arsip.zipbombs import docx_bomb, docx_with_many_members


@pytest.fixture(scope="module")
def bomb():
    """3 MB on disk, 1 GB of Word XML once inflated."""
    return docx_bomb(megabytes=1024)


def _stored(name, data):
    return default_storage.save(f"uji/{name}", io.BytesIO(data))


def test_a_docx_zip_bomb_is_cut_off_at_the_byte_budget_within_the_memory_limit(settings, bomb):
    settings.ARSIP_EKSTRAKSI_MAX_MB = 8
    # Reading the whole gigabyte would need far more than this: the child would die of it.
    settings.ARSIP_EKSTRAKSI_MEMORI_MB = 300
    text, status, note = extraction.extract(_stored("bom.docx", bomb), "docx")
    assert status == "selesai"
    assert note == "teks dokumen sebagian (dipotong pada batas 8 MB)"
    assert text.startswith("bom bom") and len(text) <= 8 * 1024 * 1024


def test_many_inflating_parts_share_one_budget(settings):
    """The bomb measured on main: many header parts, each under the old per-part cap."""
    settings.ARSIP_EKSTRAKSI_MAX_MB = 8
    settings.ARSIP_EKSTRAKSI_MEMORI_MB = 300
    many = docx_bomb(megabytes=16, members=40)  # 640 MB in 40 parts
    text, status, note = extraction.extract(_stored("kepala.docx", many), "docx")
    assert status == "selesai" and "dipotong pada batas 8 MB" in note
    assert len(text) <= 8 * 1024 * 1024


def test_a_bomb_read_beyond_the_memory_limit_stops_the_child_not_the_worker(settings, bomb):
    settings.ARSIP_EKSTRAKSI_MAX_MB = 4096  # no byte budget to save it
    settings.ARSIP_EKSTRAKSI_MEMORI_MB = 300
    text, status, note = extraction.extract(_stored("bom.docx", bomb), "docx")
    assert (text, status) == ("", "gagal")
    assert note.startswith("dihentikan:") and "memori" in note


def test_an_office_document_with_too_many_parts_is_refused(settings):
    settings.ARSIP_EKSTRAKSI_MAX_ANGGOTA = 500
    data = docx_with_many_members(800)
    text, status, note = extraction.extract(_stored("banyak.docx", data), "docx")
    assert (text, status) == ("", "gagal")
    assert note == "dihentikan: dokumen berisi 802 bagian, melebihi batas 500 bagian"


def test_a_spreadsheet_larger_inside_than_the_budget_is_refused_before_parsing(settings):
    import openpyxl

    settings.ARSIP_EKSTRAKSI_MAX_MB = 1
    book = openpyxl.Workbook()
    for i in range(40_000):
        book.active.append([f"sel nomor {i} " * 4])
    buffer = io.BytesIO()
    book.save(buffer)
    text, status, note = extraction.extract(_stored("besar.xlsx", buffer.getvalue()), "xlsx")
    assert (text, status) == ("", "gagal") and "melebihi batas 1 MB" in note


def test_the_task_time_limit_stops_a_hanging_ocr_program(settings, tmp_path):
    """tesseract (here a program that never answers) is stopped at the task's time limit."""
    hanging = tmp_path / "tesseract"
    hanging.write_text("#!/bin/sh\nexec sleep 60\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IEXEC)
    settings.ARSIP_TESSERACT = str(hanging)
    settings.ARSIP_EKSTRAKSI_BATAS_DETIK = 2
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    text, status, note = extraction.extract(_stored("foto.png", png), "png")
    assert (text, status) == ("", "gagal")
    assert note == "dihentikan: melebihi batas waktu 2 detik"


def test_an_ordinary_document_is_read_whole(settings):
    from tests.arsip.test_search import _docx

    name = _stored("biasa.docx", _docx("Notulen rapat pleno terbuka"))
    text, status, note = extraction.extract(name, "docx")
    assert (status, note) == ("selesai", "teks dokumen")
    assert "Notulen rapat pleno terbuka" in text
