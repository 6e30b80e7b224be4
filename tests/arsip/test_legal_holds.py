"""Legal holds: a record linked to a pending case, or held by hand, cannot be proposed or
executed for disposal, lowered in class, or lose a file version (PP 28/2012; domain note)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from arsip import holds, retention, services
from arsip.models import (
    Berkas,
    BerkasDigital,
    KelasKeamanan,
    KlasifikasiArsip,
    LegalHold,
    Naskah,
    RetensiArsip,
    UsulanPemusnahan,
)
from ppps import reference_data as ppps_reference
from ppps import services as ppps_services
from ppps.models import Jenis, Pemilihan, Regime, StatusPerkara, Tahapan
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
        "petugas": make_user(roles.PETUGAS_PPPS, office=office, unit=unit),
        "staf": make_user(roles.STAF, office=office, unit=unit),
    }


@pytest.fixture
def due(jra, people, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    services.add_version(naskah, pdf_upload("bukti"), user=people["arsiparis"])
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2010, 1, 1), by=people["arsiparis"])
    return naskah


@pytest.fixture
def perkara(db, office, people):
    ppps_reference.load_all()
    pemilu = Pemilihan.objects.create(
        office=office, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )
    case, _pin = ppps_services.receive_perkara(
        office=office,
        user=people["petugas"],
        jenis=Jenis.SENGKETA,
        pemilihan=pemilu,
        tanggal_kejadian=date(2024, 10, 20),
        tanggal_diterima=date(2024, 10, 21),
    )
    return case


def _close(case, user, on):
    """The dispute is decided on ``on``: held through the 5 working days to go to PTUN."""
    ppps_services.move_to_stage(
        case,
        Tahapan.objects.get(regime=Regime.PEMILU, jenis=Jenis.SENGKETA, code="putusan"),
        user=user,
        tanggal=on,
        status=StatusPerkara.objects.get(code="putusan-adjudikasi"),
    )


def _propose(by, *naskah):
    return retention.propose_disposal(
        by=by,
        judul="Usul musnah",
        berkas_qs=Berkas.objects.filter(pk__in=[n.berkas_id for n in naskah]),
    )


BA = {
    "nomor": "BA-01/2026",
    "tanggal": date(2026, 1, 10),
    "dasar_nomor": "KEP-7/2026",
    "dasar_tanggal": date(2026, 1, 5),
    "metode": "Pencacahan",
    "saksi": "Saksi Satu\nSaksi Dua",
    "penandatangan": "Ketua",
}


def _not_destroyed(naskah):
    naskah.refresh_from_db()
    assert naskah.status_retensi != "musnah"
    version = BerkasDigital.objects.get(naskah=naskah)
    assert version.dimusnahkan_pada is None and default_storage.exists(version.file_name)


def test_a_record_linked_to_an_open_case_cannot_be_proposed(people, due, perkara):
    holds.link_perkara(perkara, due, by=people["petugas"])
    with pytest.raises(ValidationError) as refused:
        _propose(people["arsiparis"], due)
    assert refused.value.code == "held"
    assert due.berkas.nomor_berkas in refused.value.messages[0]
    assert not UsulanPemusnahan.objects.exists()


def test_a_hold_placed_after_approval_stops_the_execution(people, due):
    usulan = _propose(people["arsiparis"], due)
    retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar="Surat 1/2026")
    holds.place_hold(due, by=people["ketua"], alasan="Diminta penyidik untuk pemeriksaan")
    with pytest.raises(ValidationError) as refused:
        retention.execute_disposal(usulan, by=people["ketua"], **BA)
    assert refused.value.code == "held"
    usulan.refresh_from_db()
    assert usulan.status == "disetujui"
    _not_destroyed(due)


def test_the_case_hold_lasts_through_the_appeal_window_and_then_ends(people, due, perkara):
    holds.link_perkara(perkara, due, by=people["petugas"])
    assert holds.is_held(due)
    _close(perkara, people["petugas"], date(2024, 11, 1))  # Friday
    assert holds.is_held(due, today=date(2024, 11, 8))  # fifth working day after
    assert not holds.is_held(due, today=date(2024, 11, 9))
    # Long past (today): the record may now be proposed and destroyed.
    usulan = _propose(people["arsiparis"], due)
    retention.decide_disposal(usulan, by=people["ketua"], approve=True, dasar="Surat 1/2026")
    retention.execute_disposal(usulan, by=people["ketua"], **BA)
    due.refresh_from_db()
    assert due.status_retensi == "musnah"


def test_a_recently_closed_case_still_holds(people, due, perkara):
    holds.link_perkara(perkara, due, by=people["petugas"])
    _close(perkara, people["petugas"], timezone.localdate() - timedelta(days=1))
    assert holds.is_held(due)
    with pytest.raises(ValidationError):
        _propose(people["arsiparis"], due)


def test_a_held_record_cannot_be_lowered_in_class_but_may_be_raised(
    people, make_naskah, office, unit
):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="T")
    holds.place_hold(naskah, by=people["arsiparis"], alasan="Bukti dalam perkara pidana")
    biasa, rahasia = KelasKeamanan.objects.get(kode="B"), KelasKeamanan.objects.get(kode="R")
    with pytest.raises(ValidationError) as refused:
        services.update_naskah(naskah, user=people["ketua"], data={"kelas": biasa}, revisi=0)
    assert refused.value.code == "held"
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "T" and naskah.revisi == 0
    services.update_naskah(naskah, user=people["ketua"], data={"kelas": rahasia}, revisi=0)
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "R"


def test_the_edit_page_shows_the_refusal_and_keeps_the_typed_values(
    client, people, make_user, make_naskah, office, unit
):
    koordinator = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=koordinator, kelas="T")
    holds.place_hold(naskah, by=people["ketua"], alasan="Bukti dalam perkara pidana")
    client.force_login(koordinator)
    url = reverse("arsip:edit", args=[naskah.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    data.update(kelas=KelasKeamanan.objects.get(kode="B").pk, perihal="Perihal yang baru diketik")
    page = client.post(url, data)
    assert page.status_code == 200
    assert "ditahan (legal hold)" in page.text
    assert "Perihal yang baru diketik" in page.text
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "T" and naskah.perihal != "Perihal yang baru diketik"


def test_the_check_for_removing_a_version_refuses_a_held_record(people, due):
    holds.assert_not_held(due, action=holds.REMOVE_VERSION)  # not held: no refusal
    holds.place_hold(due, by=people["arsiparis"], alasan="Sengketa informasi publik")
    with pytest.raises(ValidationError) as refused:
        holds.assert_not_held(due, action=holds.REMOVE_VERSION)
    assert "kehilangan versi" in refused.value.messages[0]


def test_a_released_manual_hold_no_longer_holds(people, due):
    hold = holds.place_hold(due, by=people["arsiparis"], alasan="Pemeriksaan Inspektorat")
    with pytest.raises(ValidationError):
        holds.release_hold(hold, by=people["ketua"], alasan="-")
    assert holds.is_held(due)
    holds.release_hold(hold, by=people["ketua"], alasan="Pemeriksaan selesai")
    assert not holds.is_held(due)
    with pytest.raises(ValidationError):
        holds.release_hold(hold, by=people["ketua"], alasan="Pemeriksaan selesai")


def test_a_case_link_cannot_be_released_by_hand(people, due, perkara):
    hold = holds.link_perkara(perkara, due, by=people["petugas"])
    with pytest.raises(ValidationError) as refused:
        holds.release_hold(hold, by=people["ketua"], alasan="Tidak relevan lagi")
    assert refused.value.code == "case_link"
    hold.refresh_from_db()
    assert hold.dicabut_pada is None and holds.is_held(due)


def test_only_the_archivist_or_ketua_holds_by_hand_and_with_a_reason(people, due):
    with pytest.raises(ValidationError):
        holds.place_hold(due, by=people["staf"], alasan="Saya ingin menahan")
    with pytest.raises(ValidationError):
        holds.place_hold(due, by=people["arsiparis"], alasan=" - ")
    assert not LegalHold.objects.exists()


# --- the case page ---------------------------------------------------------------------


def test_an_officer_who_sees_both_links_a_record_from_the_case_page(client, people, due, perkara):
    client.force_login(people["petugas"])
    url = reverse("ppps:link_arsip", args=[perkara.pk])
    response = client.post(url, {"arsip-naskah": due.pk})
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.naskah, hold.perkara, hold.dibuat_oleh) == (due, perkara, people["petugas"])
    page = client.get(reverse("ppps:perkara_detail", args=[perkara.pk]))
    assert reverse("arsip:detail", args=[due.pk]) in page.text
    assert "Selama perkara belum selesai" in page.text
    client.post(url, {"arsip-naskah": due.pk})  # twice: refused with a message, no 500
    assert LegalHold.objects.count() == 1


def test_a_record_the_officer_cannot_see_is_not_found_and_not_linked(
    client, people, perkara, make_user, make_naskah, office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    client.force_login(people["petugas"])
    url = reverse("ppps:link_arsip", args=[perkara.pk])
    hidden_reply = client.post(url, {"arsip-naskah": hidden.pk}, follow=True)
    missing_reply = client.post(url, {"arsip-naskah": 987654}, follow=True)
    assert "Naskah tidak ditemukan" in hidden_reply.text
    assert "Naskah tidak ditemukan" in missing_reply.text
    assert not LegalHold.objects.exists()
    client.post(url, {"arsip-naskah": "²"}, follow=True)
    assert not LegalHold.objects.exists()


def test_the_case_page_lists_only_the_linked_records_one_sees(
    client, people, due, perkara, make_user, make_naskah, office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    # A leader who handles cases and reads every class links it; the officer cannot see it.
    leader = make_user(roles.KETUA, roles.PETUGAS_PPPS, office=office)
    holds.link_perkara(perkara, secret, by=leader)
    client.force_login(people["petugas"])
    page = client.get(reverse("ppps:perkara_detail", args=[perkara.pk]))
    assert reverse("arsip:detail", args=[secret.pk]) not in page.text
    assert "Belum ada naskah E-Arsip yang dikaitkan" in page.text


def test_a_case_of_another_office_is_404_and_links_nothing(
    client, make_user, other_office, due, perkara
):
    foreign = make_user(roles.PETUGAS_PPPS, roles.KETUA, office=other_office)
    client.force_login(foreign)
    reply = client.post(reverse("ppps:link_arsip", args=[perkara.pk]), {"arsip-naskah": due.pk})
    assert reply.status_code == 404
    assert not LegalHold.objects.exists()


def test_staff_without_the_right_to_handle_cases_cannot_link(client, people, due, perkara):
    client.force_login(people["arsiparis"])
    reply = client.post(reverse("ppps:link_arsip", args=[perkara.pk]), {"arsip-naskah": due.pk})
    assert reply.status_code == 403
    assert not LegalHold.objects.exists()


# --- the archivist's list ------------------------------------------------------------------


def test_the_archivist_lists_holds_with_their_end_dates(
    client, people, due, perkara, make_naskah, office, unit, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    holds.link_perkara(perkara, due, by=people["petugas"])
    manual = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    holds.place_hold(manual, by=people["arsiparis"], alasan="Permintaan Inspektorat")
    client.force_login(people["arsiparis"])
    url = reverse("arsip:penahanan")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert page.status_code == 200
    assert "Selama perkara belum selesai" in page.text and "Sampai dicabut" in page.text
    for _ in range(6):
        extra = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
        holds.place_hold(extra, by=people["arsiparis"], alasan="Permintaan Inspektorat")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)  # more rows, no more queries
    _close(perkara, people["petugas"], timezone.localdate())
    page = client.get(url)
    # Decided today: held through the PTUN window, shown with its end date.
    state = holds.with_states([LegalHold.objects.get(perkara=perkara)])[0][1]
    assert state.active and state.until > timezone.localdate()
    assert f"{state.until:%d-%m-%Y}" in page.text


def test_the_list_is_for_the_archivist_and_ketua_and_hides_holds_on_unseen_records(
    client, people, make_user, make_naskah, office, other_office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    hold = holds.place_hold(secret, by=people["ketua"], alasan="Perkara di pengadilan")
    client.force_login(people["staf"])
    assert client.get(reverse("arsip:penahanan")).status_code == 403
    client.force_login(people["arsiparis"])
    assert (
        reverse("arsip:detail", args=[secret.pk]) not in client.get(reverse("arsip:penahanan")).text
    )
    # Releasing a hold one cannot see answers like a missing one, and changes nothing.
    cabut = client.post(reverse("arsip:cabut_penahanan", args=[hold.pk]), {"alasan": "Selesai"})
    assert cabut.status_code == 404
    foreign = make_user(roles.ARSIPARIS, roles.KETUA, office=other_office)
    client.force_login(foreign)
    assert (
        client.post(
            reverse("arsip:cabut_penahanan", args=[hold.pk]), {"alasan": "Selesai"}
        ).status_code
        == 404
    )
    hold.refresh_from_db()
    assert hold.dicabut_pada is None


def test_the_archivist_places_and_releases_a_hold_from_the_list(client, people, due):
    client.force_login(people["arsiparis"])
    url = reverse("arsip:penahanan")
    page = client.post(url, {"naskah": due.pk, "alasan": "-"})
    assert page.status_code == 200 and not LegalHold.objects.exists()
    client.post(url, {"naskah": due.pk, "alasan": "Permintaan kejaksaan"})
    hold = LegalHold.objects.get()
    assert holds.is_held(Naskah.objects.get(pk=due.pk))
    client.post(reverse("arsip:cabut_penahanan", args=[hold.pk]), {"alasan": "Perkara selesai"})
    hold.refresh_from_db()
    assert hold.dicabut_oleh == people["arsiparis"] and not holds.is_held(due)


def test_the_admin_cannot_lower_the_class_of_a_held_record(
    client, people, make_user, make_naskah, office, unit
):
    """The admin shows the class read-only to everyone (a class changes only through the
    class authority and the hold check, ``services.update_naskah``): a posted lower class
    is ignored, the held record stays Rahasia."""
    root = make_user(roles.KETUA, office=office, unit=unit, is_staff=True, is_superuser=True)
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="R")
    holds.place_hold(naskah, by=people["ketua"], alasan="Bukti dalam perkara pidana")
    client.force_login(root)
    url = reverse("admin:arsip_naskah_change", args=[naskah.pk])
    form = client.get(url).context["adminform"].form
    assert "kelas" not in form.fields
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    data["kelas"] = KelasKeamanan.objects.get(kode="B").pk
    client.post(url, data)
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "R"


def test_the_disposal_list_marks_files_holding_a_held_record(client, people, due):
    client.force_login(people["arsiparis"])
    url = reverse("arsip:retensi")
    assert ">ditahan</span>" not in client.get(url, {"daftar": "musnah"}).text
    holds.place_hold(due, by=people["arsiparis"], alasan="Permintaan kejaksaan")
    assert ">ditahan</span>" in client.get(url, {"daftar": "musnah"}).text
