import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import get_resolver, reverse

from sisp import audit, roles
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(staf):
    return audit.record("test.something", actor=staf, note="asli")


def test_record_stores_who_what_which_object_when_and_where(staf, office):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = staf
    e = audit.record("portal.test", request=request, obj=office, extra="x")
    e.refresh_from_db()
    assert (e.actor, e.actor_username, e.action) == (staf, staf.username, "portal.test")
    assert (e.object_type, e.object_id, e.object_repr) == (
        "sisp.Office",
        str(office.pk),
        office.name,
    )
    assert e.ip_address == "10.1.2.3"
    assert e.office == office
    assert e.detail == {"extra": "x"}
    assert e.created_at is not None


def test_orm_cannot_change_or_delete_an_event(event):
    event.detail = {"note": "dipalsukan"}
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == {"note": "asli"}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQL trigger exists on Postgres only"
)
@pytest.mark.parametrize(
    "sql", ["UPDATE sisp_auditevent SET action = 'x'", "DELETE FROM sisp_auditevent"]
)
def test_postgres_refuses_update_and_delete_through_sql(event, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk, action="test.something").exists()


def test_no_url_offers_to_edit_or_delete_audit_events():
    names = [
        name for name in get_resolver().reverse_dict if isinstance(name, str) and "audit" in name
    ]
    for name in names:
        assert "change" not in name and "delete" not in name and "edit" not in name


def test_admin_shows_the_trail_read_only(client, make_user, office, event):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    request = RequestFactory().get("/")
    request.user = admin
    model_admin = site._registry[AuditEvent]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    client.force_login(admin)
    url = reverse("admin:sisp_auditevent_delete", args=[event.pk])
    assert client.post(url, {"post": "yes"}).status_code in (403, 302)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    change = reverse("admin:sisp_auditevent_change", args=[event.pk])
    client.post(change, {"action": "dipalsukan"})
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something"


def test_audit_list_shows_own_office_only_and_filters(client, make_user, office, other_office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    outsider = make_user(roles.STAF, office=other_office)
    audit.record("mine.visible", actor=admin)
    audit.record("theirs.hidden", actor=outsider)
    client.force_login(admin)
    body = client.get(reverse("sisp:audit_list")).content.decode()
    assert "mine.visible" in body and "theirs.hidden" not in body
    filtered = client.get(reverse("sisp:audit_list"), {"action": "auth."}).content.decode()
    assert "mine.visible" not in filtered


def test_audit_export_is_csv_of_the_filtered_events(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("laporan.ekspor", actor=admin, office=office)
    client.force_login(admin)
    response = client.get(reverse("sisp:audit_export"), {"action": "laporan"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Waktu (ISO 8601),Pengguna,Tindakan,Kode tindakan")
    assert len(lines) == 2 and "laporan.ekspor" in lines[1]
    # the export itself is recorded
    assert AuditEvent.objects.filter(action="audit.export", actor=admin).exists()


def test_admin_change_is_written_to_the_trail(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:sisp_unit_add"),
        {
            "office": office.pk,
            "name": "Subbagian Baru",
            "kind": "subbagian",
            "code": "",
            "order": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.add")
    assert event.actor == admin and event.object_repr == "Subbagian Baru"


def test_audit_page_names_actions_in_indonesian(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    audit.record("auth.login", actor=admin)
    client.force_login(admin)
    body = client.get(reverse("sisp:audit_list")).content.decode()
    assert "Masuk" in body
