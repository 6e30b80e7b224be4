import pytest
from django.core.management import call_command
from django.urls import reverse

from sisp import roles
from sisp.models import RoleRequest, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")


def test_demo_has_an_installation_manager_of_no_office(demo):
    pengelola = User.objects.get(username="pengelola")
    assert roles.is_installation_manager(pengelola)
    assert pengelola.office is None and not pengelola.groups.exists()
    assert pengelola.check_password("sisp-demo-2026")


def test_demo_ketua_sees_one_pending_role_request_to_decide(client, demo):
    pending = RoleRequest.objects.get(status=RoleRequest.Status.PENDING)
    assert (pending.user.username, pending.requested_by.username) == ("staf.kota", "admin.kota")
    assert pending.role.name in roles.sensitive_role_names()
    client.force_login(User.objects.get(username="ketua.kota"))
    body = client.get(reverse("sisp:role_requests")).content.decode()
    assert "staf.kota" in body and 'value="setujui"' in body
    client.force_login(User.objects.get(username="ketua.kab"))
    assert "staf.kota" not in client.get(reverse("sisp:role_requests")).content.decode()


def test_demo_installation_manager_reaches_portal_and_role_approval(client, demo):
    client.force_login(User.objects.get(username="pengelola"))
    portal = client.get(reverse("sisp:portal"))
    assert portal.status_code == 200
    titles = [m["title"] for m in portal.context["modules"]]
    assert titles.count("Persetujuan peran") == 1 and "Permohonan peran" not in titles
    body = client.get(reverse("sisp:role_requests")).content.decode()
    assert "staf.kota" in body and 'value="setujui"' in body
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200
