"""Who reads the audit trail: an office's Administrator and its Pengawas Internal, each only
their own office's entries, on the page, in its CSV and in the admin; nobody else."""

import pytest
from django.urls import reverse

from sisp import audit, roles
from sisp.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(make_user, office, other_office):
    mine = make_user(roles.STAF, office=office, username="pegawai.sini")
    theirs = make_user(roles.STAF, office=other_office, username="pegawai.sana")
    return {
        "mine": audit.record("test.milik_kantor_ini", actor=mine),
        "theirs": audit.record("test.milik_kantor_lain", actor=theirs),
        # e.g. a failed sign-in with an unknown username: no office at all
        "nobody": audit.record("test.tanpa_kantor", username="siapa.saja"),
    }


def _csv(client, **params):
    response = client.get(reverse("sisp:audit_export"), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.PENGAWAS_INTERNAL])
def test_reader_sees_own_office_entries_only_on_the_page_and_in_the_csv(
    client, make_user, office, entries, role
):
    client.force_login(make_user(role, office=office))
    body = client.get(reverse("sisp:audit_list")).content.decode()
    assert "test.milik_kantor_ini" in body
    assert "test.milik_kantor_lain" not in body and "test.tanpa_kantor" not in body
    searched = client.get(reverse("sisp:audit_list"), {"q": "pegawai.sana"}).content.decode()
    assert "test.milik_kantor_lain" not in searched
    csv = _csv(client)
    assert "test.milik_kantor_ini" in csv
    assert "test.milik_kantor_lain" not in csv and "test.tanpa_kantor" not in csv


def test_pengawas_internal_is_shown_the_audit_link_on_the_portal(client, make_user, office):
    client.force_login(make_user(roles.PENGAWAS_INTERNAL, office=office))
    body = client.get(reverse("sisp:portal")).content.decode()
    assert reverse("sisp:audit_list") in body and "Jejak audit" in body


@pytest.mark.parametrize("role", [roles.STAF, roles.KETUA, roles.ARSIPARIS])
def test_other_roles_may_not_read_the_trail(client, make_user, office, entries, role):
    client.force_login(make_user(role, office=office))
    assert client.get(reverse("sisp:audit_list")).status_code == 403
    assert client.get(reverse("sisp:audit_export")).status_code == 403
    portal = client.get(reverse("sisp:portal")).content.decode()
    assert reverse("sisp:audit_list") not in portal


@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.PENGAWAS_INTERNAL])
def test_reader_without_an_office_reads_nothing(client, make_user, entries, role):
    client.force_login(make_user(role, office=None, unit=None))
    body = client.get(reverse("sisp:audit_list")).content.decode()
    assert "Tidak ada catatan." in body and "test.tanpa_kantor" not in body
    assert "test." not in _csv(client)


def test_admin_lists_and_opens_own_office_entries_only(
    client, make_user, office, other_office, entries
):
    client.force_login(make_user(roles.ADMINISTRATOR, office=office, is_staff=True))
    listing = client.get(reverse("admin:sisp_auditevent_changelist")).content.decode()
    assert "test.milik_kantor_ini" in listing
    assert "test.milik_kantor_lain" not in listing and "test.tanpa_kantor" not in listing
    own = client.get(reverse("admin:sisp_auditevent_change", args=[entries["mine"].pk]))
    assert own.status_code == 200
    for hidden in ("theirs", "nobody"):
        url = reverse("admin:sisp_auditevent_change", args=[entries[hidden].pk])
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert "test.milik_kantor_lain" not in response.content.decode()


def test_admin_without_an_office_sees_no_office_less_entries(client, make_user, entries):
    client.force_login(make_user(roles.ADMINISTRATOR, office=None, unit=None, is_staff=True))
    listing = client.get(reverse("admin:sisp_auditevent_changelist")).content.decode()
    assert "test.tanpa_kantor" not in listing and "test.milik_kantor_ini" not in listing


def test_installation_manager_reads_every_office_in_the_admin(client, make_user, entries):
    manager = make_user(office=None, unit=None, is_staff=True, is_superuser=True)
    client.force_login(manager)
    listing = client.get(reverse("admin:sisp_auditevent_changelist")).content.decode()
    assert "test.milik_kantor_ini" in listing and "test.milik_kantor_lain" in listing
    assert AuditEvent.objects.count() >= 3
