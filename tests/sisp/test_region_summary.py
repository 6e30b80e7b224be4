import pytest
from django.urls import reverse

from sisp import roles
from sisp.models import Office
from tests.factories import OfficeFactory
from tests.refusals import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(db):
    return OfficeFactory(name="Bawaslu Provinsi Uji", level=Office.Level.PROVINSI)


def test_parent_office_leader_sees_counts_of_offices_below_only(client, make_user, province):
    kota = OfficeFactory(name="Bawaslu Kota A", parent=province)
    kab = OfficeFactory(name="Bawaslu Kab B", parent=province)
    unrelated = OfficeFactory(name="Bawaslu Kota Lain")
    for _ in range(3):
        make_user(roles.STAF, office=kota, first_name="Rahasia Nama")
    make_user(roles.STAF, office=kab)
    make_user(roles.STAF, office=unrelated)
    ketua = make_user(roles.KETUA, office=province)
    client.force_login(ketua)
    response = client.get(reverse("sisp:region_summary"))
    rows = {office.name: values for office, values in response.context["rows"]}
    assert set(rows) == {"Bawaslu Kota A", "Bawaslu Kab B"}
    users_column = response.context["headers"].index("Pengguna")
    assert rows["Bawaslu Kota A"][users_column] == 3
    assert rows["Bawaslu Kab B"][users_column] == 1
    assert "Rahasia Nama" not in response.content.decode()
    assert "Rekap wilayah" in {
        m["title"] for m in client.get(reverse("sisp:portal")).context["modules"]
    }


def test_leader_of_an_office_without_offices_below_gets_no_region_tool(client, make_user, office):
    ketua = make_user(roles.KETUA, office=office)
    client.force_login(ketua)
    assert "Rekap wilayah" not in {
        m["title"] for m in client.get(reverse("sisp:portal")).context["modules"]
    }


def test_staff_cannot_open_the_region_summary(client, make_user, province):
    staf = make_user(roles.STAF, office=province)
    client.force_login(staf)
    refused(client.get(reverse("sisp:region_summary")))


def test_region_page_reads_office_tallies_not_the_records(
    client, make_user, province, django_assert_max_num_queries
):
    """The archive counts come from one row per office and counter (sisp/tallies.py): the
    page reads no archive record, so its cost does not grow with the offices' archives."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sisp.models import OfficeTally

    offices = [OfficeFactory(name=f"Bawaslu Kab {i}", parent=province) for i in range(6)]
    OfficeTally.objects.create(office=offices[0], key="arsip.naskah", value=25_000)
    OfficeTally.objects.create(office=offices[0], key="arsip.naskah_musnah", value=40)
    OfficeTally.objects.create(office=offices[1], key="arsip.naskah", value=7)
    ketua = make_user(roles.KETUA, office=province)
    client.force_login(ketua)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(14):
        response = client.get(reverse("sisp:region_summary"))
    assert response.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if '"arsip_naskah"' in q["sql"]]
    headers = response.context["headers"]
    rows = {office.name: values for office, values in response.context["rows"]}
    naskah, musnah = headers.index("Naskah arsip"), headers.index("Naskah dimusnahkan")
    assert (rows["Bawaslu Kab 0"][naskah], rows["Bawaslu Kab 0"][musnah]) == (25_000, 40)
    assert (rows["Bawaslu Kab 1"][naskah], rows["Bawaslu Kab 1"][musnah]) == (7, 0)
    assert rows["Bawaslu Kab 5"][naskah] == 0
