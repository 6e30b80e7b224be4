"""The form that fits: stale saves refused (optimistic concurrency), sections saved one at a
time, drafts kept on the server (another browser continues them), a POST after the session
ended kept and the sign-in page saying so."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from abk_anjab import drafts
from abk_anjab.models import Anjab, AnjabDraft
from sisp.models import AuditEvent
from tests.conftest import SispClient
from tests.factories import DEFAULT_PASSWORD
from tests.refusals import nothing_changes

from .helpers import form_data

pytestmark = pytest.mark.django_db


def edit_url(anjab):
    return reverse("abk_anjab:anjab_edit", args=[anjab.pk])


def draft_url(anjab):
    return reverse("abk_anjab:anjab_draft", args=[anjab.pk])


def browser(user):
    """Another browser (or device) of ``user``: its own session."""
    other = SispClient()
    other.force_login(user)
    return other


# --- Optimistic concurrency


def test_a_stale_save_is_refused_and_the_newer_save_stays(client, anjab, staf_adm, korsek):
    client.force_login(staf_adm)
    opened = form_data(anjab, ikhtisar="Ikhtisar dari browser pertama")  # opened at versi 1
    newer = browser(korsek)
    assert newer.post(edit_url(anjab), form_data(anjab, ikhtisar="Ikhtisar terbaru")).status_code
    anjab.refresh_from_db()
    assert (anjab.versi, anjab.ikhtisar) == (2, "Ikhtisar terbaru")

    response = client.post(edit_url(anjab), opened)

    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah disimpan oleh korsek" in page
    assert "Ikhtisar dari browser pertama" in page  # the typed values are kept
    assert 'name="timpa" value="2"' in page
    anjab.refresh_from_db()
    assert (anjab.versi, anjab.ikhtisar) == (2, "Ikhtisar terbaru")
    assert AuditEvent.objects.filter(action="abk_anjab.save", object_id=str(anjab.pk)).count() == 1


def test_after_a_refusal_the_user_may_choose_to_overwrite(client, anjab, staf_adm, korsek):
    client.force_login(staf_adm)
    opened = form_data(anjab, ikhtisar="Ikhtisar saya yang benar")
    browser(korsek).post(edit_url(anjab), form_data(anjab, ikhtisar="Ikhtisar lain"))
    assert client.post(edit_url(anjab), opened).status_code == 409
    response = client.post(edit_url(anjab), {**opened, "timpa": "2"})
    assert response.status_code == 302
    anjab.refresh_from_db()
    assert (anjab.versi, anjab.ikhtisar) == (3, "Ikhtisar saya yang benar")


def test_overwriting_an_older_number_than_the_current_one_is_still_refused(
    client, anjab, staf_adm, korsek
):
    client.force_login(staf_adm)
    opened = form_data(anjab, ikhtisar="Ikhtisar lama")
    other = browser(korsek)
    other.post(edit_url(anjab), form_data(anjab, ikhtisar="Kedua"))
    anjab.refresh_from_db()
    other.post(edit_url(anjab), form_data(anjab, ikhtisar="Ketiga"))
    assert client.post(edit_url(anjab), {**opened, "timpa": "2"}).status_code == 409
    anjab.refresh_from_db()
    assert (anjab.versi, anjab.ikhtisar) == (3, "Ketiga")


def test_a_save_without_its_version_is_refused(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, ikhtisar="Tanpa versi")
    del data["versi"]
    assert client.post(edit_url(anjab), data).status_code == 409
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola persuratan kantor."


def test_two_browsers_of_the_same_person_do_not_overwrite_each_other(client, anjab, staf_adm):
    client.force_login(staf_adm)
    laptop = form_data(anjab, ikhtisar="Dari laptop")
    phone = browser(staf_adm)
    assert phone.post(edit_url(anjab), form_data(anjab, ikhtisar="Dari ponsel")).status_code == 302
    assert client.post(edit_url(anjab), laptop).status_code == 409
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Dari ponsel"


# --- One section at a time


def test_saving_one_section_saves_only_it_and_keeps_the_rest_as_a_draft(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, ikhtisar="Ikhtisar bagian ini", pendidikan="S-1 belum disimpan")
    data["simpan_bagian"] = "kedudukan"
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 302
    assert response.url.endswith("#bagian-kedudukan")
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Ikhtisar bagian ini"
    assert anjab.pendidikan == "D-III Administrasi Perkantoran"  # another section: not saved
    assert anjab.versi == 2
    page = client.get(edit_url(anjab)).content.decode()
    assert "S-1 belum disimpan" in page  # still there, from the server draft
    assert "Melanjutkan isian yang belum disimpan" in page
    assert 'name="versi" value="2"' in page


def test_a_section_with_errors_is_not_saved_and_loses_nothing(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"uraian": "Tugas setengah jadi", "volume": "banyak"}])
    data["simpan_bagian"] = "tugas_pokok"
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bagian Tugas pokok dan beban kerja (ABK) belum tersimpan" in page
    assert "Tugas setengah jadi" in page
    anjab.refresh_from_db()
    assert (anjab.versi, anjab.tugas_pokok.count()) == (1, 2)


def test_rows_saved_with_their_section_are_not_added_twice_by_the_full_save(
    client, anjab, staf_adm
):
    client.force_login(staf_adm)
    data = form_data(anjab)
    data.update(
        {
            "risiko_bahaya-TOTAL_FORMS": "1",
            "risiko_bahaya-0-risiko": "Tersengat listrik",
            "simpan_bagian": "risiko_bahaya",
        }
    )
    assert client.post(edit_url(anjab), data).status_code == 302
    assert anjab.risiko_bahaya.count() == 1
    # The page now shows the server draft; saving all of it must not add the row again.
    draft = AnjabDraft.objects.get(anjab=anjab, user=staf_adm)
    again = drafts.as_querydict(draft.data)
    again["simpan"] = "1"
    assert client.post(edit_url(anjab), again).status_code == 302
    assert list(anjab.risiko_bahaya.values_list("risiko", flat=True)) == ["Tersengat listrik"]
    assert not AnjabDraft.objects.filter(anjab=anjab).exists()


def test_a_stale_section_save_is_refused(client, anjab, staf_adm, korsek):
    client.force_login(staf_adm)
    data = form_data(anjab, ikhtisar="Bagian basi")
    data["simpan_bagian"] = "kedudukan"
    browser(korsek).post(edit_url(anjab), form_data(anjab, ikhtisar="Lebih baru"))
    assert client.post(edit_url(anjab), data).status_code == 409
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Lebih baru"


# --- Server drafts


def test_another_browser_continues_the_server_draft(client, anjab, staf_adm):
    client.force_login(staf_adm)
    typed = form_data(anjab, ikhtisar="Diketik di kantor, dilanjutkan di rumah")
    response = client.post(draft_url(anjab), typed)
    assert response.status_code == 200
    assert "Draf tersimpan di server" in response.json()["pesan"]
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola persuratan kantor."  # a draft saves nothing

    page = browser(staf_adm).get(edit_url(anjab)).content.decode()
    assert "Diketik di kantor, dilanjutkan di rumah" in page
    assert "Melanjutkan isian yang belum disimpan" in page


def test_a_draft_is_shown_to_its_author_only(client, anjab, staf_adm, korsek):
    client.force_login(staf_adm)
    client.post(draft_url(anjab), form_data(anjab, ikhtisar="Catatan pribadi yang belum jadi"))
    page = browser(korsek).get(edit_url(anjab)).content.decode()
    assert "Catatan pribadi yang belum jadi" not in page
    assert "Melanjutkan isian" not in page


def test_saving_everything_ends_the_draft(client, anjab, staf_adm):
    client.force_login(staf_adm)
    client.post(draft_url(anjab), form_data(anjab, ikhtisar="Draf"))
    assert AnjabDraft.objects.filter(anjab=anjab).count() == 1
    assert client.post(edit_url(anjab), form_data(anjab, ikhtisar="Final")).status_code == 302
    assert not AnjabDraft.objects.filter(anjab=anjab).exists()
    assert "Melanjutkan isian" not in client.get(edit_url(anjab)).content.decode()


def test_a_draft_identical_to_what_is_stored_is_dropped(client, anjab, staf_adm):
    client.force_login(staf_adm)
    same = form_data(anjab, ikhtisar=anjab.ikhtisar, pendidikan=anjab.pendidikan)
    # As the page posts it: a field with a callable default carries its initial value along.
    same["initial-pembulatan"] = anjab.pembulatan
    client.post(draft_url(anjab), same)
    page = client.get(edit_url(anjab)).content.decode()
    assert "Melanjutkan isian" not in page
    assert not AnjabDraft.objects.filter(anjab=anjab).exists()


def test_discarding_the_draft_shows_the_stored_form_again(client, anjab, staf_adm):
    client.force_login(staf_adm)
    client.post(draft_url(anjab), form_data(anjab, ikhtisar="Salah arah"))
    response = client.post(reverse("abk_anjab:anjab_draft_discard", args=[anjab.pk]))
    assert response.status_code == 302
    assert not AnjabDraft.objects.filter(anjab=anjab).exists()
    assert "Salah arah" not in client.get(edit_url(anjab)).content.decode()


def test_autosave_of_another_office_is_404_and_without_the_right_is_403(
    client, anjab, stranger, staf_hukum, ketua
):
    for user, expected in ((stranger, 404), (staf_hukum, 403), (ketua, 403)):
        other = browser(user)
        response = other.post(draft_url(anjab), form_data(anjab, ikhtisar="Titipan"))
        assert response.status_code == expected
    assert not AnjabDraft.objects.exists()


def test_autosave_of_an_approved_analysis_is_refused(client, anjab, staf_adm):
    Anjab.objects.filter(pk=anjab.pk).update(status=Anjab.Status.DISETUJUI)
    client.force_login(staf_adm)
    with nothing_changes(anjab, AnjabDraft):
        response = client.post(draft_url(anjab), form_data(anjab, ikhtisar="x"))
    assert response.status_code == 403


# --- Session expiry


def token_of(client, anjab):
    return client.get(edit_url(anjab)).context["draf_token"]


def test_a_save_after_the_session_ended_is_kept_and_sign_in_returns_to_the_form(
    client, anjab, staf_adm
):
    client.force_login(staf_adm)
    token = token_of(client, anjab)
    client.session.flush()  # the session ends while the page is open
    client.cookies.pop("sessionid", None)
    data = {**form_data(anjab, ikhtisar="Diketik sebelum sesi habis"), "draf_token": token}

    response = client.post(edit_url(anjab), data)

    assert response.status_code == 302
    target = urlparse(response.url)
    assert target.path == reverse("sisp:login")
    assert parse_qs(target.query) == {"next": [edit_url(anjab)], "sesi": ["berakhir"]}
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola persuratan kantor."  # kept, not saved
    login_page = client.get(response.url).content.decode()
    assert "Sesi berakhir, isian Anda aman." in login_page

    signed_in = client.post(
        response.url,
        {"username": staf_adm.username, "password": DEFAULT_PASSWORD, "next": edit_url(anjab)},
    )
    assert signed_in.status_code == 302
    assert signed_in.url == edit_url(anjab)
    assert "Diketik sebelum sesi habis" in client.get(edit_url(anjab)).content.decode()


def test_autosave_after_the_session_ended_is_kept_with_the_token(client, anjab, staf_adm):
    client.force_login(staf_adm)
    token = token_of(client, anjab)
    client.logout()
    data = {**form_data(anjab, ikhtisar="Masih aman"), "draf_token": token}
    answer = client.post(draft_url(anjab), data).json()
    assert answer["sesi"] == "berakhir"
    assert answer["aman"] is True
    draft = AnjabDraft.objects.get(anjab=anjab, user=staf_adm)
    assert ["ikhtisar", "Masih aman"] in draft.data


@pytest.mark.parametrize("problem", ["missing", "garbage", "other_analysis", "new_password"])
def test_a_post_without_a_valid_token_keeps_nothing(
    client, anjab, make_anjab, jabatan, staf_adm, problem
):
    client.force_login(staf_adm)
    token = token_of(client, anjab)
    if problem == "other_analysis":
        other = make_anjab(jabatan, tahun=2027)
        token = token_of(client, other)
    elif problem == "garbage":
        token = token[:-3] + "abc"
    elif problem == "missing":
        token = ""
    elif problem == "new_password":
        staf_adm.set_password("kata-sandi-baru-2026")
        staf_adm.save()
    client.logout()
    data = {**form_data(anjab, ikhtisar="Titipan"), "draf_token": token}
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 302
    assert "sesi=berakhir" not in response.url
    assert client.post(draft_url(anjab), data).status_code == 401
    assert not AnjabDraft.objects.exists()


def test_the_token_of_someone_who_may_no_longer_fill_keeps_nothing(client, anjab, staf_adm):
    client.force_login(staf_adm)
    token = token_of(client, anjab)
    client.logout()
    Anjab.objects.filter(pk=anjab.pk).update(status=Anjab.Status.DIAJUKAN)
    data = {**form_data(anjab, ikhtisar="Terlambat"), "draf_token": token}
    client.post(edit_url(anjab), data)
    assert not AnjabDraft.objects.exists()


def test_an_anonymous_get_of_the_form_is_the_usual_sign_in_redirect(client, anjab):
    response = client.get(edit_url(anjab))
    assert response.status_code == 302
    assert urlparse(response.url).path == reverse("sisp:login")
    assert "sesi=berakhir" not in response.url
