"""The refusal helpers of tests/refusals.py fail when a refused request did change something,
so a test that uses them bites."""

import pytest
from django.http import HttpResponse, HttpResponseForbidden

from sisp import audit
from sisp.models import Link, LinkCategory
from tests.factories import LinkCategoryFactory, LinkFactory
from tests.refusals import not_found, nothing_changes, refused

pytestmark = pytest.mark.django_db


def test_nothing_changes_passes_when_nothing_changed(office):
    link = LinkFactory(office=office)
    with nothing_changes(link, LinkCategory):
        Link.objects.filter(pk=link.pk).update(title=link.title)
    assert Link.objects.get(pk=link.pk).title == link.title


def test_nothing_changes_fails_on_a_changed_field(office):
    link = LinkFactory(office=office, title="Lama")
    with pytest.raises(AssertionError, match="title"), nothing_changes(link):
        Link.objects.filter(pk=link.pk).update(title="Baru")


def test_nothing_changes_fails_on_a_deleted_row(office):
    link = LinkFactory(office=office)
    with pytest.raises(Link.DoesNotExist), nothing_changes(link):
        Link.objects.filter(pk=link.pk).delete()


def test_nothing_changes_fails_on_a_new_row_of_a_watched_model(office):
    with pytest.raises(AssertionError, match="rows added"), nothing_changes(LinkCategory):
        LinkCategoryFactory(office=office)


def test_nothing_changes_fails_on_a_new_audit_entry_unless_told(office):
    link = LinkFactory(office=office)
    with pytest.raises(AssertionError, match="portal.link_change"), nothing_changes(link):
        audit.record("portal.link_change", obj=link)
    with nothing_changes(link, audit=False):
        audit.record("portal.link_change", obj=link)


def test_refused_and_not_found_read_the_page_not_only_the_status():
    with pytest.raises(AssertionError):
        refused(HttpResponseForbidden("Forbidden"))
    with pytest.raises(AssertionError):
        not_found(HttpResponse("Halaman tidak ditemukan", status=200))
    assert "Akses ditolak" in refused(HttpResponseForbidden("<h1>Akses ditolak</h1>"))
