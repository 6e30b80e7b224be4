"""Retention dates and lists, disposal with its Berita Acara, borrowing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from arsip import retention, services
from arsip.models import BerkasDigital, KlasifikasiArsip, Naskah, RetensiArsip, UsulanPemusnahan
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory
from tests.refusals import not_found, nothing_changes, refused


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
        "staf": make_user(roles.STAF, office=office, unit=unit),
    }


def test_end_dates_follow_closing_date_and_the_codes_jra(jra, people, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    berkas = naskah.berkas
    assert berkas.aktif_sampai is None
    retention.close_berkas(berkas, tanggal_tutup=date(2020, 2, 29), by=people["arsiparis"])
    berkas.refresh_from_db()
    assert berkas.aktif_sampai == date(2022, 2, 28)
    assert berkas.inaktif_sampai == date(2025, 2, 28)
    jra.aktif_tahun = 5
    jra.save()
    retention.refresh_retensi(jra.klasifikasi)
    berkas.refresh_from_db()
    assert berkas.aktif_sampai == date(2025, 2, 28)


def test_lists_show_files_due_for_inactive_and_disposal(jra, people, make_naskah, office, unit):
    today = timezone.localdate()
    due_inactive = make_naskah(office=office, unit=unit, created_by=people["arsiparis"]).berkas
    due_disposal = make_naskah(office=office, unit=unit, created_by=people["arsiparis"]).berkas
    fresh = make_naskah(office=office, unit=unit, created_by=people["arsiparis"]).berkas
    retention.close_berkas(
        due_inactive, tanggal_tutup=today - timedelta(days=3 * 365), by=people["arsiparis"]
    )
    retention.close_berkas(
        due_disposal, tanggal_tutup=today - timedelta(days=6 * 365), by=people["arsiparis"]
    )
    retention.close_berkas(fresh, tanggal_tutup=today, by=people["arsiparis"])
    from arsip.models import Berkas

    visible = Berkas.objects.visible_to(people["ketua"])
    assert set(retention.retention_list(visible, "inaktif")) == {due_inactive, due_disposal}
    assert set(retention.retention_list(visible, "musnah")) == {due_disposal}
    assert not retention.retention_list(visible, "permanen").exists()


def test_retention_page_is_for_the_archivist_and_leaders_only(client, people, jra):
    client.force_login(people["staf"])
    refused(client.get(reverse("arsip:retensi")))
    client.force_login(people["arsiparis"])
    page = client.get(reverse("arsip:retensi"), {"daftar": "musnah"})
    assert page.status_code == 200
    assert page.context["current"] == "musnah"


def _due_for_disposal(people, make_naskah, office, unit):
    naskah = make_naskah(
        office=office,
        unit=unit,
        created_by=people["arsiparis"],
        perihal="Surat lama yang habis retensinya",
    )
    services.add_version(naskah, pdf_upload("isi lama"), user=people["arsiparis"])
    retention.close_berkas(naskah.berkas, tanggal_tutup=date(2010, 1, 1), by=people["arsiparis"])
    return naskah


def test_disposal_proposal_approval_execution_and_berita_acara(
    client, jra, people, make_naskah, office, unit, django_capture_on_commit_callbacks
):
    naskah = _due_for_disposal(people, make_naskah, office, unit)
    version = naskah.versi.get()
    client.force_login(people["arsiparis"])
    response = client.post(
        reverse("arsip:propose"), {"judul": "Usul musnah 2026", "berkas": [naskah.berkas_id]}
    )
    usulan = UsulanPemusnahan.objects.get()
    assert response["Location"] == reverse("arsip:pemusnahan_detail", args=[usulan.pk])

    # Nothing is destroyed without the recorded approval.
    with pytest.raises(ValidationError):
        retention.execute_disposal(
            usulan,
            by=people["ketua"],
            nomor="1",
            tanggal=date.today(),
            dasar_nomor="KEP-1/2026",
            dasar_tanggal=date.today(),
            metode="x",
            saksi="x",
            penandatangan="x",
        )
    # The archivist may propose but not approve.
    assert (
        client.post(
            reverse("arsip:pemusnahan_detail", args=[usulan.pk]),
            {"keputusan": "setujui", "dasar": "x"},
        ).status_code
        == 403
    )

    client.force_login(people["ketua"])
    client.post(
        reverse("arsip:pemusnahan_detail", args=[usulan.pk]),
        {"keputusan": "setujui", "dasar": "Surat Bawaslu RI nomor 12/2026"},
    )
    usulan.refresh_from_db()
    assert usulan.status == "disetujui" and usulan.diputus_oleh == people["ketua"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("arsip:pemusnahan_detail", args=[usulan.pk]),
            {
                "nomor": "BA-01/KA.01.04/2026",
                "tanggal": "2026-11-20",
                "dasar_nomor": "KEP-12/HK.01/2026",
                "dasar_tanggal": "2026-11-10",
                "dasar": "JRA Perbawaslu 14/2020",
                "metode": "Pencacahan",
                "saksi": "Saksi Satu, Staf\nSaksi Dua, Staf",
                "penandatangan": "Ketua Uji",
            },
        )
    usulan.refresh_from_db()
    naskah.refresh_from_db()
    version.refresh_from_db()
    assert usulan.status == "dilaksanakan"
    assert naskah.status_retensi == "musnah" and naskah.perihal  # metadata kept
    assert version.dimusnahkan_pada is not None and not default_storage.exists(version.file_name)
    assert client.get(reverse("arsip:download", args=[naskah.pk, 1])).status_code == 404
    pdf = client.get(reverse("arsip:berita_acara_pdf", args=[usulan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="arsip.execute_disposal").exists()


def test_files_not_yet_due_cannot_be_proposed(client, jra, people, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    client.force_login(people["arsiparis"])
    client.post(reverse("arsip:propose"), {"judul": "Terlalu dini", "berkas": [naskah.berkas_id]})
    assert not UsulanPemusnahan.objects.exists()


def test_proposals_of_another_office_are_404(
    client, jra, people, make_user, other_office, make_naskah, office, unit
):
    naskah = _due_for_disposal(people, make_naskah, office, unit)
    usulan = retention.propose_disposal(
        by=people["arsiparis"], judul="x", berkas_qs=type(naskah.berkas).objects.all()
    )
    foreign = make_user(roles.KETUA, office=other_office)
    client.force_login(foreign)
    assert client.get(reverse("arsip:pemusnahan_detail", args=[usulan.pk])).status_code == 404


@pytest.mark.django_db
def test_due_date_counts_working_days_and_skips_public_holidays():
    assert retention.due_date(date(2026, 11, 20), 5) == date(2026, 11, 27)  # Fri -> next Fri
    # 17 August 2026 (Monday) is Independence Day.
    assert retention.due_date(date(2026, 8, 14), 1) == date(2026, 8, 18)


@pytest.mark.django_db
def test_due_date_skips_cuti_bersama_of_the_holiday_calendar():
    # Wed 24 Dec 2025 + 1 working day: 25 Dec Natal, 26 Dec cuti bersama (SKB 3 Menteri),
    # 27-28 weekend, so Monday 29 Dec. The ``holidays`` package's public list alone gave 26 Dec.
    assert retention.due_date(date(2025, 12, 24), 1) == date(2025, 12, 29)
    # Fri 15 Aug 2025 + 1: 18 Aug 2025 is cuti bersama of Independence Day, so Tuesday 19.
    assert retention.due_date(date(2025, 8, 15), 1) == date(2025, 8, 19)


@pytest.mark.django_db
def test_due_date_follows_a_holiday_the_installation_manager_adds():
    from ppps.models import HariLibur

    assert retention.due_date(date(2026, 10, 5), 1) == date(2026, 10, 6)
    HariLibur.objects.create(date=date(2026, 10, 6), name="Libur daerah (uji)", kind="lainnya")
    assert retention.due_date(date(2026, 10, 5), 1) == date(2026, 10, 7)


def test_borrowing_register_with_return_and_overdue_list(client, people, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    client.force_login(people["arsiparis"])
    client.post(
        reverse("arsip:peminjaman"),
        {"naskah": naskah.pk, "peminjam": people["staf"].pk, "keperluan": "Bahan rapat"},
    )
    loan = naskah.peminjaman.get()
    assert loan.jatuh_tempo > loan.tanggal_pinjam
    type(loan).objects.filter(pk=loan.pk).update(jatuh_tempo=date(2020, 1, 1))
    page = client.get(reverse("arsip:peminjaman"))
    assert "1 peminjaman melewati jatuh tempo" in page.text
    client.post(reverse("arsip:kembali", args=[loan.pk]))
    loan.refresh_from_db()
    assert loan.tanggal_kembali == timezone.localdate()


def test_a_record_cannot_be_lent_to_someone_without_the_right(
    people, make_naskah, make_user, office, unit
):
    other = UnitFactory(office=office)
    secret = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="R")
    outsider = make_user(roles.STAF, office=office, unit=other)
    with (
        nothing_changes(secret, retention.Peminjaman),
        pytest.raises(ValidationError, match="tidak berhak"),
    ):
        retention.lend(secret, peminjam=outsider, keperluan="x", by=people["arsiparis"])


def test_staff_cannot_open_the_borrowing_register(client, people):
    client.force_login(people["staf"])
    refused(client.get(reverse("arsip:peminjaman")))


def test_destroyed_versions_stay_listed_but_not_downloadable(people, make_naskah, office, unit):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    services.add_version(naskah, pdf_upload(), user=people["arsiparis"])
    BerkasDigital.objects.update(dimusnahkan_pada=timezone.now())
    Naskah.objects.filter(pk=naskah.pk).update(status_retensi="musnah")
    naskah.refresh_from_db()
    with pytest.raises(ValidationError):
        services.add_version(naskah, pdf_upload(), user=people["arsiparis"])


def test_closing_a_file_from_the_record_page_sets_its_retention_dates(
    client, jra, people, make_naskah, office, unit
):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"])
    client.force_login(people["arsiparis"])
    page = client.get(reverse("arsip:detail", args=[naskah.pk]))
    assert "belum ditutup" in page.text and "belum terverifikasi" in page.text
    response = client.post(
        reverse("arsip:close_berkas", args=[naskah.berkas_id]),
        {"tanggal_tutup": "2024-01-31", "next_naskah": naskah.pk},
    )
    assert response["Location"] == reverse("arsip:detail", args=[naskah.pk])
    naskah.berkas.refresh_from_db()
    assert naskah.berkas.aktif_sampai == date(2026, 1, 31)


def test_a_file_one_cannot_see_cannot_be_closed(
    client, jra, people, make_user, make_naskah, office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    client.force_login(people["arsiparis"])
    with nothing_changes(hidden.berkas, hidden):
        response = client.post(
            reverse("arsip:close_berkas", args=[hidden.berkas_id]), {"tanggal_tutup": "2024-01-31"}
        )
        not_found(response)


def test_loan_of_a_record_the_archivist_cannot_see_is_404_and_junk_ids_are_form_errors(
    client, people, make_user, make_naskah, office
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    client.force_login(people["arsiparis"])
    with nothing_changes(hidden, retention.Peminjaman):
        response = client.post(
            reverse("arsip:peminjaman"),
            {"naskah": hidden.pk, "peminjam": people["staf"].pk, "keperluan": "x"},
        )
        not_found(response)
    response = client.post(
        reverse("arsip:peminjaman"),
        {"naskah": "abc", "peminjam": people["staf"].pk, "keperluan": "x"},
    )
    assert response.status_code == 200 and not hidden.peminjaman.exists()


def test_a_file_whose_period_ends_today_is_on_the_list_and_one_ending_tomorrow_is_not(
    jra, people, make_naskah, office, unit
):
    """The boundary day counts: a period that ends today is due today (a mutant of ``__lte``
    into ``__lt`` used to survive)."""
    from arsip.models import Berkas

    today = date(2026, 6, 15)
    ends_today = make_naskah(office=office, unit=unit, created_by=people["arsiparis"]).berkas
    ends_tomorrow = make_naskah(office=office, unit=unit, created_by=people["arsiparis"]).berkas
    for berkas in (ends_today, ends_tomorrow):
        retention.close_berkas(berkas, tanggal_tutup=date(2020, 1, 1), by=people["arsiparis"])
    Berkas.objects.filter(pk=ends_today.pk).update(aktif_sampai=today, inaktif_sampai=today)
    Berkas.objects.filter(pk=ends_tomorrow.pk).update(
        aktif_sampai=today + timedelta(days=1), inaktif_sampai=today + timedelta(days=1)
    )
    visible = Berkas.objects.visible_to(people["ketua"])
    assert list(retention.retention_list(visible, "inaktif", today=today)) == [ends_today]
    assert list(retention.retention_list(visible, "musnah", today=today)) == [ends_today]
