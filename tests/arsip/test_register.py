import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arsip.models import Berkas, BerkasDigital, Naskah
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload
from tests.refusals import nothing_changes, refused

URL = "arsip:register"


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _post(client, **overrides):
    data = {
        "klasifikasi": "PP.01.02 — Penanganan Laporan Pelanggaran Tingkat Kabupaten/Kota",
        "perihal": "Laporan dugaan pelanggaran kampanye",
        "nomor_surat": "45/PP.01.02/K.UJ-01/03/2026",
        "tanggal": "2026-03-05",
        "kelas": "",
        "jenis": "surat",
        "tingkat_perkembangan": "asli",
        "media": "kertas",
        "jumlah": "1",
        "satuan": "lembar",
    }
    data.update(overrides)
    return client.post(reverse(URL), data)


def test_anonymous_is_sent_to_login(client, reference):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and reverse("sisp:login") in response["Location"]


def test_ketua_without_registration_right_is_refused(client, make_user, office, reference):
    client.force_login(make_user(roles.KETUA, office=office))
    refused(client.get(reverse(URL)))
    with nothing_changes(Naskah, Berkas):
        refused(client.post(reverse(URL), {"perihal": "Surat tanpa hak"}))


def test_form_defaults_to_biasa_and_own_unit(client, arsiparis, kelas):
    client.force_login(arsiparis)
    page = client.get(reverse(URL))
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["kelas"] == kelas["B"].pk
    assert form.initial["unit"] == arsiparis.unit_id
    assert 'list="daftar-klasifikasi"' in page.text
    assert "PP.01.02 — Penanganan Laporan Pelanggaran" in page.text


def test_archivist_registers_item_with_pdf_in_a_new_file(client, arsiparis, kelas, unit):
    client.force_login(arsiparis)
    response = _post(client, kelas=kelas["R"].pk, unit=unit.pk, berkas_file=pdf_upload("isi surat"))
    naskah = Naskah.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("arsip:detail", args=[naskah.pk])
    assert naskah.klasifikasi.kode == "PP.01.02"
    assert naskah.office == arsiparis.office and naskah.created_by == arsiparis
    assert naskah.berkas.nomor_berkas == "1/2026" and naskah.nomor_item == 1
    version = BerkasDigital.objects.get()
    assert version.versi == 1 and len(version.sha256) == 64 and version.extension == "pdf"
    assert AuditEvent.objects.filter(action="arsip.register", object_id=str(naskah.pk)).exists()


def test_code_can_be_typed_lower_case_or_picked_by_a_unique_name(client, arsiparis, unit, kelas):
    client.force_login(arsiparis)
    _post(client, klasifikasi="pp.01.02", kelas=kelas["B"].pk, unit=unit.pk)
    _post(
        client, klasifikasi="Analisis Teknis Pengawasan Pemilu", kelas=kelas["B"].pk, unit=unit.pk
    )
    assert sorted(Naskah.objects.values_list("klasifikasi__kode", flat=True)) == [
        "PM.06",
        "PP.01.02",
    ]


def test_unknown_code_is_refused_in_indonesian_and_input_is_kept(client, arsiparis, unit, kelas):
    client.force_login(arsiparis)
    response = _post(client, klasifikasi="ZZ.99", kelas=kelas["B"].pk, unit=unit.pk)
    assert response.status_code == 200
    assert "Kode klasifikasi tidak dikenal" in response.text
    assert "Laporan dugaan pelanggaran kampanye" in response.text
    assert not Naskah.objects.exists()


def test_second_item_goes_into_an_existing_file_with_the_next_item_number(
    client, arsiparis, unit, kelas
):
    client.force_login(arsiparis)
    _post(client, kelas=kelas["B"].pk, unit=unit.pk)
    _post(
        client,
        kelas=kelas["B"].pk,
        unit=unit.pk,
        nomor_berkas="1/2026",
        perihal="Tindak lanjut laporan",
    )
    assert Berkas.objects.count() == 1
    assert list(Naskah.objects.order_by("nomor_item").values_list("nomor_item", flat=True)) == [
        1,
        2,
    ]


def test_a_file_the_user_cannot_see_cannot_be_used_as_container(
    client, arsiparis, make_user, make_naskah, office, unit, kelas
):
    from tests.factories import UnitFactory

    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    client.force_login(arsiparis)
    response = _post(
        client, kelas=kelas["B"].pk, unit=unit.pk, nomor_berkas=hidden.berkas.nomor_berkas
    )
    assert "Berkas dengan nomor itu tidak ditemukan" in response.text


def test_a_file_judged_by_content_not_name_is_refused(client, arsiparis, unit, kelas):
    client.force_login(arsiparis)
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf at all" * 20)
    response = _post(client, kelas=kelas["B"].pk, unit=unit.pk, berkas_file=fake)
    assert response.status_code == 200
    assert "Jenis file tidak diizinkan" in response.text
    assert not Naskah.objects.exists()


def test_other_office_record_cannot_be_edited(
    client, arsiparis, make_user, make_naskah, other_office
):
    from tests.factories import UnitFactory

    foreign = UnitFactory(office=other_office)
    naskah = make_naskah(
        office=other_office,
        unit=foreign,
        created_by=make_user(roles.STAF, office=other_office, unit=foreign),
    )
    client.force_login(arsiparis)
    assert client.get(reverse("arsip:edit", args=[naskah.pk])).status_code == 404


def test_new_version_never_overwrites_the_old_one(client, arsiparis, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis)
    client.force_login(arsiparis)
    url = reverse("arsip:upload_version", args=[naskah.pk])
    client.post(url, {"berkas_file": pdf_upload("versi pertama"), "catatan": "awal"})
    client.post(url, {"berkas_file": pdf_upload("versi kedua"), "catatan": "perbaikan"})
    v1, v2 = BerkasDigital.objects.order_by("versi")
    assert (v1.versi, v2.versi) == (1, 2)
    assert v1.file_name != v2.file_name and v1.sha256 != v2.sha256
    from django.core.files.storage import default_storage

    assert default_storage.exists(v1.file_name) and default_storage.exists(v2.file_name)
    with nothing_changes(naskah, BerkasDigital):
        assert client.get(reverse("arsip:upload_version", args=[naskah.pk])).status_code == 405
