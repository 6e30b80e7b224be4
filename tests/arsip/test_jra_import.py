from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from arsip import retention
from arsip.models import RetensiArsip
from sisp import roles
from tests.refusals import nothing_changes, refused

GOOD = "Kode,Aktif,Inaktif,Keterangan,Catatan\nKA.00,2,3,Musnah,contoh\nPP.01.02,5,10,Permanen,\n"


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


@pytest.fixture
def manager(make_user, reference):
    """The installation manager, who alone loads the installation's JRA."""
    return make_user(office=None, unit=None, is_superuser=True)


def test_installation_manager_loads_jra_rows_marked_unverified_and_dates_follow(
    client, arsiparis, manager, make_naskah, office, unit
):
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis)
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2020, 1, 1), by=arsiparis)
    client.force_login(manager)
    response = client.post(
        reverse("arsip:import_jra"), {"berkas": SimpleUploadedFile("jra.csv", GOOD.encode())}
    )
    assert response.status_code == 302
    rows = {r.klasifikasi.kode: r for r in RetensiArsip.objects.all()}
    assert rows["PP.01.02"].nasib_akhir == "permanen" and rows["KA.00"].aktif_tahun == 2
    assert not any(r.terverifikasi for r in rows.values())
    naskah.berkas.refresh_from_db()
    assert naskah.berkas.inaktif_sampai == date(2025, 1, 1)


def test_one_bad_row_saves_nothing_and_says_which(client, manager):
    client.force_login(manager)
    bad = GOOD + "ZZ.01,x,3,hilang,\n"
    response = client.post(
        reverse("arsip:import_jra"), {"berkas": SimpleUploadedFile("jra.csv", bad.encode())}
    )
    assert "Baris 4" in response.text and "bukan angka tahun" in response.text
    assert not RetensiArsip.objects.exists()


@pytest.mark.parametrize("years", ["²", "-1", "99999", "9" * 5000, "1e5"])
def test_an_odd_number_of_years_is_a_row_error_and_changes_nothing(client, manager, years):
    client.force_login(manager)
    first = client.post(
        reverse("arsip:import_jra"), {"berkas": SimpleUploadedFile("jra.csv", GOOD.encode())}
    )
    assert first.status_code == 302
    before = list(RetensiArsip.objects.order_by("pk").values())
    bad = f"Kode,Aktif,Inaktif,Keterangan\nKA.00,{years},3,Musnah\n"
    response = client.post(
        reverse("arsip:import_jra"), {"berkas": SimpleUploadedFile("jra.csv", bad.encode())}
    )
    assert response.status_code == 200
    assert "Baris 2" in response.text and "bukan angka tahun" in response.text
    assert list(RetensiArsip.objects.order_by("pk").values()) == before


def test_reimport_of_a_verified_row_marks_it_unverified_again(arsiparis, tmp_path, reference):
    call_command("import_retensi", str(_write(tmp_path, GOOD)))
    RetensiArsip.objects.update(terverifikasi=True)
    call_command("import_retensi", str(_write(tmp_path, GOOD)))
    assert not RetensiArsip.objects.filter(terverifikasi=True).exists()


def test_command_refuses_a_bad_file(tmp_path, reference):
    with pytest.raises(CommandError, match="baris 2"):
        call_command(
            "import_retensi",
            str(_write(tmp_path, "Kode,Aktif,Inaktif,Keterangan\nKA.00,2,3,entah\n")),
        )


def test_staff_cannot_load_jra(client, make_user, office, unit, reference):
    client.force_login(make_user(roles.STAF, office=office, unit=unit))
    refused(client.get(reverse("arsip:import_jra")))
    with nothing_changes(RetensiArsip):
        refused(
            client.post(
                reverse("arsip:import_jra"),
                {"berkas": SimpleUploadedFile("jra.csv", GOOD.encode())},
            )
        )


def _write(tmp_path, text):
    path = tmp_path / "jra.csv"
    path.write_text(text, encoding="utf-8")
    return path
