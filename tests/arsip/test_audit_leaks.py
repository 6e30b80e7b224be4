"""The audit trail never carries a record's subject, letter number or file name, nor a typed
purpose or search that quotes them: every E-Arsip operation on a Sangat Rahasia record leaves
entries that name it by kind, class and id, and no page, search, admin list or CSV of the
trail shows the hidden text to its readers (Administrator, Pengawas Internal)."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from arsip import retention, services
from arsip.models import HakAkses, Naskah, PermohonanAkses, Unduhan
from sisp import audit, roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload

SUBJECT = "Dugaan suap Ketua KPPS Desa Watugede"
NUMBER = "77/SR/PP.01.02/K.UJ-01/2026"
FILE_NAME = "suap-watugede-bukti.pdf"
SECRETS = [SUBJECT, NUMBER, FILE_NAME, "Watugede", "suap"]


@pytest.fixture
def ketua(make_user, office, unit):
    return make_user(roles.KETUA, office=office, unit=unit)


@pytest.fixture
def secret(make_naskah, make_user, office, unit, ketua):
    """A Sangat Rahasia record with an electronic file, taken through every operation that
    writes the trail."""
    author = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=unit)
    naskah = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        kelas="SR",
        perihal=SUBJECT,
        nomor_surat=NUMBER,
    )
    audit.record("arsip.register", actor=author, obj=naskah, kelas="SR")
    version = services.add_version(naskah, pdf_upload(SUBJECT, name=FILE_NAME), user=author)
    services.update_naskah(
        naskah,
        user=author,
        data={"perihal": SUBJECT + " (revisi)", "keterangan": SUBJECT},
        revisi=naskah.revisi,
    )
    request = RequestFactory().post("/")
    request.user = ketua
    services.record_view(naskah, request=request)
    services.open_version(version, request=request, purpose=f"Membaca {SUBJECT} untuk pleno")
    staf = make_user(roles.STAF, office=office, unit=unit)
    services.grant_access(
        naskah,
        by=ketua,
        tujuan=f"Telaah {NUMBER}",
        berlaku_sampai=timezone.localdate() + timedelta(days=3),
        user=staf,
    )
    permohonan = services.request_access(
        user=staf, uraian=f"Mohon {NUMBER} tentang {SUBJECT}", tujuan=f"Tindak lanjut {SUBJECT}"
    )
    services.decide_request(
        permohonan,
        by=ketua,
        approve=True,
        naskah=naskah,
        berlaku_sampai=timezone.localdate() + timedelta(days=3),
    )
    retention.lend(naskah, peminjam=ketua, keperluan=f"Sidang {SUBJECT}", by=author)
    return naskah


def _trail_text():
    return " ".join(
        f"{e.object_repr} {e.detail} {e.actor_username}" for e in AuditEvent.objects.all()
    )


def test_no_entry_of_a_sangat_rahasia_record_carries_its_subject_number_or_file_name(secret):
    events = AuditEvent.objects.filter(object_type="arsip.Naskah", object_id=str(secret.pk))
    assert {e.action for e in events} >= {
        "arsip.register",
        "arsip.upload_version",
        "arsip.update",
        "arsip.view",
        "arsip.download",
        "arsip.grant",
        "arsip.lend",
    }
    assert {e.object_repr for e in events} == {f"Naskah Sangat Rahasia #{secret.pk}"}
    text = _trail_text()
    assert [s for s in SECRETS if s.lower() in text.lower()] == []


def test_typed_purposes_stay_on_the_record_and_the_trail_keeps_their_ids(secret):
    download = AuditEvent.objects.get(action="arsip.download")
    assert Unduhan.objects.get(pk=download.detail["unduhan"]).tujuan.startswith("Membaca")
    grants = AuditEvent.objects.filter(action="arsip.grant")
    assert {HakAkses.objects.get(pk=e.detail["grant"]).naskah_id for e in grants} == {secret.pk}
    request_event = AuditEvent.objects.get(action="arsip.request")
    assert request_event.object_repr == (f"Permohonan akses #{PermohonanAkses.objects.get().pk}")


def test_the_record_page_still_shows_its_readers_the_stated_purpose(client, secret, ketua):
    client.force_login(ketua)
    body = client.get(reverse("arsip:detail", args=[secret.pk])).content.decode()
    assert f"Membaca {SUBJECT} untuk pleno" in body


def _rows(response):
    """The table body of a page (the search box and links repeat the query itself)."""
    body = response.content.decode()
    return body[body.index("<tbody>") : body.index("</tbody>")]


@pytest.fixture
def readers(make_user, office):
    return {
        "Administrator": make_user(roles.ADMINISTRATOR, office=office, is_staff=True),
        "Pengawas Internal": make_user(roles.PENGAWAS_INTERNAL, office=office),
    }


@pytest.mark.parametrize("role", ["Administrator", "Pengawas Internal"])
def test_audit_page_search_and_csv_show_no_hidden_text_to_a_reader(client, secret, readers, role):
    client.force_login(readers[role])
    page = client.get(reverse("sisp:audit_list"))
    assert page.status_code == 200
    assert f"Naskah Sangat Rahasia #{secret.pk}" in page.content.decode()
    for word in (SUBJECT, NUMBER, FILE_NAME, "Watugede"):
        found = _rows(client.get(reverse("sisp:audit_list"), {"q": word}))
        assert "Tidak ada catatan." in found and word not in found, word
    csv = b"".join(client.get(reverse("sisp:audit_export")).streaming_content).decode()
    assert f"Naskah Sangat Rahasia #{secret.pk}" in csv
    assert [s for s in SECRETS if s.lower() in csv.lower()] == []


def test_admin_list_and_search_of_the_trail_show_no_hidden_text(client, secret, readers):
    client.force_login(readers["Administrator"])
    url = reverse("admin:sisp_auditevent_changelist")
    listing = client.get(url).content.decode()
    assert f"Naskah Sangat Rahasia #{secret.pk}" in listing
    assert [s for s in SECRETS if s.lower() in listing.lower()] == []
    searched = client.get(url, {"q": "Watugede"}).content.decode()
    assert 'id="result_list"' not in searched  # no result table at all
    assert f"Naskah Sangat Rahasia #{secret.pk}" not in searched


def test_searching_and_exporting_leave_no_search_words_in_the_trail(client, secret, ketua):
    client.force_login(ketua)
    assert client.get(reverse("arsip:export"), {"q": "Watugede", "kelas": "4"}).status_code == 200
    event = AuditEvent.objects.get(action="arsip.export")
    assert "Watugede" not in str(event.detail) and event.detail["filters"]["kelas"] == "4"
    ketua.groups.add(roles.ensure_roles()[roles.PENGAWAS_INTERNAL])
    client.force_login(ketua)
    client.get(reverse("sisp:audit_export"), {"q": "Watugede", "action": "arsip."})
    exported = AuditEvent.objects.get(action="audit.export")
    assert "Watugede" not in str(exported.detail)
    assert exported.detail["filters"]["action"] == "arsip."


def test_an_export_with_a_refused_filter_writes_what_was_applied(client, secret, ketua):
    """A NUL in a filter (which Postgres cannot store in the trail's JSON) makes the filter
    form invalid: the export is of the unfiltered list, and the trail says no filter."""
    client.force_login(ketua)
    exported = client.get(reverse("arsip:export"), {"kode": "1\x00", "kelas": "4"})
    assert exported.status_code == 200
    event = AuditEvent.objects.get(action="arsip.export")
    assert event.detail["filters"] == {}
    assert "\x00" not in str(event.detail)
    ketua.groups.add(roles.ensure_roles()[roles.PENGAWAS_INTERNAL])
    client.force_login(ketua)
    assert client.get(reverse("sisp:audit_export"), {"action": "arsip.\x00"}).status_code == 200
    assert AuditEvent.objects.get(action="audit.export").detail["filters"] == {}


def test_an_admin_change_of_a_record_is_named_neutrally_even_after_a_delete(secret, ketua):
    content_type = ContentType.objects.get_for_model(Naskah)
    for flag, object_id in ((CHANGE, secret.pk), (DELETION, 987654)):
        LogEntry.objects.create(
            user=ketua,
            content_type=content_type,
            object_id=str(object_id),
            object_repr=f"{NUMBER}: {SUBJECT}",
            action_flag=flag,
            change_message='[{"changed": {"fields": ["Perihal / uraian"]}}]',
        )
    change = AuditEvent.objects.get(action="admin.change")
    deletion = AuditEvent.objects.get(action="admin.delete")
    assert change.object_repr == f"Naskah Sangat Rahasia #{secret.pk}"
    assert deletion.object_repr == "Naskah #987654"
    assert SUBJECT not in str(change.detail) + str(deletion.detail)


def test_files_requests_loans_and_versions_are_named_without_their_text(secret):
    version = secret.versi.get()
    assert (
        audit.describe(version)
        == f"Dokumen elektronik #{version.pk} (naskah #{secret.pk}, versi 1)"
    )
    assert audit.describe(PermohonanAkses.objects.get()).startswith("Permohonan akses #")
    loan = secret.peminjaman.get()
    assert audit.describe(loan) == f"Peminjaman #{loan.pk} (naskah #{secret.pk})"
    secret.berkas.uraian = SUBJECT
    assert SUBJECT not in audit.describe(secret.berkas)
