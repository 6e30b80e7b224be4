import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from ppps.models import HariLibur, Pemilihan, Perkara
from sisp import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user, office):
    return make_user(roles.ADMINISTRATOR, office=office, is_staff=True)


def test_installation_manager_edits_holidays_and_open_deadlines_follow(
    client, make_user, make_perkara, pemilu, petugas
):
    from ppps import services
    from ppps.models import Tahapan

    perkara = make_perkara(pemilihan=pemilu, tanggal_diterima=datetime.date(2026, 3, 2))
    services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2026, 3, 2))
    kajian = Tahapan.objects.get(regime="pemilu", jenis="laporan", code="kajian")
    perkara = services.move_to_stage(
        perkara, kajian, user=petugas, tanggal=datetime.date(2026, 3, 2)
    )
    before = perkara.batas_waktu
    client.force_login(make_user(office=None, unit=None, is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:ppps_harilibur_add"),
        {"date": before.isoformat(), "name": "Libur daerah", "kind": "lainnya"},
    )
    assert response.status_code == 302
    assert HariLibur.objects.filter(date=before).exists()
    perkara.refresh_from_db()
    assert perkara.batas_waktu > before


def test_administrator_sees_only_own_office_elections_and_no_cases(
    client, administrator, pilwali, other_office
):
    Pemilihan.objects.create(
        office=other_office, name="Pilkada Lain", regime="pemilihan", code="PB", year=2024
    )
    client.force_login(administrator)
    body = client.get(reverse("admin:ppps_pemilihan_changelist")).content.decode()
    assert "Pemilihan Wali Kota 2024" in body and "Pilkada Lain" not in body
    assert Perkara.objects.visible_to(administrator).count() == 0
    assert client.get("/ppps/").status_code == 403


def test_stages_cannot_be_deleted_in_the_admin(client, administrator):
    from ppps.models import Tahapan

    client.force_login(administrator)
    stage = Tahapan.objects.first()
    assert client.get(reverse("admin:ppps_tahapan_delete", args=[stage.pk])).status_code == 403


def test_seed_demo_adds_cases_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = Perkara.objects.count()
    call_command("seed_demo")
    assert first == Perkara.objects.count() >= 4
    assert Perkara.objects.exclude(nomor_register="").exists()
    assert Perkara.objects.overdue().exists()
    # Each demo office keeps its own public reason texts, and a demo move published one.
    from ppps.models import AlasanPublik, RiwayatPerkara

    offices = set(Perkara.objects.values_list("office_id", flat=True))
    assert offices == set(AlasanPublik.objects.values_list("office_id", flat=True))
    assert RiwayatPerkara.objects.filter(alasan_publik__isnull=False, is_public=True).exists()


def test_portal_shows_the_module_to_petugas_only(client, petugas, staf):
    from sisp.modules import modules_for

    assert any(m["url_name"] == "ppps:index" for m in modules_for(petugas))
    assert not any(m["url_name"] == "ppps:index" for m in modules_for(staf))


def test_region_counts_are_aggregates_per_office(make_perkara, office, other_office):
    from django.apps import apps

    make_perkara()
    counts = dict(apps.get_app_config("ppps").region_counts([office.pk, other_office.pk]))
    assert counts["Perkara berjalan"] == {office.pk: 1}
    assert counts["Lewat batas waktu"] == {office.pk: 1}


def test_region_counts_are_the_cases_open_and_overdue_say(make_perkara, office, other_office):
    """The region hook counts in one grouped pass; it must agree with the one definition of
    an open and an overdue case (PerkaraQuerySet.open / .overdue)."""
    from datetime import date, timedelta

    from django.apps import apps
    from django.db.models import Count
    from django.utils import timezone

    from ppps.models import StatusPerkara

    final = StatusPerkara.objects.filter(is_final=True).first()
    running = StatusPerkara.objects.filter(is_final=False).first()
    today, now = timezone.localdate(), timezone.now()
    setups = [
        {"status": running, "batas_waktu": today + timedelta(days=3)},
        {"status": running, "batas_waktu": date(2024, 1, 1)},
        {"status": final, "batas_waktu": date(2024, 1, 1)},
        {"status": None, "batas_waktu": date(2024, 1, 1)},
        {"status": running, "batas_waktu": today, "batas_waktu_pada": now - timedelta(hours=1)},
        {"status": running, "batas_waktu": None},
    ]
    for fields in setups:
        Perkara.objects.filter(pk=make_perkara().pk).update(**fields)

    def by_office(queryset):
        return dict(queryset.values_list("office_id").annotate(n=Count("id")))

    counts = dict(apps.get_app_config("ppps").region_counts([office.pk, other_office.pk]))
    assert counts["Perkara berjalan"] == by_office(Perkara.objects.open()) == {office.pk: 5}
    assert counts["Lewat batas waktu"] == by_office(Perkara.objects.overdue()) == {office.pk: 3}
