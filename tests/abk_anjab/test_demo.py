import pytest
from django.apps import apps
from django.utils import timezone

from abk_anjab.models import Anjab, Jabatan, NomenklaturJabatan
from sisp.models import Office, Unit
from tests.factories import OfficeFactory, UnitFactory

pytestmark = pytest.mark.django_db

UNITS = [
    "Sekretariat",
    "Subbagian Administrasi",
    "Subbagian Penanganan Pelanggaran, Hukum dan Humas",
]


def demo_office(key):
    office = OfficeFactory(name=f"Bawaslu Demo {key}", level=Office.Level.KOTA)
    for name in UNITS:
        UnitFactory(office=office, name=name, kind=Unit.Kind.SUBBAGIAN)
    return office


def test_seed_demo_is_idempotent_and_gives_a_varied_staffing_picture():
    offices = {"kota": demo_office("kota"), "kab": demo_office("kab")}
    config = apps.get_app_config("abk_anjab")
    config.seed_demo(offices, {})
    config.seed_demo(offices, {})
    assert Jabatan.objects.count() == 10
    year = timezone.localdate().year
    # This year's analysis of each job and last year's, so the comparison has something.
    assert Anjab.objects.filter(tahun=year).count() == 10
    assert Anjab.objects.filter(tahun=year - 1).count() == 10
    kota = {a.jabatan.nama: a for a in Anjab.objects.filter(office=offices["kota"], tahun=year)}
    assert kota["Penelaah Teknis Kebijakan"].selisih < 0  # shortage
    assert kota["Pengadministrasi Perkantoran"].selisih > 0  # surplus
    assert kota["Pengolah Data dan Informasi"].bezetting == 0
    assert kota["Pengolah Data dan Informasi"].ej is None  # nobody holds it yet
    assert kota["Koordinator Sekretariat"].kebutuhan == 1
    assert kota["Koordinator Sekretariat"].kebutuhan_ditetapkan
    # Job names come from the nomenclature; every new analysis has the nine standard aspects.
    assert set(kota) - {"Koordinator Sekretariat"} <= set(
        NomenklaturJabatan.objects.values_list("nama", flat=True)
    )
    for anjab in Anjab.objects.all():
        assert anjab.kondisi_lingkungan.count() == 9
        assert sum(t.kebutuhan for t in anjab.tugas_pokok.all()) == anjab.kebutuhan_mentah
    last = Anjab.objects.get(
        office=offices["kota"], tahun=year - 1, jabatan__nama="Penelaah Teknis Kebijakan"
    )
    now = kota["Penelaah Teknis Kebijakan"]
    first_task = {a.tahun: a.tugas_pokok.order_by("urutan").first().volume for a in (last, now)}
    assert first_task[year - 1] < first_task[year]
