"""Changing a record (edit, new version, re-class, move unit) is a separate door from seeing
it: a temporary read grant lets one read a record, never change it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from arsip.models import BerkasDigital, Naskah
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory
from tests.refusals import not_found, nothing_changes, refused


@pytest.fixture
def world(make_user, make_naskah, office, unit, reference):
    """A Staf of ``unit`` holding a read grant on a Rahasia record of another unit."""
    from arsip import services

    other = UnitFactory(office=office, name="Divisi Hukum")
    author = make_user(roles.STAF, office=office, unit=other)
    kasubag = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=other)
    staf = make_user(roles.STAF, office=office, unit=unit)
    granted = make_naskah(
        office=office, unit=other, created_by=author, kelas="R", perihal="Kajian hukum sengketa"
    )
    services.grant_access(
        granted, by=kasubag, tujuan="Bahan telaah", user=staf, berlaku_sampai=timezone.localdate()
    )
    hidden = make_naskah(office=office, unit=other, created_by=author, kelas="R")
    return {
        "staf": staf,
        "granted": granted,
        "hidden": hidden,
        "other": other,
        "author": author,
        "kasubag": kasubag,
    }


def _edit_post(naskah, **overrides):
    data = {
        "klasifikasi": naskah.klasifikasi.kode,
        "perihal": naskah.perihal,
        "nomor_surat": naskah.nomor_surat,
        "tanggal": naskah.tanggal.isoformat(),
        "kelas": naskah.kelas_id,
        "unit": naskah.unit_id,
        "jenis": naskah.jenis,
        "tingkat_perkembangan": naskah.tingkat_perkembangan,
        "media": naskah.media,
        "jumlah": naskah.jumlah,
        "satuan": naskah.satuan,
        "revisi_dilihat": naskah.revisi,
    }
    data.update(overrides)
    return data


def test_a_read_grant_does_not_open_the_edit_page_or_the_change(client, world, kelas):
    naskah = world["granted"]
    client.force_login(world["staf"])
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 200
    url = reverse("arsip:edit", args=[naskah.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        _edit_post(
            naskah, kelas=kelas["B"].pk, unit=world["staf"].unit_id, perihal="Diubah lewat hak baca"
        ),
    )
    assert response.status_code == 403
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "R" and naskah.unit == world["other"]
    assert naskah.perihal == "Kajian hukum sengketa"


def test_a_read_grant_does_not_allow_a_new_version(client, world):
    naskah = world["granted"]
    client.force_login(world["staf"])
    with nothing_changes(naskah, BerkasDigital):
        response = client.post(
            reverse("arsip:upload_version", args=[naskah.pk]),
            {"berkas_file": pdf_upload("palsu"), "catatan": "x"},
        )
        refused(response)


def test_a_record_one_cannot_see_is_404_for_edit_and_version(client, world):
    client.force_login(world["staf"])
    hidden = world["hidden"]
    assert hidden.perihal not in not_found(client.get(reverse("arsip:edit", args=[hidden.pk])))
    with nothing_changes(hidden, BerkasDigital):
        not_found(
            client.post(
                reverse("arsip:upload_version", args=[hidden.pk]),
                {"berkas_file": pdf_upload("x"), "catatan": "x"},
            )
        )
        not_found(
            client.post(
                reverse("arsip:edit", args=[hidden.pk]),
                {"perihal": "Diubah tanpa hak", "revisi_dilihat": hidden.revisi},
            )
        )


def test_the_detail_page_offers_no_edit_to_a_grant_holder(client, world):
    client.force_login(world["staf"])
    page = client.get(reverse("arsip:detail", args=[world["granted"].pk]))
    assert reverse("arsip:edit", args=[world["granted"].pk]) not in page.text
    assert reverse("arsip:upload_version", args=[world["granted"].pk]) not in page.text


def test_editable_by_is_the_registrant_or_the_matrix_never_the_grant(world, make_user, office):
    granted = world["granted"]
    editable = Naskah.objects.editable_by
    assert not editable(world["staf"]).filter(pk=granted.pk).exists()
    assert editable(world["author"]).filter(pk=granted.pk).exists()
    assert editable(world["kasubag"]).filter(pk=granted.pk).exists()
    stranger = make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=UnitFactory(office=office))
    assert not editable(stranger).filter(pk=granted.pk).exists()


def test_the_edit_form_offers_only_classes_and_units_the_user_reads(
    client, world, make_naskah, office, kelas
):
    staf = world["staf"]
    mine = make_naskah(office=office, unit=staf.unit, created_by=staf, kelas="B")
    client.force_login(staf)
    page = client.get(reverse("arsip:edit", args=[mine.pk]))
    form = page.context["form"]
    # The registrar may raise their own record up to their clearance (Staf: Rahasia (?)),
    # never to Sangat Rahasia; units stay those of the user's scope.
    assert {k.kode for k in form.fields["kelas"].queryset} == {"B", "T", "R"}
    assert set(form.fields["unit"].queryset) == {staf.unit}
    response = client.post(
        reverse("arsip:edit", args=[mine.pk]),
        _edit_post(mine, kelas=kelas["SR"].pk, unit=world["other"].pk),
    )
    assert response.status_code == 200  # refused, shown again
    mine.refresh_from_db()
    assert mine.kelas.kode == "B" and mine.unit == staf.unit


def test_a_leader_re_classes_within_the_matrix_and_the_audit_keeps_old_and_new(
    client, world, make_user, make_naskah, office, unit, kelas
):
    sub = UnitFactory(office=office, name="Subbagian Hukum", parent=world["other"])
    koordinator = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=world["other"])
    naskah = make_naskah(office=office, unit=world["other"], created_by=world["author"], kelas="B")
    client.force_login(koordinator)
    form = client.get(reverse("arsip:edit", args=[naskah.pk])).context["form"]
    assert {k.kode for k in form.fields["kelas"].queryset} == {"SR", "R", "T", "B"}
    response = client.post(
        reverse("arsip:edit", args=[naskah.pk]),
        _edit_post(naskah, kelas=kelas["R"].pk, unit=sub.pk),
    )
    assert response.status_code == 302
    naskah.refresh_from_db()
    assert naskah.kelas.kode == "R" and naskah.unit == sub
    event = AuditEvent.objects.get(action="arsip.update", object_id=str(naskah.pk))
    assert event.detail["kelas"] == ["B", "R"]
    assert event.detail["unit"] == [world["other"].name, sub.name]


def test_a_leader_cannot_move_a_secret_record_outside_their_scope(
    client, world, make_user, make_naskah, office, unit, kelas
):
    koordinator = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=world["other"])
    naskah = make_naskah(office=office, unit=world["other"], created_by=world["author"], kelas="SR")
    client.force_login(koordinator)
    response = client.post(
        reverse("arsip:edit", args=[naskah.pk]), _edit_post(naskah, unit=unit.pk)
    )
    assert response.status_code == 200
    naskah.refresh_from_db()
    assert naskah.unit == world["other"]


def test_the_archivist_cannot_re_class_in_the_admin(
    client, make_user, make_naskah, office, unit, kelas
):
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)
    mine = make_naskah(office=office, unit=unit, created_by=arsiparis, kelas="B")
    client.force_login(arsiparis)
    url = reverse("admin:arsip_naskah_change", args=[mine.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="kelas"' not in page.text
    form = {
        "berkas": mine.berkas_id,
        "nomor_item": mine.nomor_item,
        "klasifikasi": mine.klasifikasi_id,
        "kelas": kelas["SR"].pk,
        "unit": unit.pk,
        "perihal": "diubah di admin",
        "tanggal": mine.tanggal.isoformat(),
        "jenis": "surat",
        "tingkat_perkembangan": "asli",
        "media": "kertas",
        "jumlah": 1,
        "satuan": "lembar",
        "status_retensi": "aktif",
    }
    client.post(url, form)
    mine.refresh_from_db()
    assert mine.kelas.kode == "B"


def test_the_archivist_cannot_change_a_granted_record_in_the_admin(
    client, world, make_user, office, unit
):
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)
    from arsip import services

    services.grant_access(
        world["granted"],
        by=world["kasubag"],
        tujuan="Telaah",
        user=arsiparis,
        berlaku_sampai=timezone.localdate(),
    )
    client.force_login(arsiparis)
    page = client.get(reverse("admin:arsip_naskah_change", args=[world["granted"].pk]))
    assert page.status_code == 200
    assert 'name="perihal"' not in page.text  # shown read-only


def test_the_archivist_cannot_change_in_the_admin_a_file_holding_records_they_cannot_see(
    client, make_user, make_naskah, office, unit
):
    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    secret = make_naskah(office=office, unit=other, created_by=author, kelas="SR")
    make_naskah(office=office, unit=unit, created_by=author, kelas="B", berkas=secret.berkas)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)
    mine = make_naskah(office=office, unit=unit, created_by=arsiparis)
    client.force_login(arsiparis)
    page = client.get(reverse("admin:arsip_berkas_change", args=[secret.berkas_id]))
    assert page.status_code == 200 and 'name="uraian"' not in page.text
    assert (
        'name="uraian"'
        in client.get(reverse("admin:arsip_berkas_change", args=[mine.berkas_id])).text
    )
    # Nor move a record into such a file.
    client.post(
        reverse("admin:arsip_naskah_change", args=[mine.pk]),
        {
            "berkas": secret.berkas_id,
            "nomor_item": 9,
            "klasifikasi": mine.klasifikasi_id,
            "perihal": mine.perihal,
            "tanggal": mine.tanggal.isoformat(),
            "jenis": "surat",
            "tingkat_perkembangan": "asli",
            "media": "kertas",
            "jumlah": 1,
            "satuan": "lembar",
            "status_retensi": "aktif",
        },
    )
    mine.refresh_from_db()
    assert mine.berkas_id != secret.berkas_id
