from decimal import Decimal

import pytest

from abk_anjab.models import Anjab, Jabatan, TugasPokok
from abk_anjab.reference import load_kode_syarat
from sisp import roles
from sisp.models import Unit
from tests.factories import UnitFactory


@pytest.fixture
def kode_syarat(db):
    """The code lists; data-migration rows are gone after a transactional (browser) test."""
    load_kode_syarat()


@pytest.fixture
def arsip_data(db):
    """E-Arsip's codes, classes and access matrix (for the volume suggestions)."""
    from arsip import reference_data

    reference_data.load_all()


@pytest.fixture
def sekretariat(office):
    return UnitFactory(office=office, name="Sekretariat", kind=Unit.Kind.SEKRETARIAT, order=1)


@pytest.fixture
def subbag_adm(office, sekretariat):
    return UnitFactory(
        office=office,
        name="Subbagian Administrasi",
        kind=Unit.Kind.SUBBAGIAN,
        parent=sekretariat,
        order=2,
    )


@pytest.fixture
def subbag_hukum(office, sekretariat):
    return UnitFactory(
        office=office,
        name="Subbagian Hukum",
        kind=Unit.Kind.SUBBAGIAN,
        parent=sekretariat,
        order=3,
    )


@pytest.fixture
def staf_adm(make_user, office, subbag_adm):
    return make_user(roles.STAF, office=office, unit=subbag_adm, username="staf.adm")


@pytest.fixture
def staf_hukum(make_user, office, subbag_hukum):
    return make_user(roles.STAF, office=office, unit=subbag_hukum, username="staf.hukum")


@pytest.fixture
def kasubag_adm(make_user, office, subbag_adm):
    return make_user(roles.KEPALA_SUBBAGIAN, office=office, unit=subbag_adm, username="kasubag")


@pytest.fixture
def korsek(make_user, office, sekretariat):
    return make_user(
        roles.KOORDINATOR_SEKRETARIAT, office=office, unit=sekretariat, username="korsek"
    )


@pytest.fixture
def ketua(make_user, office):
    return make_user(roles.KETUA, office=office, username="ketua")


@pytest.fixture
def arsiparis(make_user, office, subbag_adm):
    return make_user(roles.ARSIPARIS, office=office, unit=subbag_adm, username="arsiparis")


@pytest.fixture
def stranger(make_user, other_office):
    """A Koordinator Sekretariat of another office: every right, none of our rows."""
    return make_user(roles.KOORDINATOR_SEKRETARIAT, office=other_office, username="orang.lain")


@pytest.fixture
def jabatan(office, subbag_adm):
    return Jabatan.objects.create(
        office=office,
        unit=subbag_adm,
        nama="Pengadministrasi Persuratan",
        jenis=Jabatan.Jenis.PELAKSANA,
        kelas_jabatan=5,
        bezetting=1,
    )


@pytest.fixture
def make_anjab(office):
    def make(jabatan, tahun=2026, tasks=(), **kwargs):
        anjab = Anjab.objects.create(
            office=office, jabatan=jabatan, tahun=tahun, bezetting=jabatan.bezetting, **kwargs
        )
        for i, (volume, waktu, satuan_waktu, periode) in enumerate(tasks):
            TugasPokok.objects.create(
                anjab=anjab,
                urutan=i,
                uraian=f"Tugas {i + 1}",
                hasil_kerja=f"Hasil {i + 1}",
                satuan_hasil="dokumen",
                volume=Decimal(volume),
                waktu=Decimal(waktu),
                satuan_waktu=satuan_waktu,
                periode=periode,
            )
        anjab.recalculate()
        return anjab

    return make


# 1,200 letters x 10 min (0.1600) + 20 a day x 5 min (0.3333) = 0.4933
CLERK_TASKS = [("1200", "10", "menit", "tahun"), ("20", "5", "menit", "hari")]


def fill_required(anjab):
    """Something in every section an analysis needs before it is submitted, besides its tasks
    (conf.DEFAULT_REQUIRED_SECTIONS)."""
    anjab.ikhtisar = "Mengelola persuratan kantor."
    anjab.pendidikan = "D-III Administrasi Perkantoran"
    anjab.save(update_fields=["ikhtisar", "pendidikan"])
    anjab.hasil_kerja.create(hasil="Agenda surat", satuan="dokumen")
    anjab.tanggung_jawab.create(uraian="Ketepatan agenda surat")
    anjab.wewenang.create(uraian="Meminta kelengkapan surat")
    return anjab


@pytest.fixture
def anjab(make_anjab, jabatan):
    """A draft with two tasks and every required section filled: ready to be submitted."""
    return fill_required(make_anjab(jabatan, tasks=CLERK_TASKS))
