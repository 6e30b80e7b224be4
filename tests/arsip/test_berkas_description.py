"""A file's description (uraian berkas) is shown and indexed with every record of the file,
so it must never carry the text of a record a reader of another record cannot see."""

from datetime import date

import pytest
from django.urls import reverse

from arsip import search, services
from arsip.models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def garuda(make_user, office, unit, reference):
    """The Ketua registers a Sangat Rahasia record "operasi Garuda" in a new file, then a
    Biasa record of the Staf's unit into the same file."""
    ketua = make_user(roles.KETUA, office=office, unit=UnitFactory(office=office))
    staf = make_user(roles.STAF, office=office, unit=unit)
    kelas = {k.kode: k for k in KelasKeamanan.objects.all()}
    common = {
        "klasifikasi": KlasifikasiArsip.objects.get(kode="PP.01.02"),
        "tanggal": date(2026, 3, 5),
        "nomor_surat": "",
    }
    secret = services.register_naskah(
        user=ketua,
        data={
            **common,
            "perihal": "Rencana operasi Garuda",
            "kelas": kelas["SR"],
            "unit": ketua.unit,
        },
    )
    plain = services.register_naskah(
        user=ketua,
        data={
            **common,
            "perihal": "Undangan rapat koordinasi",
            "kelas": kelas["B"],
            "unit": unit,
            "berkas": secret.berkas,
        },
    )
    return {"ketua": ketua, "staf": staf, "secret": secret, "plain": plain}


def test_a_secret_first_record_gives_its_new_file_a_neutral_description(garuda):
    berkas = garuda["secret"].berkas
    assert berkas.pk == garuda["plain"].berkas_id
    assert "garuda" not in berkas.uraian.lower()
    assert berkas.uraian == f"{berkas.klasifikasi.nama} 2026"


def test_garuda_appears_nowhere_on_the_biasa_record_page_nor_in_the_staffs_search(client, garuda):
    client.force_login(garuda["staf"])
    page = client.get(reverse("arsip:detail", args=[garuda["plain"].pk]))
    assert page.status_code == 200 and "Undangan rapat koordinasi" in page.text
    assert "garuda" not in page.text.lower()
    found = client.get(reverse("arsip:index"), {"q": "garuda"})
    assert "0 naskah ditemukan" in found.text
    assert not search.search(Naskah.objects.visible_to(garuda["staf"]), "garuda").exists()
    listing = client.get(reverse("arsip:index"))
    assert "garuda" not in listing.text.lower()


def test_a_biasa_first_record_still_describes_its_new_file(make_user, office, unit, reference):
    staf = make_user(roles.STAF, office=office, unit=unit)
    naskah = services.register_naskah(
        user=staf,
        data={
            "klasifikasi": KlasifikasiArsip.objects.get(kode="PP.01.02"),
            "tanggal": date(2026, 3, 5),
            "perihal": "Laporan kegiatan sosialisasi",
            "kelas": KelasKeamanan.objects.get(kode="B"),
            "unit": unit,
            "nomor_surat": "",
        },
    )
    assert naskah.berkas.uraian == "Laporan kegiatan sosialisasi"


def test_an_old_secret_file_description_is_not_indexed_into_a_record_of_another_class(
    make_user, make_naskah, office, unit
):
    ketua = make_user(roles.KETUA, office=office)
    staf = make_user(roles.STAF, office=office, unit=unit)
    secret = make_naskah(
        office=office, unit=unit, created_by=ketua, kelas="SR", perihal="Rencana operasi Garuda"
    )
    Berkas.objects.filter(pk=secret.berkas_id).update(uraian="Rencana operasi Garuda")
    secret.berkas.refresh_from_db()
    plain = make_naskah(
        office=office,
        unit=unit,
        created_by=ketua,
        kelas="B",
        berkas=secret.berkas,
        perihal="Undangan rapat",
    )
    assert plain.pk in set(Naskah.objects.visible_to(staf).values_list("pk", flat=True))
    assert not search.search(Naskah.objects.visible_to(staf), "garuda").exists()
    assert search.search(Naskah.objects.visible_to(ketua), "garuda").get() == secret


def test_a_record_cannot_be_filed_into_a_file_holding_records_one_cannot_see(
    client, garuda, make_user, office, unit, kelas
):
    registrar = make_user(roles.STAF, office=office, unit=unit)
    client.force_login(registrar)
    response = client.post(
        reverse("arsip:register"),
        {
            "klasifikasi": "PP.01.02",
            "perihal": "Susulan",
            "tanggal": "2026-03-06",
            "kelas": kelas["B"].pk,
            "unit": unit.pk,
            "jenis": "surat",
            "tingkat_perkembangan": "asli",
            "media": "kertas",
            "jumlah": "1",
            "satuan": "lembar",
            "nomor_berkas": garuda["secret"].berkas.nomor_berkas,
        },
    )
    assert "Berkas dengan nomor itu tidak ditemukan" in response.text
    assert garuda["secret"].berkas.naskah.count() == 2


def test_an_import_describes_a_new_file_of_secret_rows_neutrally(
    client, make_user, office, unit, reference
):
    from tests.arsip.test_import_export import GOOD_CSV, _upload

    client.force_login(make_user(roles.ARSIPARIS, office=office, unit=unit))
    _upload(client, GOOD_CSV.encode())
    client.post(reverse("arsip:import"), {"simpan": "1"})
    secret_file = Berkas.objects.get(nomor_berkas="7/2024")
    assert secret_file.uraian == f"{secret_file.klasifikasi.nama} 2024"
    plain = Naskah.objects.get(perihal="Surat edaran kearsipan")
    assert plain.berkas.uraian == "Surat edaran kearsipan"


def test_the_migration_neutralises_old_descriptions_copied_from_a_secret_record(
    make_user, make_naskah, office, unit
):
    from importlib import import_module

    from django.apps import apps

    ketua = make_user(roles.KETUA, office=office)
    secret = make_naskah(
        office=office, unit=unit, created_by=ketua, kelas="SR", perihal="Rencana operasi Garuda"
    )
    Berkas.objects.filter(pk=secret.berkas_id).update(uraian="Rencana operasi Garuda")
    plain = make_naskah(
        office=office, unit=unit, created_by=ketua, kelas="B", perihal="Surat biasa"
    )
    Berkas.objects.filter(pk=plain.berkas_id).update(uraian="Surat biasa")
    import_module("arsip.migrations.0009_neutral_file_descriptions").neutralise(apps, None)
    secret.berkas.refresh_from_db()
    plain.berkas.refresh_from_db()
    assert "Garuda" not in secret.berkas.uraian
    assert secret.berkas.uraian == f"{secret.berkas.klasifikasi.nama} {secret.tanggal.year}"
    assert plain.berkas.uraian == "Surat biasa"


def test_re_classing_the_record_a_file_was_described_by_neutralises_the_description(
    client, make_user, office, unit, reference
):
    koordinator = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=unit)
    staf = make_user(roles.STAF, office=office, unit=unit)
    kelas = {k.kode: k for k in KelasKeamanan.objects.all()}
    common = {
        "klasifikasi": KlasifikasiArsip.objects.get(kode="PP.01.02"),
        "tanggal": date(2026, 3, 5),
        "nomor_surat": "",
    }
    first = services.register_naskah(
        user=koordinator,
        data={**common, "perihal": "Rencana operasi Garuda", "kelas": kelas["B"], "unit": unit},
    )
    services.register_naskah(
        user=koordinator,
        data={
            **common,
            "perihal": "Undangan rapat",
            "kelas": kelas["B"],
            "unit": unit,
            "berkas": first.berkas,
        },
    )
    assert search.search(Naskah.objects.visible_to(staf), "garuda").count() == 2
    client.force_login(koordinator)
    response = client.post(
        reverse("arsip:edit", args=[first.pk]),
        {
            "klasifikasi": "PP.01.02",
            "perihal": first.perihal,
            "tanggal": "2026-03-05",
            "kelas": kelas["SR"].pk,
            "unit": unit.pk,
            "jenis": first.jenis,
            "tingkat_perkembangan": first.tingkat_perkembangan,
            "media": first.media,
            "jumlah": 1,
            "satuan": first.satuan,
            "nomor_surat": "",
            "revisi_dilihat": first.revisi,
        },
    )
    assert response.status_code == 302
    first.berkas.refresh_from_db()
    assert "Garuda" not in first.berkas.uraian
    assert not search.search(Naskah.objects.visible_to(staf), "garuda").exists()
