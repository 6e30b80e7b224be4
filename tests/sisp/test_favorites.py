import pytest
from django.urls import reverse

from sisp import audit, roles
from sisp.models import AuditEvent, Favorite
from tests.factories import LinkFactory
from tests.refusals import not_found, nothing_changes

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
        with nothing_changes(link, Favorite):
            not_found(client.post(reverse("sisp:toggle_favorite", args=[link.pk])))


def test_pinning_and_unpinning_are_audited(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    client.force_login(staf)
    url = reverse("sisp:toggle_favorite", args=[link.pk])
    client.post(url)
    client.post(url)
    entries = AuditEvent.objects.filter(object_id=str(link.pk), object_type="sisp.Link")
    assert list(entries.order_by("id").values_list("action", "actor")) == [
        ("portal.favorite_add", staf.pk),
        ("portal.favorite_remove", staf.pk),
    ]
    assert audit.action_label("portal.favorite_add") == "Menyematkan tautan ke favorit"


def test_a_pinned_link_that_loses_its_role_disappears_from_favourites(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    Favorite.objects.create(user=staf, link=link)
    link.roles.clear()
    client.force_login(staf)
    assert client.get(reverse("sisp:portal")).context["favorites"] == []
