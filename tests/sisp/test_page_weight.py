"""Offices' connections are slow: each page with its own CSS and JS must stay under 150 KB."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from sisp import roles
from tests.factories import LinkFactory

pytestmark = pytest.mark.django_db
LIMIT = 150 * 1024


def first_load_bytes(response):
    html = response.content.decode()
    total = len(response.content)
    for asset in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as fh:
            total += len(fh.read())
    return total


@pytest.mark.parametrize(
    "name", ["sisp:home", "sisp:login", "sisp:portal", "sisp:manage", "sisp:audit_list"]
)
def test_page_with_its_assets_is_under_150_kb_uncompressed(client, make_user, office, name):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    LinkFactory.create_batch(30, office=office, roles=[roles.ADMINISTRATOR])
    if name not in ("sisp:home", "sisp:login"):
        client.force_login(admin)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert first_load_bytes(response) < LIMIT
