"""An analysis is submitted only with its required sections filled, after a confirmation."""

import pytest
from django.urls import reverse

from abk_anjab.models import Anjab
from sisp.models import AuditEvent
from tests.refusals import not_found, refused

from .conftest import CLERK_TASKS, fill_required

pytestmark = pytest.mark.django_db


def submit_url(anjab):
    return reverse("abk_anjab:anjab_submit", args=[anjab.pk])


def submitted(anjab):
    return AuditEvent.objects.filter(action="abk_anjab.submit", object_id=str(anjab.pk)).count()


def test_an_empty_analysis_cannot_be_submitted(client, make_anjab, jabatan, staf_adm):
    empty = make_anjab(jabatan)
    client.force_login(staf_adm)
    response = client.post(submit_url(empty), follow=True)
    page = response.content.decode()
    assert "Belum dapat diajukan: bagian wajib masih kosong: Tugas pokok dan beban kerja" in page
    empty.refresh_from_db()
    assert empty.status == Anjab.Status.DRAF
    assert empty.diajukan_oleh is None
    assert submitted(empty) == 0


def test_tasks_alone_are_not_enough(client, make_anjab, jabatan, staf_adm):
    tasks_only = make_anjab(jabatan, tasks=CLERK_TASKS)
    client.force_login(staf_adm)
    client.post(submit_url(tasks_only))
    tasks_only.refresh_from_db()
    assert tasks_only.status == Anjab.Status.DRAF
    assert submitted(tasks_only) == 0


def test_the_document_page_asks_for_confirmation_before_submitting(client, anjab, staf_adm):
    client.force_login(staf_adm)
    document = client.get(reverse("abk_anjab:anjab", args=[anjab.pk])).content.decode()
    assert f'href="{submit_url(anjab)}"' in document  # a link to the question, not a POST
    page = client.get(submit_url(anjab)).content.decode()
    assert "Ajukan analisis untuk verifikasi?" in page
    assert "Ya, ajukan" in page
    anjab.refresh_from_db()
    assert anjab.status == Anjab.Status.DRAF  # asking changes nothing
    client.post(submit_url(anjab))
    anjab.refresh_from_db()
    assert anjab.status == Anjab.Status.DIAJUKAN


def test_the_confirmation_lists_the_empty_required_sections_and_offers_no_button(
    client, make_anjab, jabatan, staf_adm
):
    partly = make_anjab(jabatan, tasks=CLERK_TASKS)
    partly.ikhtisar = "Ada ikhtisar"
    partly.save()
    client.force_login(staf_adm)
    page = client.get(submit_url(partly)).content.decode()
    for title in ("Kualifikasi jabatan", "Hasil kerja", "Tanggung jawab", "Wewenang"):
        assert f"<li>{title}</li>" in page
    assert "<li>Kedudukan dan ikhtisar jabatan</li>" not in page
    assert "<li>Tugas pokok dan beban kerja (ABK)</li>" not in page
    assert "Ya, ajukan" not in page


def test_rows_ticked_or_blank_do_not_count_as_filled(client, make_anjab, jabatan, staf_adm):
    anjab = fill_required(make_anjab(jabatan, tasks=CLERK_TASKS))
    anjab.wewenang.all().delete()
    anjab.kondisi_lingkungan.create(aspek="Suhu")  # a preset aspect without its factor
    client.force_login(staf_adm)
    client.post(submit_url(anjab))
    anjab.refresh_from_db()
    assert anjab.status == Anjab.Status.DRAF


def test_the_confirmation_is_for_those_who_may_submit(client, anjab, staf_hukum, stranger):
    client.force_login(staf_hukum)
    refused(client.get(submit_url(anjab)))
    client.force_login(stranger)
    assert anjab.jabatan.nama not in not_found(client.get(submit_url(anjab)))


def test_the_required_sections_are_a_setting(client, make_anjab, jabatan, staf_adm, settings):
    settings.ABK_ANJAB_REQUIRED_SECTIONS = ["tugas_pokok"]
    tasks_only = make_anjab(jabatan, tasks=CLERK_TASKS)
    client.force_login(staf_adm)
    client.post(submit_url(tasks_only))
    tasks_only.refresh_from_db()
    assert tasks_only.status == Anjab.Status.DIAJUKAN
