"""The installation's shared rules across the apps: every reference model's admin refuses
office users, the audit entries of a change reach every office, and reference data a loader
adds or rewrites on migrate is audited too."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from abk_anjab.models import KodeSyarat
from abk_anjab.reference import KODE_SYARAT
from arsip.models import AksesMatrix, KelasKeamanan, KlasifikasiArsip, RetensiArsip
from ppps.models import HariLibur, StatusPerkara, Tahapan
from sisp import audit, roles
from sisp.models import AuditEvent
from sisp.shared_rules import SharedRuleAdmin
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db

SHARED_RULES = [
    KlasifikasiArsip,
    RetensiArsip,
    KelasKeamanan,
    AksesMatrix,
    Tahapan,
    HariLibur,
    StatusPerkara,
]
READ_ONLY_FOR_ALL = [KodeSyarat]  # shipped code lists, rewritten by every release's loader


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _all_rights(user, models):
    for model in models:
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
            )
        )
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


@pytest.mark.parametrize(
    "role", [roles.ADMINISTRATOR, roles.ARSIPARIS, roles.PETUGAS_PPPS, roles.KETUA]
)
def test_no_office_role_may_add_change_or_delete_any_shared_rule_in_the_admin(
    make_user, office, role
):
    user = _all_rights(make_user(role, office=office, is_staff=True), SHARED_RULES)
    request = _request(user)
    for model in SHARED_RULES + READ_ONLY_FOR_ALL:
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


def test_the_installation_manager_changes_shared_rules_and_nobody_the_shipped_code_lists(
    make_user,
):
    manager = make_user(office=None, unit=None, is_staff=True, is_superuser=True)
    request = _request(manager)
    for model in SHARED_RULES:
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, SharedRuleAdmin), model
        assert model_admin.has_change_permission(request), model
    assert not admin.site._registry[KodeSyarat].has_change_permission(request)


def test_an_inactive_superuser_is_no_installation_manager(make_user):
    former = make_user(office=None, unit=None, is_staff=True, is_superuser=True, is_active=False)
    assert not admin.site._registry[Tahapan].has_change_permission(_request(former))


def test_record_for_offices_writes_one_entry_per_office_with_its_own_detail(office, other_office):
    events = audit.record_for_offices(
        "rules.change",
        target=("ppps.Tahapan", 1, "Kajian"),
        detail_for={other_office.pk: {"perkara_berubah": [7]}},
        changes={"days": [2, 3]},
    )
    assert [e.office_id for e in events] == sorted([office.pk, other_office.pk])
    mine = AuditEvent.objects.get(office=office)
    theirs = AuditEvent.objects.get(office=other_office)
    assert mine.detail == {"changes": {"days": [2, 3]}}
    assert theirs.detail == {"changes": {"days": [2, 3]}, "perkara_berubah": [7]}
    assert mine.action_label == "Aturan bersama: mengubah"


def test_record_for_offices_without_offices_writes_nothing():
    assert audit.record_for_offices("rules.change", target=("x", 1, "x")) == []
    assert not AuditEvent.objects.exists()


def test_a_matrix_row_the_loader_puts_back_on_migrate_is_audited_in_every_office(
    office, other_office
):
    from arsip import reference_data
    from arsip.apps import _after_migrate

    reference_data.load_all()
    row = AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").get()
    row.delete()
    _after_migrate(sender=None)
    assert AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").exists()
    entries = AuditEvent.objects.filter(action="rules.load")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.first().detail["dibuat"]["matrix"] == 1
    _after_migrate(sender=None)  # nothing added: no new entry
    assert entries.count() == 2


def test_code_lists_a_release_rewrites_are_audited_in_every_office(office):
    from abk_anjab.apps import _after_migrate
    from abk_anjab.reference import load_kode_syarat

    load_kode_syarat()
    OfficeFactory()
    KodeSyarat.objects.filter(jenis="bakat", kode="G").update(nama="Diubah tangan")
    _after_migrate(sender=None)
    shipped = next(nama for kode, nama, _ in KODE_SYARAT["bakat"] if kode == "G")
    assert KodeSyarat.objects.get(jenis="bakat", kode="G").nama == shipped == "Inteligensi"
    entries = AuditEvent.objects.filter(action="rules.load")
    assert entries.count() == 2 and entries.first().detail["kode"] == ["bakat/G"]
    _after_migrate(sender=None)
    assert entries.count() == 2
