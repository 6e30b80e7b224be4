"""The admin answers a hidden record exactly like a missing one (issue 9, part 3): change,
history, delete, "view on site", autocomplete and the list with search and facet counts."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from arsip import services
from arsip.models import Berkas, HakAkses, Naskah
from sisp import roles
from tests.factories import UnitFactory
from tests.oracles import admin_urls, answer, assert_hidden_like_missing, autocomplete_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit_b(other_office):
    return UnitFactory(office=other_office, name="Subbagian Umum")


@pytest.fixture
def arsiparis_b(make_user, other_office, other_unit_b):
    return make_user(roles.ARSIPARIS, office=other_office, unit=other_unit_b, is_staff=True)


@pytest.fixture
def naskah_b(make_naskah, other_office, other_unit_b, arsiparis_b):
    """A Biasa record of office B: its own archivist reads it."""
    return make_naskah(
        office=other_office,
        unit=other_unit_b,
        created_by=arsiparis_b,
        perihal="Undangan rapat koordinasi kota dua",
    )


@pytest.fixture
def admin_a(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True)


@pytest.fixture
def arsiparis_a(make_user, office, unit):
    return make_user(roles.ARSIPARIS, office=office, unit=unit, is_staff=True)


@pytest.fixture
def staf_a(make_user, office, unit):
    """A Staf who was given access to the admin (is_staff): reads Biasa of the own unit."""
    return make_user(roles.STAF, office=office, unit=unit, is_staff=True)


@pytest.fixture
def sangat_rahasia_a(make_naskah, make_user, office, unit):
    """A Sangat Rahasia record of office A, in the unit of the Staf and the Arsiparis."""
    ketua = make_user(roles.KETUA, office=office, unit=unit)
    return make_naskah(
        office=office,
        unit=unit,
        created_by=ketua,
        kelas="SR",
        perihal="Hasil klarifikasi rahasia penyelenggara",
    )


def record_urls(naskah):
    changelist = reverse("admin:arsip_naskah_changelist")
    return [
        *admin_urls(naskah),
        *admin_urls(naskah.berkas),
        autocomplete_url("arsip", "hakakses", "naskah", naskah.perihal),
        autocomplete_url("arsip", "naskah", "berkas", naskah.berkas.uraian),
        f"{changelist}?q={naskah.perihal}&_facets=True",
        f"{changelist}?_facets=True",
        f"{changelist}?kelas__id__exact={naskah.kelas_id}&_facets=True",
        f"{reverse('admin:arsip_berkas_changelist')}?q={naskah.berkas.uraian}",
    ]


def remove_record(naskah):
    def remove():
        berkas_id = naskah.berkas_id
        Naskah.objects.filter(pk=naskah.pk).delete()
        Berkas.objects.filter(pk=berkas_id).delete()
        assert not Naskah.objects.filter(pk=naskah.pk).exists()

    return remove


def test_the_urls_reach_the_record_for_a_user_who_sees_it(client, arsiparis_b, naskah_b):
    # The control: the same URLs show the record to its own archivist, so the tests below
    # compare real pages, not two 404s of a wrong address.
    client.force_login(arsiparis_b)
    change, history, _delete, on_site = admin_urls(naskah_b)
    assert client.get(change).status_code == 200
    assert client.get(history).status_code == 200
    assert client.get(on_site)["Location"] == naskah_b.get_absolute_url()
    found = client.get(autocomplete_url("arsip", "hakakses", "naskah", naskah_b.perihal)).json()
    assert [r["id"] for r in found["results"]] == [str(naskah_b.pk)]


def test_administrator_of_office_a_sees_office_b_record_as_missing(client, admin_a, naskah_b):
    hidden = assert_hidden_like_missing(
        client, admin_a, record_urls(naskah_b), remove_record(naskah_b)
    )
    on_site = admin_urls(naskah_b)[3]
    assert hidden[on_site][0][0] == 404


def test_archivist_of_office_a_sees_office_b_record_as_missing(client, arsiparis_a, naskah_b):
    assert_hidden_like_missing(client, arsiparis_a, record_urls(naskah_b), remove_record(naskah_b))


def test_staf_with_admin_access_sees_own_office_sangat_rahasia_as_missing(
    client, staf_a, sangat_rahasia_a
):
    hidden = assert_hidden_like_missing(
        client, staf_a, record_urls(sangat_rahasia_a), remove_record(sangat_rahasia_a)
    )
    for url in admin_urls(sangat_rahasia_a):
        assert all(sangat_rahasia_a.perihal not in body for *_, body in hidden[url])


def test_archivist_sees_own_office_sangat_rahasia_as_missing(client, arsiparis_a, sangat_rahasia_a):
    assert_hidden_like_missing(
        client,
        arsiparis_a,
        record_urls(sangat_rahasia_a),
        remove_record(sangat_rahasia_a),
    )


def test_grant_of_a_hidden_record_answers_like_a_missing_grant(
    client, make_user, other_office, other_unit_b, arsiparis_a, naskah_b
):
    ketua_b = make_user(roles.KETUA, office=other_office, unit=other_unit_b)
    grant = services.grant_access(
        naskah_b,
        by=ketua_b,
        tujuan="Pemeriksaan",
        berlaku_sampai=datetime.date.today() + datetime.timedelta(days=5),
        user=arsiparis_b_colleague(make_user, other_office, other_unit_b),
    )
    urls = admin_urls(grant)
    assert_hidden_like_missing(
        client, arsiparis_a, urls, lambda: HakAkses.objects.filter(pk=grant.pk).delete()
    )


def arsiparis_b_colleague(make_user, other_office, other_unit_b):
    return make_user(roles.STAF, office=other_office, unit=other_unit_b)


def test_view_on_site_of_a_case_class_without_admin_answers_like_a_missing_id(
    client, arsiparis_a, naskah_b
):
    # Any content type may be asked for; one with no page answers like a missing id too.
    client.force_login(arsiparis_a)
    user_ct = ContentType.objects.get(app_label="sisp", model="user")
    missing = answer(client, reverse("admin:view_on_site", args=[user_ct.pk, arsiparis_a.pk]))
    assert missing[0][0] == 404
    nonsense = answer(client, reverse("admin:view_on_site", args=[999999, "abc"]))
    assert nonsense == missing


def test_a_colleagues_access_request_answers_like_a_missing_one(
    client, make_user, office, unit, staf_a
):
    from django.contrib.auth.models import Permission

    from arsip.models import PermohonanAkses

    # Even a user given the admin's view right on requests sees only their own there, as on
    # the staff page; a colleague's request (its text may describe a secret) looks missing.
    staf_a.user_permissions.add(Permission.objects.get(codename="view_permohonanakses"))
    colleague = make_user(roles.STAF, office=office, unit=unit)
    mine = services.request_access(user=staf_a, uraian="Nota dinas anggaran", tujuan="Kerja")
    theirs = services.request_access(
        user=colleague, uraian="Laporan hasil klarifikasi rahasia", tujuan="Audit"
    )
    client.force_login(staf_a)
    assert client.get(admin_urls(mine)[0]).status_code == 200
    listing = client.get(reverse("admin:arsip_permohonanakses_changelist")).text
    assert "Nota dinas anggaran" in listing and "klarifikasi rahasia" not in listing
    assert_hidden_like_missing(
        client,
        staf_a,
        admin_urls(theirs)[:3],
        lambda: PermohonanAkses.objects.filter(pk=theirs.pk).delete(),
    )
