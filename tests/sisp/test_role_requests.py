"""Persetujuan peran: a sensitive role reaches a user only when a second person (the office's
Ketua or the installation manager) approves the request someone else filed (issue 9)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sisp import roles, services
from sisp.models import AuditEvent, RoleRequest, User
from tests.refusals import nothing_changes, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True, username="admin.satu")


@pytest.fixture
def ketua(make_user, office):
    return make_user(roles.KETUA, office=office, username="ketua.satu")


@pytest.fixture
def target(make_user, office):
    return make_user(roles.STAF, office=office, username="calon.auditor")


@pytest.fixture
def pengelola(make_user):
    return make_user(office=None, unit=None, is_staff=True, is_superuser=True, username="pengelola")


@pytest.fixture
def pending(admin, target):
    return services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PENGAWAS_INTERNAL),
        reason="SK penempatan 12/2026",
        requested_by=admin,
    )


def _snapshot(role_request):
    fresh = RoleRequest.objects.get(pk=role_request.pk)
    return (
        fresh.status,
        fresh.decided_by_id,
        fresh.decided_at,
        frozenset(fresh.user.groups.values_list("name", flat=True)),
    )


def _decide(client, role_request, decision="setujui"):
    return client.post(
        reverse("sisp:role_request_decide", args=[role_request.pk]), {"decision": decision}
    )


def test_administrator_files_a_request_and_the_role_is_not_given_yet(client, admin, target):
    client.force_login(admin)
    page = client.get(reverse("sisp:role_request_add"))
    assert page.status_code == 200 and "Ajukan permohonan peran" in page.content.decode()
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    response = client.post(
        reverse("sisp:role_request_add"),
        {"user": target.pk, "role": role.pk, "reason": "Surat tugas audit internal"},
    )
    assert response.status_code == 302
    request = RoleRequest.objects.get()
    assert (request.status, request.user, request.requested_by, request.office) == (
        RoleRequest.Status.PENDING,
        target,
        admin,
        target.office,
    )
    assert roles.PENGAWAS_INTERNAL not in set(target.groups.values_list("name", flat=True))
    event = AuditEvent.objects.get(action="role.request")
    assert event.office == target.office and event.actor == admin
    assert event.detail == {"role": roles.PENGAWAS_INTERNAL, "username": target.username}


def test_ketua_of_the_office_approves_and_the_user_gets_the_role(client, ketua, pending, target):
    client.force_login(ketua)
    listing = client.get(reverse("sisp:role_requests")).content.decode()
    assert "calon.auditor" in listing and "Setujui" in listing
    assert _decide(client, pending).status_code == 302
    pending.refresh_from_db()
    assert pending.status == RoleRequest.Status.APPROVED and pending.decided_by == ketua
    assert User.objects.get(pk=target.pk).has_role(roles.PENGAWAS_INTERNAL)
    event = AuditEvent.objects.get(action="role.approve")
    assert event.actor == ketua and event.office == target.office
    assert event.action_label == "Menyetujui pemberian peran"


def test_ketua_rejects_and_the_user_gets_nothing(client, ketua, pending, target):
    client.force_login(ketua)
    assert _decide(client, pending, "tolak").status_code == 302
    pending.refresh_from_db()
    assert pending.status == RoleRequest.Status.REJECTED
    assert not User.objects.get(pk=target.pk).has_role(roles.PENGAWAS_INTERNAL)
    assert AuditEvent.objects.filter(action="role.reject").count() == 1


def test_requester_cannot_approve_their_own_request(client, admin, pending):
    before = _snapshot(pending)
    client.force_login(admin)
    listing = client.get(reverse("sisp:role_requests")).content.decode()
    assert "calon.auditor" in listing and 'value="setujui"' not in listing
    assert _decide(client, pending).status_code == 403
    assert _snapshot(pending) == before
    assert not AuditEvent.objects.filter(action="role.approve").exists()


def test_a_ketua_who_filed_cannot_approve_it_either(client, ketua, target):
    role_request = services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PETUGAS_PPPS),
        reason="Penugasan",
        requested_by=ketua,
    )
    before = _snapshot(role_request)
    client.force_login(ketua)
    assert _decide(client, role_request).status_code == 403
    assert _snapshot(role_request) == before
    with pytest.raises(ValidationError):
        services.decide_role_request(role_request, decided_by=ketua, approve=True)
    assert _snapshot(role_request) == before


def test_the_user_who_would_receive_the_role_cannot_approve(client, make_user, office, admin):
    second_ketua = make_user(roles.KETUA, office=office, username="ketua.dua")
    role_request = services.file_role_request(
        user=second_ketua,
        role=Group.objects.get(name=roles.PENGAWAS_INTERNAL),
        reason="Rangkap tugas",
        requested_by=admin,
    )
    before = _snapshot(role_request)
    client.force_login(second_ketua)
    assert _decide(client, role_request).status_code == 403
    assert _snapshot(role_request) == before


def test_ketua_of_another_office_neither_sees_nor_decides(client, make_user, other_office, pending):
    stranger = make_user(roles.KETUA, office=other_office)
    before = _snapshot(pending)
    client.force_login(stranger)
    listing = client.get(reverse("sisp:role_requests"))
    assert listing.status_code == 200
    assert "calon.auditor" not in listing.content.decode()
    assert _decide(client, pending).status_code == 404
    missing = client.post(reverse("sisp:role_request_decide", args=[pending.pk + 999]))
    assert missing.status_code == 404
    assert _snapshot(pending) == before
    with pytest.raises(ValidationError):
        services.decide_role_request(pending, decided_by=stranger, approve=True)
    assert _snapshot(pending) == before


def test_installation_manager_decides_any_office_request(client, pengelola, pending, target):
    client.force_login(pengelola)
    assert "calon.auditor" in client.get(reverse("sisp:role_requests")).content.decode()
    assert _decide(client, pending).status_code == 302
    assert User.objects.get(pk=target.pk).has_role(roles.PENGAWAS_INTERNAL)


def test_a_decided_request_is_not_decided_again(client, ketua, make_user, office, pending):
    client.force_login(ketua)
    _decide(client, pending)
    before = _snapshot(pending)
    other_ketua = make_user(roles.KETUA, office=office)
    client.force_login(other_ketua)
    response = _decide(client, pending, "tolak")
    assert response.status_code == 302
    assert _snapshot(pending) == before
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.decide_role_request(pending, decided_by=other_ketua, approve=False)
    assert AuditEvent.objects.filter(action__in=["role.approve", "role.reject"]).count() == 1


def test_nobody_files_a_request_for_themselves(client, admin):
    client.force_login(admin)
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    response = client.post(
        reverse("sisp:role_request_add"), {"user": admin.pk, "role": role.pk, "reason": "Saya"}
    )
    assert response.status_code == 200
    assert "Pilih pengguna dari kantor Anda." in response.content.decode()
    with pytest.raises(ValidationError):
        services.file_role_request(user=admin, role=role, reason="x", requested_by=admin)
    assert not RoleRequest.objects.exists()


def test_request_for_a_user_of_another_office_is_refused(client, admin, make_user, other_office):
    stranger = make_user(roles.STAF, office=other_office)
    client.force_login(admin)
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    response = client.post(
        reverse("sisp:role_request_add"), {"user": stranger.pk, "role": role.pk, "reason": "x"}
    )
    assert response.status_code == 200
    assert not RoleRequest.objects.exists()


def test_a_role_that_opens_nothing_is_given_directly_not_requested(client, admin, target):
    client.force_login(admin)
    staf = Group.objects.get(name=roles.ARSIPARIS)
    response = client.post(
        reverse("sisp:role_request_add"), {"user": target.pk, "role": staf.pk, "reason": "x"}
    )
    assert response.status_code == 200
    assert "Pilih peran dari daftar." in response.content.decode()
    assert not RoleRequest.objects.exists()


def test_a_second_pending_request_for_the_same_role_is_refused(client, admin, target, pending):
    client.force_login(admin)
    response = client.post(
        reverse("sisp:role_request_add"),
        {"user": target.pk, "role": pending.role_id, "reason": "Lagi"},
    )
    assert response.status_code == 200
    assert "masih menunggu keputusan" in response.content.decode()
    assert RoleRequest.objects.count() == 1


def test_staff_without_the_right_cannot_open_or_file(client, staf, target):
    client.force_login(staf)
    refused(client.get(reverse("sisp:role_requests")))
    refused(client.get(reverse("sisp:role_request_add")))
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    with nothing_changes(target, RoleRequest):
        refused(
            client.post(
                reverse("sisp:role_request_add"),
                {"user": target.pk, "role": role.pk, "reason": "Pemeriksaan"},
            )
        )


def test_the_database_refuses_a_request_for_oneself_or_decided_by_the_requester(admin, target):
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequest.objects.create(
            office=admin.office, user=admin, role=role, requested_by=admin, reason="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequest.objects.create(
            office=target.office,
            user=target,
            role=role,
            requested_by=admin,
            reason="x",
            status=RoleRequest.Status.APPROVED,
            decided_by=admin,
            decided_at=timezone.now(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequest.objects.create(
            office=target.office,
            user=target,
            role=role,
            requested_by=admin,
            reason="x",
            status=RoleRequest.Status.APPROVED,
        )
    assert not RoleRequest.objects.exists()


def test_portal_lists_the_tool_for_deciders_and_requesters_only(client, ketua, admin, staf):
    def titles(user):
        client.force_login(user)
        return {m["title"] for m in client.get(reverse("sisp:portal")).context["modules"]}

    assert "Persetujuan peran" in titles(ketua)
    assert "Permohonan peran" in titles(admin) and "Persetujuan peran" not in titles(admin)
    assert not {"Persetujuan peran", "Permohonan peran"} & titles(staf)


def test_list_page_queries_do_not_grow_with_requests(
    client, ketua, admin, make_user, office, django_assert_max_num_queries
):
    role = Group.objects.get(name=roles.PENGAWAS_INTERNAL)
    for n in range(8):
        user = make_user(roles.STAF, office=office)
        services.file_role_request(user=user, role=role, reason=f"#{n}", requested_by=admin)
    client.force_login(ketua)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("sisp:role_requests"))
    assert response.status_code == 200
    assert len(response.context["pending"]) == 8


def test_role_pages_pass_the_static_accessibility_checks(client, ketua, admin, pending):
    from tests.sisp.test_accessibility import audit_page

    client.force_login(ketua)
    audit_page(client.get(reverse("sisp:role_requests")).content.decode())
    client.force_login(admin)
    audit_page(client.get(reverse("sisp:role_request_add")).content.decode())
    audit_page(client.get(reverse("sisp:role_requests")).content.decode())
