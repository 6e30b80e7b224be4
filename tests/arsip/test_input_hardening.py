"""Small hardening of inputs and outputs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _preview(client, csv):
    return client.post(reverse("arsip:import"),
                       {"berkas": SimpleUploadedFile("daftar.csv", csv.encode())})


def test_importing_into_a_hidden_file_reads_like_an_unknown_file(client, arsiparis, make_user,
                                                                  make_naskah, office):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    client.force_login(arsiparis)
    preview = _preview(client, (
        "Kode Klasifikasi;Nomor Berkas;Uraian Informasi Item;Tanggal\n"
        f"KA.00;{hidden.berkas.nomor_berkas};Surat susulan;05-03-2024\n"))
    assert "1 baris salah" in preview.text
    assert "sudah ada" not in preview.text and "tidak dapat Anda lihat" not in preview.text
    assert f"berkas dengan nomor {hidden.berkas.nomor_berkas} tidak ditemukan" in preview.text
