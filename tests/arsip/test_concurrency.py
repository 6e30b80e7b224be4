"""No lost work in E-Arsip: file numbers without races, stale edits refused, item numbers
that do not reveal hidden records."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from arsip import services
from arsip.models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah, NomorBerkasCounter
from sisp import roles
from sisp.models import AuditEvent

DAY = datetime.date(2026, 3, 5)


@pytest.fixture
def arsiparis(make_user, office, unit, reference):
    return make_user(roles.ARSIPARIS, office=office, unit=unit)


def _data(unit, perihal="Laporan pengawasan kampanye"):
    return {
        "klasifikasi": KlasifikasiArsip.objects.get(kode="KA.00"),
        "kelas": KelasKeamanan.objects.get(kode="B"),
        "unit": unit,
        "perihal": perihal,
        "tanggal": DAY,
        "jenis": Naskah.Jenis.SURAT,
        "tingkat_perkembangan": Naskah.Perkembangan.ASLI,
        "media": Naskah.Media.KERTAS,
        "jumlah": 1,
        "satuan": "lembar",
    }


def test_new_files_take_the_counter_and_skip_numbers_typed_by_hand(arsiparis, unit, office):
    Berkas.objects.create(
        office=office,
        nomor_berkas="2/2026",
        klasifikasi=KlasifikasiArsip.objects.get(kode="KA.00"),
        uraian="Berkas impor",
        unit=unit,
        created_by=arsiparis,
    )
    numbers = [
        services.register_naskah(
            user=arsiparis, data=_data(unit, f"Naskah {i}")
        ).berkas.nomor_berkas
        for i in range(3)
    ]
    assert numbers == ["1/2026", "3/2026", "4/2026"]
    assert NomorBerkasCounter.objects.get(office=office, year=2026).last == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_registrations_opening_new_files_all_succeed(arsiparis, unit, office):
    count = 10
    barrier = threading.Barrier(count)
    errors = []

    def register(i):
        try:
            barrier.wait()
            services.register_naskah(user=arsiparis, data=_data(unit, f"Naskah paralel {i}"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Naskah.objects.count() == count
    numbers = list(Berkas.objects.values_list("nomor_berkas", flat=True))
    assert sorted(numbers, key=lambda n: int(n.split("/")[0])) == [
        f"{i}/2026" for i in range(1, count + 1)
    ]
    assert NomorBerkasCounter.objects.get(office=office, year=2026).last == count


# --- Optimistic concurrency on record edits -------------------------------------------------


def _edit_form(client, naskah):
    """What the edit page's form would post back unchanged (the values and revision shown)."""
    page = client.get(reverse("arsip:edit", args=[naskah.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    return data


@pytest.fixture
def two_editors(make_user, office, unit, reference, make_naskah):
    ani = make_user(roles.ARSIPARIS, office=office, unit=unit, username="ani")
    budi = make_user(roles.ARSIPARIS, office=office, unit=unit, username="budi")
    naskah = make_naskah(office=office, unit=unit, created_by=ani, perihal="Perihal awal")
    return ani, budi, naskah


def test_a_stale_edit_is_refused_the_typed_values_kept_and_the_newer_shown(client, two_editors):
    ani, budi, naskah = two_editors
    client.force_login(ani)
    ani_form = _edit_form(client, naskah)
    client.force_login(budi)
    budi_form = _edit_form(client, naskah)
    assert ani_form["revisi_dilihat"] == budi_form["revisi_dilihat"] == 0

    client.force_login(ani)
    saved = client.post(
        reverse("arsip:edit", args=[naskah.pk]), {**ani_form, "perihal": "Perihal dari Ani"}
    )
    assert saved.status_code == 302

    client.force_login(budi)
    refused = client.post(
        reverse("arsip:edit", args=[naskah.pk]),
        {**budi_form, "perihal": "Perihal dari Budi", "keterangan": "Catatan Budi"},
    )
    assert refused.status_code == 200
    assert "sudah diubah orang lain" in refused.text
    # What Budi typed stays in the form; Ani's newer value is shown beside it.
    assert 'value="Perihal dari Budi"' in refused.text
    assert "Catatan Budi" in refused.text
    assert {
        "label": "Perihal / uraian",
        "newer": "Perihal dari Ani",
        "typed": "Perihal dari Budi",
    } in refused.context["newer"]
    naskah.refresh_from_db()
    assert naskah.perihal == "Perihal dari Ani"
    assert naskah.keterangan == ""
    assert naskah.revisi == 1
    updates = AuditEvent.objects.filter(action="arsip.update", object_id=str(naskah.pk))
    assert list(updates.values_list("actor__username", flat=True)) == ["ani"]

    # Having seen the newer values, Budi may save knowingly: the form carries revision 1 now.
    assert refused.context["form"]["revisi_dilihat"].value() == 1
    again = client.post(
        reverse("arsip:edit", args=[naskah.pk]),
        {**budi_form, "perihal": "Perihal dari Budi", "revisi_dilihat": 1},
    )
    assert again.status_code == 302
    naskah.refresh_from_db()
    assert naskah.perihal == "Perihal dari Budi" and naskah.revisi == 2
    assert sorted(updates.values_list("actor__username", flat=True)) == ["ani", "budi"]


def test_an_edit_without_the_revision_is_refused_in_indonesian(client, two_editors):
    ani, _, naskah = two_editors
    client.force_login(ani)
    data = _edit_form(client, naskah)
    for bad in ("", "x"):
        response = client.post(
            reverse("arsip:edit", args=[naskah.pk]),
            {**data, "perihal": "Tanpa revisi", "revisi_dilihat": bad},
        )
        assert response.status_code == 200
        assert "Formulir tidak lengkap" in response.text
    naskah.refresh_from_db()
    assert naskah.perihal == "Perihal awal" and naskah.revisi == 0


def test_the_service_refuses_a_stale_revision_and_leaves_the_row(two_editors):
    ani, budi, naskah = two_editors
    services.update_naskah(naskah, user=ani, data={"perihal": "Versi Ani"}, revisi=0)
    stale = Naskah.objects.get(pk=naskah.pk)
    with pytest.raises(services.StaleEdit):
        services.update_naskah(stale, user=budi, data={"perihal": "Versi Budi"}, revisi=0)
    naskah.refresh_from_db()
    assert naskah.perihal == "Versi Ani" and naskah.revisi == 1
    assert not AuditEvent.objects.filter(action="arsip.update", actor=budi).exists()


def _admin_form(client, naskah):
    page = client.get(reverse("admin:arsip_naskah_change", args=[naskah.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        data[name] = "" if value is None else field.prepare_value(value)
    return data


def test_the_admin_change_form_refuses_a_stale_save(client, two_editors):
    ani, budi, naskah = two_editors
    for user in (ani, budi):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    url = reverse("admin:arsip_naskah_change", args=[naskah.pk])
    client.force_login(ani)
    ani_form = _admin_form(client, naskah)
    client.force_login(budi)
    budi_form = _admin_form(client, naskah)
    assert budi_form["revisi_dilihat"] == 0
    assert "nomor_item" not in budi_form  # the stored number may reveal hidden items

    client.force_login(ani)
    assert client.post(url, {**ani_form, "perihal": "Diubah Ani di admin"}).status_code == 302
    naskah.refresh_from_db()
    assert naskah.perihal == "Diubah Ani di admin" and naskah.revisi == 1

    client.force_login(budi)
    refused = client.post(url, {**budi_form, "perihal": "Diubah Budi di admin"})
    assert refused.status_code == 200
    assert "sudah diubah orang lain" in refused.text
    assert 'value="Diubah Budi di admin"' in refused.text
    naskah.refresh_from_db()
    assert naskah.perihal == "Diubah Ani di admin" and naskah.revisi == 1

    # A staff-page edit after the admin's save needs the admin's revision.
    client.force_login(ani)
    staff_form = _edit_form(client, naskah)
    assert staff_form["revisi_dilihat"] == 1


# --- Item numbers never reveal hidden records -----------------------------------------------


@pytest.fixture
def file_with_hidden_item(make_user, make_naskah, office, unit):
    author = make_user(roles.ARSIPARIS, office=office, unit=unit)
    first = make_naskah(office=office, unit=unit, created_by=author, perihal="Item pertama")
    hidden = make_naskah(
        office=office, unit=unit, created_by=author, kelas="SR", berkas=first.berkas
    )
    third = make_naskah(
        office=office, unit=unit, created_by=author, perihal="Item ketiga", berkas=first.berkas
    )
    assert [first.nomor_item, hidden.nomor_item, third.nomor_item] == [1, 2, 3]
    return first, hidden, third


def test_the_detail_page_numbers_items_among_those_the_reader_sees(
    client, staf, make_user, office, unit, file_with_hidden_item
):
    first, hidden, third = file_with_hidden_item
    nomor = first.berkas.nomor_berkas
    client.force_login(staf)
    assert client.get(reverse("arsip:detail", args=[hidden.pk])).status_code == 404
    page = client.get(reverse("arsip:detail", args=[third.pk]))
    assert f"{nomor}, item 2:" in page.text
    assert "item 3" not in page.text
    # A reader who sees the whole file gets the file's own numbering.
    client.force_login(make_user(roles.KETUA, office=office, unit=unit))
    assert f"{nomor}, item 3:" in client.get(reverse("arsip:detail", args=[third.pk])).text


def test_the_list_numbers_items_among_those_the_reader_sees(client, staf, file_with_hidden_item):
    first, _, third = file_with_hidden_item
    nomor = first.berkas.nomor_berkas
    client.force_login(staf)
    page = client.get(reverse("arsip:index"))
    rows = {n.pk: n.nomor_terlihat for n in page.context["page"]}
    assert rows == {first.pk: 1, third.pk: 2}
    assert f"{nomor}/2</td>" in page.text
    assert f"{nomor}/3" not in page.text


def test_the_export_numbers_items_among_those_the_reader_sees(
    client, make_user, office, other_unit, file_with_hidden_item
):
    import io

    import openpyxl

    first, _, third = file_with_hidden_item
    # Reads Biasa everywhere but Sangat Rahasia only in their own unit.
    koordinator = make_user(roles.KOORDINATOR_SEKRETARIAT, office=office, unit=other_unit)
    client.force_login(koordinator)
    exported = client.get(reverse("arsip:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    header = [c.value for c in sheet[3]]
    item_col, subject_col = header.index("Nomor Item"), header.index("Uraian Informasi Item")
    items = {
        row[subject_col]: row[item_col] for row in sheet.iter_rows(min_row=4, values_only=True)
    }
    assert items == {"Item pertama": 1, "Item ketiga": 2}
