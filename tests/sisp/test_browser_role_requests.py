import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from sisp import roles, services
from sisp.models import RoleRequest, User
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username):
    # The Ketua holds a sensitive role: the real second step follows the password.
    page.context.clear_cookies()
    browser_sign_in(page, username)


def test_ketua_approves_a_role_request_from_the_portal(browser_page, screenshot, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True, username="admin.uji")
    target = make_user(roles.STAF, office=office, username="calon.ppps")
    make_user(roles.KETUA, office=office, username="ketua.uji")
    services.file_role_request(
        user=target,
        role=Group.objects.get(name=roles.PETUGAS_PPPS),
        reason="Penugasan sementara",
        requested_by=admin,
    )
    page = browser_page
    _sign_in(page, "admin.uji")
    page.get_by_role("link", name="Permohonan peran").click()
    expect(page.get_by_role("heading", name="Persetujuan peran")).to_be_visible()
    expect(page.get_by_text("Menunggu Ketua kantor atau Pengelola Instalasi.")).to_be_visible()
    expect(page.get_by_role("button", name="Setujui")).to_have_count(0)

    _sign_in(page, "ketua.uji")
    page.get_by_role("link", name="Persetujuan peran").click()
    expect(page.get_by_text("calon.ppps")).to_be_visible()
    screenshot("persetujuan-peran")
    page.get_by_label("Catatan").fill("Sesuai surat tugas")
    page.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("Peran diberikan.")).to_be_visible()
    assert RoleRequest.objects.get().status == RoleRequest.Status.APPROVED
    assert User.objects.get(pk=target.pk).has_role(roles.PETUGAS_PPPS)
