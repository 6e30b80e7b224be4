"""Search that shows why: each result's highlighted snippet and first-page preview come only
from what the reader may read of that record. Runs on SQLite (FTS5 snippet) and Postgres
(ts_headline); previews are rendered by the real poppler."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from arsip import preview, services
from arsip.models import BerkasDigital, Naskah
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SECRET = "zamrudrahasia"


@pytest.fixture
def staf(make_user, office, unit):
    return make_user(roles.STAF, office=office, unit=unit)


@pytest.fixture
def ketua(make_user, office):
    return make_user(roles.KETUA, office=office)


@pytest.fixture
def author(make_user, office, unit):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


@pytest.fixture
def tasks_now(settings):
    settings.TASKS = IMMEDIATE


def _with_file(naskah, text, user, capture):
    with capture(execute=True):
        services.add_version(naskah, pdf_upload(text), user=user)
    return naskah.versi.get(versi=naskah.versi.count())


def _search(client, user, q):
    client.force_login(user)
    page = client.get(reverse("arsip:index"), {"q": q})
    assert page.status_code == 200
    return page.text


def test_snippet_highlights_where_the_word_matched_in_the_file_text(
    client, staf, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Surat biasa")
    _with_file(
        naskah,
        "Temuan politik uang di kecamatan Trowulan saat masa tenang",
        author,
        django_capture_on_commit_callbacks,
    )
    page = _search(client, staf, "trowulan")
    assert "<mark>Trowulan</mark>" in page
    assert "politik uang" in page  # the words around the match


def test_snippet_finds_a_derived_form_of_the_word_in_the_metadata(
    client, staf, author, make_naskah, office, unit
):
    make_naskah(office=office, unit=unit, created_by=author, perihal="Laporan Pengawasan Kampanye")
    page = _search(client, staf, "pengawasan")
    assert "<mark>Pengawasan</mark>" in page


def test_snippet_never_shows_text_of_a_hidden_item_of_the_same_file(
    client, staf, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    seen = make_naskah(office=office, unit=unit, created_by=author, perihal="Anggaran rapat pleno")
    hidden = make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        kelas="R",
        berkas=seen.berkas,
        perihal=f"Anggaran {SECRET} operasi",
        keterangan=f"catatan anggaran {SECRET}",
    )
    _with_file(hidden, f"anggaran {SECRET} isi berkas", author, django_capture_on_commit_callbacks)
    page = _search(client, staf, "anggaran")
    assert f"/arsip/{seen.pk}/" in page and f"/arsip/{hidden.pk}/" not in page
    assert "<mark>Anggaran</mark>" in page
    assert SECRET not in page.lower()
    assert f"/arsip/{hidden.pk}/pratinjau/" not in page


def test_snippet_leaves_out_a_file_description_not_shown_with_the_record(
    client, ketua, author, make_naskah, office, unit
):
    first = make_naskah(office=office, unit=unit, created_by=author, kelas="R", perihal="Nota")
    # An older file whose description copied its Rahasia first record's subject.
    first.berkas.uraian = f"Anggaran {SECRET} penyelidikan"
    first.berkas.save(update_fields=["uraian"])
    biasa = make_naskah(
        office=office, unit=unit, created_by=author, berkas=first.berkas, perihal="Anggaran rapat"
    )
    page = _search(client, ketua, "anggaran")
    assert f"/arsip/{biasa.pk}/" in page and "<mark>Anggaran</mark>" in page
    row = page.split(f"/arsip/{biasa.pk}/", 1)[1].split("</tr>", 1)[0]
    assert SECRET not in row.lower()


def test_snippet_and_preview_of_a_purpose_class_show_nothing_of_its_file(
    client, ketua, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    rahasia = make_naskah(
        office=office, unit=unit, created_by=author, kelas="R", perihal="Anggaran rapat tertutup"
    )
    version = _with_file(
        rahasia, f"anggaran {SECRET} isi berkas", author, django_capture_on_commit_callbacks
    )
    assert version.pratinjau  # rendered, but kept behind the purpose form
    page = _search(client, ketua, "anggaran")
    assert f"/arsip/{rahasia.pk}/" in page and "<mark>Anggaran</mark>" in page
    assert SECRET not in page.lower()
    assert "/pratinjau/" not in page
    before = AuditEvent.objects.count()
    response = client.get(reverse("arsip:preview", args=[rahasia.pk, version.versi]))
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before


def test_snippet_shows_no_text_of_a_destroyed_version(
    client, staf, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Anggaran rapat")
    version = _with_file(naskah, f"anggaran {SECRET}", author, django_capture_on_commit_callbacks)
    BerkasDigital.objects.filter(pk=version.pk).update(dimusnahkan_pada=timezone.now())
    page = _search(client, staf, "anggaran")
    assert f"/arsip/{naskah.pk}/" in page and "<mark>Anggaran</mark>" in page
    assert SECRET not in page.lower() and "/pratinjau/" not in page


def test_snippet_escapes_what_was_typed_into_a_record(
    client, staf, author, make_naskah, office, unit
):
    make_naskah(
        office=office,
        unit=unit,
        created_by=author,
        perihal="Anggaran rapat",
        keterangan='anggaran <img src=x onerror="alert(1)"> <b>tebal</b> PT A&B',
    )
    page = _search(client, staf, "anggaran")
    assert "<mark>Anggaran</mark>" in page
    # Postgres' ts_headline drops tags, SQLite's snippet keeps them: escaped either way.
    assert "<img src=x" not in page and "<b>tebal" not in page
    assert "PT A&amp;B" in page


def test_preview_is_the_first_page_served_through_the_door_and_audited_as_a_view(
    client, staf, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    naskah = make_naskah(office=office, unit=unit, created_by=author, perihal="Surat edaran")
    version = _with_file(
        naskah, "Surat edaran pengawasan", author, django_capture_on_commit_callbacks
    )
    assert version.pratinjau.startswith(f"arsip/{office.pk}/pratinjau/")
    with default_storage.open(version.pratinjau, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    page = _search(client, staf, "edaran")
    url = reverse("arsip:preview", args=[naskah.pk, version.versi])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    event = AuditEvent.objects.filter(action="arsip.view").latest("pk")
    assert event.actor == staf and event.object_id == str(naskah.pk)
    assert event.detail == {"pratinjau": version.versi}


def test_preview_of_a_hidden_record_is_a_404_like_a_missing_one_and_writes_nothing(
    client, staf, author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    hidden = make_naskah(office=office, unit=unit, created_by=author, kelas="T")
    version = _with_file(hidden, "isi terbatas", author, django_capture_on_commit_callbacks)
    assert version.pratinjau
    client.force_login(staf)
    before = AuditEvent.objects.count()
    response = client.get(reverse("arsip:preview", args=[hidden.pk, version.versi]))
    missing = client.get(reverse("arsip:preview", args=[hidden.pk + 999, 1]))
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content
    assert AuditEvent.objects.count() == before
    assert BerkasDigital.objects.get(pk=version.pk).pratinjau == version.pratinjau


def test_preview_of_another_office_is_a_404(
    client,
    make_user,
    other_office,
    author,
    make_naskah,
    office,
    unit,
    tasks_now,
    django_capture_on_commit_callbacks,
):
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    version = _with_file(naskah, "isi biasa", author, django_capture_on_commit_callbacks)
    stranger = make_user(roles.KETUA, office=other_office)
    client.force_login(stranger)
    response = client.get(reverse("arsip:preview", args=[naskah.pk, version.versi]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="arsip.view", actor=stranger).exists()


def test_preview_needs_a_sign_in(client, author, make_naskah, office, unit, settings):
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    response = client.get(reverse("arsip:preview", args=[naskah.pk, 1]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_a_new_preview_replaces_the_old_file_and_a_broken_pdf_leaves_none(
    author, make_naskah, office, unit, tasks_now, django_capture_on_commit_callbacks
):
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    version = _with_file(naskah, "isi biasa", author, django_capture_on_commit_callbacks)
    old = version.pratinjau
    with django_capture_on_commit_callbacks(execute=True):
        new = preview.make_preview(version.pk)
    assert new and new != old
    assert not default_storage.exists(old) and default_storage.exists(new)
    broken = BerkasDigital.objects.get(pk=version.pk)
    name = default_storage.save("uji/rusak.pdf", __import__("io").BytesIO(b"%PDF-1.4 rusak"))
    BerkasDigital.objects.filter(pk=broken.pk).update(file_name=name)
    assert preview.make_preview(version.pk) == ""
    assert BerkasDigital.objects.get(pk=version.pk).pratinjau == new


def test_search_page_with_snippets_and_previews_runs_in_a_bounded_number_of_queries(
    client, staf, author, make_naskah, office, unit, django_assert_max_num_queries
):
    for n in range(30):
        naskah = make_naskah(
            office=office, unit=unit, created_by=author, perihal=f"Surat pengawasan {n}"
        )
        BerkasDigital.objects.create(
            naskah=naskah,
            versi=1,
            file_name="uji/x.pdf",
            nama_asli="x.pdf",
            sha256="0" * 64,
            ukuran=1,
            content_type="application/pdf",
            extension="pdf",
            uploaded_by=author,
            teks=f"isi pengawasan nomor {n}",
            pratinjau="uji/x.png",
        )
    client.force_login(staf)
    client.get(reverse("arsip:index"))  # warm the session
    # The list page without snippets takes 13; snippets and previews add 5 on SQLite
    # (2 on Postgres: the file's first item comes with the rows), the same for 1 row or 25.
    with django_assert_max_num_queries(18):
        page = client.get(reverse("arsip:index"), {"q": "pengawasan"})
    assert "30 naskah ditemukan" in page.text
    assert page.text.count("<mark>") >= 25 and page.text.count("/pratinjau/1/") == 25
    assert Naskah.objects.count() == 30
