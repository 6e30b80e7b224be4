"""Demo rows for `manage.py seed_demo`: a few records of every class in each kab/kota office,
registered by the office's archivist, some with a PDF. Fictitious content only; idempotent
(records are keyed by their letter number)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from . import reference_data, services
from .models import KelasKeamanan, KlasifikasiArsip, Naskah, RetensiArsip
from .pdfgen import simple_pdf

# (code, class, unit name, subject, letter seq, day, pdf lines)
RECORDS = [
    (
        "PM.00.02",
        "B",
        "Divisi Pencegahan, Partisipasi Masyarakat dan Humas",
        "Instruksi pengawasan tahapan kampanye",
        101,
        date(2026, 2, 3),
        ["Instruksi pengawasan tahapan kampanye", "Seluruh Panwascam agar melakukan patroli."],
    ),
    (
        "PP.01.02",
        "R",
        "Divisi Penanganan Pelanggaran dan Data Informasi",
        "Kajian awal laporan dugaan politik uang",
        102,
        date(2026, 2, 10),
        [
            "Kajian awal laporan nomor 01/Reg/LP/PB/Kota/16.07/II/2026",
            "Dugaan pemberian uang di Kelurahan Contoh Jaya (data fiktif).",
        ],
    ),
    (
        "PP.01.02",
        "SR",
        "Pimpinan",
        "Berita acara klarifikasi saksi pelapor",
        103,
        date(2026, 2, 12),
        ["Berita acara klarifikasi saksi (data fiktif)"],
    ),
    (
        "KP.04.00",
        "T",
        "Subbagian Administrasi",
        "Usulan kenaikan pangkat pegawai",
        104,
        date(2026, 1, 20),
        None,
    ),
    (
        "KU.02",
        "B",
        "Subbagian Administrasi",
        "Laporan realisasi anggaran triwulan I",
        105,
        date(2026, 4, 2),
        ["Laporan realisasi anggaran triwulan I tahun 2026"],
    ),
    (
        "HM.07",
        "B",
        "Subbagian Penanganan Pelanggaran, Hukum dan Humas",
        "Undangan sosialisasi pengawasan partisipatif",
        106,
        date(2026, 3, 5),
        None,
    ),
    (
        "OT.02",
        "B",
        "Sekretariat",
        "Notulen rapat analisis jabatan dan beban kerja",
        107,
        date(2026, 3, 18),
        ["Notulen rapat analisis jabatan dan beban kerja"],
    ),
]

# Example JRA rows, left unverified: the real figures are Perbawaslu 14/2020's annex.
DEMO_JRA = [
    ("PP.01.02", 2, 3, "permanen"),
    ("KP.04.00", 2, 5, "musnah"),
    ("KU.02", 1, 5, "musnah"),
    ("PM.00.02", 2, 3, "dinilai_kembali"),
]


def seed(offices, users):
    reference_data.load_all()
    for kode, aktif, inaktif, nasib in DEMO_JRA:
        klasifikasi = KlasifikasiArsip.objects.filter(kode=kode).first()
        if klasifikasi:
            RetensiArsip.objects.get_or_create(
                klasifikasi=klasifikasi,
                defaults={
                    "aktif_tahun": aktif,
                    "inaktif_tahun": inaktif,
                    "nasib_akhir": nasib,
                    "catatan": "Contoh data demo, belum diverifikasi.",
                },
            )
    kelas = {k.kode: k for k in KelasKeamanan.objects.all()}
    for key in ("kota", "kab"):
        office = offices.get(key)
        archivist = users.get(f"arsiparis.{key}")
        if office is None or archivist is None:
            continue
        if not archivist.is_staff:
            archivist.is_staff = True  # edits filing codes and JRA in the admin
            archivist.save(update_fields=["is_staff"])
        units = {u.name: u for u in office.units.all()}
        for kode, kelas_kode, unit_name, perihal, seq, day, lines in RECORDS:
            unit = units.get(unit_name) or archivist.unit
            nomor = f"{seq}/{kode}/{office.code}/{day.month:02d}/{day.year}"
            if Naskah.objects.filter(office=office, nomor_surat=nomor).exists():
                continue
            upload = None
            if lines:
                upload = SimpleUploadedFile(
                    f"{perihal[:40]}.pdf",
                    simple_pdf([nomor, *lines]),
                    content_type="application/pdf",
                )
            naskah = services.register_naskah(
                user=archivist,
                data={
                    "klasifikasi": KlasifikasiArsip.objects.get(kode=kode),
                    "kelas": kelas[kelas_kode],
                    "unit": unit,
                    "perihal": perihal,
                    "nomor_surat": nomor,
                    "tanggal": day,
                    "dari": office.name,
                    "lokasi_fisik": "Lemari arsip 1, rak 2",
                },
                uploaded=upload,
            )
            for version in naskah.versi.all():
                services.extract_and_index(version.pk)
