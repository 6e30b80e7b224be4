"""Disposal with its legal safeguards (PP 28/2012; Perka ANRI 25/2012): full sight for whoever
approves or executes, approver not the proposer, a Berita Acara with its basis (decision
number and date) and two witnesses, and ANRI's recorded approval for long retention."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from arsip import retention, services
from arsip.models import Berkas, BerkasDigital, KlasifikasiArsip, RetensiArsip, UsulanPemusnahan
from sisp import roles
from tests.arsip.conftest import pdf_upload
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
        "ketua2": make_user(roles.KETUA, office=office),
        # Approves disposals, but reads Sangat Rahasia only in their own unit.
        "koordinator": make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=unit),
    }


def _due(naskah, by):
    services.add_version(naskah, pdf_upload("isi lama"), user=by)
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2010, 1, 1), by=by)
    return naskah


@pytest.fixture
def secret_file(jra, people, make_user, make_naskah, office):
    """A due file of another unit holding a Sangat Rahasia record."""
    other = UnitFactory(office=office, name="Divisi Hukum")
    author = make_user(roles.STAF, office=office, unit=other)
    return _due(
        make_naskah(office=office, unit=other, created_by=author, kelas="SR"), people["ketua"]
    ).berkas


@pytest.fixture
def plain_file(jra, people, make_naskah, office, unit):
    return _due(
        make_naskah(office=office, unit=unit, created_by=people["arsiparis"]), people["arsiparis"]
    ).berkas


def _propose(by, *files):
    return retention.propose_disposal(
        by=by, judul="Usul musnah", berkas_qs=Berkas.objects.filter(pk__in=[f.pk for f in files])
    )


BA = {
    "nomor": "BA-01/2026",
    "tanggal": date(2026, 1, 10),
    "dasar_nomor": "KEP-7/HK.01/2026",
    "dasar_tanggal": date(2026, 1, 5),
    "metode": "Pencacahan",
    "saksi": "Saksi Satu, Staf\nSaksi Dua, Staf",
    "penandatangan": "Ketua",
}


def _unchanged(usulan, status, berkas):
    usulan.refresh_from_db()
    assert usulan.status == status
    berkas.refresh_from_db()
    assert berkas.status_retensi != "musnah"
    version = BerkasDigital.objects.get(naskah__berkas=berkas)
    assert version.dimusnahkan_pada is None and default_storage.exists(version.file_name)
    assert not hasattr(usulan, "berita_acara") or usulan.berita_acara is None


def test_an_approver_who_cannot_see_every_record_cannot_approve(
    client, people, secret_file, plain_file
):
    usulan = _propose(people["ketua"], secret_file, plain_file)
    with pytest.raises(ValidationError) as refused:
        retention.decide_disposal(
            usulan, by=people["koordinator"], approve=True, dasar="Surat 1/2026"
        )
    assert refused.value.code == "partial_sight"
    _unchanged(usulan, "diajukan", secret_file)

    client.force_login(people["koordinator"])
    url = reverse("arsip:pemusnahan_detail", args=[usulan.pk])
    page = client.post(url, {"keputusan": "setujui", "dasar": "Surat 1/2026"})
    assert page.status_code == 200
    _unchanged(usulan, "diajukan", secret_file)
    page = client.get(url)
    # The page says an official with full sight is needed, and nothing of what is hidden.
    assert retention.NEEDS_FULL_SIGHT in page.text
    assert 'name="keputusan"' not in page.text
    assert secret_file.nomor_berkas not in page.text
    assert plain_file.nomor_berkas in page.text


def test_an_executor_who_cannot_see_every_record_cannot_execute(
    client, people, secret_file, plain_file
):
    usulan = _propose(people["ketua"], secret_file, plain_file)
    retention.decide_disposal(usulan, by=people["ketua2"], approve=True, dasar="Surat 1/2026")
    with pytest.raises(ValidationError) as refused:
        retention.execute_disposal(usulan, by=people["koordinator"], **BA)
    assert refused.value.code == "partial_sight"
    _unchanged(usulan, "disetujui", secret_file)

    client.force_login(people["koordinator"])
    url = reverse("arsip:pemusnahan_detail", args=[usulan.pk])
    client.post(url, {**BA, "tanggal": "2026-01-10", "dasar_tanggal": "2026-01-05"})
    _unchanged(usulan, "disetujui", secret_file)
    _unchanged(usulan, "disetujui", plain_file)
    assert 'name="nomor"' not in client.get(url).text


def test_an_official_with_full_sight_approves_and_executes(people, secret_file, plain_file):
    usulan = _propose(people["arsiparis"], plain_file)
    retention.decide_disposal(usulan, by=people["koordinator"], approve=True, dasar="Surat 1/2026")
    ba = retention.execute_disposal(usulan, by=people["koordinator"], **BA)
    usulan.refresh_from_db()
    plain_file.refresh_from_db()
    assert usulan.status == "dilaksanakan" and plain_file.status_retensi == "musnah"
    # Proposer, approver and executor are each recorded.
    assert usulan.diajukan_oleh == people["arsiparis"]
    assert usulan.diputus_oleh == people["koordinator"]
    assert ba.created_by == people["koordinator"]
    assert (ba.dasar_nomor, ba.dasar_tanggal) == ("KEP-7/HK.01/2026", date(2026, 1, 5))


def test_the_proposer_cannot_approve_their_own_proposal(client, people, plain_file):
    usulan = _propose(people["ketua"], plain_file)
    with pytest.raises(ValidationError) as refused:
        retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar="Surat 1/2026")
    assert refused.value.code == "own_proposal"
    _unchanged(usulan, "diajukan", plain_file)
    client.force_login(people["ketua"])
    url = reverse("arsip:pemusnahan_detail", args=[usulan.pk])
    client.post(url, {"keputusan": "setujui", "dasar": "Surat 1/2026"})
    _unchanged(usulan, "diajukan", plain_file)
    assert 'name="keputusan"' not in client.get(url).text


def test_an_approval_needs_a_real_letter_number(people, plain_file):
    usulan = _propose(people["arsiparis"], plain_file)
    for placeholder in ["-", "x", "  ", "n/a"]:
        with pytest.raises(ValidationError):
            retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar=placeholder)
    _unchanged(usulan, "diajukan", plain_file)


@pytest.fixture
def approved(people, plain_file):
    usulan = _propose(people["arsiparis"], plain_file)
    return retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar="Surat 1/2026")


@pytest.mark.parametrize(
    "change, code",
    [
        ({"dasar_nomor": "-"}, "reference"),
        ({"dasar_nomor": ""}, "reference"),
        ({"dasar_tanggal": None}, "basis_date"),
        ({"dasar_tanggal": date(2026, 2, 1)}, "basis_date"),  # after the Berita Acara
        ({"saksi": "Saksi Satu, Staf"}, "witnesses"),
        ({"saksi": "Saksi Satu\n saksi  satu \n\n-"}, "witnesses"),
    ],
)
def test_a_berita_acara_without_its_basis_or_two_witnesses_is_refused(
    people, approved, plain_file, change, code
):
    with pytest.raises(ValidationError) as refused:
        retention.execute_disposal(approved, by=people["ketua"], **{**BA, **change})
    assert code in [e.code for e in refused.value.error_list]
    _unchanged(approved, "disetujui", plain_file)


def test_the_number_of_witnesses_is_a_setting(settings, people, approved, plain_file):
    settings.ARSIP_PEMUSNAHAN_MIN_SAKSI = 3
    with pytest.raises(ValidationError):
        retention.execute_disposal(approved, by=people["ketua"], **BA)
    _unchanged(approved, "disetujui", plain_file)
    retention.execute_disposal(approved, by=people["ketua"], **{**BA, "saksi": "Satu\nDua\nTiga"})
    approved.refresh_from_db()
    assert approved.status == "dilaksanakan"


def test_the_page_keeps_typed_values_and_says_what_is_missing(client, people, approved):
    client.force_login(people["ketua"])
    url = reverse("arsip:pemusnahan_detail", args=[approved.pk])
    page = client.post(
        url,
        {**BA, "tanggal": "2026-01-10", "dasar_tanggal": "2026-01-05", "saksi": "Hanya Satu"},
    )
    assert page.status_code == 200
    assert "paling sedikit 2 saksi" in page.text
    assert "KEP-7/HK.01/2026" in page.text and "Hanya Satu" in page.text
    approved.refresh_from_db()
    assert approved.status == "disetujui"


def test_long_retention_needs_the_recorded_anri_approval_before_execution(
    client, jra, people, approved, plain_file
):
    jra.aktif_tahun, jra.inaktif_tahun = 5, 10  # 15 years: a long-kept case file
    jra.save()
    with pytest.raises(ValidationError) as refused:
        retention.execute_disposal(approved, by=people["ketua"], **BA)
    assert "anri_missing" in [e.code for e in refused.value.error_list]
    _unchanged(approved, "disetujui", plain_file)

    client.force_login(people["ketua"])
    url = reverse("arsip:pemusnahan_detail", args=[approved.pk])
    assert 'id="form-anri"' in client.get(url).text
    client.post(url, {"anri_nomor": "-", "anri_tanggal": "2026-01-08"})
    approved.refresh_from_db()
    assert approved.anri_nomor == ""
    client.post(url, {"anri_nomor": "B-123/ANRI/2026", "anri_tanggal": "2026-01-08"})
    approved.refresh_from_db()
    assert (approved.anri_nomor, approved.anri_tanggal) == ("B-123/ANRI/2026", date(2026, 1, 8))
    assert approved.anri_dicatat_oleh == people["ketua"]
    client.post(url, {**BA, "tanggal": "2026-01-10", "dasar_tanggal": "2026-01-05"})
    approved.refresh_from_db()
    assert approved.status == "dilaksanakan"
    pdf = client.get(reverse("arsip:berita_acara_pdf", args=[approved.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_anri_threshold_is_a_setting_and_shorter_retention_needs_none(
    settings, jra, people, approved
):
    jra.aktif_tahun, jra.inaktif_tahun = 4, 5  # 9 years: below the default 10
    jra.save()
    assert not retention.needs_anri(approved)
    settings.ARSIP_PEMUSNAHAN_ANRI_TAHUN = 9
    assert retention.needs_anri(approved)
    settings.ARSIP_PEMUSNAHAN_ANRI_TAHUN = 10
    retention.execute_disposal(approved, by=people["ketua"], **BA)
    approved.refresh_from_db()
    assert approved.status == "dilaksanakan"


def test_an_executed_proposal_cannot_be_executed_again(people, approved):
    retention.execute_disposal(approved, by=people["ketua"], **BA)
    with pytest.raises(ValidationError) as refused:
        retention.execute_disposal(approved, by=people["ketua"], **{**BA, "nomor": "BA-02"})
    assert refused.value.code == "not_approved"
    assert UsulanPemusnahan.objects.get().berita_acara.nomor == "BA-01/2026"
