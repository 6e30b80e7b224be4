"""Walk the whole default access matrix: every role x class x own/other unit, through every
door (list, search, search count, detail, download, export, admin). What a user may not see
must look exactly like a record that does not exist."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from arsip import services
from arsip.access import AUDITOR
from arsip.models import Unduhan
from sisp import roles
from tests.arsip.conftest import pdf_upload
from tests.factories import UnitFactory
from tests.refusals import not_found, nothing_changes, refused

ALL = {"SR", "R", "T", "B"}
# The expected outcome, written out by hand from the domain note (not computed from the
# matrix the code loads): role -> (classes readable in own unit, classes in another unit).
EXPECTED = {
    roles.KETUA: (ALL, ALL),
    roles.ANGGOTA: (ALL, ALL),
    roles.KOORDINATOR_SEKRETARIAT: (ALL, {"B"}),
    roles.KEPALA_SUBBAGIAN: (ALL, {"B"}),
    roles.STAF: ({"B"}, set()),
    roles.ARSIPARIS: ({"B"}, set()),
    roles.PETUGAS_PPPS: ({"B"}, set()),
    AUDITOR: (ALL, ALL),
    roles.ADMINISTRATOR: (set(), set()),
}
HAS_MODULE = set(EXPECTED) - {roles.ADMINISTRATOR}
EXPORTERS = {
    roles.KETUA,
    roles.ANGGOTA,
    roles.KOORDINATOR_SEKRETARIAT,
    roles.KEPALA_SUBBAGIAN,
    roles.ARSIPARIS,
    AUDITOR,
}

CASES = [
    (role, kelas, place)
    for role in EXPECTED
    for kelas in ("SR", "R", "T", "B")
    for place in ("own", "other")
]


def _export_titles(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return {row[7] for row in book.active.iter_rows(min_row=4, values_only=True)}


@pytest.mark.parametrize(
    ("role", "kelas", "place"), CASES, ids=[f"{r}-{k}-{p}" for r, k, p in CASES]
)
def test_role_sees_record_of_class_in_unit_only_as_the_matrix_says(
    client, make_user, make_naskah, office, unit, role, kelas, place
):
    other = UnitFactory(office=office, name="Unit Lain")
    target_unit = unit if place == "own" else other
    author = make_user(roles.STAF, office=office, unit=target_unit)
    naskah = make_naskah(
        office=office,
        unit=target_unit,
        created_by=author,
        kelas=kelas,
        perihal="Kajian zebrakuda pengawasan",
        nomor_surat="12/PM.01.02/X/2026",
    )
    services.add_version(naskah, pdf_upload(), user=author)
    user = make_user(role, office=office, unit=unit, is_staff=True)
    own, elsewhere = EXPECTED[role]
    allowed = kelas in (own if place == "own" else elsewhere)
    client.force_login(user)

    index = reverse("arsip:index")
    if role not in HAS_MODULE:
        assert "zebrakuda" not in refused(client.get(index))
        assert "zebrakuda" not in refused(client.get(reverse("arsip:detail", args=[naskah.pk])))
    else:
        listing = client.get(index)
        assert ("zebrakuda" in listing.text) is allowed
        found = client.get(index, {"q": "ZEBRAKUDA"})
        assert (reverse("arsip:detail", args=[naskah.pk]) in found.text) is allowed
        count = re.search(r"(\d+) naskah ditemukan", found.text).group(1)
        assert count == ("1" if allowed else "0")
        by_number = client.get(index, {"q": "12/pm.01.02/x/2026"})
        assert ("zebrakuda" in by_number.text) is allowed

        detail = client.get(reverse("arsip:detail", args=[naskah.pk]))
        missing = client.get(reverse("arsip:detail", args=[naskah.pk + 10_000]))
        if allowed:
            assert detail.status_code == 200
        else:
            assert detail.status_code == 404
            assert detail.content == missing.content  # indistinguishable from nonexistent

        download_url = reverse("arsip:download", args=[naskah.pk, 1])
        if not allowed:
            with nothing_changes(naskah, Unduhan):
                not_found(client.get(download_url))
                not_found(client.post(download_url, {"tujuan": "Tujuan yang cukup panjang"}))
        elif kelas in ("R", "SR"):
            form = client.get(download_url)
            assert form.status_code == 200 and "Tujuan penggunaan" in form.text
            served = client.post(download_url, {"tujuan": "Pemeriksaan berkas perkara"})
            assert served.status_code == 200
            assert served["Content-Disposition"].startswith("attachment")
        else:
            served = client.get(download_url)
            assert served.status_code == 200
            assert b"".join(served.streaming_content).startswith(b"%PDF")

        exported = client.get(reverse("arsip:export"))
        if role in EXPORTERS:
            assert exported.status_code == 200
            assert ("Kajian zebrakuda pengawasan" in _export_titles(exported)) is allowed
        else:
            assert "zebrakuda" not in refused(exported)

    changelist = client.get(reverse("admin:arsip_naskah_changelist"))
    change = client.get(reverse("admin:arsip_naskah_change", args=[naskah.pk]))
    nonexistent = client.get(reverse("admin:arsip_naskah_change", args=[naskah.pk + 10_000]))
    if allowed:
        assert changelist.status_code == 200 and "zebrakuda" in changelist.text
        assert change.status_code == 200
    else:
        assert "zebrakuda" not in changelist.text
        assert change.status_code == nonexistent.status_code
        assert change.get("Location") == nonexistent.get("Location")


@pytest.mark.parametrize("role", sorted(HAS_MODULE))
@pytest.mark.parametrize("kelas", ["SR", "B"])
def test_records_of_another_office_never_show_to_any_role(
    client, make_user, make_naskah, office, other_office, role, kelas
):
    foreign_unit = UnitFactory(office=other_office)
    author = make_user(roles.ARSIPARIS, office=other_office, unit=foreign_unit)
    naskah = make_naskah(
        office=other_office,
        unit=foreign_unit,
        created_by=author,
        kelas=kelas,
        perihal="Rahasia kantor sebelah zebrakuda",
    )
    services.add_version(naskah, pdf_upload(), user=author)
    user = make_user(role, office=office, unit=UnitFactory(office=office), is_staff=True)
    client.force_login(user)

    assert "zebrakuda" not in client.get(reverse("arsip:index")).text
    found = client.get(reverse("arsip:index"), {"q": "zebrakuda"})
    assert "0 naskah ditemukan" in found.text
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 404
    assert client.get(reverse("arsip:download", args=[naskah.pk, 1])).status_code == 404
    assert "zebrakuda" not in client.get(reverse("admin:arsip_naskah_changelist")).text
    exported = client.get(reverse("arsip:export"))
    if exported.status_code == 200:
        assert "Rahasia kantor sebelah zebrakuda" not in _export_titles(exported)


def test_anonymous_is_sent_to_login_for_every_page(client, make_naskah, make_user, office, unit):
    author = make_user(roles.STAF, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=unit, created_by=author)
    for url in [
        reverse("arsip:index"),
        reverse("arsip:export"),
        reverse("arsip:register"),
        reverse("arsip:detail", args=[naskah.pk]),
        reverse("arsip:download", args=[naskah.pk, 1]),
        reverse("arsip:permohonan"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/masuk/" in response["Location"] or "login" in response["Location"]


def test_archivist_keeps_sight_of_a_rahasia_record_they_registered(
    client, make_user, make_naskah, office, unit
):
    other = UnitFactory(office=office)
    arsiparis = make_user(roles.ARSIPARIS, office=office, unit=unit)
    colleague = make_user(roles.ARSIPARIS, office=office, unit=unit)
    naskah = make_naskah(office=office, unit=other, created_by=arsiparis, kelas="R")
    client.force_login(arsiparis)
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 200
    client.force_login(colleague)
    assert client.get(reverse("arsip:detail", args=[naskah.pk])).status_code == 404


def test_the_matrix_is_data_an_edit_changes_who_sees_what(make_user, make_naskah, office, unit):
    from arsip.models import AksesMatrix, Naskah

    other = UnitFactory(office=office)
    author = make_user(roles.STAF, office=office, unit=other)
    biasa = make_naskah(office=office, unit=other, created_by=author, kelas="B")
    staf = make_user(roles.STAF, office=office, unit=unit)
    assert not Naskah.objects.visible_to(staf).filter(pk=biasa.pk).exists()
    AksesMatrix.objects.filter(role__name=roles.STAF, kelas__kode="B").update(lingkup="semua")
    staf = type(staf).objects.get(pk=staf.pk)  # a new request computes its rules afresh
    assert Naskah.objects.visible_to(staf).filter(pk=biasa.pk).exists()
    AksesMatrix.objects.filter(role__name=roles.STAF).delete()
    staf = type(staf).objects.get(pk=staf.pk)
    assert not Naskah.objects.visible_to(staf).exists()  # no row = no access


def test_a_koordinator_reads_classified_records_of_units_beneath_their_own(
    make_user, make_naskah, office
):
    from arsip.models import Naskah

    sekretariat = UnitFactory(office=office, name="Sekretariat")
    subbagian = UnitFactory(office=office, name="Subbagian Umum", parent=sekretariat)
    author = make_user(roles.STAF, office=office, unit=subbagian)
    rahasia = make_naskah(office=office, unit=subbagian, created_by=author, kelas="R")
    korsek = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=sekretariat)
    kasubag_sibling = make_user(
        roles.KEPALA_SUBBAGIAN, office=office, unit=UnitFactory(office=office, parent=sekretariat)
    )
    assert Naskah.objects.visible_to(korsek).filter(pk=rahasia.pk).exists()
    assert not Naskah.objects.visible_to(kasubag_sibling).filter(pk=rahasia.pk).exists()


def test_region_counts_are_aggregates_per_office(make_user, make_naskah, office, other_office):
    from django.apps import apps

    author = make_user(roles.STAF, office=office, unit=UnitFactory(office=office))
    make_naskah(office=office, unit=author.unit, created_by=author, kelas="SR")
    counts = dict(apps.get_app_config("arsip").region_counts([office.pk, other_office.pk]))
    assert counts == {"Naskah arsip": {office.pk: 1}, "Naskah dimusnahkan": {}}
