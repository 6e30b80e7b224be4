"""Building the POST body of the Anjab form the way a browser would."""

import datetime
import itertools

from abk_anjab.models import SECTIONS
from arsip.models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah

_seq = itertools.count(1)
# The year SISP's counts are suggested from for an analysis of 2026 (volumes.count_year).
YEAR = 2025

MAIN = {
    "bezetting": "1",
    "wke_jam": "1250",
    "pembulatan": "half_up",
    "jumlah_ditetapkan": "1",
    "ikhtisar": "Mengelola persuratan kantor.",
}


def form_data(anjab=None, tasks=(), keep_existing=True, **main):
    """POST data: the main fields, the task rows ``tasks`` (dicts) after the stored ones (kept
    as they are when ``keep_existing``), and empty management forms for the other sections."""
    data = {**MAIN, **main}
    if anjab is not None:
        data.setdefault("versi", str(anjab.versi))
    existing = list(anjab.tugas_pokok.all()) if anjab and keep_existing else []
    rows = []
    for row in existing:
        rows.append(
            {
                "id": str(row.pk),
                "uraian": row.uraian,
                "hasil_kerja": row.hasil_kerja,
                "satuan_hasil": row.satuan_hasil,
                "volume": str(row.volume),
                "periode": row.periode,
                "waktu": str(row.waktu),
                "satuan_waktu": row.satuan_waktu,
                "sumber_hitungan": row.sumber_hitungan,
            }
        )
    for task in tasks:
        rows.append(
            {
                "uraian": "Tugas baru",
                "hasil_kerja": "Dokumen",
                "satuan_hasil": "dokumen",
                "periode": "tahun",
                "satuan_waktu": "menit",
                **task,
            }
        )
    for name, _model, _fields, _title in SECTIONS:
        data[f"{name}-INITIAL_FORMS"] = str(len(existing)) if name == "tugas_pokok" else "0"
        data[f"{name}-TOTAL_FORMS"] = str(len(rows)) if name == "tugas_pokok" else "0"
        data[f"{name}-MIN_NUM_FORMS"] = "0"
        data[f"{name}-MAX_NUM_FORMS"] = "1000"
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"tugas_pokok-{i}-{key}"] = value
    return data


def naskah(*, office, unit, created_by, kelas="B", kode="KA.01.02", tanggal=None, jenis="surat"):
    n = next(_seq)
    klasifikasi = KlasifikasiArsip.objects.get(kode=kode)
    berkas = Berkas.objects.create(
        office=office,
        nomor_berkas=f"V{n}/{YEAR}",
        klasifikasi=klasifikasi,
        uraian=f"Berkas {n}",
        unit=unit,
        created_by=created_by,
    )
    return Naskah.objects.create(
        office=office,
        berkas=berkas,
        nomor_item=1,
        klasifikasi=klasifikasi,
        kelas=KelasKeamanan.objects.get(kode=kelas),
        unit=unit,
        perihal=f"Naskah {n}",
        created_by=created_by,
        tanggal=tanggal or datetime.date(YEAR, 3, 1),
        jenis=jenis,
    )
