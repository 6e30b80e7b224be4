"""Disposal and file closing act only on files whose every record the user sees, and tell
nothing about the files or records the user cannot see."""

from datetime import date

import pytest
from django.urls import reverse

from arsip import retention
from arsip.models import Berkas, KlasifikasiArsip, RetensiArsip
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def jra(reference):
    return RetensiArsip.objects.create(klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
                                       aktif_tahun=2, inaktif_tahun=3, nasib_akhir="musnah")


@pytest.fixture
def people(make_user, office, unit):
    return {
        "arsiparis": make_user(roles.ARSIPARIS, office=office, unit=unit),
        "ketua": make_user(roles.KETUA, office=office),
    }


def _due(naskah, by):
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2010, 1, 1), by=by)
    return naskah


@pytest.fixture
def mixed(jra, people, make_user, make_naskah, office, unit):
    """A due file the archivist sees wholly, and a due file of another unit holding a Biasa
    record of the archivist's unit and a Sangat Rahasia record of another unit."""
    other = UnitFactory(office=office, name="Divisi Hukum")
    author = make_user(roles.STAF, office=office, unit=other)
    seen = _due(make_naskah(office=office, unit=unit, created_by=people["arsiparis"]),
                people["ketua"])
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="SR",
                         perihal="Operasi rahasia")
    make_naskah(office=office, unit=unit, created_by=author, kelas="B", berkas=secret.berkas)
    _due(secret, people["ketua"])
    return {"seen": seen.berkas, "partial": secret.berkas}


def _executed(people, berkas_list):
    usulan = retention.propose_disposal(
        by=people["ketua"], judul="Usul musnah",
        berkas_qs=Berkas.objects.filter(pk__in=[b.pk for b in berkas_list]))
    retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar="Surat 1/2026")
    retention.execute_disposal(usulan, by=people["ketua"], nomor="BA-1", tanggal=date(2026, 1, 5),
                               dasar="JRA", metode="Pencacahan", saksi="A\nB",
                               penandatangan="Ketua")
    return usulan


def test_berita_acara_pdf_is_404_to_whoever_cannot_see_every_file(client, people, mixed):
    usulan = _executed(people, [mixed["seen"], mixed["partial"]])
    url = reverse("arsip:berita_acara_pdf", args=[usulan.pk])
    client.force_login(people["arsiparis"])
    assert client.get(url).status_code == 404
    page = client.get(reverse("arsip:pemusnahan_detail", args=[usulan.pk]))
    assert url not in page.text
    client.force_login(people["ketua"])
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_berita_acara_pdf_is_given_to_a_reader_of_every_file(client, people, mixed):
    usulan = _executed(people, [mixed["seen"]])
    client.force_login(people["arsiparis"])
    assert client.get(reverse("arsip:berita_acara_pdf", args=[usulan.pk])).status_code == 200
