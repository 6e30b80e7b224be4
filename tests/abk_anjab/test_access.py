"""Every view: anonymous, other office (404), no right (403), happy path."""

import pytest
from django.urls import reverse

from abk_anjab.models import Anjab, AnjabDraft, Jabatan
from sisp.models import AuditEvent
from tests.refusals import not_found, nothing_changes, refused

from .helpers import form_data

pytestmark = pytest.mark.django_db


def urls(anjab):
    return {
        "index": reverse("abk_anjab:index"),
        "jabatan": reverse("abk_anjab:jabatan", args=[anjab.jabatan_id]),
        "anjab": reverse("abk_anjab:anjab", args=[anjab.pk]),
        "anjab_edit": reverse("abk_anjab:anjab_edit", args=[anjab.pk]),
        "anjab_pdf": reverse("abk_anjab:anjab_pdf", args=[anjab.pk]),
        "rekap": reverse("abk_anjab:rekap"),
        "rekap_xlsx": reverse("abk_anjab:rekap_xlsx"),
    }


@pytest.mark.parametrize(
    "name", ["index", "jabatan", "anjab", "anjab_edit", "anjab_pdf", "rekap", "rekap_xlsx"]
)
def test_anonymous_visitor_is_sent_to_the_login_page(client, anjab, name):
    response = client.get(urls(anjab)[name])
    assert response.status_code == 302
    assert reverse("sisp:login") in response["Location"]


@pytest.mark.parametrize("name", ["jabatan", "anjab", "anjab_edit", "anjab_pdf"])
def test_staff_of_another_office_gets_404_for_our_job_and_analysis(client, anjab, stranger, name):
    client.force_login(stranger)
    assert client.get(urls(anjab)[name]).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "anjab_submit",
        "anjab_verify",
        "anjab_approve",
        "anjab_return",
        "anjab_preview",
        "anjab_create",
    ],
)
def test_staff_of_another_office_gets_404_for_every_change(client, anjab, stranger, name):
    client.force_login(stranger)
    pk = anjab.jabatan_id if name == "anjab_create" else anjab.pk
    with nothing_changes(anjab, anjab.jabatan, Anjab):
        response = client.post(
            reverse(f"abk_anjab:{name}", args=[pk]), {"tahun": 2027, "catatan": "Kembalikan"}
        )
        assert anjab.jabatan.nama not in not_found(response)


def test_other_offices_recap_does_not_show_our_jobs(client, anjab, stranger):
    client.force_login(stranger)
    response = client.get(reverse("abk_anjab:rekap"), {"tahun": anjab.tahun})
    assert response.status_code == 200
    assert "Pengadministrasi Persuratan" not in response.content.decode()


@pytest.mark.parametrize("name", ["index", "jabatan", "anjab", "rekap", "rekap_xlsx"])
def test_a_role_without_abk_rights_gets_403(client, anjab, arsiparis, name):
    client.force_login(arsiparis)
    assert client.get(urls(anjab)[name]).status_code == 403


def test_ketua_may_read_but_not_fill_in(client, anjab, ketua):
    client.force_login(ketua)
    page = client.get(urls(anjab)["anjab"])
    assert page.status_code == 200 and anjab.jabatan.nama in page.content.decode()
    refused(client.get(urls(anjab)["anjab_edit"]))
    with nothing_changes(anjab, AnjabDraft):
        refused(client.post(urls(anjab)["anjab_edit"], form_data(anjab, wke_jam="1000")))


def test_happy_path_pages_render_for_the_staff_of_the_unit(client, anjab, staf_adm):
    client.force_login(staf_adm)
    for name in ["index", "jabatan", "anjab", "anjab_edit", "rekap"]:
        response = client.get(urls(anjab)[name], {"tahun": anjab.tahun})
        assert response.status_code == 200, name
        assert "Pengadministrasi Persuratan" in response.content.decode()


def test_staff_of_another_unit_may_read_but_not_edit(client, anjab, staf_hukum):
    client.force_login(staf_hukum)
    assert client.get(urls(anjab)["anjab"]).status_code == 200
    assert client.get(urls(anjab)["anjab_edit"]).status_code == 403
    response = client.post(urls(anjab)["anjab_edit"], form_data(anjab, bezetting="9"))
    assert response.status_code == 403
    anjab.refresh_from_db()
    assert anjab.bezetting == 1


def test_staff_of_another_unit_cannot_start_an_analysis_there(client, jabatan, staf_hukum):
    client.force_login(staf_hukum)
    with nothing_changes(jabatan, Anjab):
        refused(client.post(reverse("abk_anjab:anjab_create", args=[jabatan.pk]), {"tahun": 2027}))


def test_only_the_koordinator_sekretariat_manages_jobs(
    client, office, staf_adm, korsek, subbag_adm
):
    new_job = {
        "unit": subbag_adm.pk,
        "nama": "Bendahara",
        "jenis": "pelaksana",
        "kelas_jabatan": "6",
        "bezetting": "1",
        "urutan": "0",
    }
    client.force_login(staf_adm)
    refused(client.get(reverse("abk_anjab:jabatan_add")))
    with nothing_changes(Jabatan):
        refused(client.post(reverse("abk_anjab:jabatan_add"), new_job))
    client.force_login(korsek)
    response = client.post(reverse("abk_anjab:jabatan_add"), new_job)
    assert response.status_code == 302
    job = Jabatan.objects.get(nama="Bendahara")
    assert job.office == office
    entry = AuditEvent.objects.get(action="abk_anjab.jabatan_add")
    assert (entry.object_id, entry.office, entry.actor) == (str(job.pk), office, korsek)
    client.post(
        reverse("abk_anjab:jabatan_edit", args=[job.pk]), {**new_job, "nama": "Bendahara Gaji"}
    )
    job.refresh_from_db()
    assert job.nama == "Bendahara Gaji"
    assert AuditEvent.objects.filter(
        action="abk_anjab.jabatan_change", object_id=str(job.pk)
    ).exists()


def test_a_job_cannot_be_put_in_a_unit_of_another_office(client, korsek, other_office):
    from tests.factories import UnitFactory

    foreign = UnitFactory(office=other_office)
    client.force_login(korsek)
    response = client.post(
        reverse("abk_anjab:jabatan_add"),
        {
            "unit": foreign.pk,
            "nama": "Bendahara",
            "jenis": "pelaksana",
            "bezetting": "1",
            "urutan": "0",
        },
    )
    assert response.status_code == 200
    assert (
        "Pilih pilihan yang valid" in response.content.decode()
        or response.context["form"].errors["unit"]
    )


def test_the_job_form_checks_the_grade_in_indonesian(client, korsek, subbag_adm):
    client.force_login(korsek)
    response = client.post(
        reverse("abk_anjab:jabatan_add"),
        {
            "unit": subbag_adm.pk,
            "nama": "Bendahara",
            "jenis": "pelaksana",
            "kelas_jabatan": "18",
            "bezetting": "1",
            "urutan": "0",
        },
    )
    assert response.status_code == 200
    assert "Kelas jabatan 1 sampai 17." in response.content.decode()
