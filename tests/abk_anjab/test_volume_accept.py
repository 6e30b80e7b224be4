"""A task's volume beside SISP's own count: the suggestion is shown, replaces the typed volume
only when the user ticks "Pakai hitungan SISP" and saves, and that is audited."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from abk_anjab import volumes
from abk_anjab.models import TugasPokok
from sisp import roles
from sisp.models import AuditEvent
from tests.refusals import nothing_changes

from .helpers import form_data, naskah

pytestmark = pytest.mark.django_db
KODE = "arsip.kode:KA.01"


def offered_label(user, anjab, key):
    """The label the form offers ``user`` for source ``key``."""
    groups = volumes.source_choices(user, anjab.jabatan.unit)[1:]
    return dict(option for _group, options in groups for option in options)[key]


def edit_url(anjab):
    return reverse("abk_anjab:anjab_edit", args=[anjab.pk])


@pytest.fixture
def counted(arsip_data, office, subbag_adm, subbag_hukum, make_user):
    """Three records of Subbagian Administrasi's KA.01 in 2025 its staff may see, and one
    Rahasia record of the same unit and code they may not."""
    registrar = make_user(roles.ARSIPARIS, office=office, unit=subbag_hukum, username="reg")
    for _ in range(3):
        naskah(office=office, unit=subbag_adm, created_by=registrar)
    naskah(office=office, unit=subbag_adm, created_by=registrar, kelas="R")


@pytest.fixture
def linked(anjab, counted):
    """The first task (1,200 letters a year) linked to the count of KA.01."""
    task = anjab.tugas_pokok.first()
    task.sumber_hitungan = KODE
    task.save()
    return task


def accept_data(anjab, seen):
    data = form_data(anjab)
    data["tugas_pokok-0-pakai_hitungan"] = "on"
    data["tugas_pokok-0-hitungan_dilihat"] = str(seen)
    return data


def test_the_form_shows_the_count_of_the_linked_source_beside_the_volume(client, linked, staf_adm):
    client.force_login(staf_adm)
    page = client.get(edit_url(linked.anjab)).content.decode()
    assert "Hitungan SISP tahun 2025: <strong>3</strong>" in page
    assert 'name="tugas_pokok-0-hitungan_dilihat" value="3"' in page
    assert 'name="tugas_pokok-0-pakai_hitungan"' in page
    # Offered as a source: the codes of the unit's records this user sees, by label, in the
    # page's one list of sources (not a select of every source in each task card).
    label = offered_label(staf_adm, linked.anjab, "arsip.kode:KA.01.02")
    assert page.count('<datalist id="abk-sumber-hitungan">') == 1
    assert page.count(f'<option value="{label}"') == 1
    assert 'list="abk-sumber-hitungan"' in page and "arsip.kode:" not in page


def test_a_source_typed_by_its_label_is_kept_as_its_key(client, anjab, counted, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab)
    key = "arsip.kode:KA.01.02"
    data["tugas_pokok-0-sumber_hitungan"] = offered_label(staf_adm, anjab, key)
    assert client.post(edit_url(anjab), data).status_code == 302
    assert anjab.tugas_pokok.first().sumber_hitungan == key


def test_a_source_not_in_the_list_is_refused_with_the_typed_values_kept(
    client, anjab, counted, staf_adm
):
    client.force_login(staf_adm)
    task = anjab.tugas_pokok.first()
    before = (task.sumber_hitungan, task.volume, task.uraian)
    data = form_data(anjab)
    data["tugas_pokok-0-sumber_hitungan"] = "Surat cinta"
    data["tugas_pokok-0-uraian"] = "Uraian yang baru diketik"
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sumber hitungan “Surat cinta” tidak ada di daftar" in page
    assert "Uraian yang baru diketik" in page and 'value="Surat cinta"' in page
    task.refresh_from_db()
    assert (task.sumber_hitungan, task.volume, task.uraian) == before


def test_a_linked_source_never_changes_the_volume_by_itself(client, linked, staf_adm):
    client.force_login(staf_adm)
    assert client.post(edit_url(linked.anjab), form_data(linked.anjab)).status_code == 302
    linked.refresh_from_db()
    assert linked.volume == Decimal("1200")
    assert linked.sumber_hitungan == KODE
    assert not AuditEvent.objects.filter(action="abk_anjab.volume_accept").exists()


def test_ticking_pakai_sets_the_volume_per_year_and_audits_it(client, linked, staf_adm):
    client.force_login(staf_adm)
    second = linked.anjab.tugas_pokok.all()[1]
    second.sumber_hitungan = KODE
    second.save()  # 20 a day: accepting the yearly count makes it 3 a year
    data = accept_data(linked.anjab, 3)
    data["tugas_pokok-1-pakai_hitungan"] = "on"
    data["tugas_pokok-1-hitungan_dilihat"] = "3"
    assert client.post(edit_url(linked.anjab), data).status_code == 302
    linked.refresh_from_db()
    second.refresh_from_db()
    assert (linked.volume, linked.periode) == (Decimal("3"), TugasPokok.Periode.TAHUN)
    assert (second.volume, second.periode) == (Decimal("3"), TugasPokok.Periode.TAHUN)
    events = AuditEvent.objects.filter(
        action="abk_anjab.volume_accept", object_id=str(linked.anjab.pk)
    ).order_by("id")
    assert [e.detail["tugas"] for e in events] == [linked.pk, second.pk]
    assert events[0].detail == {
        "tugas": linked.pk,
        "sumber": KODE,
        "tahun": 2025,
        "jumlah": 3,
        "sebelumnya": "1200.00",
        "periode_sebelumnya": "tahun",
    }
    assert events[1].detail["periode_sebelumnya"] == "hari"
    assert events[0].actor == staf_adm
    linked.anjab.refresh_from_db()
    # 3 x 10 min + 3 x 5 min over 75,000 min
    assert linked.anjab.kebutuhan_mentah == Decimal("0.0006")


def test_a_count_that_changed_since_it_was_shown_is_refused(
    client, linked, staf_adm, office, subbag_adm
):
    client.force_login(staf_adm)
    naskah(office=office, unit=subbag_adm, created_by=staf_adm)  # a fourth record, meanwhile
    response = client.post(edit_url(linked.anjab), accept_data(linked.anjab, 3))
    assert response.status_code == 400
    assert "hitungan SISP untuk sumber ini 4" in response.content.decode()
    linked.refresh_from_db()
    assert linked.volume == Decimal("1200")
    assert not AuditEvent.objects.filter(action="abk_anjab.volume_accept").exists()


def test_ticking_pakai_without_a_source_is_refused(client, anjab, counted, staf_adm):
    client.force_login(staf_adm)
    data = accept_data(anjab, 3)
    with nothing_changes(anjab, anjab.tugas_pokok.first()):
        response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    assert "Pilih sumber hitungan dulu." in response.content.decode()
    assert anjab.tugas_pokok.first().volume == Decimal("1200")


def test_a_count_the_user_may_not_see_cannot_be_posted(client, linked, staf_adm):
    # Four records exist for the unit's head; this user sees three and cannot take four.
    client.force_login(staf_adm)
    response = client.post(edit_url(linked.anjab), accept_data(linked.anjab, 4))
    assert response.status_code == 400
    linked.refresh_from_db()
    assert linked.volume == Decimal("1200")


def test_the_form_page_counts_once_per_app_whatever_the_number_of_linked_tasks(
    client, make_anjab, jabatan, staf_adm, counted, django_assert_max_num_queries
):
    client.force_login(staf_adm)
    small = make_anjab(jabatan, tahun=2024, tasks=[("1", "1", "menit", "tahun")])
    large = make_anjab(jabatan, tahun=2027, tasks=[("1", "1", "menit", "tahun")] * 30)
    sources = [KODE, "arsip.kode:KA.01.02", "arsip.jenis:surat", "arsip.jenis:laporan"]
    small.tugas_pokok.update(sumber_hitungan=KODE)
    for i, task in enumerate(large.tugas_pokok.all()):
        task.sumber_hitungan = sources[i % len(sources)]
        task.save()
    counts = []
    for anjab in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(edit_url(anjab)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(edit_url(large))
