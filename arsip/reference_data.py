"""Reference data E-Arsip ships: filing codes (CSV), security classes, default access matrix,
default classification authority (clearance per role, deciding officials per class).

Each loader is idempotent and never overwrites what an archivist or administrator edited:
it only adds what is missing. The data migration calls them with the historical app
registry; tests of transactional (browser) tests call them again after a flush.
"""

import csv
from pathlib import Path

from django.apps import apps as global_apps

from .access import DEFAULT_MATRIX
from .authority import DEFAULT_CLEARANCE, DEFAULT_OFFICIALS

CSV_PATH = Path(__file__).resolve().parent / "data" / "klasifikasi_arsip.csv"

# Perbawaslu 32/2018 jo. 12/2020; criteria from the ANRI model (see docs/arsip.md).
KELAS = [
    ("B", "Biasa/Terbuka", 1, "hitam", False, "Tidak menimbulkan kerugian bila diketahui umum."),
    (
        "T",
        "Terbatas",
        2,
        "hitam",
        False,
        "Mengganggu pelaksanaan tugas dan fungsi lembaga bila diketahui yang tidak berhak.",
    ),
    (
        "R",
        "Rahasia",
        3,
        "merah",
        True,
        "Mengganggu fungsi penyelenggaraan negara, sumber daya nasional, ketertiban umum; "
        "kerugian serius atas privasi, kepercayaan, atau reputasi.",
    ),
    (
        "SR",
        "Sangat Rahasia",
        4,
        "merah",
        True,
        "Membahayakan kedaulatan negara, keutuhan wilayah, dan keselamatan bangsa.",
    ),
]


def read_csv(path=CSV_PATH):
    with open(path, encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def load_klasifikasi(apps=global_apps, rows=None):
    """Create missing filing codes and link each to its parent. Returns the number created."""
    model = apps.get_model("arsip", "KlasifikasiArsip")
    rows = rows if rows is not None else read_csv()
    existing = {k.kode: k for k in model.objects.all()}
    created = 0
    for row in sorted(rows, key=lambda r: r["kode"].count(".")):
        kode = row["kode"].upper()
        if kode in existing:
            continue
        parent = existing.get(kode.rsplit(".", 1)[0]) if "." in kode else None
        existing[kode] = model.objects.create(
            kode=kode, nama=row["nama"], jenis=row["jenis"] or "fasilitatif", parent=parent
        )
        created += 1
    return created


def load_kelas(apps=global_apps):
    """Create missing security classes. Returns the number created."""
    model = apps.get_model("arsip", "KelasKeamanan")
    created = 0
    for kode, nama, tingkat, tanda, wajib_tujuan, kriteria in KELAS:
        _, made = model.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama,
                "tingkat": tingkat,
                "tanda": tanda,
                "wajib_tujuan": wajib_tujuan,
                "kriteria": kriteria,
            },
        )
        created += made
    return created


def load_matrix(apps=global_apps):
    """Create missing rows of the default matrix. Returns the number created."""
    group_model = apps.get_model("auth", "Group")
    kelas_model = apps.get_model("arsip", "KelasKeamanan")
    matrix_model = apps.get_model("arsip", "AksesMatrix")
    kelas = {k.kode: k for k in kelas_model.objects.all()}
    created = 0
    for role_name, per_class in DEFAULT_MATRIX.items():
        group, _ = group_model.objects.get_or_create(name=role_name)
        for kode, lingkup in per_class.items():
            if kode in kelas:
                _, made = matrix_model.objects.get_or_create(
                    role=group, kelas=kelas[kode], defaults={"lingkup": lingkup}
                )
                created += made
    return created


def load_authority(apps=global_apps):
    """Create missing clearance rows (one per role) and deciding-official rows. Returns the
    number created."""
    group_model = apps.get_model("auth", "Group")
    kelas_model = apps.get_model("arsip", "KelasKeamanan")
    try:
        batas_model = apps.get_model("arsip", "BatasKlasifikasi")
        pejabat_model = apps.get_model("arsip", "PejabatKelas")
    except LookupError:  # an earlier migration's registry: migration 0014 loads them
        return 0
    kelas = {k.kode: k for k in kelas_model.objects.all()}
    created = 0
    for role_name, kode in DEFAULT_CLEARANCE.items():
        if kode in kelas:
            group, _ = group_model.objects.get_or_create(name=role_name)
            _, made = batas_model.objects.get_or_create(
                role=group, defaults={"kelas_tertinggi": kelas[kode]}
            )
            created += made
    for (kode, tindakan), officials in DEFAULT_OFFICIALS.items():
        if kode not in kelas:
            continue
        for role_name, lingkup, kecuali_pendaftar in officials:
            group, _ = group_model.objects.get_or_create(name=role_name)
            _, made = pejabat_model.objects.get_or_create(
                kelas=kelas[kode],
                tindakan=tindakan,
                role=group,
                defaults={"lingkup": lingkup, "kecuali_pendaftar": kecuali_pendaftar},
            )
            created += made
    return created


def load_all(apps=global_apps):
    """Load what is missing; returns {"klasifikasi": n, "kelas": n, "matrix": n,
    "kewenangan": n} created."""
    return {
        "klasifikasi": load_klasifikasi(apps),
        "kelas": load_kelas(apps),
        "matrix": load_matrix(apps),
        "kewenangan": load_authority(apps),
    }
