"""The official ABK & Anjab documents: letterhead, page numbers, place and date, signature
blocks, the e-Formasi layout (columns and words), each task's effective time of its own period,
and the words shown for EJ when nobody holds the job, on every output."""

import os
import re
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from abk_anjab import documents
from abk_anjab.formatting import EJ_NO_HOLDER, angka, nip, tanggal
from abk_anjab.models import Anjab, Jabatan, KodeSyarat
from abk_anjab.reference import KONDISI_LINGKUNGAN_ASPEK
from abk_anjab.services import create_anjab, preset_kondisi_lingkungan

from .helpers import form_data

pytestmark = pytest.mark.django_db

VERIFIER_NIP = "198705122010012003"
APPROVER_NIP = "197901012005011002"


def pdf_pages(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def png_pages(content, tmp_path, name, dpi=50):
    """Render the PDF to PNG files with pdftoppm (poppler) and return their paths."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(source), str(tmp_path / name)], check=True
    )
    pngs = sorted(tmp_path.glob(f"{name}-*.png"))
    for png in pngs:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return pngs


def png_text(png):
    """What a person reads on the rendered page: Tesseract's Indonesian OCR of the PNG."""
    done = subprocess.run(
        ["tesseract", str(png), "-", "-l", "ind"], check=True, capture_output=True, text=True
    )
    return " ".join(done.stdout.split())


needs_ocr = pytest.mark.skipif(
    not (os.path.exists("/usr/bin/tesseract") and os.path.exists("/usr/bin/pdftoppm")),
    reason="tesseract/pdftoppm are not installed",
)


class Tables(HTMLParser):
    """The header and body cells of every table of a page, keyed by its data-section (or by
    its class), enough to compare a document's columns with its layout."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._cell, self._row = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            key = attrs.get("data-section") or attrs.get("class") or f"t{len(self.tables)}"
            self._table = self.tables.setdefault(key, {"head": [], "rows": []})
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = [tag, attrs, ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if self._row and all(c[0] == "th" for c in self._row):
                self._table["head"].append([" ".join(c[2].split()) for c in self._row])
            else:
                self._table["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None


def tables_of(html):
    parser = Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture
def mojokerto(office):
    office.name = "Bawaslu Kota Mojokerto"
    office.place = "Mojokerto"
    office.address = "Jl. Contoh Raya No. 1, Kota Mojokerto 61300"
    office.phone = "(0321) 000000"
    office.email = "sekretariat@contoh.test"
    office.website = "https://contoh.test"
    office.save()
    return office


@pytest.fixture
def signed(anjab, kasubag_adm, korsek, mojokerto):
    """The clerk's analysis verified by the Kepala Subbagian and approved by the Koordinator."""
    kasubag_adm.first_name, kasubag_adm.last_name = "Rina", "Lestari"
    kasubag_adm.jabatan, kasubag_adm.nip = "Kepala Subbagian Administrasi", VERIFIER_NIP
    kasubag_adm.save()
    korsek.first_name, korsek.last_name = "Bima", "Santoso"
    korsek.jabatan, korsek.nip = "Koordinator Sekretariat", APPROVER_NIP
    korsek.save()
    anjab.status = Anjab.Status.DISETUJUI
    anjab.diverifikasi_oleh, anjab.disetujui_oleh = kasubag_adm, korsek
    anjab.diverifikasi_pada = anjab.disetujui_pada = timezone.now()
    anjab.save()
    return anjab


@pytest.fixture
def vacant(office, subbag_adm, make_anjab):
    """A job nobody holds yet (bezetting 0) with an analysis: EJ cannot be computed."""
    job = Jabatan.objects.create(
        office=office,
        unit=subbag_adm,
        nama="Pengolah Data dan Informasi",
        jenis=Jabatan.Jenis.PELAKSANA,
        bezetting=0,
    )
    return make_anjab(job, tasks=[("40", "4", "menit", "hari")])


# --- Page numbers, signature blocks, PNG rendering


def test_anjab_pdf_renders_to_pngs_with_page_numbers_and_both_signature_blocks(
    client, signed, staf_adm, tmp_path
):
    client.force_login(staf_adm)
    response = client.get(reverse("abk_anjab:anjab_pdf", args=[signed.pk]))
    pages = pdf_pages(response.content)
    pngs = png_pages(response.content, tmp_path, "anjab")
    assert len(pngs) == len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
    last = pages[-1]
    approved_on = tanggal(signed.disetujui_pada)
    assert f"Mojokerto, {approved_on}" in last
    for text in [
        "Diverifikasi oleh,",
        "Kepala Subbagian Administrasi",
        "Rina Lestari",
        "NIP 19870512 201001 2 003",
        "Disetujui oleh,",
        "Koordinator Sekretariat",
        "Bima Santoso",
        "NIP 19790101 200501 1 002",
    ]:
        assert text in last, text


@needs_ocr
def test_the_rendered_pages_of_the_anjab_pdf_show_the_signatures_to_a_reader(
    client, signed, staf_adm, tmp_path
):
    """Not only the text layer: the PNG of each page, read back by OCR, shows its page number,
    and the last one both signature blocks with names and NIPs."""
    client.force_login(staf_adm)
    response = client.get(reverse("abk_anjab:anjab_pdf", args=[signed.pk]))
    pngs = png_pages(response.content, tmp_path, "anjab", dpi=150)
    assert len(pngs) == len(pdf_pages(response.content)) >= 2
    assert f"Halaman 1 dari {len(pngs)}" in png_text(pngs[0])
    seen = png_text(pngs[-1])
    for text in ["Diverifikasi oleh", "Disetujui oleh", "Rina Lestari", "Bima Santoso"]:
        assert text in seen, (text, seen)
    assert "19870512 201001 2 003" in seen and "19790101 200501 1 002" in seen, seen
    assert f"Halaman {len(pngs)} dari {len(pngs)}" in seen


@needs_ocr
def test_the_rendered_page_of_the_recap_pdf_shows_the_signature_blocks_to_a_reader(
    client, signed, korsek, tmp_path
):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026})
    pngs = png_pages(response.content, tmp_path, "rekap", dpi=150)
    assert len(pngs) == 1
    seen = png_text(pngs[0])
    for text in ["Diverifikasi oleh", "Disetujui oleh", "Halaman 1 dari 1", "Bima Santoso"]:
        assert text in seen, (text, seen)


def test_recap_pdf_renders_to_pngs_with_page_numbers_and_signature_blocks(
    client, signed, vacant, korsek, tmp_path
):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026})
    pages = pdf_pages(response.content)
    pngs = png_pages(response.content, tmp_path, "rekap")
    assert len(pngs) == len(pages) == 1
    text = pages[0]
    assert "Halaman 1 dari 1" in text
    assert f"Mojokerto, {tanggal(timezone.now())}" in text
    assert "Diverifikasi oleh," in text and "Disetujui oleh," in text
    # The vacant job's analysis is not verified yet: no single verifier signs the recap.
    assert text.count("NIP") == 2
    assert "Bima Santoso" not in text


def test_recap_signed_by_the_one_person_who_verified_and_approved_every_analysis(signed, korsek):
    from abk_anjab.reports import build_recap

    blocks = documents.recap_signatures(build_recap(korsek, 2026))["blocks"]
    assert [(b["role"], b["name"], b["nip"]) for b in blocks] == [
        ("Diverifikasi oleh", "Rina Lestari", VERIFIER_NIP),
        ("Disetujui oleh", "Bima Santoso", APPROVER_NIP),
    ]


def test_an_unsigned_draft_leaves_dotted_lines_for_the_names_and_dates_today(
    client, anjab, staf_adm, mojokerto
):
    client.force_login(staf_adm)
    pages = pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[anjab.pk])).content)
    last = pages[-1]
    assert f"Mojokerto, {tanggal(timezone.now())}" in last
    assert last.count("NIP …") == 2
    assert "Diverifikasi oleh," in last and "Disetujui oleh," in last


# --- Letterhead


def test_letterhead_names_the_institution_the_office_and_its_contact(
    client, anjab, staf_adm, mojokerto
):
    client.force_login(staf_adm)
    text = pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[anjab.pk])).content)[0]
    assert text.startswith("BADAN PENGAWAS PEMILIHAN UMUM\nKOTA MOJOKERTO\n")
    assert "Jl. Contoh Raya No. 1, Kota Mojokerto 61300" in text
    assert (
        "Telepon (0321) 000000 · Surel sekretariat@contoh.test · Laman https://contoh.test" in text
    )


def png_logo():
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (120, 120), "#b8860b").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def page_images(content):
    return sum(len(page.images) for page in PdfReader(BytesIO(content)).pages[:1])


def test_the_uploaded_logo_is_on_the_pdf_and_without_it_the_letterhead_is_text_only(
    client, anjab, staf_adm, mojokerto
):
    client.force_login(staf_adm)
    url = reverse("abk_anjab:anjab_pdf", args=[anjab.pk])
    assert page_images(client.get(url).content) == 0
    mojokerto.logo = png_logo()
    mojokerto.save()
    assert page_images(client.get(url).content) == 1
    # A logo lost from storage leaves the text letterhead instead of a 500.
    mojokerto.logo.storage.delete(mojokerto.logo.name)
    response = client.get(url)
    assert response.status_code == 200 and page_images(response.content) == 0


def test_the_screen_page_shows_the_letterhead_without_reading_the_logo(
    client, anjab, staf_adm, mojokerto
):
    mojokerto.logo = png_logo()
    mojokerto.save()
    client.force_login(staf_adm)
    page = client.get(reverse("abk_anjab:anjab", args=[anjab.pk])).content.decode()
    assert "BADAN PENGAWAS PEMILIHAN UMUM" in page and "KOTA MOJOKERTO" in page
    assert "data:image" not in page


def test_logo_larger_than_one_megabyte_or_not_an_image_is_refused(mojokerto):
    from django.core.exceptions import ValidationError

    mojokerto.logo = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        mojokerto.full_clean()
    assert "Logo paling besar 1 MB." in str(error.value)
    mojokerto.logo = SimpleUploadedFile("logo.svg", b"<svg/>")
    with pytest.raises(ValidationError):
        mojokerto.full_clean()


def test_the_place_comes_from_the_office_or_else_from_its_name(office):
    office.name, office.place = "Bawaslu Kabupaten Mojokerto", ""
    assert documents.office_place(office) == "Mojokerto"
    office.place = "Mojosari"
    assert documents.office_place(office) == "Mojosari"


# --- Layout: columns and words


ANJAB_COLUMNS = {
    "dok-abk": [
        "No",
        "Uraian tugas",
        "Hasil kerja",
        "Jumlah hasil",
        "Waktu penye\xadlesaian",
        "Waktu kerja efektif",
        "Kebutuhan pegawai",
    ],
    "hasil_kerja": ["No", "Hasil kerja", "Satuan hasil"],
    "bahan_kerja": ["No", "Bahan kerja", "Penggunaan dalam tugas"],
    "perangkat_kerja": ["No", "Perangkat kerja", "Digunakan untuk tugas"],
    "tanggung_jawab": ["No", "Tanggung jawab"],
    "wewenang": ["No", "Wewenang"],
    "korelasi": ["No", "Jabatan", "Unit kerja/instansi", "Dalam hal"],
    "kondisi_lingkungan": ["No", "Aspek", "Faktor"],
    "risiko_bahaya": ["No", "Nama risiko", "Penyebab"],
    "prestasi_kerja": ["No", "Hasil kerja", "Jumlah", "Waktu penyelesaian"],
}


@pytest.fixture
def every_section(anjab):
    anjab.hasil_kerja.create(hasil="Surat teragenda", satuan="surat")
    anjab.bahan_kerja.create(bahan="Surat masuk", penggunaan="Pengagendaan")
    anjab.perangkat_kerja.create(perangkat="Komputer", penggunaan="Pengagendaan")
    anjab.tanggung_jawab.create(uraian="Ketepatan agenda")
    anjab.wewenang.create(uraian="Meminta kelengkapan surat")
    anjab.korelasi.create(jabatan="Arsiparis", unit_instansi="Subbagian Umum", hal="Penyerahan")
    preset_kondisi_lingkungan(anjab)
    anjab.risiko_bahaya.create(risiko="Tertusuk staples", penyebab="Kurang hati-hati")
    anjab.prestasi_kerja.create(hasil="Surat teragenda", jumlah="2.400", waktu="1 tahun")
    for jenis, kode in [("bakat", "G"), ("temperamen", "I"), ("temperamen", "D")]:
        getattr(anjab, jenis).add(KodeSyarat.objects.get(jenis=jenis, kode=kode))
    return anjab


def test_every_anjab_table_has_exactly_the_columns_of_its_layout(client, every_section, staf_adm):
    client.force_login(staf_adm)
    # The form is used first: its formsets once added their foreign key to the shared field
    # lists, which then showed as an "Anjab" column in every section of the document.
    assert client.get(reverse("abk_anjab:anjab_edit", args=[every_section.pk])).status_code == 200
    page = client.get(reverse("abk_anjab:anjab", args=[every_section.pk])).content.decode()
    tables = tables_of(page)
    for key, columns in ANJAB_COLUMNS.items():
        assert tables[key]["head"] == [columns], key


def test_the_sections_follow_the_national_order(client, every_section, staf_adm):
    client.force_login(staf_adm)
    text = "\n".join(
        pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[every_section.pk])).content)
    )
    headings = re.findall(r"^(\d+)\. (.+)$", text, flags=re.MULTILINE)
    assert headings == [
        ("1", "Identitas jabatan"),
        ("2", "Kedudukan dalam organisasi"),
        ("3", "Ikhtisar jabatan"),
        ("4", "Kualifikasi jabatan"),
        ("5", "Tugas pokok dan analisis beban kerja"),
        ("6", "Hasil kerja"),
        ("7", "Bahan kerja"),
        ("8", "Perangkat kerja"),
        ("9", "Tanggung jawab"),
        ("10", "Wewenang"),
        ("11", "Korelasi jabatan"),
        ("12", "Kondisi lingkungan kerja"),
        ("13", "Risiko bahaya"),
        ("14", "Syarat jabatan"),
        ("15", "Prestasi kerja yang diharapkan"),
        ("16", "Kelas jabatan"),
    ]


@pytest.mark.parametrize(
    "word",
    [
        "Anjab",  # the spurious column of sections 6-14
        "Intelegensia",
        "Mempengaruhi",
        "mempengaruhi",
        "Directing",
        "Influencing",
        "Performing",
        "Dealing",
        "penyeles aian",
        "75000",
    ],
)
def test_the_anjab_pdf_carries_no_word_outside_its_layout(client, every_section, staf_adm, word):
    client.force_login(staf_adm)
    assert client.get(reverse("abk_anjab:anjab_edit", args=[every_section.pk])).status_code == 200
    content = client.get(reverse("abk_anjab:anjab_pdf", args=[every_section.pk])).content
    assert word not in "\n".join(pdf_pages(content))


def test_the_anjab_pdf_prints_the_indonesian_code_labels(client, every_section, staf_adm):
    client.force_login(staf_adm)
    content = client.get(reverse("abk_anjab:anjab_pdf", args=[every_section.pk])).content
    text = " ".join(" ".join(pdf_pages(content)).split())
    assert "G · Inteligensi" in text
    assert "I · Memengaruhi: Memengaruhi pendapat" in text
    assert "D · Mengarahkan, mengendalikan dan merencanakan" in text
    for aspek in KONDISI_LINGKUNGAN_ASPEK:
        assert aspek in text


def test_the_recap_pdf_has_exactly_its_columns(client, anjab, korsek):
    client.force_login(korsek)
    content = client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026}).content
    page = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026}).content.decode()
    head = tables_of(page)["abk-map"]["head"][0]
    assert head[:-1] == [
        "No",
        "Nama jabatan",
        "Kelas",
        "Bezetting",
        "Kebutuhan (belum dibulatkan)",
        "Kebutuhan",
        "Selisih",
        "EJ · PJ",
        "Status",
    ]
    assert head[-1] == "Peta (ada / butuh)"  # the screen's bars only
    text = pdf_pages(content)[0]
    assert "Peta" not in text and "Anjab" not in text


# --- Each task's effective time is of its own period


PERIOD_TASKS = [
    ("1200", "10", "menit", "tahun", "75.000 menit per tahun"),
    ("20", "5", "menit", "hari", "300 menit per hari"),
    ("4", "30", "menit", "minggu", "1.500 menit per minggu"),
    ("2", "90", "menit", "bulan", "6.250 menit per bulan"),
    ("60", "16", "jam", "tahun", "1.250 jam per tahun"),
    ("3", "1", "jam", "hari", "5 jam per hari"),
    ("2", "3", "jam", "minggu", "25 jam per minggu"),
    ("1", "8", "jam", "bulan", "104,17 jam per bulan"),
]


def number(text):
    return Decimal(text.split()[0].replace(".", "").replace(",", "."))


def test_each_task_row_prints_the_effective_time_of_its_own_period_and_adds_up(
    client, jabatan, make_anjab, staf_adm
):
    anjab = make_anjab(jabatan, tahun=2025, tasks=[t[:4] for t in PERIOD_TASKS])
    client.force_login(staf_adm)
    page = client.get(reverse("abk_anjab:anjab", args=[anjab.pk])).content.decode()
    rows = [r for r in tables_of(page)["dok-abk"]["rows"] if len(r) == 7]
    assert [" ".join(r[5][2].split()) for r in rows] == [t[4] for t in PERIOD_TASKS]
    for row in rows:
        volume, waktu, efektif, need = (number(row[i][2]) for i in (3, 4, 5, 6))
        # The row reads as its own sum: volume x time / its effective time = its need.
        assert abs(volume * waktu / efektif - need) < Decimal("0.0001"), row
    pdf = " ".join(
        " ".join(
            pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[anjab.pk])).content)
        ).split()
    )
    for *_, printed in PERIOD_TASKS:
        assert printed in pdf


def test_the_calculation_itself_is_unchanged_by_the_printed_effective_time(jabatan, make_anjab):
    anjab = make_anjab(jabatan, tahun=2025, tasks=[("20", "5", "menit", "hari")])
    assert anjab.kebutuhan_mentah == Decimal("0.3333")  # 20 x 5 x 250 / 75,000


# --- Bezetting 0 reads the words everywhere


def test_bezetting_0_reads_the_words_on_the_document_page_and_pdf(client, vacant, staf_adm):
    client.force_login(staf_adm)
    page = client.get(reverse("abk_anjab:anjab", args=[vacant.pk])).content.decode()
    cell = re.search(r'data-abk="ej">([^<]*)<', page).group(1)
    assert cell == EJ_NO_HOLDER
    pdf = " ".join(
        " ".join(
            pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[vacant.pk])).content)
        ).split()
    )
    assert EJ_NO_HOLDER in pdf


def test_bezetting_0_reads_the_words_in_the_recap_page_and_pdf(client, anjab, vacant, korsek):
    client.force_login(korsek)
    page = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026}).content.decode()
    cells = re.findall(r"<td data-ej>([^<]*)</td>", page)
    assert cells == ["0,49 · E", EJ_NO_HOLDER]
    pdf = " ".join(
        " ".join(
            pdf_pages(client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026}).content)
        ).split()
    )
    assert EJ_NO_HOLDER in pdf


def test_bezetting_0_reads_the_words_in_the_live_preview(client, anjab, staf_adm):
    client.force_login(staf_adm)
    url = reverse("abk_anjab:anjab_preview", args=[anjab.pk])
    page = client.post(url, form_data(anjab, bezetting="0")).content.decode()
    assert re.search(r'data-abk="ej">([^<]*)<', page).group(1) == EJ_NO_HOLDER
    assert "Prestasi jabatan" not in page
    page = client.post(url, form_data(anjab, bezetting="1")).content.decode()
    assert re.search(r'data-abk="ej">([^<]*)<', page).group(1) == "0,49"


def test_bezetting_0_reads_the_words_in_the_recap_xlsx(client, anjab, vacant, korsek):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_xlsx"), {"tahun": 2026})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    jobs = {r[2]: r for r in rows if isinstance(r[0], int)}
    assert jobs["Pengolah Data dan Informasi"][10] == EJ_NO_HOLDER
    assert jobs["Pengolah Data dan Informasi"][11] is None
    assert jobs["Pengadministrasi Persuratan"][10] == pytest.approx(0.4933)


# --- Syarat jabatan: pangkat/golongan, pengetahuan kerja; the nine aspects preset


def test_pangkat_golongan_and_pengetahuan_kerja_are_saved_and_printed(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(
        anjab,
        pangkat_golongan="Pengatur Muda (II/a)",
        pengetahuan="Tata naskah dinas di lingkungan Bawaslu",
    )
    assert client.post(reverse("abk_anjab:anjab_edit", args=[anjab.pk]), data).status_code == 302
    anjab.refresh_from_db()
    assert anjab.pangkat_golongan == "Pengatur Muda (II/a)"
    assert anjab.pengetahuan == "Tata naskah dinas di lingkungan Bawaslu"
    text = " ".join(pdf_pages(client.get(reverse("abk_anjab:anjab_pdf", args=[anjab.pk])).content))
    assert "Pangkat/golongan ruang Pengatur Muda (II/a)" in " ".join(text.split())
    assert "Pengetahuan kerja Tata naskah dinas" in " ".join(text.split())


def test_a_new_analysis_has_the_nine_standard_aspects_and_a_copy_keeps_its_own(jabatan, staf_adm):
    first = create_anjab(jabatan, 2025, user=staf_adm)
    assert [k.aspek for k in first.kondisi_lingkungan.all()] == KONDISI_LINGKUNGAN_ASPEK
    assert all(k.faktor == "" for k in first.kondisi_lingkungan.all())
    first.kondisi_lingkungan.filter(aspek="Suhu").update(faktor="Sejuk (AC)")
    first.kondisi_lingkungan.filter(aspek="Getaran").delete()
    first.pangkat_golongan = "Pengatur (II/c)"
    first.save()
    copy = create_anjab(jabatan, 2026, user=staf_adm, copy_from=first)
    assert copy.kondisi_lingkungan.count() == 8
    assert copy.kondisi_lingkungan.get(aspek="Suhu").faktor == "Sejuk (AC)"
    assert copy.pangkat_golongan == "Pengatur (II/c)"


# --- One formatting helper


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (75000, None, "75.000"),
        (Decimal("0.4"), 4, "0,4000"),
        (Decimal("1200.00"), None, "1.200"),
        (Decimal("2.50"), None, "2,5"),
        (Decimal("104.166666"), 2, "104,17"),
        (Decimal("0.895"), 2, "0,90"),
        (0, None, "0"),
        (-3, None, "-3"),
        (None, None, "—"),
    ],
)
def test_numbers_are_written_the_indonesian_way(value, places, expected):
    assert angka(value, places) == expected


def test_dates_and_nips_are_written_the_indonesian_way():
    from datetime import UTC, date, datetime

    assert tanggal(date(2026, 12, 1)) == "1 Desember 2026"
    # 20:00 UTC is already the next day in Jakarta.
    assert tanggal(datetime(2026, 11, 30, 20, 0, tzinfo=UTC)) == "1 Desember 2026"
    assert nip("198705122010012003") == "19870512 201001 2 003"
    assert nip("12345") == "12345"


def test_the_recap_pdf_query_count_does_not_grow_with_the_number_of_jobs(
    client, office, subbag_adm, korsek, make_anjab
):
    client.force_login(korsek)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026}).status_code == 200
        return len(ctx.captured_queries)

    def add_jobs(n, start):
        for i in range(start, start + n):
            job = Jabatan.objects.create(
                office=office, unit=subbag_adm, nama=f"Jabatan {i}", jenis="pelaksana"
            )
            anjab = make_anjab(job, tasks=[("10", "10", "menit", "tahun")])
            Anjab.objects.filter(pk=anjab.pk).update(diverifikasi_oleh=korsek)

    add_jobs(2, 0)
    small = count()
    add_jobs(10, 2)
    assert count() == small


def test_the_administrator_uploads_the_logo_and_place_in_the_admin(
    client, admin_user_sisp, anjab, staf_adm, mojokerto
):
    client.force_login(admin_user_sisp)
    url = reverse("admin:sisp_office_change", args=[mojokerto.pk])
    page = client.get(url).content.decode()
    assert 'name="logo"' in page and 'name="place"' in page
    data = {
        "name": mojokerto.name,
        "short_name": mojokerto.short_name,
        "level": mojokerto.level,
        "code": mojokerto.code,
        "slug": mojokerto.slug,
        "address": mojokerto.address,
        "phone": mojokerto.phone,
        "email": mojokerto.email,
        "website": mojokerto.website,
        "place": "Magersari",
        "logo": png_logo(),
        "aduan_answer_days": mojokerto.aduan_answer_days,
        "is_active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    mojokerto.refresh_from_db()
    assert mojokerto.place == "Magersari" and mojokerto.logo.name.startswith("kop/")
    client.force_login(staf_adm)
    content = client.get(reverse("abk_anjab:anjab_pdf", args=[anjab.pk])).content
    assert page_images(content) == 1
    assert f"Magersari, {tanggal(timezone.now())}" in pdf_pages(content)[-1]
