"""No lost work in E-Arsip: file numbers without races, stale edits refused, item numbers
that do not reveal hidden records."""

import datetime
import threading

import pytest
from django.db import connection, connections

from arsip import services
from arsip.models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah, NomorBerkasCounter
from sisp import roles

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
