"""draft -> diajukan -> diverifikasi -> disetujui, returned with a note, locked once approved."""

from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse

from abk_anjab import services
from abk_anjab.models import Anjab
from abk_anjab.sections import FORM_FIELDS
from sisp.models import AuditEvent
from tests.refusals import nothing_changes, refused

from .helpers import form_data

pytestmark = pytest.mark.django_db


def post(client, user, name, anjab, data=None):
    client.force_login(user)
    return client.post(reverse(f"abk_anjab:{name}", args=[anjab.pk]), data or {})


def status(anjab):
    anjab.refresh_from_db()
    return anjab.status


def actions(anjab):
    return list(
        AuditEvent.objects.filter(object_type="abk_anjab.Anjab", object_id=str(anjab.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_full_workflow_writes_every_step_to_the_audit_trail(
    client, anjab, staf_adm, kasubag_adm, korsek
):
    assert post(client, staf_adm, "anjab_submit", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DIAJUKAN
    assert post(client, kasubag_adm, "anjab_verify", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DIVERIFIKASI
    assert post(client, korsek, "anjab_approve", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DISETUJUI
    assert anjab.diajukan_oleh == staf_adm
    assert anjab.diverifikasi_oleh == kasubag_adm
    assert anjab.disetujui_oleh == korsek
    assert actions(anjab) == ["abk_anjab.submit", "abk_anjab.verify", "abk_anjab.approve"]


def test_staff_cannot_verify_or_approve(client, anjab, staf_adm):
    post(client, staf_adm, "anjab_submit", anjab)
    assert post(client, staf_adm, "anjab_verify", anjab).status_code == 403
    anjab.status = Anjab.Status.DIVERIFIKASI
    anjab.save()
    assert post(client, staf_adm, "anjab_approve", anjab).status_code == 403
    assert status(anjab) == Anjab.Status.DIVERIFIKASI


def test_kepala_subbagian_verifies_but_cannot_approve(client, anjab, kasubag_adm):
    anjab.status = Anjab.Status.DIVERIFIKASI
    anjab.save()
    with nothing_changes(anjab):
        refused(post(client, kasubag_adm, "anjab_approve", anjab))


def test_kepala_subbagian_of_another_unit_cannot_verify(
    client, anjab, make_user, office, subbag_hukum
):
    other = make_user("Kepala Subbagian", office=office, unit=subbag_hukum)
    anjab.status = Anjab.Status.DIAJUKAN
    anjab.save()
    with nothing_changes(anjab):
        refused(post(client, other, "anjab_verify", anjab))
        refused(post(client, other, "anjab_return", anjab, {"catatan": "Perbaiki"}))


def test_koordinator_sekretariat_may_verify_any_unit(client, anjab, korsek):
    anjab.status = Anjab.Status.DIAJUKAN
    anjab.save()
    assert post(client, korsek, "anjab_verify", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DIVERIFIKASI


def test_a_draft_cannot_be_approved_straight_away(client, anjab, korsek):
    assert post(client, korsek, "anjab_approve", anjab).status_code == 403
    assert status(anjab) == Anjab.Status.DRAF


def test_approved_analysis_cannot_be_edited_by_anyone(client, anjab, korsek, staf_adm):
    anjab.status = Anjab.Status.DISETUJUI
    anjab.save()
    for user in (staf_adm, korsek):
        client.force_login(user)
        url = reverse("abk_anjab:anjab_edit", args=[anjab.pk])
        response = client.post(url, form_data(anjab, bezetting="7"))
        assert response.status_code == 302
        assert response["Location"] == anjab.get_absolute_url()
        assert post(client, user, "anjab_return", anjab, {"catatan": "x"}).status_code == 403
        assert post(client, user, "anjab_submit", anjab).status_code == 403
    anjab.refresh_from_db()
    assert anjab.bezetting == 1
    assert anjab.status == Anjab.Status.DISETUJUI


def test_submitted_analysis_is_no_longer_editable_by_its_author(client, anjab, staf_adm):
    post(client, staf_adm, "anjab_submit", anjab)
    assert status(anjab) == Anjab.Status.DIAJUKAN
    refused(client.get(reverse("abk_anjab:anjab_edit", args=[anjab.pk])))
    with nothing_changes(anjab):
        refused(
            client.post(
                reverse("abk_anjab:anjab_edit", args=[anjab.pk]), form_data(anjab, wke_jam="1000")
            )
        )


def test_reviewer_returns_with_a_note_and_the_author_sees_it(client, anjab, staf_adm, kasubag_adm):
    post(client, staf_adm, "anjab_submit", anjab)
    response = post(
        client, kasubag_adm, "anjab_return", anjab, {"catatan": "Waktu tugas 2 terlalu kecil."}
    )
    assert response.status_code == 302
    assert status(anjab) == Anjab.Status.DRAF
    assert anjab.catatan_pengembalian == "Waktu tugas 2 terlalu kecil."
    client.force_login(staf_adm)
    page = client.get(reverse("abk_anjab:anjab_edit", args=[anjab.pk])).content.decode()
    assert "Waktu tugas 2 terlalu kecil." in page
    event = AuditEvent.objects.get(action="abk_anjab.return")
    assert event.detail["catatan"] == "Waktu tugas 2 terlalu kecil."
    # Submitting again clears the note.
    post(client, staf_adm, "anjab_submit", anjab)
    anjab.refresh_from_db()
    assert anjab.catatan_pengembalian == ""


def test_returning_without_a_note_is_refused(client, anjab, staf_adm, kasubag_adm):
    post(client, staf_adm, "anjab_submit", anjab)
    post(client, kasubag_adm, "anjab_return", anjab, {"catatan": ""})
    assert status(anjab) == Anjab.Status.DIAJUKAN


def test_workflow_changes_are_post_only(client, anjab, korsek):
    client.force_login(korsek)
    for name in ["anjab_verify", "anjab_approve", "anjab_return"]:
        assert client.get(reverse(f"abk_anjab:{name}", args=[anjab.pk])).status_code == 405
    # GET of "ajukan" is the confirmation question (test_submission.py): it changes nothing.
    assert client.get(reverse("abk_anjab:anjab_submit", args=[anjab.pk])).status_code == 200


def test_submit_recomputes_the_figures_the_reviewer_sees(client, anjab, staf_adm):
    Anjab.objects.filter(pk=anjab.pk).update(kebutuhan_mentah=99, kebutuhan=99)
    post(client, staf_adm, "anjab_submit", anjab)
    anjab.refresh_from_db()
    assert str(anjab.kebutuhan_mentah) == "0.4933"
    assert anjab.kebutuhan == 0


def test_new_analysis_copies_last_years_rows_and_not_its_workflow(client, anjab, staf_adm, korsek):
    anjab.status = Anjab.Status.DISETUJUI
    anjab.ikhtisar = "Ikhtisar tahun lalu"
    anjab.save()
    anjab.wewenang.create(uraian="Menolak surat tanpa nomor")
    client.force_login(staf_adm)
    response = client.post(
        reverse("abk_anjab:anjab_create", args=[anjab.jabatan_id]),
        {"tahun": anjab.tahun + 1, "salin": "on"},
    )
    assert response.status_code == 302
    copy = Anjab.objects.get(jabatan=anjab.jabatan, tahun=anjab.tahun + 1)
    assert copy.status == Anjab.Status.DRAF
    assert copy.ikhtisar == "Ikhtisar tahun lalu"
    assert copy.tugas_pokok.count() == 2
    assert list(copy.wewenang.values_list("uraian", flat=True)) == [
        "Meminta kelengkapan surat",
        "Menolak surat tanpa nomor",
    ]
    assert copy.kebutuhan_mentah == anjab.kebutuhan_mentah
    assert copy.disetujui_oleh is None
    assert AuditEvent.objects.filter(action="abk_anjab.create", object_id=str(copy.pk)).exists()


def test_a_second_analysis_for_the_same_year_is_refused_in_indonesian(client, anjab, staf_adm):
    client.force_login(staf_adm)
    with nothing_changes(anjab, Anjab):
        response = client.post(
            reverse("abk_anjab:anjab_create", args=[anjab.jabatan_id]), {"tahun": anjab.tahun}
        )
    assert response.status_code == 400
    assert "sudah ada" in response.content.decode()


def test_job_list_offers_to_start_from_the_last_analysis(client, anjab, staf_adm):
    client.force_login(staf_adm)
    page = client.get(reverse("abk_anjab:index"), {"tahun": anjab.tahun + 1}).content.decode()
    assert "Mulai dari analisis terakhir" in page
    assert 'name="salin" value="on"' in page
    page = client.get(reverse("abk_anjab:index"), {"tahun": anjab.tahun - 1}).content.decode()
    assert "Mulai analisis" in page
    assert "Mulai dari analisis terakhir" not in page


def test_whoever_submitted_cannot_verify_the_same_analysis(client, anjab, kasubag_adm, korsek):
    assert post(client, kasubag_adm, "anjab_submit", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DIAJUKAN
    assert post(client, kasubag_adm, "anjab_verify", anjab).status_code == 403
    assert status(anjab) == Anjab.Status.DIAJUKAN
    assert post(client, korsek, "anjab_verify", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DIVERIFIKASI


def test_whoever_verified_cannot_approve_the_same_analysis(
    client, anjab, staf_adm, korsek, make_user, office, sekretariat
):
    post(client, staf_adm, "anjab_submit", anjab)
    assert post(client, korsek, "anjab_verify", anjab).status_code == 302
    assert not Anjab.objects.get(pk=anjab.pk).can_approve(korsek)
    assert post(client, korsek, "anjab_approve", anjab).status_code == 403
    assert status(anjab) == Anjab.Status.DIVERIFIKASI
    second = make_user("Koordinator Sekretariat", office=office, unit=sekretariat)
    assert post(client, second, "anjab_approve", anjab).status_code == 302
    assert status(anjab) == Anjab.Status.DISETUJUI


def test_an_approver_outside_the_unit_scope_cannot_approve(
    client, anjab, make_user, office, subbag_hukum
):
    from django.contrib.auth.models import Permission

    # Holds the approve right but not all_units, like verify without all_units: own unit only.
    other = make_user("Kepala Subbagian", office=office, unit=subbag_hukum)
    other.user_permissions.add(
        Permission.objects.get(content_type__app_label="abk_anjab", codename="approve_anjab")
    )
    anjab.status = Anjab.Status.DIVERIFIKASI
    anjab.save()
    assert post(client, other, "anjab_approve", anjab).status_code == 403
    assert status(anjab) == Anjab.Status.DIVERIFIKASI


def _a_value(field):
    """A value for ``field`` that no new analysis holds by default."""
    if field.choices:
        return next(c for c, _ in field.choices if c != field.get_default())
    if isinstance(field, models.BooleanField):
        return not field.get_default()
    if isinstance(field, models.DecimalField):
        return Decimal("1300.00")
    if isinstance(field, models.PositiveSmallIntegerField):
        return 7
    return f"{field.name} tahun lalu"[: field.max_length]


def test_a_copy_takes_every_field_of_the_form_but_the_number_of_people(anjab, staf_adm):
    """The fields a copy takes are the form's (abk_anjab/sections.py): a field added to the
    form is copied without a second list to remember."""
    source = Anjab.objects.get(pk=anjab.pk)
    for name in FORM_FIELDS:
        field = Anjab._meta.get_field(name)
        if not field.many_to_many:
            setattr(source, name, _a_value(field))
    source.bezetting = anjab.jabatan.bezetting + 3
    source.save()
    for name in FORM_FIELDS:
        field = Anjab._meta.get_field(name)
        if field.many_to_many:
            getattr(source, name).set(field.related_model.objects.all()[:2])
    copy = services.create_anjab(source.jabatan, source.tahun + 1, user=staf_adm, copy_from=source)
    copy = Anjab.objects.get(pk=copy.pk)
    for name in FORM_FIELDS:
        field = Anjab._meta.get_field(name)
        if name == "bezetting":
            assert copy.bezetting == source.jabatan.bezetting != source.bezetting
        elif field.many_to_many:
            mine = set(getattr(copy, name).values_list("pk", flat=True))
            assert mine == set(getattr(source, name).values_list("pk", flat=True)) and mine, name
        else:
            assert getattr(copy, name) == getattr(source, name) == _a_value(field), name
