"""Offices' connections are slow: E-Arsip pages with their CSS and JS stay under 150 KB."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from sisp import roles

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


@pytest.mark.parametrize("name", ["arsip:index", "arsip:register", "arsip:detail"])
def test_page_with_its_assets_is_under_150_kb(client, make_user, make_naskah, office, unit, name):
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    rows = [
        make_naskah(
            office=office,
            unit=unit,
            created_by=arsiparis,
            perihal="Laporan hasil pengawasan tahapan kampanye " * 3,
        )
        for _ in range(25)
    ]
    client.force_login(arsiparis)
    args = [rows[0].pk] if name == "arsip:detail" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert first_load_bytes(response) < LIMIT
