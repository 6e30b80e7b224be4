"""CSV/XLSX import with a dry run and all-or-nothing save; the .xlsx daftar arsip export
round-trips into the import."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arsip.models import Berkas, Naskah
from sisp import roles
from sisp.models import AuditEvent
from tests.refusals import nothing_changes, refused

GOOD_CSV = (
    "Kode Klasifikasi;Nomor Berkas;Uraian Informasi Item;Tanggal;Klasifikasi Keamanan;"
    "Jumlah;Nomor Naskah\n"
    "PP.01.02;7/2024;Laporan dugaan pelanggaran;05-03-2024;Rahasia;2 lembar;1/PP.01.02/X/2024\n"
    "PP.01.02;7/2024;Klarifikasi saksi;06-03-2024;R;1;2/PP.01.02/X/2024\n"
    "KA.00;;Surat edaran kearsipan;2024-04-01;;1;\n"
)


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _upload(client, content, name="daftar.csv"):
    return client.post(reverse("arsip:import"), {"berkas": SimpleUploadedFile(name, content)})


def test_dry_run_shows_rows_and_saves_nothing_then_confirm_imports_all(client, arsiparis):
    client.force_login(arsiparis)
    preview = _upload(client, GOOD_CSV.encode())
    assert preview.status_code == 200
    assert "3 baris siap diimpor, 0 baris salah" in preview.text
    assert not Naskah.objects.exists()
    done = client.post(reverse("arsip:import"), {"simpan": "1"})
    assert done.status_code == 302
    assert Naskah.objects.count() == 3
    berkas = Berkas.objects.get(nomor_berkas="7/2024")
    assert list(
        berkas.naskah.order_by("nomor_item").values_list("perihal", "kelas__kode", "jumlah")
    ) == [("Laporan dugaan pelanggaran", "R", 2), ("Klarifikasi saksi", "R", 1)]
    assert Naskah.objects.get(perihal="Surat edaran kearsipan").kelas.kode == "B"
    assert AuditEvent.objects.filter(action="arsip.import", detail__count=3).exists()


def test_rows_with_errors_are_reported_and_nothing_is_half_imported(client, arsiparis):
    bad = GOOD_CSV + "ZZ.99;;Kode salah;31-02-2024;Rahasia Banget;1;\n"
    client.force_login(arsiparis)
    preview = _upload(client, bad.encode())
    assert "3 baris siap diimpor, 1 baris salah" in preview.text
    assert "kode klasifikasi &quot;ZZ.99&quot; tidak dikenal" in preview.text
    assert "tidak terbaca" in preview.text and "kelas keamanan" in preview.text
    assert 'name="simpan"' not in preview.text
    client.post(reverse("arsip:import"), {"simpan": "1"})
    assert not Naskah.objects.exists()


@pytest.mark.parametrize(
    ("tanggal", "jumlah", "error"),
    [
        ("0000", "1", "tidak terbaca"),
        ("05-03-2024", "9" * 20, "bukan bilangan yang masuk akal"),
        ("05-03-2024", "99999999999 lembar", "bukan bilangan yang masuk akal"),
    ],
)
def test_an_odd_year_or_count_is_a_row_error_and_imports_nothing(
    client, arsiparis, tanggal, jumlah, error
):
    bad = GOOD_CSV + f"KA.00;;Surat aneh;{tanggal};;{jumlah};\n"
    client.force_login(arsiparis)
    preview = _upload(client, bad.encode())
    assert preview.status_code == 200
    assert "3 baris siap diimpor, 1 baris salah" in preview.text
    assert error in preview.text
    client.post(reverse("arsip:import"), {"simpan": "1"})
    assert not Naskah.objects.exists()


def test_a_file_that_is_not_a_table_is_refused(client, arsiparis):
    client.force_login(arsiparis)
    response = _upload(client, b"\x00\x01\x02binary", name="x.csv")
    assert "bukan CSV atau XLSX" in response.text or "Kolom" in response.text
    assert not Naskah.objects.exists()


def test_staff_cannot_import(client, make_user, office, unit, reference):
    client.force_login(make_user(roles.STAF, office=office, unit=unit))
    refused(client.get(reverse("arsip:import")))
    with nothing_changes(Naskah, Berkas):
        refused(_upload(client, GOOD_CSV.encode()))
        refused(client.post(reverse("arsip:import"), {"simpan": "1"}))


def test_export_opens_in_excel_and_imports_back(client, arsiparis, make_user, office, unit):
    client.force_login(arsiparis)
    _upload(client, GOOD_CSV.encode())
    client.post(reverse("arsip:import"), {"simpan": "1"})
    exported = client.get(reverse("arsip:export"))
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    sheet = book.active
    assert sheet.cell(3, 2).value == "Kode Klasifikasi"
    assert sheet.max_row == 3 + 3

    # The export of another office's archivist imports into that office as new records.
    from tests.factories import OfficeFactory, UnitFactory

    other = OfficeFactory()
    other_unit = UnitFactory(office=other, name=unit.name)
    other_archivist = make_user(roles.ARSIPARIS, office=other, unit=other_unit)
    client.force_login(other_archivist)
    buffer = io.BytesIO()
    book.save(buffer)
    preview = _upload(client, buffer.getvalue(), name="daftar.xlsx")
    assert "3 baris siap diimpor, 0 baris salah" in preview.text
    client.post(reverse("arsip:import"), {"simpan": "1"})
    assert Naskah.objects.filter(office=other).count() == 3
