import pytest
from django.urls import reverse

from sisp import roles
from sisp.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True)


def test_administrator_lists_only_own_office_users(client, admin, make_user, office, other_office):
    make_user(roles.STAF, office=office, username="sendiri")
    make_user(roles.STAF, office=other_office, username="orang.lain")
    client.force_login(admin)
    body = client.get(reverse("admin:sisp_user_changelist")).content.decode()
    assert "sendiri" in body and "orang.lain" not in body


def test_administrator_cannot_open_a_user_of_another_office(client, admin, make_user, other_office):
    stranger = make_user(roles.STAF, office=other_office)
    client.force_login(admin)
    response = client.get(reverse("admin:sisp_user_change", args=[stranger.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect, not the form
    assert stranger.username not in client.get(response["Location"]).content.decode()


def test_administrator_cannot_grant_superuser_status(client, admin, make_user, office):
    target = make_user(roles.STAF, office=office)
    client.force_login(admin)
    form = client.get(reverse("admin:sisp_user_change", args=[target.pk])).content.decode()
    assert 'name="is_superuser"' not in form


def test_non_administrators_cannot_use_the_admin(client, make_user, office):
    staf = make_user(roles.STAF, office=office)
    client.force_login(staf)
    assert client.get(reverse("admin:sisp_user_changelist")).status_code == 302
    assert User.objects.count() == 1
