"""Demo jobs and analyses for `manage.py seed_demo` (fictitious figures, idempotent)."""

from django.utils import timezone

from sisp.models import Unit

from .models import Anjab, Jabatan, TugasPokok
from .reference import load_kode_syarat, load_nomenklatur
from .services import preset_kondisi_lingkungan

ADM = "Subbagian Administrasi"
HUKUM = "Subbagian Penanganan Pelanggaran, Hukum dan Humas"
PELAKSANA, PENGAWAS = Jabatan.Jenis.PELAKSANA, Jabatan.Jenis.PENGAWAS

# fmt: off
# (unit name, job name, kind, grade, bezetting, tasks: (uraian, hasil, satuan, volume, periode,
# waktu, satuan_waktu))
# Job names of the Jabatan Pelaksana nomenclature (KepmenPANRB 282/2025, see reference.py (?)).
JOBS = [
    (ADM, "Penata Layanan Operasional", PELAKSANA, 7, 1, [
        ("Memverifikasi bukti pertanggungjawaban keuangan", "Berkas terverifikasi", "berkas",
         "600", "tahun", "45", "menit"),
        ("Menyusun laporan realisasi anggaran bulanan", "Laporan realisasi", "laporan",
         "1", "bulan", "6", "jam"),
        ("Mencatat transaksi harian pada aplikasi keuangan", "Catatan transaksi", "transaksi",
         "8", "hari", "10", "menit"),
    ]),
    # 0.3200 + 0.3333 + 0.0800 = 0.7333 -> 1 against 2 people: a surplus.
    (ADM, "Pengadministrasi Perkantoran", PELAKSANA, 5, 2, [
        ("Mengagendakan surat masuk dan keluar", "Surat teragenda", "surat",
         "2400", "tahun", "10", "menit"),
        ("Mendistribusikan surat masuk harian", "Surat terdistribusi", "surat",
         "20", "hari", "5", "menit"),
        ("Menata dan memberkaskan arsip aktif", "Berkas arsip", "berkas",
         "4", "minggu", "30", "menit"),
    ]),
    # 0.5333 + 0.0768 = 0.6101 -> 1 and nobody in the job yet: EJ cannot be computed.
    (ADM, "Pengolah Data dan Informasi", PELAKSANA, 6, 0, [
        ("Menginput data hasil pengawasan tahapan", "Data terinput", "data",
         "40", "hari", "4", "menit"),
        ("Menyusun rekap data pengawasan bulanan", "Rekap data", "laporan",
         "1", "bulan", "8", "jam"),
    ]),
    # 0.7680 + 0.3840 + 0.4800 = 1.6320 -> 2 against 1 person: a shortage.
    (HUKUM, "Penelaah Teknis Kebijakan", PELAKSANA, 9, 1, [
        ("Menyusun kajian dugaan pelanggaran", "Kajian", "dokumen", "60", "tahun", "16", "jam"),
        ("Menyiapkan bahan rapat pleno", "Bahan rapat", "berkas", "120", "tahun", "4", "jam"),
        ("Menelaah laporan dugaan pelanggaran", "Telaahan", "dokumen", "200", "tahun", "3", "jam"),
    ]),
    # A leadership post fixed at one whatever its workload.
    ("Sekretariat", "Koordinator Sekretariat", PENGAWAS, 9, 1, [
        ("Mengoordinasikan pelaksanaan tugas sekretariat", "Laporan koordinasi", "laporan",
         "12", "tahun", "8", "jam"),
    ]),
]
# fmt: on


def seed_demo(offices, users):
    load_kode_syarat()
    load_nomenklatur()
    year = timezone.localdate().year
    for key in ("kota", "kab"):
        office = offices.get(key)
        if office is None:
            continue
        author = users.get(f"staf.{key}")
        for order, (unit_name, name, kind, grade, bezetting, tasks) in enumerate(JOBS):
            unit = Unit.objects.filter(office=office, name=unit_name).first()
            if unit is None:
                continue
            job, _ = Jabatan.objects.update_or_create(
                unit=unit,
                nama=name,
                defaults={
                    "office": office,
                    "jenis": kind,
                    "kelas_jabatan": grade,
                    "bezetting": bezetting,
                    "urutan": order,
                },
            )
            if not tasks:
                continue
            # Last year's analysis too, with its own volumes, so "Bandingkan dengan tahun lalu"
            # has something to compare: the first task's volume was a fifth lower.
            last_year = [
                (t[0], t[1], t[2], str(int(int(t[3]) * 0.8)) if i == 0 else t[3], *t[4:])
                for i, t in enumerate(tasks)
            ]
            for tahun, rows in ((year - 1, last_year), (year, tasks)):
                _seed_analysis(office, job, unit_name, name, kind, bezetting, author, tahun, rows)


def _seed_analysis(office, job, unit_name, name, kind, bezetting, author, year, tasks):
    """One analysis of ``job`` for ``year`` with ``tasks`` (kept if it exists already)."""
    anjab, created = Anjab.objects.get_or_create(
        jabatan=job,
        tahun=year,
        defaults={
            "office": office,
            "bezetting": bezetting,
            "created_by": author,
            "ikhtisar": f"Melaksanakan tugas {name.lower()} di {unit_name}.",
            # A leadership post counted as one whatever its workload (recorded basis).
            "kebutuhan_ditetapkan": kind == Jabatan.Jenis.PENGAWAS,
            "dasar_penetapan": (
                "Jabatan pimpinan unit: satu orang per unit (contoh data demo)."
                if kind == Jabatan.Jenis.PENGAWAS
                else ""
            ),
        },
    )
    if created:
        preset_kondisi_lingkungan(anjab)
        TugasPokok.objects.bulk_create(
            TugasPokok(
                anjab=anjab,
                urutan=i,
                uraian=uraian,
                hasil_kerja=hasil,
                satuan_hasil=satuan,
                volume=volume,
                periode=periode,
                waktu=waktu,
                satuan_waktu=satuan_waktu,
            )
            for i, (
                uraian,
                hasil,
                satuan,
                volume,
                periode,
                waktu,
                satuan_waktu,
            ) in enumerate(tasks)
        )
        anjab.recalculate()
