import pytest
from django.urls import reverse

from sisp import roles
from tests.factories import LinkFactory
from tests.refusals import refused

pytestmark = pytest.mark.django_db


def portal_titles(client, user):
    client.force_login(user)
    response = client.get(reverse("sisp:portal"))
    assert response.status_code == 200
    return {link.title for _, links in response.context["categories"] for link in links}


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("sisp:portal"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sisp:login"))


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_each_role_sees_exactly_the_links_meant_for_it(client, make_user, office, role):
    for other in roles.ALL_ROLES:
        LinkFactory(office=office, title=f"Untuk {other}", roles=[other])
    LinkFactory(office=office, title="Untuk semua", roles=roles.ALL_ROLES)
    user = make_user(role, office=office)
    assert portal_titles(client, user) == {f"Untuk {role}", "Untuk semua"}


def test_link_of_another_office_never_shows(client, make_user, office, other_office):
    LinkFactory(office=other_office, title="Milik kantor lain", roles=[roles.STAF])
    LinkFactory(office=office, title="Milik sendiri", roles=[roles.STAF])
    user = make_user(roles.STAF, office=office)
    assert portal_titles(client, user) == {"Milik sendiri"}


def test_link_without_any_role_is_shown_to_nobody(client, make_user, office):
    LinkFactory(office=office, title="Tanpa peran")
    user = make_user(roles.KETUA, office=office)
    assert portal_titles(client, user) == set()


def test_inactive_link_is_hidden(client, make_user, office):
    LinkFactory(office=office, title="Nonaktif", roles=[roles.STAF], is_active=False)
    user = make_user(roles.STAF, office=office)
    assert portal_titles(client, user) == set()


def test_user_with_two_roles_sees_each_link_once(client, make_user, office):
    LinkFactory(office=office, title="Bersama", roles=[roles.STAF, roles.ARSIPARIS])
    user = make_user(roles.STAF, roles.ARSIPARIS, office=office)
    client.force_login(user)
    response = client.get(reverse("sisp:portal"))
    assert response.context["link_count"] == 1


def test_link_down_is_marked_on_the_portal(client, make_user, office):
    LinkFactory(office=office, title="Sedang mati", roles=[roles.STAF], is_down=True)
    user = make_user(roles.STAF, office=office)
    client.force_login(user)
    assert "sedang gangguan" in client.get(reverse("sisp:portal")).content.decode()


def test_administrator_sees_audit_and_manage_pages_others_get_403(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    staf = make_user(roles.STAF, office=office)
    for name, heading in (("sisp:manage", "Kelola portal"), ("sisp:audit_list", "Jejak audit")):
        client.force_login(admin)
        page = client.get(reverse(name))
        assert page.status_code == 200 and heading in page.content.decode()
        client.force_login(staf)
        assert heading not in refused(client.get(reverse(name)))


def test_portal_page_query_count_does_not_grow_with_links(
    client, make_user, office, django_assert_max_num_queries
):
    user = make_user(roles.STAF, office=office)
    client.force_login(user)
    LinkFactory.create_batch(3, office=office, roles=[roles.STAF])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("sisp:portal"))
    LinkFactory.create_batch(40, office=office, roles=[roles.STAF])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("sisp:portal"))
    assert response.context["link_count"] == 43


def module_titles(client, user):
    client.force_login(user)
    return {m["title"] for m in client.get(reverse("sisp:portal")).context["modules"]}


def test_administrator_gets_the_admin_tools_and_staff_do_not(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office, is_staff=True)
    staf = make_user(roles.STAF, office=office)
    assert {"Kelola portal", "Jejak audit", "Pengguna dan unit kerja"} <= module_titles(
        client, admin
    )
    assert not {"Kelola portal", "Jejak audit", "Pengguna dan unit kerja"} & module_titles(
        client, staf
    )
