"""Public HTML is compressed; nothing that carries a CSRF token or a secret is (BREACH)."""

import gzip

import pytest
from django.urls import reverse

from sisp import roles

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_public_pages_without_secrets_are_gzipped(client, office):
    for path in ("/", "/cek/?nomor=001%2FReg", "/statistik/", f"/kantor/{office.slug}/"):
        response = client.get(path, **GZIP)
        assert response.status_code == 200, path
        assert response["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in response["Vary"]
        assert b"</html>" in gzip.decompress(response.content)


def test_a_page_with_a_csrf_token_is_not_compressed(client, office):
    for path in ("/aduan/", reverse("sisp:login")):
        response = client.get(path, **GZIP)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), path
        assert b"csrfmiddlewaretoken" in response.content


def test_the_complaint_receipt_with_its_pin_is_not_compressed(client, office):
    response = client.post(
        "/aduan/", {"kantor": office.pk, "uraian": "Ada politik uang.", "situs": ""}, **GZIP
    )
    assert response.status_code == 200 and b'id="pin"' in response.content
    assert not response.has_header("Content-Encoding")


def test_staff_pages_are_not_compressed(client, make_user, office):
    client.force_login(make_user(roles.STAF, office=office))
    response = client.get(reverse("sisp:portal"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_without_accept_encoding_nothing_is_compressed(client, office):
    response = client.get("/statistik/")
    assert not response.has_header("Content-Encoding")
