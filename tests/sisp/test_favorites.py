import pytest
from django.urls import reverse

from sisp import roles
from sisp.models import Favorite
from tests.factories import LinkFactory

pytestmark = pytest.mark.django_db


def test_pinning_a_link_puts_it_in_favourites_and_unpinning_removes_it(client, staf, office):
    link = LinkFactory(office=office, title="SRIKANDI", roles=[roles.STAF])
    client.force_login(staf)
    url = reverse("sisp:toggle_favorite", args=[link.pk])
    assert client.post(url).status_code == 302
    assert [f.title for f in client.get(reverse("sisp:portal")).context["favorites"]] == [
        "SRIKANDI"
    ]
    client.post(url)
    assert client.get(reverse("sisp:portal")).context["favorites"] == []


def test_htmx_toggle_returns_the_pressed_button_in_the_list(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    client.force_login(staf)
    response = client.post(reverse("sisp:toggle_favorite", args=[link.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()


def test_favourite_requires_post(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    client.force_login(staf)
    assert client.get(reverse("sisp:toggle_favorite", args=[link.pk])).status_code == 405
    assert not Favorite.objects.exists()


def test_cannot_pin_a_link_one_may_not_see(client, staf, office, other_office):
    for link in (
        LinkFactory(office=office, roles=[roles.KETUA]),
        LinkFactory(office=other_office, roles=[roles.STAF]),
    ):
        client.force_login(staf)
        assert client.post(reverse("sisp:toggle_favorite", args=[link.pk])).status_code == 404
    assert not Favorite.objects.exists()


def test_a_pinned_link_that_loses_its_role_disappears_from_favourites(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    Favorite.objects.create(user=staf, link=link)
    link.roles.clear()
    client.force_login(staf)
    assert client.get(reverse("sisp:portal")).context["favorites"] == []
