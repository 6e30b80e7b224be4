"""A complaint form that loses nothing: attachments survive an error, the error summary leads
to each field, only accepted complaints count toward the limit, personal data is erased in time."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppps.models import Aduan, LampiranSementara
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db
FORM = reverse("ppps_public:aduan")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(name="foto-spanduk.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def pdf(name="surat-undangan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def post(client, office, **extra):
    data = {
        "kantor": office.pk,
        "uraian": "Ada pembagian sembako berlogo calon di balai RW 03.",
        "situs": "",
        **extra,
    }
    return client.post(FORM, data)


def test_attachments_survive_a_validation_error_and_are_sent_with_the_fix(client, office):
    response = post(client, office, uraian="", lampiran=[png(), pdf()])
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ceritakan apa yang terjadi." in body
    kept = list(LampiranSementara.objects.all())
    assert sorted(k.original_name for k in kept) == ["foto-spanduk.png", "surat-undangan.pdf"]
    for k in kept:
        assert f'name="simpan_lampiran" value="{k.pk}" id="simpan-{k.pk}" checked' in body
        assert k.original_name in body and default_storage.exists(k.file_name)
    assert "tidak perlu melampirkannya lagi" in body

    response = post(client, office, simpan_lampiran=[k.pk for k in kept])
    assert response.status_code == 200
    aduan = Aduan.objects.get()
    attached = sorted(aduan.lampiran.values_list("original_name", "sha256", "file_name"))
    assert [(a[0], a[1]) for a in attached] == sorted((k.original_name, k.sha256) for k in kept)
    assert all(default_storage.exists(a[2]) for a in attached)
    assert not LampiranSementara.objects.exists()
    assert "Lampiran diterima (2): foto-spanduk.png, surat-undangan.pdf" in (
        response.content.decode()
    )


def test_a_refused_file_is_named_and_the_good_ones_are_kept(client, office):
    exe = SimpleUploadedFile("program.exe", b"MZ\x90\x00" + b"\0" * 64)
    response = post(client, office, lampiran=[png(), exe])
    body = response.content.decode()
    assert not Aduan.objects.exists()
    assert "program.exe: Jenis file tidak diizinkan" in body
    assert [k.original_name for k in LampiranSementara.objects.all()] == ["foto-spanduk.png"]


def test_the_form_states_the_attachment_limit_of_the_setting(client, office, settings):
    settings.PPPS_ADUAN_MAX_ATTACHMENTS = 2
    body = client.get(FORM).content.decode()
    assert "paling banyak 2 file" in body
    assert "paling banyak 3" not in body


def test_new_files_and_kept_files_together_respect_the_limit(client, office, settings):
    settings.PPPS_ADUAN_MAX_ATTACHMENTS = 2
    post(client, office, uraian="", lampiran=[png(), pdf()])
    kept = list(LampiranSementara.objects.values_list("pk", flat=True))
    response = post(client, office, simpan_lampiran=kept, lampiran=[png("ketiga.png")])
    assert "Paling banyak 2 lampiran." in response.content.decode()
    assert not Aduan.objects.exists()
    assert LampiranSementara.objects.count() == 2  # the third was not kept beyond the limit


def test_kept_files_that_ran_out_of_time_are_asked_for_again_not_dropped(client, office, settings):
    settings.PPPS_ADUAN_UPLOAD_KEEP_MINUTES = 30
    post(client, office, uraian="", lampiran=[png(), pdf()])
    old, fresh = LampiranSementara.objects.order_by("pk")
    LampiranSementara.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    # The citizen comes back after the time and sends with both still ticked.
    response = post(client, office, simpan_lampiran=[old.pk, fresh.pk])
    assert response.status_code == 200 and not Aduan.objects.exists()
    body = response.content.decode()
    message = (
        "1 lampiran yang tersimpan sudah terhapus karena lebih dari 30 menit: foto-spanduk.png."
        " Lampirkan lagi file itu, lalu kirim aduan."
    )
    assert message in body
    assert f'<a href="#id_lampiran">{message}</a>' in body  # in the error summary too
    assert f'value="{fresh.pk}" id="simpan-{fresh.pk}" checked' in body  # the fresh one stays
    # Attached again, it goes out with the one still kept.
    response = post(client, office, simpan_lampiran=[fresh.pk], lampiran=[png()])
    assert sorted(Aduan.objects.get().lampiran.values_list("original_name", flat=True)) == [
        "foto-spanduk.png",
        "surat-undangan.pdf",
    ]


def test_a_tampered_kept_file_id_sends_nothing_and_names_nothing(client, office):
    post(client, office, uraian="", lampiran=[png()])
    theirs = LampiranSementara.objects.get()
    stranger = Client()
    response = post(stranger, office, simpan_lampiran=[theirs.pk, "x", "²", "9" * 30])
    body = response.content.decode()
    assert response.status_code == 200 and not Aduan.objects.exists()
    assert "4 lampiran yang tersimpan sudah terhapus" in body
    assert theirs.original_name not in body  # another session's file is never named


def test_another_browser_cannot_claim_kept_files(client, office):
    post(client, office, uraian="", lampiran=[png()])
    kept = LampiranSementara.objects.get()
    stranger = Client()
    body = post(stranger, office, simpan_lampiran=[kept.pk]).content.decode()
    assert not Aduan.objects.exists()  # refused as a lost file, never attached
    assert kept.original_name not in body
    kept.refresh_from_db()  # still there, still the first browser's
    assert default_storage.exists(kept.file_name)
    post(client, office, simpan_lampiran=[kept.pk])
    assert [a.sha256 for a in Aduan.objects.get().lampiran.all()] == [kept.sha256]


def test_an_unticked_kept_file_is_removed_with_its_file(client, office):
    post(client, office, uraian="", lampiran=[png(), pdf()])
    first, second = LampiranSementara.objects.order_by("pk")
    post(client, office, uraian="", simpan_lampiran=[second.pk])
    assert list(LampiranSementara.objects.values_list("pk", flat=True)) == [second.pk]
    assert not default_storage.exists(first.file_name)


def test_expired_kept_files_are_not_offered_and_the_command_purges_them(client, office, settings):
    settings.PPPS_ADUAN_UPLOAD_KEEP_MINUTES = 30
    post(client, office, uraian="", lampiran=[png(), pdf()])
    old, fresh = LampiranSementara.objects.order_by("pk")
    LampiranSementara.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    body = client.get(FORM).content.decode()
    assert old.original_name not in body and fresh.original_name in body
    call_command("purge_aduan_uploads")
    assert list(LampiranSementara.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not default_storage.exists(old.file_name) and default_storage.exists(fresh.file_name)


def test_the_error_summary_leads_to_each_field_and_the_title_says_kesalahan(client, office):
    body = post(client, office, kantor="", uraian="").content.decode()
    summary = body.split('id="ringkasan-kesalahan"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_kantor">Pilih kantor Bawaslu yang dituju.</a>' in summary
    assert '<a href="#id_uraian">Ceritakan apa yang terjadi.</a>' in summary
    assert "<title>Kesalahan: Posko Aduan Masyarakat" in body
    assert "data-focus-on-load" in body and 'src="/static/ppps/ppps.js"' in body
    assert body.index('id="ringkasan-kesalahan"') < body.index("<h1>")


def test_a_clean_form_has_no_error_summary(client, office):
    body = client.get(FORM).content.decode()
    assert "ringkasan-kesalahan" not in body and "<title>Kesalahan" not in body


def test_failed_attempts_do_not_count_toward_the_limit(client, office, settings):
    settings.PPPS_ADUAN_LIMIT = 2
    for _ in range(5):
        assert post(client, office, uraian="").status_code == 200
    assert post(client, office).status_code == 200
    assert post(client, office).status_code == 200
    assert Aduan.objects.count() == 2
    refused = post(client, office, uraian="Kejadian ketiga yang tidak boleh hilang.")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    body = refused.content.decode()
    assert "2 aduan dalam 1 jam terakhir" in body and "10 menit" not in body
    assert "Kejadian ketiga yang tidak boleh hilang." in body  # nothing typed is lost
    assert Aduan.objects.count() == 2


def test_the_form_tells_what_happens_to_personal_data(client, office, settings):
    settings.PPPS_ADUAN_PERSONAL_DATA_DAYS = 180
    body = client.get(FORM).content.decode()
    notice = body.split('id="judul-data-pribadi"', 1)[1].split("</section>", 1)[0]
    assert "Untuk apa" in notice and "Siapa yang melihat" in notice
    assert "sampai 180 hari setelah aduan selesai ditelaah" in notice
    assert "Undang-Undang Nomor 27 Tahun 2022" in notice


def _aduan(office, code, *, status, triaged_days_ago):
    triaged = timezone.now() - datetime.timedelta(days=triaged_days_ago)
    return Aduan.objects.create(
        office=office,
        kode_tiket=code,
        pin_hash="x",
        nama="Siti Aminah",
        email="siti@example.test",
        telepon="0812000000",
        uraian="Uraian tetap.",
        status=status,
        triaged_at=triaged if status != Aduan.Status.BARU else None,
        created_at=triaged,
    )


def test_personal_data_is_erased_a_set_time_after_closing_with_an_audit_entry(office, settings):
    settings.PPPS_ADUAN_PERSONAL_DATA_DAYS = 365
    due = _aduan(office, "ADU-LAMA", status=Aduan.Status.DITUTUP, triaged_days_ago=366)
    recent = _aduan(office, "ADU-BARU1", status=Aduan.Status.DITUTUP, triaged_days_ago=300)
    open_ = _aduan(office, "ADU-BUKA", status=Aduan.Status.BARU, triaged_days_ago=900)
    call_command("anonymise_aduan")
    due.refresh_from_db()
    assert (due.nama, due.email, due.telepon) == ("", "", "")
    assert due.anonymised_at is not None and due.uraian == "Uraian tetap."
    for untouched in (recent, open_):
        untouched.refresh_from_db()
        assert untouched.nama == "Siti Aminah" and untouched.anonymised_at is None
    event = AuditEvent.objects.get(action="ppps.aduan_anonymise")
    assert event.object_id == str(due.pk) and event.office_id == office.pk
    assert "Siti" not in str(event.detail) and "siti@" not in str(event.detail)
    call_command("anonymise_aduan")  # idempotent
    assert AuditEvent.objects.filter(action="ppps.aduan_anonymise").count() == 1
