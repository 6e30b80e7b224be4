from datetime import date, timedelta

import pytest
from django.urls import NoReverseMatch, reverse

from sisp import roles
from sisp.models import AuditEvent, LinkClick
from tests.factories import LinkFactory, UserFactory
from tests.refusals import not_found, nothing_changes

pytestmark = pytest.mark.django_db


def test_click_redirects_to_the_stored_url_and_counts_it_per_month(client, staf, office):
    link = LinkFactory(office=office, url="https://sips.example.go.id/", roles=[roles.STAF])
    client.force_login(staf)
    for _ in range(3):
        response = client.get(reverse("sisp:go", args=[link.pk]))
        assert response.status_code == 302
        assert response["Location"] == "https://sips.example.go.id/"
    click = LinkClick.objects.get(link=link)
    assert click.month == date.today().replace(day=1)
    assert click.count == 3
    assert (
        AuditEvent.objects.filter(action="portal.link_click", object_id=str(link.pk)).count() == 3
    )


def test_click_route_ignores_any_url_in_the_request(client, staf, office):
    link = LinkFactory(office=office, url="https://jdih.example.go.id/", roles=[roles.STAF])
    client.force_login(staf)
    url = reverse("sisp:go", args=[link.pk])
    response = client.get(
        url, {"next": "https://evil.example.com/", "url": "https://evil.example.com/"}
    )
    assert response["Location"] == "https://jdih.example.go.id/"


def test_click_route_accepts_only_an_id(client):
    with pytest.raises(NoReverseMatch):
        reverse("sisp:go", args=["https://evil.example.com/"])
    client.force_login(UserFactory())
    with nothing_changes(LinkClick):
        not_found(client.get("/portal/tautan/https:/evil.example.com/"))


def test_click_on_link_of_another_role_or_office_is_404_and_not_counted(
    client, staf, office, other_office
):
    hidden_role = LinkFactory(office=office, roles=[roles.KETUA])
    other = LinkFactory(office=other_office, roles=[roles.STAF])
    client.force_login(staf)
    for link in (hidden_role, other):
        assert client.get(reverse("sisp:go", args=[link.pk])).status_code == 404
    assert client.get(reverse("sisp:go", args=[999999])).status_code == 404
    assert not LinkClick.objects.exists()


def test_manage_page_shows_clicks_per_month(client, make_user, office):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    link = LinkFactory(office=office, roles=[roles.ADMINISTRATOR])
    this_month = date.today().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    LinkClick.objects.create(link=link, month=this_month, count=7)
    LinkClick.objects.create(link=link, month=last_month, count=4)
    client.force_login(admin)
    response = client.get(reverse("sisp:manage"))
    shown = next(li for li in response.context["links"] if li.pk == link.pk)
    assert shown.monthly_clicks[-2:] == [4, 7]
    assert shown.total_clicks == 11
