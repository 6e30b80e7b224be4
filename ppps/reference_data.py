"""Reference data Info PPPS ships: stages with their limits, status words, holidays.

Loaded by data migrations and, because a transactional test's flush wipes migration rows, by
an idempotent function tests (and ``post_migrate``) can call. Existing rows are left as the
office edited them: only missing codes are added.

Sources: the domain note (shared/domain/ppps.md). Items the note marks "(?)" are seeded with
``is_unconfirmed=True`` and, where the note gives no number, without a limit.
"""

PEMILU, PEMILIHAN = "pemilu", "pemilihan"
LAPORAN, TEMUAN, SENGKETA = "laporan", "temuan", "sengketa"
KAL, KERJA = "kalender", "kerja"

# (code, name, is_public, days, day_type, counted_from, extension_days, unconfirmed, basis)
_PEMILU_PELANGGARAN = [
    (
        "penerimaan",
        "Penerimaan laporan",
        True,
        7,
        KERJA,
        "diketahui",
        0,
        True,
        'UU 7/2017 Pasal 454(3) (hari kerja); Perbawaslu 7/2022 menyebut "hari"',
    ),
    (
        "kajian-awal",
        "Kajian awal (syarat formal dan materiel)",
        True,
        2,
        KAL,
        "diterima",
        0,
        False,
        "Perbawaslu 7/2022",
    ),
    (
        "perlu-dilengkapi",
        "Pelapor melengkapi laporan",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022: pemberitahuan 1 hari setelah kajian awal; waktu melengkapi (?)",
    ),
    ("registrasi", "Registrasi", True, None, KAL, "mulai_tahap", 0, True, "Perbawaslu 7/2022 (?)"),
    (
        "klarifikasi",
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        False,
        7,
        KERJA,
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): dalam batas waktu kajian",
    ),
    (
        "kajian",
        "Kajian dan putusan pleno",
        True,
        7,
        KERJA,
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(6)-(7): 7 hari, paling lama 14 hari kerja bila perlu keterangan tambahan",
    ),
    (
        "pemberitahuan",
        "Pemberitahuan status dan pengumuman",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 7/2022 (?)",
    ),
    (
        "tindak-lanjut",
        "Tindak lanjut / penerusan",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, instansi lain, atau adjudikasi",
    ),
]

_PEMILIHAN_PELANGGARAN = [
    (
        "penerimaan",
        "Penerimaan laporan",
        True,
        7,
        KAL,
        "diketahui",
        0,
        False,
        "UU 1/2015 jo. UU 10/2016 Pasal 134(4)",
    ),
    (
        "kajian-awal",
        "Kajian awal (syarat formal dan materiel)",
        True,
        None,
        KAL,
        "diterima",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    (
        "perlu-dilengkapi",
        "Pelapor melengkapi laporan",
        True,
        2,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Praktik: 2x24 jam",
    ),
    (
        "registrasi",
        "Registrasi",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    (
        "klarifikasi",
        "Klarifikasi / pembahasan Sentra Gakkumdu",
        False,
        3,
        KAL,
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): dalam batas waktu kajian",
    ),
    (
        "kajian",
        "Kajian dan putusan pleno",
        True,
        3,
        KAL,
        "diterima",
        2,
        False,
        "UU Pilkada Pasal 134(5)-(6): 3 hari, tambah 2 hari bila perlu keterangan tambahan",
    ),
    (
        "pemberitahuan",
        "Pemberitahuan status dan pengumuman",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 8/2020 jo. 9/2024 (?)",
    ),
    (
        "tindak-lanjut",
        "Tindak lanjut / penerusan",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        False,
        "KPU, DKPP, penyidik melalui Sentra Gakkumdu, atau instansi lain",
    ),
]


def _temuan(rows):
    """A temuan is set in pleno by the supervisors: no reporter to complete anything."""
    out = []
    for row in rows:
        if row[0] == "perlu-dilengkapi":
            continue
        if row[0] == "penerimaan":
            row = ("penerimaan", "Penetapan temuan dalam pleno", *row[2:])
        out.append(row)
    return out


_SENGKETA = [
    (
        "permohonan",
        "Permohonan diterima",
        True,
        3,
        KERJA,
        "kejadian",
        0,
        False,
        "Paling lama 3 hari kerja sejak keputusan KPU",
    ),
    (
        "verifikasi",
        "Verifikasi formal dan materiel",
        True,
        0,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "Pada hari yang sama (PSPP-04)",
    ),
    (
        "perbaikan",
        "Perbaikan permohonan",
        True,
        3,
        KERJA,
        "kejadian",
        0,
        False,
        "Dalam tenggang 3 hari yang sama",
    ),
    (
        "registrasi",
        "Registrasi (buku register PSPP-25)",
        True,
        None,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "Setelah permohonan lengkap",
    ),
    (
        "mediasi",
        "Mediasi / musyawarah",
        True,
        2,
        KERJA,
        "registrasi",
        0,
        False,
        "Paling lama 2 hari setelah registrasi",
    ),
    (
        "adjudikasi",
        "Adjudikasi",
        True,
        12,
        KERJA,
        "registrasi",
        0,
        False,
        "Bila tidak tercapai kesepakatan",
    ),
    (
        "putusan",
        "Putusan",
        True,
        12,
        KERJA,
        "registrasi",
        0,
        False,
        "Paling lama hari ke-12 sejak registrasi (hari kerja)",
    ),
    (
        "ptun",
        "Pengajuan ke PTUN",
        True,
        5,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "Paling lama 5 hari kerja setelah putusan; PTUN 21 hari; KPU 3 hari",
    ),
]

STAGES = {
    (PEMILU, LAPORAN): _PEMILU_PELANGGARAN,
    (PEMILU, TEMUAN): _temuan(_PEMILU_PELANGGARAN),
    (PEMILU, SENGKETA): _SENGKETA,
    (PEMILIHAN, LAPORAN): _PEMILIHAN_PELANGGARAN,
    (PEMILIHAN, TEMUAN): _temuan(_PEMILIHAN_PELANGGARAN),
    (PEMILIHAN, SENGKETA): _SENGKETA,
}

# (code, name, is_final): the status words seen in published notices; the office rewords them.
STATUSES = [
    ("diterima", "Diterima", False),
    ("kajian-awal", "Kajian awal", False),
    ("perlu-dilengkapi", "Perlu dilengkapi", False),
    ("diregistrasi", "Diregistrasi", False),
    ("tidak-diregistrasi", "Tidak diregistrasi", True),
    ("klarifikasi", "Klarifikasi", False),
    ("kajian", "Kajian", False),
    ("pembahasan-gakkumdu", "Pembahasan Sentra Gakkumdu", False),
    ("ditindaklanjuti", "Ditindaklanjuti", False),
    ("tidak-ditindaklanjuti", "Tidak ditindaklanjuti", True),
    ("dihentikan", "Dihentikan", True),
    ("diteruskan-kpu", "Diteruskan ke KPU", True),
    ("diteruskan-dkpp", "Diteruskan ke DKPP", True),
    ("diteruskan-penyidik", "Diteruskan ke penyidik", True),
    ("diteruskan-instansi-lain", "Diteruskan ke instansi lain", True),
    ("dilimpahkan-kejaksaan", "Dilimpahkan ke kejaksaan", True),
    ("putusan-inkrah", "Putusan berkekuatan hukum tetap", True),
    ("dicabut", "Dicabut", True),
    ("dilimpahkan", "Dilimpahkan / diambil alih", True),
    ("mediasi", "Mediasi / musyawarah", False),
    ("adjudikasi", "Adjudikasi", False),
    ("putusan-kesepakatan", "Putusan kesepakatan", True),
    ("putusan-adjudikasi", "Putusan adjudikasi", True),
    ("tidak-dapat-diterima", "Tidak dapat diterima", True),
]

HOLIDAY_YEARS = range(2019, 2031)


def load_stages(Tahapan):
    created = 0
    for (regime, jenis), rows in STAGES.items():
        for order, row in enumerate(rows, start=1):
            code, name, public, days, day_type, counted_from, ext, unconfirmed, basis = row
            _, made = Tahapan.objects.get_or_create(
                regime=regime,
                jenis=jenis,
                code=code,
                defaults={
                    "order": order * 10,
                    "name": name,
                    "is_public": public,
                    "days": days,
                    "day_type": day_type,
                    "counted_from": counted_from,
                    "extension_days": ext,
                    "is_unconfirmed": unconfirmed,
                    "legal_basis": basis,
                },
            )
            created += made
    return created


def load_statuses(StatusPerkara):
    created = 0
    for order, (code, name, final) in enumerate(STATUSES, start=1):
        _, made = StatusPerkara.objects.get_or_create(
            code=code, defaults={"name": name, "order": order * 10, "is_final": final}
        )
        created += made
    return created


def holiday_rows(years=HOLIDAY_YEARS):
    """(date, name, kind) of Indonesian national holidays and cuti bersama from ``holidays``."""
    import holidays

    rows = {}
    for category, kind in (("public", "nasional"), ("government", "cuti_bersama")):
        calendar = holidays.country_holidays(
            "ID", years=list(years), categories=(category,), language="id"
        )
        for day, name in calendar.items():
            rows.setdefault(day, (day, name[:150], kind))
    return [rows[d] for d in sorted(rows)]


def load_holidays(HariLibur, years=HOLIDAY_YEARS):
    existing = set(HariLibur.objects.values_list("date", flat=True))
    new = [
        HariLibur(date=d, name=name, kind=kind)
        for d, name, kind in holiday_rows(years)
        if d not in existing
    ]
    HariLibur.objects.bulk_create(new)
    return len(new)


def load_all(apps=None):
    """Load everything missing (idempotent). ``apps`` is the migration registry, if any."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    return (
        load_stages(apps.get_model("ppps", "Tahapan"))
        + load_statuses(apps.get_model("ppps", "StatusPerkara"))
        + load_holidays(apps.get_model("ppps", "HariLibur"))
    )
