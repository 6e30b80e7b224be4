"""The Anjab document, the ABK recap (page, PDF, XLSX) and the list pages' query bounds."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from abk_anjab.models import Anjab, Jabatan, KodeSyarat
from sisp.models import AuditEvent
from tests.refusals import not_found

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


@pytest.fixture
def full_anjab(anjab):
    anjab.ikhtisar = "Melaksanakan pengadministrasian persuratan kantor."
    anjab.pendidikan = "D-III Administrasi Perkantoran"
    anjab.save()
    anjab.risiko_bahaya.create(risiko="Tertusuk staples", penyebab="Kurang hati-hati")
    anjab.korelasi.create(jabatan="Arsiparis", unit_instansi="Subbagian Umum", hal="Penyerahan")
    anjab.bakat.add(KodeSyarat.objects.get(jenis="bakat", kode="Q"))
    return anjab


@pytest.fixture
def second_job(office, subbag_hukum, make_anjab):
    job = Jabatan.objects.create(
        office=office,
        unit=subbag_hukum,
        nama="Analis Hukum",
        jenis=Jabatan.Jenis.PELAKSANA,
        kelas_jabatan=9,
        bezetting=0,
    )
    # 40 studies x 12 h = 480 h / 1,250 = 0.3840; 48 x 3 h = 0.1152 -> 0.4992
    make_anjab(job, tasks=[("40", "12", "jam", "tahun"), ("48", "3", "jam", "tahun")])
    return job


def test_anjab_document_page_shows_every_section(client, full_anjab, staf_hukum):
    client.force_login(staf_hukum)
    page = client.get(reverse("abk_anjab:anjab", args=[full_anjab.pk])).content.decode()
    for text in [
        "INFORMASI JABATAN",
        "Identitas jabatan",
        "Kedudukan dalam organisasi",
        "Ikhtisar jabatan",
        "Kualifikasi jabatan",
        "Tugas pokok dan analisis beban kerja",
        "Hasil kerja",
        "Bahan kerja",
        "Perangkat kerja",
        "Tanggung jawab",
        "Wewenang",
        "Korelasi jabatan",
        "Kondisi lingkungan kerja",
        "Risiko bahaya",
        "Prestasi kerja yang diharapkan",
        "Syarat jabatan",
        "Kelas jabatan",
        "Tertusuk staples",
        "Bakat ketelitian",
        "0,4933",
        "1.200 per tahun",
        "75.000 menit per tahun",  # the yearly task
        "300 menit per hari",  # the daily task, against its own period
    ]:
        assert text in page, text


def test_anjab_pdf_carries_the_office_the_tasks_and_the_figures(client, full_anjab, staf_adm):
    client.force_login(staf_adm)
    response = client.get(reverse("abk_anjab:anjab_pdf", args=[full_anjab.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "BADAN PENGAWAS PEMILIHAN UMUM\nKOTA SATU" in text
    assert "INFORMASI JABATAN" in text
    assert "Pengadministrasi Persuratan" in text
    assert "Tertusuk staples" in text
    assert "0,4933" in text
    assert "0,1600" in text and "0,3333" in text
    assert AuditEvent.objects.filter(action="abk_anjab.export_pdf").exists()


def test_recap_page_groups_jobs_by_unit_with_totals(client, anjab, second_job, korsek):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026})
    page = response.content.decode()
    recap = response.context["recap"]
    assert [g.unit.name for g in recap.groups] == ["Subbagian Administrasi", "Subbagian Hukum"]
    assert recap.bezetting == 1
    assert recap.kebutuhan_mentah == Decimal("0.9925")  # 0.4933 + 0.4992
    assert recap.kebutuhan == 0  # each job rounds half-up to 0
    assert 'data-total="raw">0,9925<' in page
    assert 'abk-kelebihan">+1<' in page  # one person, no need
    assert page.count("<meter") == 4  # bezetting and need bars for both jobs


def test_recap_can_be_narrowed_to_one_unit(client, anjab, second_job, korsek, subbag_hukum):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026, "unit": subbag_hukum.pk})
    assert [r.jabatan.nama for r in response.context["recap"].rows] == ["Analis Hukum"]


def test_recap_refuses_a_unit_of_another_office(client, anjab, korsek, other_office):
    from tests.factories import UnitFactory

    client.force_login(korsek)
    foreign = UnitFactory(office=other_office)
    response = client.get(reverse("abk_anjab:rekap"), {"unit": foreign.pk})
    assert foreign.name not in not_found(response)


def test_recap_pdf_lists_jobs_and_totals(client, anjab, second_job, korsek):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_pdf"), {"tahun": 2026})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "REKAPITULASI ANALISIS BEBAN KERJA" in text
    assert "Analis Hukum" in text and "Pengadministrasi Persuratan" in text
    assert "0,9925" in text


def test_recap_xlsx_opens_and_its_totals_match_the_page(client, anjab, second_job, korsek):
    client.force_login(korsek)
    page = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026})
    recap = page.context["recap"]
    response = client.get(reverse("abk_anjab:rekap_xlsx"), {"tahun": 2026})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "REKAPITULASI ANALISIS BEBAN KERJA"
    assert rows[1][0] == "BAWASLU KOTA SATU"
    header = rows[4]
    assert header[2] == "Nama jabatan"
    jobs = [r for r in rows[5:] if isinstance(r[0], int)]
    assert [r[2] for r in jobs] == ["Pengadministrasi Persuratan", "Analis Hukum"]
    assert jobs[0][6] == pytest.approx(0.4933)
    assert jobs[1][9] == "Kekurangan" or jobs[1][8] == 0
    total = rows[-1]
    assert total[1] == "JUMLAH KANTOR"
    assert total[5] == recap.bezetting
    assert Decimal(str(total[6])) == recap.kebutuhan_mentah
    assert total[7] == recap.kebutuhan
    assert total[8] == recap.selisih


def test_index_and_recap_query_counts_do_not_grow_with_the_number_of_jobs(
    client, office, subbag_adm, korsek, make_anjab, django_assert_max_num_queries
):
    client.force_login(korsek)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"tahun": 2026}).status_code == 200
        return len(ctx.captured_queries)

    def add_jobs(n, start):
        for i in range(start, start + n):
            job = Jabatan.objects.create(
                office=office, unit=subbag_adm, nama=f"Jabatan {i}", jenis="pelaksana"
            )
            make_anjab(job, tasks=[("10", "10", "menit", "tahun")])

    add_jobs(2, 0)
    index_small, recap_small = count(reverse("abk_anjab:index")), count(reverse("abk_anjab:rekap"))
    add_jobs(25, 2)
    assert count(reverse("abk_anjab:index")) == index_small
    assert count(reverse("abk_anjab:rekap")) == recap_small
    with django_assert_max_num_queries(index_small):
        client.get(reverse("abk_anjab:index"), {"tahun": 2026})
    with django_assert_max_num_queries(recap_small):
        client.get(reverse("abk_anjab:rekap"), {"tahun": 2026})


def test_jobs_without_an_analysis_show_in_the_recap_without_figures(client, jabatan, korsek):
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap"), {"tahun": 2026})
    assert "Belum dianalisis" in response.content.decode()
    assert not Anjab.objects.exists()


def test_document_page_and_pdf_query_counts_do_not_grow_with_the_sections(
    client, make_anjab, jabatan, staf_adm
):
    client.force_login(staf_adm)
    small = make_anjab(jabatan, tahun=2024, tasks=[("1", "1", "menit", "tahun")])
    large = make_anjab(jabatan, tahun=2025, tasks=[("1", "1", "menit", "tahun")] * 40)
    for i in range(15):
        large.wewenang.create(uraian=f"Wewenang {i}")
        large.korelasi.create(jabatan=f"Jabatan {i}")
    large.bakat.set(KodeSyarat.objects.filter(jenis="bakat"))

    def count(anjab, name):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name, args=[anjab.pk])).status_code == 200
        return len(ctx.captured_queries)

    for name in ("abk_anjab:anjab", "abk_anjab:anjab_pdf"):
        assert count(small, name) == count(large, name), name


def test_recap_xlsx_stores_text_that_looks_like_a_formula_as_plain_text(
    client, office, subbag_adm, korsek
):
    """Job and unit names are typed by people: a name starting with = + - @ must reach the
    spreadsheet as text, never as a formula Excel would run (formula injection)."""
    names = ['=HYPERLINK("http://contoh.test/x","Klik")', "+1+2", "-3+4", "@SUM(1,2)"]
    for nama in names:
        Jabatan.objects.create(
            office=office, unit=subbag_adm, nama=nama, jenis=Jabatan.Jenis.PELAKSANA, bezetting=1
        )
    subbag_adm.name = "=1+1"
    subbag_adm.save()
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_xlsx"), {"tahun": 2026})
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value[:1] in "=+-@"]
    assert {*names, "=1+1"} <= {cell.value for cell in risky}
    assert "Jumlah =1+1" in {cell.value for cell in cells}
    assert [(cell.coordinate, cell.data_type) for cell in risky if cell.data_type != "s"] == []
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.quotePrefix for cell in risky)


def test_recap_xlsx_stores_names_starting_with_tab_or_cr_as_text(
    client, office, subbag_adm, korsek
):
    for nama in ["\t=1+1", "\r=2+2"]:
        Jabatan.objects.create(
            office=office, unit=subbag_adm, nama=nama, jenis=Jabatan.Jenis.PELAKSANA, bezetting=1
        )
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap_xlsx"), {"tahun": 2026})
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value[:1] in "\t\r\n"]
    assert len(risky) == 2
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
