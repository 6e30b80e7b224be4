"""Disposal and file closing act only on files whose every record the user sees, and tell
nothing about the files or records the user cannot see."""

from datetime import date

import pytest
from django.urls import reverse

from arsip import retention
from arsip.models import Berkas, KlasifikasiArsip, RetensiArsip, UsulanPemusnahan
from sisp import roles
from tests.factories import UnitFactory


@pytest.fixture
def jra(reference):
    return RetensiArsip.objects.create(
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        aktif_tahun=2,
        inaktif_tahun=3,
        nasib_akhir="musnah",
    )


@pytest.fixture
def people(make_user, office, unit):
    return {
        "arsiparis": make_user(roles.ARSIPARIS, office=office, unit=unit),
        "ketua": make_user(roles.KETUA, office=office),
        # The approver is never the proposer: a second official with full sight.
        "ketua2": make_user(roles.KETUA, office=office),
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
    seen = _due(
        make_naskah(office=office, unit=unit, created_by=people["arsiparis"]), people["ketua"]
    )
    secret = make_naskah(
        office=office, unit=other, created_by=author, kelas="SR", perihal="Operasi rahasia"
    )
    make_naskah(office=office, unit=unit, created_by=author, kelas="B", berkas=secret.berkas)
    _due(secret, people["ketua"])
    return {"seen": seen.berkas, "partial": secret.berkas}


def _executed(people, berkas_list):
    usulan = retention.propose_disposal(
        by=people["ketua"],
        judul="Usul musnah",
        berkas_qs=Berkas.objects.filter(pk__in=[b.pk for b in berkas_list]),
    )
    retention.decide_disposal(usulan, by=people["ketua2"], approve=True, dasar="Surat 1/2026")
    retention.execute_disposal(
        usulan,
        by=people["ketua2"],
        nomor="BA-1",
        tanggal=date(2026, 1, 5),
        dasar_nomor="KEP-1/2026",
        dasar_tanggal=date(2026, 1, 2),
        dasar="JRA",
        metode="Pencacahan",
        saksi="A\nB",
        penandatangan="Ketua",
    )
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


def test_the_proposal_page_does_not_count_files_one_cannot_see(
    client, people, mixed, make_user, make_naskah, office
):
    hidden_unit = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=hidden_unit)
    hidden = _due(
        make_naskah(office=office, unit=hidden_unit, created_by=author, kelas="R"), people["ketua"]
    )
    usulan = retention.propose_disposal(
        by=people["ketua"],
        judul="Usul",
        berkas_qs=Berkas.objects.filter(pk__in=[mixed["seen"].pk, hidden.berkas_id]),
    )
    client.force_login(people["arsiparis"])
    page = client.get(reverse("arsip:pemusnahan_detail", args=[usulan.pk]))
    assert page.status_code == 200
    assert "tidak dapat Anda lihat" not in page.text


def test_a_file_with_a_record_one_cannot_see_cannot_be_proposed(client, people, mixed):
    client.force_login(people["arsiparis"])
    page = client.get(reverse("arsip:retensi"), {"daftar": "musnah"})
    assert mixed["partial"].nomor_berkas not in page.text
    client.post(
        reverse("arsip:propose"),
        {"judul": "Usul", "berkas": [mixed["partial"].pk, mixed["seen"].pk]},
    )
    usulan = UsulanPemusnahan.objects.get()
    assert list(usulan.berkas.all()) == [mixed["seen"]]


def test_proposing_only_a_partly_seen_file_is_refused(client, people, mixed):
    client.force_login(people["arsiparis"])
    client.post(reverse("arsip:propose"), {"judul": "Usul", "berkas": [mixed["partial"].pk]})
    assert not UsulanPemusnahan.objects.exists()


def test_a_file_with_a_record_one_cannot_see_cannot_be_closed(client, people, mixed):
    berkas = mixed["partial"]
    client.force_login(people["arsiparis"])
    response = client.post(
        reverse("arsip:close_berkas", args=[berkas.pk]), {"tanggal_tutup": "2024-01-31"}
    )
    assert response.status_code == 404
    berkas.refresh_from_db()
    assert berkas.tanggal_tutup == date(2010, 1, 1)


def test_moving_to_inactive_skips_partly_seen_files(
    client, people, jra, make_user, make_naskah, office, unit
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    make_naskah(office=office, unit=unit, created_by=author, kelas="B", berkas=secret.berkas)
    retention.close_berkas(secret.berkas, tanggal_tutup=date(2020, 1, 1), by=people["ketua"])
    client.force_login(people["arsiparis"])
    response = client.post(reverse("arsip:move_inactive"), {"berkas": [secret.berkas_id]})
    assert response.status_code == 302
    secret.berkas.refresh_from_db()
    assert secret.berkas.status_retensi == "aktif"


def test_the_record_page_offers_no_closing_of_a_partly_seen_file(client, people, mixed):
    plain = mixed["partial"].naskah.get(kelas__kode="B")
    client.force_login(people["arsiparis"])
    page = client.get(reverse("arsip:detail", args=[plain.pk]))
    assert page.status_code == 200
    assert reverse("arsip:close_berkas", args=[mixed["partial"].pk]) not in page.text
    seen = mixed["seen"].naskah.get()
    page = client.get(reverse("arsip:detail", args=[seen.pk]))
    assert reverse("arsip:close_berkas", args=[mixed["seen"].pk]) in page.text
