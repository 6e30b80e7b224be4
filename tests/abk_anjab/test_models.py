from decimal import Decimal

import pytest

from abk_anjab.apps import ROLE_PERMISSIONS
from abk_anjab.models import Anjab, KodeSyarat
from abk_anjab.reference import KODE_SYARAT, load_kode_syarat
from sisp import roles

pytestmark = pytest.mark.django_db


def test_recalculate_stores_the_server_figures_on_rows_and_analysis(anjab):
    anjab.refresh_from_db()
    needs = list(anjab.tugas_pokok.values_list("kebutuhan", flat=True))
    assert needs == [Decimal("0.1600"), Decimal("0.3333")]
    assert anjab.kebutuhan_mentah == Decimal("0.4933")
    assert anjab.kebutuhan == 0  # half-up of 0.4933
    assert anjab.selisih == 1
    assert anjab.ej == Decimal("0.4933")
    assert anjab.pj == "E"


def test_stored_task_needs_sum_to_the_stored_raw_total_for_many_tasks(make_anjab, jabatan):
    tasks = [
        (
            str(10 + i * 7),
            str(3 + i % 11),
            ["menit", "jam"][i % 2],
            ["tahun", "bulan", "minggu", "hari"][i % 4],
        )
        for i in range(60)
    ]
    anjab = make_anjab(jabatan, tasks=tasks)
    anjab.refresh_from_db()
    assert sum(anjab.tugas_pokok.values_list("kebutuhan", flat=True)) == anjab.kebutuhan_mentah


def test_a_new_analysis_takes_wke_and_rounding_from_the_settings(settings, jabatan, office):
    settings.ABK_ANJAB_WKE_HOURS = "1200"
    settings.ABK_ANJAB_ROUNDING = "up"
    anjab = Anjab.objects.create(office=office, jabatan=jabatan, tahun=2030)
    assert anjab.wke_jam == Decimal("1200")
    assert anjab.pembulatan == "up"


def test_default_wke_is_1250_hours_half_up(jabatan, office):
    anjab = Anjab.objects.create(office=office, jabatan=jabatan, tahun=2031)
    assert anjab.wke_jam == Decimal("1250")
    assert anjab.wke_menit == Decimal("75000")
    assert anjab.pembulatan == "half_up"


def test_rounding_up_and_fixed_leadership_post_change_the_head_count(anjab):
    anjab.pembulatan = "up"
    anjab.save()
    assert anjab.recalculate().headcount == 1
    anjab.kebutuhan_ditetapkan = True
    anjab.jumlah_ditetapkan = 2
    anjab.save()
    anjab.recalculate()
    assert (anjab.kebutuhan, anjab.kebutuhan_bulat, anjab.selisih) == (2, 1, -1)


def test_code_lists_are_loaded_by_the_data_migration_with_descriptions():
    assert KodeSyarat.objects.count() == sum(len(rows) for rows in KODE_SYARAT.values())
    g = KodeSyarat.objects.get(jenis="bakat", kode="G")
    assert g.nama == "Inteligensi" and g.uraian
    assert KodeSyarat.objects.filter(jenis="fungsi_pekerjaan", kode__startswith="B").count() == 8


def test_loading_code_lists_again_changes_nothing():
    before = KodeSyarat.objects.count()
    assert load_kode_syarat() == before


def test_role_names_of_the_permission_map_are_real_roles():
    assert set(ROLE_PERMISSIONS) <= set(roles.ALL_ROLES)


def test_roles_receive_their_abk_permissions_after_migrate(korsek, staf_adm, kasubag_adm, ketua):
    assert korsek.has_perm("abk_anjab.approve_anjab")
    assert kasubag_adm.has_perm("abk_anjab.verify_anjab")
    assert not kasubag_adm.has_perm("abk_anjab.approve_anjab")
    assert staf_adm.has_perm("abk_anjab.fill_anjab")
    assert not staf_adm.has_perm("abk_anjab.verify_anjab")
    assert ketua.has_perm("abk_anjab.view_anjab")
    assert not ketua.has_perm("abk_anjab.fill_anjab")


def test_visible_to_keeps_to_the_users_office(anjab, korsek, stranger):
    assert list(Anjab.objects.visible_to(korsek)) == [anjab]
    assert not Anjab.objects.visible_to(stranger).exists()


def test_admin_lists_only_the_superusers_own_office(client, anjab, make_user, other_office):
    from abk_anjab.models import Jabatan
    from tests.factories import UnitFactory

    Jabatan.objects.create(
        office=other_office,
        unit=UnitFactory(office=other_office),
        nama="Rahasia",
        jenis="pelaksana",
    )
    admin = make_user(office=anjab.office, is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/abk_anjab/jabatan/").content.decode()
    assert "Pengadministrasi Persuratan" in page
    assert "Rahasia" not in page
    assert client.get(f"/admin/abk_anjab/anjab/{anjab.pk}/change/").status_code == 200
    assert client.get("/admin/abk_anjab/anjab/add/").status_code == 403


def test_region_counts_give_aggregates_per_office(anjab, other_office):
    from django.apps import apps

    counts = dict(
        apps.get_app_config("abk_anjab").region_counts([anjab.office_id, other_office.pk])
    )
    assert counts["Anjab"] == {anjab.office_id: 1}
    assert counts["Anjab disetujui"] == {anjab.office_id: 0}
