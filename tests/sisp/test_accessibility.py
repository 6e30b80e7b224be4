"""Static accessibility checks on SISP's own pages: language, landmarks, a label for every
field, one h1, alt text. (Contrast is fixed in the stylesheet's palette; keyboard use is
exercised by the browser tests, which fill and submit forms by their labels.)"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from sisp import roles
from tests.factories import LinkCategoryFactory, LinkFactory

pytestmark = pytest.mark.django_db


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.labels_for, self.fields, self.h1, self.images = [], set(), [], 0, []
        self.lang = None
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.labels_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.fields.append((a, self._label_depth > 0))
        if tag == "h1":
            self.h1 += 1
        if tag == "img":
            self.images.append(a)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


def audit_page(html):
    page = PageAudit()
    page.feed(html)
    assert page.lang == "id"
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, landmark
    assert page.h1 == 1
    for attrs, wrapped in page.fields:
        labelled = wrapped or attrs.get("id") in page.labels_for or attrs.get("aria-label")
        assert labelled, f"field without a label: {attrs}"
    for img in page.images:
        assert "alt" in img


@pytest.mark.parametrize(
    "name,args",
    [
        ("sisp:home", []),
        ("sisp:login", []),
        ("sisp:password_reset", []),
        ("sisp:portal", []),
        ("sisp:manage", []),
        ("sisp:link_add", []),
        ("sisp:category_add", []),
        ("sisp:pengumuman_add", []),
        ("sisp:audit_list", []),
        ("sisp:password_change", []),
    ],
)
def test_page_has_language_landmarks_labels_and_one_heading(client, make_user, office, name, args):
    admin = make_user(roles.ADMINISTRATOR, office=office)
    category = LinkCategoryFactory(office=office)
    LinkFactory(office=office, category=category, roles=[roles.ADMINISTRATOR])
    if name not in ("sisp:home", "sisp:login", "sisp:password_reset"):
        client.force_login(admin)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    audit_page(response.content.decode())
