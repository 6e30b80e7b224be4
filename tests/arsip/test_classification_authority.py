"""Classification authority (issue 10, part 1): nobody sets a class above their clearance;
raising is open to the registrar; lowering Rahasia or Sangat Rahasia needs the class's
deciding official and a reason; every class change is in the record's history and the trail.
The rules are installation data, changed only by the installation manager."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from arsip import importer, services
from arsip.models import BatasKlasifikasi, Naskah, PejabatKelas, PerubahanKelas
from sisp import roles
from sisp.models import AuditEvent
from tests.factories import UnitFactory


@pytest.fixture
def people(make_user, office, unit, reference):
    """unit: the creating unit. Its Kepala Subbagian; the Ketua; an archivist and a Staf of
    the unit; the Kepala Subbagian of another unit."""
    other = UnitFactory(office=office, name="Divisi Hukum")
    return {
        "ketua": make_user(roles.KETUA, office=office),
        "kasubag": make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=unit),
        "arsiparis": make_user(roles.ARSIPARIS, office=office, unit=unit),
        "staf": make_user(roles.STAF, office=office, unit=unit),
        "kasubag_lain": make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=other),
        "other": other,
    }


def _register_post(kelas_pk, unit, **overrides):
    data = {
        "klasifikasi": "PP.01.02",
        "perihal": "Kajian dugaan pelanggaran",
        "nomor_surat": "9/PP.01.02/K.UJ-01/03/2026",
        "tanggal": "2026-03-05",
        "kelas": kelas_pk,
        "unit": unit.pk,
        "jenis": "surat",
        "tingkat_perkembangan": "asli",
        "media": "kertas",
        "jumlah": "1",
        "satuan": "lembar",
    }
    data.update(overrides)
    return data


def _edit_post(naskah, **overrides):
    data = {
        "klasifikasi": naskah.klasifikasi.kode,
        "perihal": naskah.perihal,
        "nomor_surat": naskah.nomor_surat,
        "tanggal": naskah.tanggal.isoformat(),
        "kelas": naskah.kelas_id,
        "unit": naskah.unit_id,
        "jenis": naskah.jenis,
        "tingkat_perkembangan": naskah.tingkat_perkembangan,
        "media": naskah.media,
        "jumlah": naskah.jumlah,
        "satuan": naskah.satuan,
        "revisi_dilihat": naskah.revisi,
        "alasan_kelas": "",
    }
    data.update(overrides)
    return data


def _stored(naskah):
    return Naskah.objects.select_related("kelas").get(pk=naskah.pk)


def _register(client, user, kelas_pk, unit):
    client.force_login(user)
    response = client.post(reverse("arsip:register"), _register_post(kelas_pk, unit))
    assert response.status_code == 302, response.context["form"].errors
    return Naskah.objects.get(created_by=user)


@pytest.mark.parametrize(
    ("role", "kode"), [(roles.ARSIPARIS, "SR"), (roles.ARSIPARIS, "R"), (roles.STAF, "R")]
)
def test_a_registrar_alone_cannot_lower_rahasia_or_sangat_rahasia(
    client, make_user, office, unit, kelas, reference, role, kode
):
    registrar = make_user(role, office=office, unit=unit)
    naskah = _register(client, registrar, kelas[kode].pk, unit)
    page = client.get(reverse("arsip:edit", args=[naskah.pk]))
    offered = {k.kode for k in page.context["form"].fields["kelas"].queryset}
    assert "B" not in offered and "T" not in offered
    response = client.post(
        reverse("arsip:edit", args=[naskah.pk]),
        _edit_post(naskah, kelas=kelas["B"].pk, alasan_kelas="Sudah tidak rahasia lagi"),
    )
    assert response.status_code == 200  # refused, shown again
    stored = _stored(naskah)
    assert stored.kelas.kode == kode and stored.revisi == naskah.revisi
    assert list(PerubahanKelas.objects.filter(naskah=naskah).values_list("dari", flat=True)) == [
        None
    ]
    assert not AuditEvent.objects.filter(action="arsip.update").exists()


def test_the_service_refuses_a_registrars_downgrade_too(people, make_naskah, office, unit, kelas):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="SR")
    with pytest.raises(ValidationError) as refused:
        services.update_naskah(
            naskah,
            user=people["arsiparis"],
            data={"kelas": kelas["B"]},
            revisi=naskah.revisi,
            alasan="Turunkan",
        )
    assert refused.value.code == "not_official"
    stored = _stored(naskah)
    assert stored.kelas.kode == "SR" and stored.revisi == naskah.revisi
    assert not PerubahanKelas.objects.exists()


def test_the_ketua_lowers_sangat_rahasia_with_a_reason_kept_in_history_and_trail(
    client, people, make_naskah, office, unit, kelas
):
    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="SR")
    client.force_login(people["ketua"])
    detail = client.get(reverse("arsip:detail", args=[naskah.pk]))
    assert reverse("arsip:reclass", args=[naskah.pk]) in detail.text
    response = client.post(
        reverse("arsip:reclass", args=[naskah.pk]),
        {"kelas": kelas["B"].pk, "alasan": "Putusan sudah diumumkan", "revisi_dilihat": 0},
    )
    assert response.status_code == 302
    assert _stored(naskah).kelas.kode == "B"
    entry = PerubahanKelas.objects.get(naskah=naskah)
    assert (entry.dari.kode, entry.ke.kode, entry.oleh) == ("SR", "B", people["ketua"])
    assert entry.alasan == "Putusan sudah diumumkan"
    event = AuditEvent.objects.get(action="arsip.update")
    assert event.detail["kelas"] == ["SR", "B"] and event.detail["riwayat_kelas"] == entry.pk
    assert "Putusan" not in str(event.detail)  # the reason stays behind the record's door
    detail = client.get(reverse("arsip:detail", args=[naskah.pk]))
    assert "Putusan sudah diumumkan" in detail.text and "Sangat Rahasia → Biasa" in detail.text


def test_lowering_without_a_reason_is_refused_and_what_was_typed_stays(
    client, people, make_naskah, office, unit, kelas
):
    naskah = make_naskah(office=office, unit=unit, created_by=people["staf"], kelas="SR")
    client.force_login(people["kasubag"])  # may edit (the matrix), may not lower SR
    response = client.post(
        reverse("arsip:edit", args=[naskah.pk]),
        _edit_post(naskah, kelas=kelas["T"].pk, perihal="Perihal yang diketik"),
    )
    assert response.status_code == 200
    assert "tidak dapat Anda tetapkan" in response.text
    assert 'value="Perihal yang diketik"' in response.text
    client.force_login(people["ketua"])
    response = client.post(
        reverse("arsip:reclass", args=[naskah.pk]),
        {"kelas": kelas["T"].pk, "alasan": "  ", "revisi_dilihat": 0},
    )
    assert response.status_code == 200
    assert "Tuliskan alasan menurunkan kelas Sangat Rahasia" in response.text
    stored = _stored(naskah)
    assert stored.kelas.kode == "SR" and stored.perihal != "Perihal yang diketik"
    assert stored.revisi == 0 and not PerubahanKelas.objects.exists()


def test_the_head_of_the_creating_unit_lowers_rahasia_but_not_sangat_rahasia(
    client, people, make_naskah, office, unit, kelas
):
    rahasia = make_naskah(office=office, unit=unit, created_by=people["staf"], kelas="R")
    sangat = make_naskah(office=office, unit=unit, created_by=people["staf"], kelas="SR")
    client.force_login(people["kasubag"])
    ok = client.post(
        reverse("arsip:edit", args=[rahasia.pk]),
        _edit_post(rahasia, kelas=kelas["T"].pk, alasan_kelas="Tahap kajian selesai"),
    )
    assert ok.status_code == 302 and _stored(rahasia).kelas.kode == "T"
    refused = client.post(
        reverse("arsip:edit", args=[sangat.pk]),
        _edit_post(sangat, kelas=kelas["R"].pk, alasan_kelas="Coba turunkan"),
    )
    assert refused.status_code == 200
    assert "tidak dapat Anda tetapkan" in refused.text
    assert _stored(sangat).kelas.kode == "SR"
    # Not even on the class page, and the service says why.
    assert client.get(reverse("arsip:reclass", args=[sangat.pk])).status_code == 200
    with pytest.raises(ValidationError) as not_official:
        services.update_naskah(
            sangat,
            user=people["kasubag"],
            data={"kelas": kelas["R"]},
            revisi=sangat.revisi,
            alasan="Coba turunkan",
        )
    assert not_official.value.code == "not_official"
    assert _stored(sangat).kelas.kode == "SR"


def test_the_class_page_is_403_for_a_grant_holder_and_404_for_a_stranger(
    client, people, make_naskah, office, unit
):
    from datetime import timedelta

    from django.utils import timezone

    naskah = make_naskah(office=office, unit=unit, created_by=people["arsiparis"], kelas="R")
    services.grant_access(
        naskah,
        by=people["kasubag"],
        tujuan="Telaah",
        berlaku_sampai=timezone.localdate() + timedelta(days=3),
        user=people["kasubag_lain"],
    )
    client.force_login(people["kasubag_lain"])
    assert client.get(reverse("arsip:reclass", args=[naskah.pk])).status_code == 403
    client.force_login(people["staf"])
    assert client.get(reverse("arsip:reclass", args=[naskah.pk])).status_code == 404


def test_nobody_registers_above_their_clearance(client, people, unit, kelas):
    client.force_login(people["staf"])  # Staf: up to Rahasia (?)
    page = client.get(reverse("arsip:register"))
    assert {k.kode for k in page.context["form"].fields["kelas"].queryset} == {"B", "T", "R"}
    response = client.post(reverse("arsip:register"), _register_post(kelas["SR"].pk, unit))
    assert response.status_code == 200
    assert "tidak dapat Anda tetapkan" in response.text
    assert 'value="Kajian dugaan pelanggaran"' in response.text  # nothing typed is lost
    assert not Naskah.objects.exists()


def test_the_registration_service_refuses_a_class_above_clearance(people, unit, kelas):
    from arsip.models import KlasifikasiArsip

    data = {
        "klasifikasi": KlasifikasiArsip.objects.get(kode="PP.01.02"),
        "kelas": kelas["SR"],
        "unit": unit,
        "perihal": "Kajian",
        "tanggal": date(2026, 3, 5),
    }
    with pytest.raises(ValidationError) as refused:
        services.register_naskah(user=people["staf"], data=data)
    assert refused.value.code == "above_clearance"
    assert not Naskah.objects.exists()


def test_nobody_raises_a_record_above_their_clearance(
    client, people, make_naskah, office, unit, kelas
):
    mine = make_naskah(office=office, unit=unit, created_by=people["staf"], kelas="B")
    client.force_login(people["staf"])
    response = client.post(
        reverse("arsip:edit", args=[mine.pk]), _edit_post(mine, kelas=kelas["SR"].pk)
    )
    assert response.status_code == 200
    assert _stored(mine).kelas.kode == "B"
    with pytest.raises(ValidationError) as refused:
        services.update_naskah(
            mine, user=people["staf"], data={"kelas": kelas["SR"]}, revisi=mine.revisi
        )
    assert refused.value.code == "above_clearance"
    assert _stored(mine).kelas.kode == "B" and not PerubahanKelas.objects.exists()


def test_the_registrar_raises_their_own_record_and_history_records_it(client, people, unit, kelas):
    naskah = _register(client, people["staf"], kelas["B"].pk, unit)
    response = client.post(
        reverse("arsip:edit", args=[naskah.pk]), _edit_post(naskah, kelas=kelas["R"].pk)
    )
    assert response.status_code == 302
    assert _stored(naskah).kelas.kode == "R"
    history = list(
        PerubahanKelas.objects.filter(naskah=naskah)
        .order_by("pk")
        .values_list("dari__kode", "ke__kode", "oleh")
    )
    assert history == [(None, "B", people["staf"].pk), ("B", "R", people["staf"].pk)]
    register_event = AuditEvent.objects.get(action="arsip.register")
    assert register_event.detail["riwayat_kelas"] == PerubahanKelas.objects.order_by("pk")[0].pk


def test_the_import_refuses_rows_above_the_importers_clearance(people, unit):
    # The clearance is data: lower the archivist's to Rahasia.
    BatasKlasifikasi.objects.filter(role__name=roles.ARSIPARIS).update(
        kelas_tertinggi=BatasKlasifikasi.objects.get(role__name=roles.STAF).kelas_tertinggi
    )
    rows = [
        ["Kode klasifikasi", "Uraian", "Tanggal", "Kelas keamanan"],
        ["PP.01.02", "Kajian rahasia", "05-03-2026", "Rahasia"],
        ["PP.01.02", "Kajian sangat rahasia", "05-03-2026", "Sangat Rahasia"],
    ]
    results = importer.check_rows(rows, people["arsiparis"])
    assert results[0]["errors"] == []
    assert results[1]["errors"] == ["Anda tidak berwenang menetapkan kelas Sangat Rahasia"]
    with pytest.raises(ValueError):
        importer.import_rows(results, user=people["arsiparis"])
    assert not Naskah.objects.exists()


def test_the_admin_keeps_the_class_read_only_even_for_a_superuser_with_an_office(
    client, make_user, make_naskah, office, unit, people
):
    naskah = make_naskah(office=office, unit=unit, created_by=people["staf"], kelas="SR")
    boss = make_user(roles.KETUA, office=office, is_staff=True, is_superuser=True)
    client.force_login(boss)
    page = client.get(reverse("admin:arsip_naskah_change", args=[naskah.pk]))
    assert page.status_code == 200
    assert 'name="kelas"' not in page.text


def test_only_the_installation_manager_changes_the_authority_and_every_office_is_told(
    client, make_user, office, other_office, reference, admin_user_sisp, kelas
):
    row = BatasKlasifikasi.objects.get(role__name=roles.STAF)
    url = reverse("admin:arsip_batasklasifikasi_change", args=[row.pk])
    client.force_login(admin_user_sisp)
    refused = client.post(url, {"role": row.role_id, "kelas_tertinggi": kelas["SR"].pk})
    assert refused.status_code == 403
    row.refresh_from_db()
    assert row.kelas_tertinggi.kode == "R"

    manager = make_user(office=None, unit=None, is_staff=True, is_superuser=True)
    client.force_login(manager)
    done = client.post(url, {"role": row.role_id, "kelas_tertinggi": kelas["T"].pk})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.kelas_tertinggi.kode == "T"
    entries = AuditEvent.objects.filter(action="rules.change", object_type="arsip.BatasKlasifikasi")
    assert {e.office_id for e in entries} == {office.pk, other_office.pk}
    assert entries.first().detail["changes"] == {"kelas_tertinggi": ["Rahasia", "Terbatas"]}

    official = PejabatKelas.objects.get(kelas__kode="SR", tindakan="turun")
    pejabat_url = reverse("admin:arsip_pejabatkelas_change", args=[official.pk])
    client.force_login(admin_user_sisp)
    assert (
        client.post(
            pejabat_url,
            {
                "kelas": official.kelas_id,
                "tindakan": "turun",
                "role": row.role_id,
                "lingkup": "kantor",
            },
        ).status_code
        == 403
    )
    official.refresh_from_db()
    assert official.role.name == roles.KETUA
