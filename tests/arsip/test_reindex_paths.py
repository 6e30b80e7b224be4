"""Every path that changes a record's indexed text re-indexes it: the admin's record and file
forms, and a renamed filing code (re-indexed in the background)."""

import pytest
from django.urls import reverse

from arsip import search
from arsip.models import KlasifikasiArsip, Naskah
from sisp import roles

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    user = make_user(roles.ARSIPARIS, office=office, unit=unit)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def _found(user, query):
    return set(search.search(Naskah.objects.visible_to(user), query).values_list("pk", flat=True))


def _admin_form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    return data


def test_a_word_removed_from_the_subject_in_the_admin_is_no_longer_found(
    client, arsiparis, make_naskah, office, unit
):
    naskah = make_naskah(
        office=office, unit=unit, created_by=arsiparis, perihal="Laporan politik uang Trowulan"
    )
    assert _found(arsiparis, "trowulan") == {naskah.pk}
    client.force_login(arsiparis)
    url = reverse("admin:arsip_naskah_change", args=[naskah.pk])
    data = _admin_form(client, url)
    assert client.post(url, {**data, "perihal": "Laporan politik uang Mojosari"}).status_code == 302
    assert _found(arsiparis, "trowulan") == set()
    assert _found(arsiparis, "mojosari") == {naskah.pk}


def test_a_file_description_changed_in_the_admin_reaches_every_record_of_the_file(
    client, arsiparis, make_naskah, office, unit
):
    first = make_naskah(office=office, unit=unit, created_by=arsiparis)
    second = make_naskah(office=office, unit=unit, created_by=arsiparis, berkas=first.berkas)
    client.force_login(arsiparis)
    url = reverse("admin:arsip_berkas_change", args=[first.berkas_id])
    data = _admin_form(client, url)
    assert client.post(url, {**data, "uraian": "Sengketa proses Kutorejo"}).status_code == 302
    assert _found(arsiparis, "kutorejo") == {first.pk, second.pk}


def test_a_renamed_filing_code_is_reindexed_in_the_background(
    client, arsiparis, make_naskah, office, unit, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    settings.TASKS = IMMEDIATE
    naskah = make_naskah(office=office, unit=unit, created_by=arsiparis, kode="KA.00")
    manager = get_user_model().objects.create_superuser("pengelola", "p@example.org", "x")
    client.force_login(manager)
    code = KlasifikasiArsip.objects.get(kode="KA.00")
    url = reverse("admin:arsip_klasifikasiarsip_change", args=[code.pk])
    data = _admin_form(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "nama": "Kebijakan kearsipan Wonosalam"})
    assert response.status_code == 302
    assert _found(arsiparis, "wonosalam") == {naskah.pk}
