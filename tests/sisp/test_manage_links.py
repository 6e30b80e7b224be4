import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sisp import roles
from sisp.models import AuditEvent, Link, Pengumuman
from tests.factories import LinkCategoryFactory, LinkFactory
from tests.refusals import not_found, nothing_changes, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office)


def test_administrator_adds_a_link_for_one_role_and_only_that_role_sees_it(
    client, admin, office, make_user
):
    category = LinkCategoryFactory(office=office, name="Layanan")
    client.force_login(admin)
    response = client.post(
        reverse("sisp:link_add"),
        {
            "category": category.pk,
            "title": "SIPS",
            "url": "https://sips.example.go.id/",
            "roles": [Group.objects.get(name=roles.PETUGAS_PPPS).pk],
            "order": 1,
            "opens_new_tab": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    link = Link.objects.get(title="SIPS")
    assert link.office == office
    assert AuditEvent.objects.filter(action="portal.link_add", object_id=str(link.pk)).exists()
    for role, sees in [(roles.PETUGAS_PPPS, True), (roles.STAF, False), (roles.KETUA, False)]:
        client.force_login(make_user(role, office=office))
        assert ("SIPS" in client.get(reverse("sisp:portal")).content.decode()) is sees


def test_bad_link_input_gets_indonesian_errors_and_keeps_what_was_typed(client, admin, office):
    LinkCategoryFactory(office=office)
    client.force_login(admin)
    response = client.post(
        reverse("sisp:link_add"), {"title": "Contoh judul", "url": "bukan alamat"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Masukkan alamat lengkap" in body
    assert "Pilih sedikitnya satu peran" in body
    assert "Pilih kategori tautan." in body
    assert 'value="Contoh judul"' in body and 'value="bukan alamat"' in body
    assert not Link.objects.exists()


def test_javascript_urls_are_refused(client, admin, office):
    category = LinkCategoryFactory(office=office)
    client.force_login(admin)
    response = client.post(
        reverse("sisp:link_add"),
        {
            "category": category.pk,
            "title": "X",
            "url": "javascript:alert(1)",
            "roles": [Group.objects.get(name=roles.STAF).pk],
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert not Link.objects.exists()


def test_category_of_another_office_cannot_be_chosen(client, admin, office, other_office):
    foreign = LinkCategoryFactory(office=other_office)
    client.force_login(admin)
    response = client.post(
        reverse("sisp:link_add"),
        {
            "category": foreign.pk,
            "title": "X",
            "url": "https://x.example.go.id/",
            "roles": [Group.objects.get(name=roles.STAF).pk],
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert not Link.objects.exists()


def test_administrator_cannot_touch_another_offices_link(client, make_user, other_office, admin):
    foreign = LinkFactory(office=other_office, roles=[roles.STAF])
    client.force_login(admin)
    with nothing_changes(foreign, foreign.category):
        not_found(client.get(reverse("sisp:link_edit", args=[foreign.pk])))
        not_found(
            client.post(
                reverse("sisp:link_edit", args=[foreign.pk]),
                {"title": "Diambil", "url": "https://x.example.go.id/", "order": 0},
            )
        )
        not_found(client.post(reverse("sisp:link_delete", args=[foreign.pk])))
        not_found(client.post(reverse("sisp:category_delete", args=[foreign.category.pk])))


def test_non_administrators_cannot_manage_links(client, staf, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    client.force_login(staf)
    with nothing_changes(link, link.category, Pengumuman):
        refused(client.get(reverse("sisp:link_add")))
        refused(client.post(reverse("sisp:link_delete", args=[link.pk])))
        refused(client.post(reverse("sisp:category_delete", args=[link.category.pk])))
        refused(client.post(reverse("sisp:pengumuman_add"), {"text": "x", "level": "info"}))


def test_a_category_that_still_holds_links_is_not_deleted(client, admin, office):
    link = LinkFactory(office=office, roles=[roles.STAF])
    client.force_login(admin)
    with nothing_changes(link, link.category):
        response = client.post(
            reverse("sisp:category_delete", args=[link.category.pk]), follow=True
        )
    assert "Kategori masih berisi tautan" in response.content.decode()


def test_deleting_a_link_writes_its_audit_entry(client, admin, office):
    link = LinkFactory(office=office, roles=[roles.STAF], url="https://hapus.example.go.id/")
    client.force_login(admin)
    assert client.post(reverse("sisp:link_delete", args=[link.pk])).status_code == 302
    assert not Link.objects.filter(pk=link.pk).exists()
    entry = AuditEvent.objects.get(action="portal.link_delete", object_id=str(link.pk))
    assert (entry.actor, entry.office, entry.detail["url"]) == (admin, office, link.url)


def test_announcement_shows_between_its_dates_only(client, admin, staf, office):
    client.force_login(admin)
    response = client.post(
        reverse("sisp:pengumuman_add"),
        {
            "text": "Rapat pleno Jumat",
            "level": "penting",
            "starts_on": "2000-01-01",
            "ends_on": "2999-12-31",
        },
    )
    assert response.status_code == 302
    Pengumuman.objects.create(
        office=office, text="Sudah lewat", starts_on="2000-01-01", ends_on="2000-01-02"
    )
    Pengumuman.objects.create(office=office, text="Belum mulai", starts_on="2999-01-01")
    client.force_login(staf)
    body = client.get(reverse("sisp:portal")).content.decode()
    assert "Rapat pleno Jumat" in body
    assert "Sudah lewat" not in body and "Belum mulai" not in body


def test_announcement_end_before_start_is_refused(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("sisp:pengumuman_add"),
        {
            "text": "Salah tanggal",
            "level": "info",
            "starts_on": "2026-05-10",
            "ends_on": "2026-05-01",
        },
    )
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()
    assert not Pengumuman.objects.exists()


def test_manage_page_query_count_is_bounded(client, admin, office, django_assert_max_num_queries):
    links = LinkFactory.create_batch(30, office=office, roles=[roles.STAF, roles.KETUA])
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("sisp:manage"))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(link.title in body for link in links)
