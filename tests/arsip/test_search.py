"""Full-text search: metadata and file text, letter numbers in any format, stemming, filters,
and the page's query count. Runs on SQLite (FTS5) and Postgres (tsvector, 'indonesian')."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from arsip import search, services
from arsip.models import BerkasDigital, Naskah
from sisp import roles
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory
from tests.refusals import nothing_changes

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def ketua(make_user, office):
    return make_user(roles.KETUA, office=office)


@pytest.fixture
def author(make_user, office, unit):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _found(user, query, qs=None):
    return set(
        search.search(qs or Naskah.objects.visible_to(user), query).values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "typed",
    [
        "197/PM.00.02/K.JI-11.07/06/2024",
        "197/pm.00.02/k.ji-11.07/06/2024",
        "197 PM 00 02 K JI 11 07 06 2024",
        "PM.00.02/K.JI-11.07",
    ],
)
def test_letter_number_is_found_however_it_is_typed(
    ketua, author, make_naskah, office, unit, typed
):
    wanted = make_naskah(
        office=office, unit=unit, created_by=author, nomor_surat="197/PM.00.02/K.JI-11.07/06/2024"
    )
    make_naskah(
        office=office, unit=unit, created_by=author, nomor_surat="198/PM.00.02/K.JI-11.06/06/2024"
    )
    found = _found(ketua, typed)
    assert wanted.pk in found
    if typed.startswith("197"):
        assert found == {wanted.pk}


def test_search_ignores_case_and_finds_derived_indonesian_forms(
    ketua, author, make_naskah, office, unit
):
    wanted = make_naskah(
        office=office, unit=unit, created_by=author, perihal="Laporan Pengawasan Kampanye"
    )
    make_naskah(office=office, unit=unit, created_by=author, perihal="Undangan rapat")
    assert _found(ketua, "PENGAWASAN") == {wanted.pk}
    assert _found(ketua, "pengawas kampanye") == {wanted.pk}


def test_every_word_must_match(ketua, author, make_naskah, office, unit):
    make_naskah(office=office, unit=unit, created_by=author, perihal="Laporan kampanye")
    assert _found(ketua, "laporan sengketa") == set()


def test_query_syntax_from_the_user_is_harmless(ketua, author, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Laporan kampanye")
    for nasty in ['"', "laporan & | !", "NEAR(", "*", "') OR 1=1 --", ":*"]:
        # Read as words, never as query syntax: no error, nothing beyond the one record.
        assert search.search(Naskah.objects.visible_to(ketua), nasty).count() in (0, 1), nasty
    # "1=1" widened nothing, and no SQL error broke the connection for the next search.
    assert _found(ketua, "') OR 1=1 --") == set()
    assert _found(ketua, "laporan kampanye") == {naskah.pk}


def test_text_inside_a_pdf_is_found_after_the_extraction_task(
    ketua, author, make_naskah, office, unit, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Surat biasa")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(
            naskah, pdf_upload("Temuan politik uang di kecamatan Trowulan"), user=author
        )
    version = BerkasDigital.objects.get()
    assert version.status_ekstraksi == "selesai" and "Trowulan" in version.teks
    assert _found(ketua, "trowulan") == {naskah.pk}


def _docx(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def test_text_inside_an_office_document_is_extracted(tmp_path, settings):
    from django.core.files.storage import default_storage

    from arsip import extraction

    name = default_storage.save("uji/dokumen.docx", io.BytesIO(_docx("Notulen rapat pleno")))
    text, status, _ = extraction.extract(name, "docx")
    assert status == "selesai" and "Notulen rapat pleno" in text

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Rekap", "pelanggaran administratif"])
    buffer = io.BytesIO()
    book.save(buffer)
    name = default_storage.save("uji/rekap.xlsx", io.BytesIO(buffer.getvalue()))
    text, status, _ = extraction.extract(name, "xlsx")
    assert status == "selesai" and "pelanggaran administratif" in text


def test_image_without_tesseract_is_skipped_with_a_reason(settings):
    from django.core.files.storage import default_storage

    from arsip import extraction

    settings.ARSIP_TESSERACT = "/nonexistent/tesseract"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    name = default_storage.save("uji/pindai.png", io.BytesIO(png))
    text, status, note = extraction.extract(name, "png")
    assert (text, status) == ("", "dilewati") and "tesseract" in note


@pytest.mark.skipif(
    not (os.path.exists("/usr/bin/tesseract") and os.path.exists("/usr/bin/pdftoppm")),
    reason="tesseract/pdftoppm are not installed",
)
def test_a_scanned_pdf_without_text_layer_is_read_by_ocr(settings):
    """A PDF that is only a picture of a page (as a scanner makes it) goes through pdftoppm
    and tesseract -l ind; its words become searchable text."""
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw, ImageFont

    from arsip import extraction

    page = Image.new("L", (1400, 500), 255)
    font = ImageFont.truetype("DejaVuSans.ttf", 64) if _has_dejavu() else None
    ImageDraw.Draw(page).text((60, 180), "LAPORAN PENGAWASAN PEMILU", fill=0, font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    name = default_storage.save("uji/pindaian.pdf", io.BytesIO(buffer.getvalue()))
    text, status, note = extraction.extract(name, "pdf")
    assert status == "selesai" and note.startswith("OCR")
    assert "PENGAWASAN" in text.upper()


@pytest.mark.skipif(not os.path.exists("/usr/bin/tesseract"), reason="tesseract is not installed")
def test_words_in_a_photographed_page_are_read_by_ocr(settings):
    from django.core.files.storage import default_storage
    from PIL import Image, ImageDraw, ImageFont

    from arsip import extraction

    page = Image.new("L", (1400, 400), 255)
    font = ImageFont.truetype("DejaVuSans.ttf", 64) if _has_dejavu() else None
    ImageDraw.Draw(page).text((60, 150), "BERITA ACARA KLARIFIKASI", fill=0, font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    name = default_storage.save("uji/foto.png", io.BytesIO(buffer.getvalue()))
    text, status, _ = extraction.extract(name, "png")
    assert status == "selesai" and "KLARIFIKASI" in text.upper()


def _has_dejavu():
    from PIL import ImageFont

    try:
        ImageFont.truetype("DejaVuSans.ttf", 10)
    except OSError:
        return False
    return True


def test_filters_narrow_by_code_subtree_class_year_and_unit(
    ketua, author, make_naskah, office, unit
):
    import datetime

    other = UnitFactory(office=office)
    a = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        kode="PP.01.02",
        kelas="R",
        tanggal=datetime.date(2024, 5, 1),
    )
    b = make_naskah(
        office=office,
        unit=other,
        created_by=author,
        kode="PM.01.02",
        tanggal=datetime.date(2025, 5, 1),
    )
    client_qs = Naskah.objects.visible_to(ketua)
    assert set(
        client_qs.filter(klasifikasi__kode__startswith="PP.").values_list("pk", flat=True)
    ) == {a.pk}
    from tests.conftest import SispClient

    c = SispClient()
    c.force_login(ketua)
    page = c.get(reverse("arsip:index"), {"kode": "pp.01"})
    assert f'/arsip/{a.pk}/"' in page.text and f'/arsip/{b.pk}/"' not in page.text
    page = c.get(reverse("arsip:index"), {"tahun": 2025})
    assert f'/arsip/{b.pk}/"' in page.text and f'/arsip/{a.pk}/"' not in page.text
    page = c.get(reverse("arsip:index"), {"unit": other.pk})
    assert f'/arsip/{b.pk}/"' in page.text and f'/arsip/{a.pk}/"' not in page.text


def test_list_and_search_pages_run_in_a_bounded_number_of_queries(
    client, make_user, make_naskah, office, unit, django_assert_max_num_queries
):
    staf = make_user(roles.STAF, office=office, unit=unit)
    for n in range(30):
        make_naskah(office=office, unit=unit, created_by=staf, perihal=f"Surat pengawasan {n}")
    client.force_login(staf)
    client.get(reverse("arsip:index"))  # warm the session
    with django_assert_max_num_queries(14):
        page = client.get(reverse("arsip:index"))
    assert "30 naskah ditemukan" in page.text
    # Snippets and previews (tests/arsip/test_search_snippets.py) add 6 queries on SQLite.
    with django_assert_max_num_queries(20):
        found = client.get(reverse("arsip:index"), {"q": "pengawasan", "urut": "relevansi"})
    assert "30 naskah ditemukan" in found.text


def test_sqlite_index_has_one_row_per_record(author, make_naskah, office, unit):
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 table exists on SQLite only")
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    search.index_naskah(naskah)
    search.index_naskah(naskah)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM arsip_naskah_fts WHERE rowid = %s", [naskah.pk])
        assert cursor.fetchone()[0] == 1


def test_stemmer_reduces_common_derivations_to_one_root():
    assert {search.stem(w) for w in ["pengawasan", "mengawasi", "diawasi", "pengawas"]} == {"awas"}
    assert search.stem("surat") == "surat"


def test_upload_refuses_an_executable_renamed_to_pdf(author, make_naskah, office, unit):
    from django.core.exceptions import ValidationError

    naskah = make_naskah(office=office, unit=unit, created_by=author)
    with nothing_changes(naskah, BerkasDigital), pytest.raises(ValidationError):
        services.add_version(
            naskah, SimpleUploadedFile("a.pdf", b"MZ" + b"\x00" * 300), user=author
        )


def test_totals_above_the_cap_show_as_more_than(
    client, make_user, make_naskah, office, unit, settings
):
    settings.ARSIP_COUNT_CAP = 3
    staf = make_user(roles.STAF, office=office, unit=unit)
    for _ in range(5):
        make_naskah(office=office, unit=unit, created_by=staf, perihal="Surat edaran")
    for _ in range(2):
        make_naskah(office=office, unit=unit, created_by=staf, perihal="Nota khusus")
    client.force_login(staf)
    assert "Lebih dari 3 naskah ditemukan" in client.get(reverse("arsip:index")).text
    found = client.get(reverse("arsip:index"), {"q": "khusus"}).text
    assert "2 naskah ditemukan" in found and "Lebih dari" not in found


def test_relevance_sort_puts_a_subject_match_before_a_mention_in_the_text(
    client, ketua, author, make_naskah, office, unit
):
    import datetime

    if connection.vendor != "postgresql":
        pytest.skip("ranking uses Postgres ts_rank; SQLite keeps date order")
    in_subject = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        perihal="Rekomendasi Trowulan",
        tanggal=datetime.date(2020, 1, 1),
    )
    in_notes = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        perihal="Surat lain",
        keterangan="menyebut trowulan sekali",
        tanggal=datetime.date(2025, 1, 1),
    )
    search.index_naskah(in_notes)
    client.force_login(ketua)
    page = client.get(reverse("arsip:index"), {"q": "trowulan", "urut": "relevansi"})
    assert [n.pk for n in page.context["page"].object_list] == [in_subject.pk, in_notes.pk]
    page = client.get(reverse("arsip:index"), {"q": "trowulan"})
    assert [n.pk for n in page.context["page"].object_list] == [in_notes.pk, in_subject.pk]


def test_a_filing_code_typed_in_the_search_box_finds_letters_carrying_it(
    ketua, author, make_naskah, office, unit
):
    wanted = make_naskah(
        office=office, unit=unit, created_by=author, nomor_surat="5/HK.01.02/K.UJ-01/01/2026"
    )
    make_naskah(
        office=office, unit=unit, created_by=author, nomor_surat="6/HK.01.03/K.UJ-01/01/2026"
    )
    assert _found(ketua, "hk.01.02") == {wanted.pk}
    assert _found(ketua, "HK-01-02") == {wanted.pk}


def test_htmx_request_gets_only_the_results_partial(client, make_user, make_naskah, office, unit):
    staf = make_user(roles.STAF, office=office, unit=unit)
    make_naskah(office=office, unit=unit, created_by=staf, perihal="Surat edaran")
    client.force_login(staf)
    partial = client.get(reverse("arsip:index"), {"q": "edaran"}, HTTP_HX_REQUEST="true")
    assert "1 naskah ditemukan" in partial.text and "<html" not in partial.text
    full = client.get(reverse("arsip:index"), {"q": "edaran"})
    assert "<html" in full.text and 'hx-target="#hasil"' in full.text


def test_reindex_command_rebuilds_the_index_and_requeues_skipped_extractions(
    author, make_naskah, office, unit, settings, ketua
):
    from django.core.management import call_command

    settings.TASKS = IMMEDIATE
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Surat biasa")
    version = services.add_version(naskah, pdf_upload("Kata tersembunyi Jatirejo"), user=author)
    BerkasDigital.objects.filter(pk=version.pk).update(status_ekstraksi="dilewati")
    assert _found(ketua, "jatirejo") == set()
    out = io.StringIO()
    call_command("reindex_arsip", "--extract=dilewati", stdout=out)
    assert "1 ekstraksi teks diantrekan" in out.getvalue()
    assert _found(ketua, "jatirejo") == {naskah.pk}
