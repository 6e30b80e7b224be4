"""Info PPPS deadlines as the law says (issue 11): stage limits and citations corrected, the
Gakkumdu and TSM tracks, Pilkada disputes with their own stages, limits in hours; one register
counter per book (laporan, temuan, sengketa) and year; the normalised register key unique.

Stage rows still as the earlier release seeded them (``OLD_SEED``) take the corrected values;
rows the installation manager edited are left alone. Open cases on a corrected stage get their
deadline recomputed, with a history event and an audit entry each, like any shared-rule change.
"""

from django.db import migrations

# The stages as release 0002–0005 seeded them: "regime/jenis/code" -> (name, days, day_type,
# counted_from, extension_days, is_unconfirmed, legal_basis). Frozen here on purpose.
OLD_SEED = {
    "pemilihan/laporan/kajian": (
        "Kajian dan putusan pleno",
        3,
        "kalender",
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): 3 hari, tambah 2 hari bila perlu keterangan tambahan",
    ),
    "pemilihan/laporan/kajian-awal": (
        "Kajian awal (syarat formal dan materiel)",
        None,
        "kalender",
        "diterima",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/laporan/klarifikasi": (
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        3,
        "kalender",
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): dalam batas waktu kajian",
    ),
    "pemilihan/laporan/pemberitahuan": (
        "Pemberitahuan status dan pengumuman",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/laporan/penerimaan": (
        "Penerimaan laporan",
        7,
        "kalender",
        "diketahui",
        0,
        False,
        "UU 1/2015 jo. UU 10/2016 Pasal 134(4)",
    ),
    "pemilihan/laporan/perlu-dilengkapi": (
        "Pelapor melengkapi laporan",
        2,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Praktik: 2x24 jam",
    ),
    "pemilihan/laporan/registrasi": (
        "Registrasi",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/laporan/tindak-lanjut": (
        "Tindak lanjut / penerusan",
        None,
        "kalender",
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, atau instansi lain",
    ),
    "pemilihan/sengketa/adjudikasi": (
        "Adjudikasi",
        12,
        "kerja",
        "registrasi",
        0,
        False,
        "Bila tidak tercapai kesepakatan",
    ),
    "pemilihan/sengketa/mediasi": (
        "Mediasi / musyawarah",
        2,
        "kerja",
        "registrasi",
        0,
        False,
        "Paling lama 2 hari setelah registrasi",
    ),
    "pemilihan/sengketa/perbaikan": (
        "Perbaikan permohonan",
        3,
        "kerja",
        "kejadian",
        0,
        False,
        "Dalam tenggang 3 hari yang sama",
    ),
    "pemilihan/sengketa/permohonan": (
        "Permohonan diterima",
        3,
        "kerja",
        "kejadian",
        0,
        False,
        "Paling lama 3 hari kerja sejak keputusan KPU",
    ),
    "pemilihan/sengketa/ptun": (
        "Pengajuan ke PTUN",
        5,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Paling lama 5 hari kerja setelah putusan; PTUN 21 hari; KPU 3 hari",
    ),
    "pemilihan/sengketa/putusan": (
        "Putusan",
        12,
        "kerja",
        "registrasi",
        0,
        False,
        "Paling lama hari ke-12 sejak registrasi (hari kerja)",
    ),
    "pemilihan/sengketa/registrasi": (
        "Registrasi (buku register PSPP-25)",
        None,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Setelah permohonan lengkap",
    ),
    "pemilihan/sengketa/verifikasi": (
        "Verifikasi formal dan materiel",
        0,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Pada hari yang sama (PSPP-04)",
    ),
    "pemilihan/temuan/kajian": (
        "Kajian dan putusan pleno",
        3,
        "kalender",
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): 3 hari, tambah 2 hari bila perlu keterangan tambahan",
    ),
    "pemilihan/temuan/kajian-awal": (
        "Kajian awal (syarat formal dan materiel)",
        None,
        "kalender",
        "diterima",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/temuan/klarifikasi": (
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        3,
        "kalender",
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): dalam batas waktu kajian",
    ),
    "pemilihan/temuan/pemberitahuan": (
        "Pemberitahuan status dan pengumuman",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/temuan/penerimaan": (
        "Penetapan temuan dalam pleno",
        7,
        "kalender",
        "diketahui",
        0,
        False,
        "UU 1/2015 jo. UU 10/2016 Pasal 134(4)",
    ),
    "pemilihan/temuan/registrasi": (
        "Registrasi",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    "pemilihan/temuan/tindak-lanjut": (
        "Tindak lanjut / penerusan",
        None,
        "kalender",
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, atau instansi lain",
    ),
    "pemilu/laporan/kajian": (
        "Kajian dan putusan pleno",
        7,
        "kerja",
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): 7 hari, paling lama 14 hari kerja bila "
        "perlu keterangan tambahan",
    ),
    "pemilu/laporan/kajian-awal": (
        "Kajian awal (syarat formal dan materiel)",
        2,
        "kalender",
        "diterima",
        0,
        False,
        "Perbawaslu 7/2022",
    ),
    "pemilu/laporan/klarifikasi": (
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        7,
        "kerja",
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): dalam batas waktu kajian",
    ),
    "pemilu/laporan/pemberitahuan": (
        "Pemberitahuan status dan pengumuman",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022 (?)",
    ),
    "pemilu/laporan/penerimaan": (
        "Penerimaan laporan",
        7,
        "kerja",
        "diketahui",
        0,
        True,
        'UU 7/2017 Pasal 454(3) (hari kerja); Perbawaslu 7/2022 menyebut "hari"',
    ),
    "pemilu/laporan/perlu-dilengkapi": (
        "Pelapor melengkapi laporan",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022: pemberitahuan 1 hari setelah kajian awal; waktu melengkapi (?)",
    ),
    "pemilu/laporan/registrasi": (
        "Registrasi",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022 (?)",
    ),
    "pemilu/laporan/tindak-lanjut": (
        "Tindak lanjut / penerusan",
        None,
        "kalender",
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, instansi lain, atau adjudikasi",
    ),
    "pemilu/sengketa/adjudikasi": (
        "Adjudikasi",
        12,
        "kerja",
        "registrasi",
        0,
        False,
        "Bila tidak tercapai kesepakatan",
    ),
    "pemilu/sengketa/mediasi": (
        "Mediasi / musyawarah",
        2,
        "kerja",
        "registrasi",
        0,
        False,
        "Paling lama 2 hari setelah registrasi",
    ),
    "pemilu/sengketa/perbaikan": (
        "Perbaikan permohonan",
        3,
        "kerja",
        "kejadian",
        0,
        False,
        "Dalam tenggang 3 hari yang sama",
    ),
    "pemilu/sengketa/permohonan": (
        "Permohonan diterima",
        3,
        "kerja",
        "kejadian",
        0,
        False,
        "Paling lama 3 hari kerja sejak keputusan KPU",
    ),
    "pemilu/sengketa/ptun": (
        "Pengajuan ke PTUN",
        5,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Paling lama 5 hari kerja setelah putusan; PTUN 21 hari; KPU 3 hari",
    ),
    "pemilu/sengketa/putusan": (
        "Putusan",
        12,
        "kerja",
        "registrasi",
        0,
        False,
        "Paling lama hari ke-12 sejak registrasi (hari kerja)",
    ),
    "pemilu/sengketa/registrasi": (
        "Registrasi (buku register PSPP-25)",
        None,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Setelah permohonan lengkap",
    ),
    "pemilu/sengketa/verifikasi": (
        "Verifikasi formal dan materiel",
        0,
        "kerja",
        "mulai_tahap",
        0,
        False,
        "Pada hari yang sama (PSPP-04)",
    ),
    "pemilu/temuan/kajian": (
        "Kajian dan putusan pleno",
        7,
        "kerja",
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): 7 hari, paling lama 14 hari kerja bila "
        "perlu keterangan tambahan",
    ),
    "pemilu/temuan/kajian-awal": (
        "Kajian awal (syarat formal dan materiel)",
        2,
        "kalender",
        "diterima",
        0,
        False,
        "Perbawaslu 7/2022",
    ),
    "pemilu/temuan/klarifikasi": (
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        7,
        "kerja",
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): dalam batas waktu kajian",
    ),
    "pemilu/temuan/pemberitahuan": (
        "Pemberitahuan status dan pengumuman",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022 (?)",
    ),
    "pemilu/temuan/penerimaan": (
        "Penetapan temuan dalam pleno",
        7,
        "kerja",
        "diketahui",
        0,
        True,
        'UU 7/2017 Pasal 454(3) (hari kerja); Perbawaslu 7/2022 menyebut "hari"',
    ),
    "pemilu/temuan/registrasi": (
        "Registrasi",
        None,
        "kalender",
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022 (?)",
    ),
    "pemilu/temuan/tindak-lanjut": (
        "Tindak lanjut / penerusan",
        None,
        "kalender",
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, instansi lain, atau adjudikasi",
    ),
}

REASON = "koreksi batas waktu tahapan menurut undang-undang (pembaruan Info PPPS)"


def _current(stage):
    return (
        stage.name,
        stage.days,
        stage.day_type,
        stage.counted_from,
        stage.extension_days,
        stage.is_unconfirmed,
        stage.legal_basis,
    )


def split_counters(apps, schema_editor):
    """The shared counter becomes the laporan book; temuan and sengketa continue after the
    same number this year, so no number given before can come again."""
    RegisterCounter = apps.get_model("ppps", "RegisterCounter")
    for counter in list(RegisterCounter.objects.all()):
        for book in ("temuan", "sengketa"):
            RegisterCounter.objects.get_or_create(
                office_id=counter.office_id,
                book=book,
                year=counter.year,
                defaults={"last": counter.last},
            )


def refuse_equivalent_numbers(apps, schema_editor):
    Perkara = apps.get_model("ppps", "Perkara")
    seen, clashes = {}, []
    rows = Perkara.objects.exclude(nomor_kunci="").values_list(
        "office_id", "nomor_kunci", "nomor_register"
    )
    for office_id, key, nomor in rows.order_by("pk"):
        if (office_id, key) in seen:
            clashes.append(f"{seen[(office_id, key)]} = {nomor} (kantor #{office_id})")
        else:
            seen[(office_id, key)] = nomor
    if clashes:
        raise RuntimeError(
            "Nomor register berikut tidak dapat dibedakan oleh pencarian publik; perbaiki salah "
            "satunya (catat koreksi) sebelum pembaruan: " + "; ".join(clashes)
        )


def _start(perkara, counted_from):
    return {
        "kejadian": perkara.tanggal_kejadian,
        "diketahui": perkara.tanggal_diketahui,
        "diterima": perkara.tanggal_diterima,
        "registrasi": perkara.tanggal_registrasi,
        "mulai_tahap": perkara.tahap_mulai,
    }.get(counted_from)


def apply_law(apps, schema_editor):
    from ppps.reference_data import RETIRED_STAGES, stage_rows, stage_values

    Tahapan = apps.get_model("ppps", "Tahapan")
    fields = {f.name for f in Tahapan._meta.get_fields()}
    corrected = set()
    for regime, jenis, jalur, order, row in stage_rows():
        values = stage_values(jalur, order, row, fields)
        stage = Tahapan.objects.filter(regime=regime, jenis=jenis, code=row[0]).first()
        if stage is None:
            Tahapan.objects.create(regime=regime, jenis=jenis, code=row[0], **values)
            continue
        stage.jalur = jalur
        old = OLD_SEED.get(f"{regime}/{jenis}/{row[0]}")
        if old is not None and _current(stage) == old:
            for name, value in values.items():
                setattr(stage, name, value)
            corrected.add(stage.pk)
        stage.save()
    for regime, jenis, code in RETIRED_STAGES:
        Tahapan.objects.filter(regime=regime, jenis=jenis, code=code).update(is_active=False)
    _recompute(apps, corrected)


def _recompute(apps, stage_ids):
    Perkara = apps.get_model("ppps", "Perkara")
    RiwayatPerkara = apps.get_model("ppps", "RiwayatPerkara")
    HariLibur = apps.get_model("ppps", "HariLibur")
    AuditEvent = apps.get_model("sisp", "AuditEvent")
    from ppps import deadlines

    holidays = frozenset(HariLibur.objects.values_list("date", flat=True))
    cases = (
        Perkara.objects.filter(tahapan_id__in=stage_ids)
        .exclude(status__is_final=True)
        .select_related("tahapan")
    )
    for perkara in cases:
        stage = perkara.tahapan
        new = deadlines.deadline(
            _start(perkara, stage.counted_from),
            stage.days,
            day_type=stage.day_type,
            holidays=holidays,
            extension_days=stage.extension_days if perkara.tahap_diperpanjang else 0,
        )
        old = perkara.batas_waktu
        if new == old:
            continue
        Perkara.objects.filter(pk=perkara.pk).update(batas_waktu=new)
        text = lambda d: d.strftime("%d-%m-%Y") if d else "tanpa batas waktu"  # noqa: E731
        RiwayatPerkara.objects.create(
            perkara_id=perkara.pk,
            office_id=perkara.office_id,
            kind="batas_waktu",
            tanggal=perkara.tahap_mulai,
            tahapan_id=stage.pk,
            catatan=(
                f"Batas waktu tahapan {stage.name} berubah dari {text(old)} menjadi {text(new)} "
                f"karena {REASON}."
            ),
            is_public=False,
        )
        AuditEvent.objects.create(
            action="ppps.deadline_moved",
            office_id=perkara.office_id,
            object_type="ppps.Perkara",
            object_id=str(perkara.pk),
            object_repr=f"Perkara #{perkara.pk}",
            detail={
                "lama": old.isoformat() if old else None,
                "baru": new.isoformat() if new else None,
                "alasan": REASON,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ppps", "0006_law_deadlines_tracks_register_books"),
        ("sisp", "0006_office_bawaslu_code"),
    ]

    operations = [
        migrations.RunPython(split_counters, migrations.RunPython.noop),
        migrations.RunPython(refuse_equivalent_numbers, migrations.RunPython.noop),
        migrations.RunPython(apply_law, migrations.RunPython.noop),
    ]
