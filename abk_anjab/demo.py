"""Demo jobs and analyses for `manage.py seed_demo` (fictitious figures, idempotent)."""

from django.utils import timezone

from sisp.models import Unit

from .models import Anjab, Jabatan, TugasPokok
from .reference import load_kode_syarat

# (unit name, job name, kind, grade, bezetting, tasks: (uraian, hasil, satuan, volume, periode,
# waktu, satuan_waktu))
JOBS = [
    (
        "Subbagian Administrasi",
        "Pengelola Keuangan",
        Jabatan.Jenis.PELAKSANA,
        7,
        1,
        [
            (
                "Memverifikasi bukti pertanggungjawaban keuangan",
                "Berkas terverifikasi",
                "berkas",
                "600",
                "tahun",
                "45",
                "menit",
            ),
            (
                "Menyusun laporan realisasi anggaran bulanan",
                "Laporan realisasi",
                "laporan",
                "1",
                "bulan",
                "6",
                "jam",
            ),
            (
                "Mencatat transaksi harian pada aplikasi keuangan",
                "Catatan transaksi",
                "transaksi",
                "8",
                "hari",
                "10",
                "menit",
            ),
        ],
    ),
    (
        "Subbagian Administrasi",
        "Pengadministrasi Persuratan",
        Jabatan.Jenis.PELAKSANA,
        5,
        2,
        [
            (
                "Mengagendakan surat masuk dan keluar",
                "Surat teragenda",
                "surat",
                "1200",
                "tahun",
                "10",
                "menit",
            ),
            (
                "Menata dan memberkaskan arsip aktif",
                "Berkas arsip",
                "berkas",
                "4",
                "minggu",
                "30",
                "menit",
            ),
        ],
    ),
    (
        "Subbagian Penanganan Pelanggaran, Hukum dan Humas",
        "Analis Hukum",
        Jabatan.Jenis.PELAKSANA,
        9,
        1,
        [
            ("Menyusun kajian dugaan pelanggaran", "Kajian", "dokumen", "40", "tahun", "12", "jam"),
            ("Menyiapkan bahan rapat pleno", "Bahan rapat", "berkas", "48", "tahun", "3", "jam"),
        ],
    ),
    ("Sekretariat", "Koordinator Sekretariat", Jabatan.Jenis.PENGAWAS, 9, 1, []),
]


def seed_demo(offices, users):
    load_kode_syarat()
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
            anjab, created = Anjab.objects.get_or_create(
                jabatan=job,
                tahun=year,
                defaults={
                    "office": office,
                    "bezetting": bezetting,
                    "created_by": author,
                    "ikhtisar": f"Melaksanakan tugas {name.lower()} di {unit_name}.",
                },
            )
            if created:
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
