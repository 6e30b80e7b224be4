"""Stages, holidays and status words are the installation's shared rules: only the
installation manager changes them; each change is audited in every office and moves the
deadlines of open cases with a history event on each case it moves."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from ppps.models import HariLibur, Pemilihan, Perkara, RiwayatPerkara, StatusPerkara, Tahapan
from sisp import roles
from sisp.models import AuditEvent
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db

OFFICE_ROLES = [roles.ADMINISTRATOR, roles.PETUGAS_PPPS, roles.ARSIPARIS]


@pytest.fixture
def manager(make_user):
    """The installation manager (Pengelola Instalasi): a superuser of no office."""
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True, username="pengelola")


@pytest.fixture(params=OFFICE_ROLES)
def office_user(request, make_user, office, reference):
    """An office role with, on top, every right on the shared rules given to the user
    directly: the admin still refuses, since only the installation manager changes them."""
    user = make_user(request.param, office=office, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ppps",
            content_type__model__in=["tahapan", "harilibur", "statusperkara"],
        ).exclude(codename__startswith="view_")
    )
    return user


@pytest.fixture
def two_cases(make_perkara, other_office, petugas_other, reference):
    """An open case in each office, both at their first stage, whose limit is set to
    2 calendar days from receipt (7 October 2024) so every move is easy to follow."""
    Tahapan.objects.filter(
        pk=Tahapan.objects.for_case("pemilihan", "laporan").order_by("order").first().pk
    ).update(days=2, day_type="kalender", counted_from="diterima", extension_days=0)
    mine = make_perkara()
    pilkada_lain = Pemilihan.objects.create(
        office=other_office, name="Pemilihan Bupati 2024", regime="pemilihan", code="PB", year=2024
    )
    theirs = make_perkara(pemilihan=pilkada_lain, user=petugas_other)
    assert mine.tahapan_id == theirs.tahapan_id
    assert mine.batas_waktu == theirs.batas_waktu == datetime.date(2024, 10, 9)
    return mine, theirs


def form_data(obj, **changes):
    """The admin change form's POST for ``obj`` (unchecked boxes are left out)."""
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None and v is not False}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_no_office_role_holds_a_right_to_change_stages_holidays_or_status_words():
    rights = Permission.objects.filter(
        content_type__app_label="ppps",
        content_type__model__in=["tahapan", "harilibur", "statusperkara"],
    ).exclude(codename__startswith="view_")
    holders = Group.objects.filter(permissions__in=rights, name__in=roles.ALL_ROLES)
    assert not holders.exists()
    petugas = Group.objects.get(name=roles.PETUGAS_PPPS)
    assert petugas.permissions.filter(codename="view_tahapan").exists()
    assert petugas.permissions.filter(codename="change_pemilihan").exists()  # the office's own


def test_migrate_takes_back_rights_on_shared_rules_an_earlier_version_gave(reference):
    from ppps.apps import _attach_permissions

    old = Permission.objects.filter(
        content_type__app_label="ppps",
        codename__in=["add_tahapan", "change_tahapan", "change_harilibur", "add_statusperkara"],
    )
    for name in (roles.PETUGAS_PPPS, roles.ADMINISTRATOR):
        Group.objects.get(name=name).permissions.add(*old)
    _attach_permissions(sender=None)
    for name in (roles.PETUGAS_PPPS, roles.ADMINISTRATOR):
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(pk__in=old).exists()
        assert group.permissions.filter(codename="view_harilibur").exists()


def test_office_user_cannot_add_a_holiday_or_a_status_word(client, office_user):
    client.force_login(office_user)
    for name in ("harilibur", "statusperkara", "tahapan"):
        assert client.get(reverse(f"admin:ppps_{name}_add")).status_code == 403
    response = client.post(
        reverse("admin:ppps_harilibur_add"),
        {"date": "2026-03-10", "name": "Libur daerah", "kind": "lainnya"},
    )
    assert response.status_code == 403
    assert not HariLibur.objects.filter(date=datetime.date(2026, 3, 10)).exists()
    response = client.post(
        reverse("admin:ppps_statusperkara_add"), {"code": "baru", "name": "Baru", "order": 1}
    )
    assert response.status_code == 403
    assert not StatusPerkara.objects.filter(code="baru").exists()


def test_office_user_cannot_change_a_stage_limit_in_the_form_or_the_list(client, office_user):
    stage = Tahapan.objects.filter(days__isnull=False).first()
    before = model_to_dict(stage)
    client.force_login(office_user)
    url = reverse("admin:ppps_tahapan_change", args=[stage.pk])
    page = client.get(url)
    assert page.status_code in (200, 403)
    assert 'name="days"' not in page.text
    response = client.post(url, form_data(stage, days=stage.days + 5))
    assert response.status_code == 403
    changelist = client.get(reverse("admin:ppps_tahapan_changelist"))
    assert 'name="form-0-days"' not in changelist.text
    client.post(
        reverse("admin:ppps_tahapan_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": stage.pk,
            "form-0-days": stage.days + 5,
            "form-0-day_type": stage.day_type,
            "form-0-extension_days": stage.extension_days,
            "_save": "Simpan",
        },
    )
    stage.refresh_from_db()
    assert model_to_dict(stage) == before


def test_office_user_cannot_change_or_delete_a_holiday_or_a_status_word(client, office_user):
    holiday = HariLibur.objects.first()
    status = StatusPerkara.objects.get(code="diterima")
    holiday_before, status_before = model_to_dict(holiday), model_to_dict(status)
    client.force_login(office_user)
    assert (
        client.post(
            reverse("admin:ppps_harilibur_change", args=[holiday.pk]),
            form_data(holiday, name="Diubah"),
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:ppps_statusperkara_change", args=[status.pk]),
            form_data(status, is_final="on"),
        ).status_code
        == 403
    )
    url = reverse("admin:ppps_harilibur_delete", args=[holiday.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.post(
        reverse("admin:ppps_harilibur_changelist"),
        {"action": "delete_selected", "_selected_action": [holiday.pk], "post": "yes"},
    )
    holiday.refresh_from_db()
    status.refresh_from_db()
    assert model_to_dict(holiday) == holiday_before
    assert model_to_dict(status) == status_before


def _moved_event(perkara):
    return RiwayatPerkara.objects.filter(perkara=perkara, kind=RiwayatPerkara.Kind.BATAS_WAKTU)


def _tanggal(value):
    from ppps.services import _tanggal

    return _tanggal(value)


def test_manager_changes_a_stage_limit_and_every_office_and_moved_case_is_told(
    client, manager, two_cases, office, other_office
):
    bystander = OfficeFactory(name="Bawaslu Kota Tiga")  # no case, still told (shared rule)
    mine, theirs = two_cases
    stage = mine.tahapan
    old_days, old_deadlines = stage.days, (mine.batas_waktu, theirs.batas_waktu)
    client.force_login(manager)
    response = client.post(
        reverse("admin:ppps_tahapan_change", args=[stage.pk]),
        form_data(stage, days=old_days + 3),
    )
    assert response.status_code == 302
    for perkara, old in zip((mine, theirs), old_deadlines, strict=True):
        perkara.refresh_from_db()
        assert perkara.batas_waktu == old + datetime.timedelta(days=3)
        event = _moved_event(perkara).get()
        assert event.office_id == perkara.office_id and not event.is_public
        assert _tanggal(old) in event.catatan and _tanggal(perkara.batas_waktu) in event.catatan
        entry = AuditEvent.objects.get(action="ppps.deadline_moved", object_id=str(perkara.pk))
        assert entry.office_id == perkara.office_id
        assert entry.detail["lama"] == old.isoformat()
        assert entry.detail["baru"] == perkara.batas_waktu.isoformat()
    entries = AuditEvent.objects.filter(action="rules.change", object_type="ppps.Tahapan")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk, bystander.pk}
    assert all(e.detail["changes"]["days"] == [old_days, old_days + 3] for e in entries)
    assert entries.first().detail["ringkasan"] == "batas waktu: 2 → 5"
    assert entries.get(office=office).detail["perkara_berubah"] == [mine.pk]
    assert entries.get(office=other_office).detail["perkara_berubah"] == [theirs.pk]
    assert "perkara_berubah" not in entries.get(office=bystander).detail


def test_manager_adds_changes_and_removes_a_holiday_and_deadlines_follow_with_history(
    client, manager, two_cases, office, other_office
):
    mine, theirs = two_cases
    Tahapan.objects.filter(pk=mine.tahapan_id).update(days=5, day_type="kerja")
    from ppps import services

    services.recompute_deadlines()
    baseline = {p.pk: _moved_event(p).count() for p in two_cases}
    mine.refresh_from_db()
    theirs.refresh_from_db()
    day = mine.batas_waktu
    client.force_login(manager)

    response = client.post(
        reverse("admin:ppps_harilibur_add"),
        {"date": day.isoformat(), "name": "Libur daerah", "kind": "lainnya"},
    )
    assert response.status_code == 302
    holiday = HariLibur.objects.get(date=day)
    mine.refresh_from_db()
    assert mine.batas_waktu > day
    assert AuditEvent.objects.filter(action="rules.add", object_id=str(holiday.pk)).count() == 2

    later = mine.batas_waktu
    free = later + datetime.timedelta(days=7)
    while free.weekday() > 4 or HariLibur.objects.filter(date=free).exists():
        free += datetime.timedelta(days=1)
    response = client.post(
        reverse("admin:ppps_harilibur_change", args=[holiday.pk]),
        {"date": free.isoformat(), "name": "Libur daerah (dipindah)", "kind": "cuti_bersama"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.batas_waktu == day
    change = AuditEvent.objects.get(action="rules.change", office=other_office)
    assert change.detail["changes"]["date"] == [day.isoformat(), free.isoformat()]
    assert change.detail["perkara_berubah"] == [theirs.pk]

    response = client.post(
        reverse("admin:ppps_harilibur_delete", args=[holiday.pk]), {"post": "yes"}
    )
    assert response.status_code == 302 and not HariLibur.objects.filter(pk=holiday.pk).exists()
    deleted = AuditEvent.objects.filter(action="rules.delete", object_id=str(holiday.pk))
    assert {e.office_id for e in deleted} == {office.pk, other_office.pk}
    assert deleted.first().detail["changes"]["name"] == ["Libur daerah (dipindah)", None]
    # Two moves for each case (holiday added on the deadline, then moved away); deleting a
    # holiday after the deadline moved nothing.
    for perkara in (mine, theirs):
        assert _moved_event(perkara).count() == baseline[perkara.pk] + 2


def test_a_status_word_change_is_audited_in_every_office(client, manager, office, other_office):
    status = StatusPerkara.objects.get(code="diterima")
    client.force_login(manager)
    response = client.post(
        reverse("admin:ppps_statusperkara_change", args=[status.pk]),
        form_data(status, name="Laporan diterima"),
    )
    assert response.status_code == 302
    entries = AuditEvent.objects.filter(action="rules.change", object_id=str(status.pk))
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.first().detail["changes"]["name"] == ["Diterima", "Laporan diterima"]
    assert entries.first().actor == manager


def test_a_save_that_changes_nothing_writes_no_entry(client, manager, office, reference):
    status = StatusPerkara.objects.get(code="diterima")
    client.force_login(manager)
    client.post(reverse("admin:ppps_statusperkara_change", args=[status.pk]), form_data(status))
    assert not AuditEvent.objects.filter(action__startswith="rules.").exists()


def test_recompute_command_writes_history_and_audit_for_each_moved_case(two_cases, capsys):
    mine, theirs = two_cases
    stage = mine.tahapan
    Tahapan.objects.filter(pk=stage.pk).update(days=stage.days + 1)  # bypassing the admin
    call_command("recompute_deadlines")
    assert "2 case(s) changed" in capsys.readouterr().out
    for perkara in (mine, theirs):
        old = perkara.batas_waktu
        perkara.refresh_from_db()
        assert perkara.batas_waktu == old + datetime.timedelta(days=1)
        event = _moved_event(perkara).get()
        assert _tanggal(old) in event.catatan and "recompute_deadlines" in event.catatan
        entry = AuditEvent.objects.get(action="ppps.deadline_moved", object_id=str(perkara.pk))
        assert entry.office_id == perkara.office_id and entry.actor is None
    call_command("recompute_deadlines")  # nothing moves a second time
    assert RiwayatPerkara.objects.filter(kind=RiwayatPerkara.Kind.BATAS_WAKTU).count() == 2


def test_closed_cases_keep_their_deadline_and_history(two_cases):
    from ppps import services

    mine, theirs = two_cases
    final = StatusPerkara.objects.filter(is_final=True).first()
    Perkara.objects.filter(pk=theirs.pk).update(status=final)
    Tahapan.objects.filter(pk=mine.tahapan_id).update(days=mine.tahapan.days + 1)
    moved = services.recompute_deadlines(reason="uji")
    assert moved == {mine.office_id: [mine.pk]}
    assert not _moved_event(theirs).exists()


def test_a_holiday_the_loader_adds_on_migrate_moves_deadlines_with_history_and_audit(
    two_cases, office, other_office
):
    from ppps.apps import _attach_permissions

    mine, theirs = two_cases
    Tahapan.objects.filter(pk=mine.tahapan_id).update(days=5, day_type="kerja")
    from ppps import services

    services.recompute_deadlines()
    # A national holiday inside the window (Hari Natal, 25 December 2024) that an older
    # release did not know: the loader adds it on the next migrate.
    Perkara.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        tahap_mulai=datetime.date(2024, 12, 20), tanggal_diterima=datetime.date(2024, 12, 20)
    )
    services.recompute_deadlines()
    christmas = HariLibur.objects.filter(date=datetime.date(2024, 12, 25))
    christmas.delete()
    services.recompute_deadlines()
    before = {
        p.pk: (Perkara.objects.get(pk=p.pk).batas_waktu, _moved_event(p).count()) for p in two_cases
    }
    _attach_permissions(sender=None)
    assert christmas.exists()
    for perkara in two_cases:
        perkara.refresh_from_db()
        old, events = before[perkara.pk]
        assert perkara.batas_waktu > old
        assert _moved_event(perkara).count() == events + 1
    entries = AuditEvent.objects.filter(action="rules.load")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.get(office=other_office).detail["perkara_berubah"] == [theirs.pk]


def test_a_status_made_non_final_reopens_its_cases_with_their_deadline_recomputed(
    client, manager, two_cases
):
    mine, theirs = two_cases
    dicabut = StatusPerkara.objects.get(code="dicabut")
    assert dicabut.is_final
    Perkara.objects.filter(pk=mine.pk).update(status=dicabut)
    Tahapan.objects.filter(pk=mine.tahapan_id).update(days=4)  # closed cases do not follow
    client.force_login(manager)
    client.post(
        reverse("admin:ppps_statusperkara_change", args=[dicabut.pk]),
        form_data(dicabut, is_final=None),
    )
    dicabut.refresh_from_db()
    assert not dicabut.is_final
    mine.refresh_from_db()
    assert mine.batas_waktu == datetime.date(2024, 10, 11)
    assert "9 Oktober 2024" in _moved_event(mine).get().catatan
