"""Reference data Info PPPS ships: stages with their limits, status words, holidays.

Loaded by data migrations and, because a transactional test's flush wipes migration rows, by
an idempotent function tests (and ``post_migrate``) can call. Existing rows are left as the
office edited them: only missing codes are added.

Sources: the domain note (shared/domain/ppps.md). Items the note marks "(?)" are seeded with
``is_unconfirmed=True`` and, where the note gives no number, without a limit.
"""

PEMILU, PEMILIHAN = "pemilu", "pemilihan"
LAPORAN, TEMUAN, SENGKETA = "laporan", "temuan", "sengketa"
KAL, KERJA, JAM = "kalender", "kerja", "jam"
UMUM, GAKKUMDU, TSM = "umum", "gakkumdu", "tsm"

# Perbawaslu 7/2022 counts its "Hari" as working days (Bawaslu's reading: the formal check is
# "dua hari kerja"), so Pemilu stages of that regulation are KERJA.
UU7 = "UU 7/2017"
UU10 = "UU 1/2015 jo. UU 10/2016"

# (code, name, is_public, days, day_type, counted_from, extension_days, unconfirmed, basis)
_PEMILU_PELANGGARAN = [
    (
        "penerimaan",
        "Penerimaan laporan",
        True,
        2,
        KERJA,
        "diterima",
        0,
        False,
        "Perbawaslu 7/2022 Pasal 15(1): kajian awal paling lama 2 Hari (hari kerja) sejak "
        "laporan diterima. Tenggang pelapor (UU 7/2017 Pasal 454(6)) diperiksa saat penerimaan",
    ),
    (
        "kajian-awal",
        "Kajian awal (syarat formal dan materiel)",
        True,
        2,
        KERJA,
        "diterima",
        0,
        False,
        "Perbawaslu 7/2022 Pasal 15(1): paling lama 2 Hari (hari kerja) sejak laporan diterima",
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
        "Perbawaslu 7/2022 Pasal 15 (?): pemberitahuan 1 hari setelah kajian awal; waktu "
        "melengkapi (?)",
    ),
    ("registrasi", "Registrasi", True, None, KAL, "mulai_tahap", 0, True, "Perbawaslu 7/2022 (?)"),
    (
        "klarifikasi",
        "Klarifikasi",
        False,
        7,
        KERJA,
        "registrasi",
        7,
        False,
        "UU 7/2017 Pasal 454(7)-(8): dalam batas waktu kajian",
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
        "UU 7/2017 Pasal 454(7)-(8): 7 hari, paling lama 14 hari kerja bila perlu keterangan "
        "tambahan",
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
        3,
        KAL,
        "diterima",
        2,
        False,
        "UU 1/2015 jo. UU 10/2016 Pasal 134(5)-(6): diputuskan paling lama 3 hari setelah "
        "laporan diterima, +2 hari bila perlu keterangan tambahan. Tenggang pelapor (Pasal "
        "134(4)) diperiksa saat penerimaan",
    ),
    (
        "kajian-awal",
        "Kajian awal (syarat formal dan materiel)",
        True,
        3,
        KAL,
        "diterima",
        2,
        True,
        "Dalam batas UU 1/2015 jo. UU 10/2016 Pasal 134(5)-(6); batas kajian awal sendiri "
        "menurut Perbawaslu 8/2020 jo. 9/2024 (?)",
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
        "Praktik: 2x24 jam (?)",
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
        "Klarifikasi",
        False,
        3,
        KAL,
        "diterima",
        2,
        False,
        "UU 1/2015 jo. UU 10/2016 Pasal 134(5)-(6): dalam batas waktu kajian",
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
        "UU 1/2015 jo. UU 10/2016 Pasal 134(5)-(6): 3 hari, tambah 2 hari bila perlu "
        "keterangan tambahan",
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


def _gakkumdu(regime):
    """The Sentra Gakkumdu steps of an election crime. The forwarding to the police is a
    moment: 1×24 hours from the decision (a limit in hours, counted from the stage start)."""
    if regime == PEMILU:
        kajian = (7, KERJA, "registrasi", 7, "UU 7/2017 Pasal 454(7)-(8)")
        forward = "UU 7/2017 Pasal 476(1)"
        inquiry = "UU 7/2017 Pasal 480(1) (?)"
    else:
        kajian = (3, KAL, "diterima", 2, "UU 1/2015 jo. UU 10/2016 Pasal 134(5)-(6)")
        forward = "UU 1/2015 Pasal 135(2)"
        inquiry = "UU 1/2015 jo. UU 10/2016 Pasal 146 (?)"
    days, day_type, counted_from, ext, basis = kajian
    return [
        (
            "gakkumdu-pembahasan-pertama",
            "Pembahasan pertama Sentra Gakkumdu",
            False,
            24,
            JAM,
            "mulai_tahap",
            0,
            True,
            "Peraturan Bersama Sentra Gakkumdu (?): paling lama 1x24 jam sejak laporan atau "
            "temuan diterima",
        ),
        (
            "gakkumdu-pembahasan-kedua",
            "Klarifikasi dan pembahasan kedua Sentra Gakkumdu",
            False,
            days,
            day_type,
            counted_from,
            ext,
            True,
            f"{basis}: dalam batas waktu kajian; batas pembahasan kedua sendiri (?)",
        ),
        (
            "penerusan-penyidik",
            "Penerusan ke penyidik Kepolisian",
            True,
            24,
            JAM,
            "mulai_tahap",
            0,
            False,
            f"{forward}: diteruskan paling lama 1x24 jam sejak diputuskan sebagai dugaan tindak "
            "pidana",
        ),
        (
            "penyidikan",
            "Penyidikan",
            True,
            14,
            KAL,
            "mulai_tahap",
            0,
            True,
            f"{inquiry}: hasil penyidikan ke penuntut umum paling lama 14 hari sejak laporan "
            "diterima penyidik",
        ),
    ]


def _tsm(regime):
    """An administrative violation that is terstruktur, sistematis dan masif: its own track."""
    if regime == PEMILU:
        return [
            (
                "tsm-pemeriksaan",
                "Pemeriksaan pelanggaran administratif TSM",
                True,
                14,
                KERJA,
                "diterima",
                0,
                True,
                "Perbawaslu 7/2022 Pasal 19 (jalur tersendiri, Perbawaslu 8/2022); diputus "
                "paling lama 14 hari kerja, UU 7/2017 Pasal 463 (?)",
            ),
            (
                "tsm-tindak-lanjut-kpu",
                "Tindak lanjut putusan TSM oleh KPU",
                True,
                3,
                KERJA,
                "mulai_tahap",
                0,
                True,
                "UU 7/2017 Pasal 463 (?): KPU menindaklanjuti paling lama 3 hari kerja",
            ),
        ]
    return [
        (
            "tsm-pemeriksaan",
            "Pemeriksaan pelanggaran administrasi TSM",
            True,
            14,
            KERJA,
            "diterima",
            0,
            True,
            "UU 1/2015 jo. UU 10/2016 Pasal 135A (?): diputus paling lama 14 hari kerja sejak "
            "laporan diterima",
        ),
        (
            "tsm-keberatan-ma",
            "Keberatan ke Mahkamah Agung",
            True,
            3,
            KERJA,
            "mulai_tahap",
            0,
            True,
            "UU 1/2015 jo. UU 10/2016 Pasal 135A (?): paling lama 3 hari kerja sejak putusan",
        ),
    ]


def _temuan(rows, regime):
    """A temuan is set in pleno by the supervisors, within 7 days of being found (the office's
    own duty); there is no reporter to complete anything."""
    if regime == PEMILU:
        first = (7, KERJA, "UU 7/2017 Pasal 454(6): paling lama 7 hari kerja sejak ditemukan")
    else:
        first = (
            7,
            KAL,
            "UU 1/2015 jo. UU 10/2016 Pasal 134(4): paling lama 7 hari sejak ditemukan",
        )
    days, day_type, basis = first
    out = []
    for row in rows:
        if row[0] == "perlu-dilengkapi":
            continue
        if row[0] == "penerimaan":
            row = (
                "penerimaan",
                "Penetapan temuan dalam pleno",
                True,
                days,
                day_type,
                "diketahui",
                0,
                False,
                basis,
            )
        out.append(row)
    return out


_SENGKETA = [
    (
        "permohonan",
        "Permohonan diterima",
        True,
        0,
        KERJA,
        "diterima",
        0,
        True,
        "Perbawaslu 9/2022 (?): diverifikasi pada hari diterima. Tenggang pemohon 3 hari kerja "
        "(UU 7/2017 Pasal 467) diperiksa saat penerimaan",
    ),
    (
        "verifikasi",
        "Verifikasi formal dan materiel",
        True,
        0,
        KERJA,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 9/2022 (?): pada hari yang sama (PSPP-04)",
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
        "UU 7/2017 Pasal 467: dalam tenggang 3 hari kerja sejak keputusan KPU",
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
        "Perbawaslu 9/2022: setelah permohonan lengkap",
    ),
    (
        "mediasi",
        "Mediasi / musyawarah",
        True,
        2,
        KERJA,
        "registrasi",
        0,
        True,
        "Perbawaslu 9/2022 (?): paling lama 2 hari setelah registrasi",
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
        "UU 7/2017 Pasal 468: diputus paling lama 12 hari; bila tidak tercapai kesepakatan",
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
        "UU 7/2017 Pasal 468: paling lama hari ke-12 sejak registrasi (hari kerja)",
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
        "UU 7/2017 Pasal 471: paling lama 5 hari kerja setelah putusan; PTUN 21 hari; KPU 3 "
        "hari kerja",
    ),
]

# Pilkada disputes are not the Pemilu table: UU 10/2016 Pasal 154 sends them to the PT TUN
# (15 working days) and then kasasi (5 working days). Perbawaslu 2/2020 was not found, so the
# Bawaslu putusan limit and its day type are data marked unconfirmed.
_SENGKETA_PEMILIHAN = [
    (
        "permohonan",
        "Permohonan diterima",
        True,
        0,
        KERJA,
        "diterima",
        0,
        True,
        "Perbawaslu 2/2020 (?): diverifikasi pada hari diterima",
    ),
    (
        "verifikasi",
        "Verifikasi formal dan materiel",
        True,
        0,
        KERJA,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 2/2020 (?): pada hari yang sama",
    ),
    (
        "perbaikan",
        "Perbaikan permohonan",
        True,
        None,
        KERJA,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 2/2020 (?)",
    ),
    (
        "registrasi",
        "Registrasi (buku register sengketa)",
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
        "Musyawarah",
        True,
        None,
        KAL,
        "mulai_tahap",
        0,
        True,
        "Perbawaslu 2/2020 (?)",
    ),
    (
        "adjudikasi",
        "Pemeriksaan sengketa",
        True,
        12,
        KAL,
        "diterima",
        0,
        True,
        "UU 1/2015 jo. UU 10/2016 Pasal 143 (?): diputus paling lama 12 hari sejak permohonan "
        "diterima; jenis hari menurut Perbawaslu 2/2020 (?)",
    ),
    (
        "putusan",
        "Putusan Bawaslu",
        True,
        12,
        KAL,
        "diterima",
        0,
        True,
        "UU 1/2015 jo. UU 10/2016 Pasal 143 (?): paling lama 12 hari sejak permohonan diterima; "
        "jenis hari menurut Perbawaslu 2/2020 (?)",
    ),
    (
        "keberatan",
        "Keberatan (gugatan) ke Pengadilan Tinggi TUN",
        True,
        3,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "UU 10/2016 Pasal 154: diajukan paling lama 3 hari kerja sejak putusan Bawaslu",
    ),
    (
        "pttun",
        "Pemeriksaan dan putusan PT TUN",
        True,
        15,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "UU 10/2016 Pasal 154: diputus paling lama 15 hari kerja sejak gugatan lengkap",
    ),
    (
        "kasasi",
        "Permohonan kasasi ke Mahkamah Agung",
        True,
        5,
        KERJA,
        "mulai_tahap",
        0,
        False,
        "UU 10/2016 Pasal 154: paling lama 5 hari kerja sejak putusan PT TUN",
    ),
]

# Orders: the ordinary track 10, 20, ...; Gakkumdu from 110, TSM from 210 (``Tahapan.jalur``),
# so a case moves on along its own track (``Perkara.next_stage``).
TRACK_BASE = {UMUM: 0, GAKKUMDU: 100, TSM: 200}


def _tracks(regime, ordinary):
    return {UMUM: ordinary, GAKKUMDU: _gakkumdu(regime), TSM: _tsm(regime)}


STAGES = {
    (PEMILU, LAPORAN): _tracks(PEMILU, _PEMILU_PELANGGARAN),
    (PEMILU, TEMUAN): _tracks(PEMILU, _temuan(_PEMILU_PELANGGARAN, PEMILU)),
    (PEMILU, SENGKETA): {UMUM: _SENGKETA},
    (PEMILIHAN, LAPORAN): _tracks(PEMILIHAN, _PEMILIHAN_PELANGGARAN),
    (PEMILIHAN, TEMUAN): _tracks(PEMILIHAN, _temuan(_PEMILIHAN_PELANGGARAN, PEMILIHAN)),
    (PEMILIHAN, SENGKETA): {UMUM: _SENGKETA_PEMILIHAN},
}

# Stages an earlier release seeded that the law does not have: deactivated by migration 0007.
RETIRED_STAGES = [(PEMILIHAN, SENGKETA, "ptun")]


def stage_rows():
    """Every seeded stage as (regime, jenis, jalur, order, row)."""
    for (regime, jenis), tracks in STAGES.items():
        for jalur, rows in tracks.items():
            for position, row in enumerate(rows, start=1):
                yield regime, jenis, jalur, TRACK_BASE[jalur] + position * 10, row


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


def stage_values(jalur, order, row, fields):
    """The column values of a seeded stage row, for the columns ``fields`` the (possibly
    historical) model has: ``jalur`` came with migration 0006."""
    code, name, public, days, day_type, counted_from, ext, unconfirmed, basis = row
    values = {
        "order": order,
        "name": name,
        "is_public": public,
        "days": days,
        "day_type": day_type,
        "counted_from": counted_from,
        "extension_days": ext,
        "is_unconfirmed": unconfirmed,
        "legal_basis": basis,
        "jalur": jalur,
    }
    return {k: v for k, v in values.items() if k in fields}


def load_stages(Tahapan):
    fields = {f.name for f in Tahapan._meta.get_fields()}
    created = 0
    for regime, jenis, jalur, order, row in stage_rows():
        _, made = Tahapan.objects.get_or_create(
            regime=regime,
            jenis=jenis,
            code=row[0],
            defaults=stage_values(jalur, order, row, fields),
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


# The public reason texts each office starts with (``AlasanPublik``): generic words that name
# nobody. The installation ships them; each office's Administrator rewords, adds or
# deactivates its own copy.
DEFAULT_PUBLIC_REASONS = [
    "Menunggu kelengkapan laporan dari pelapor.",
    "Kajian sedang berjalan sesuai tahapan.",
    "Batas waktu diperpanjang karena diperlukan keterangan tambahan.",
    "Diteruskan ke Sentra Gakkumdu untuk pembahasan.",
    "Diteruskan kepada instansi yang berwenang.",
    "Tidak memenuhi syarat formal atau materiel.",
]


def copy_default_reasons(office_ids, model=None):
    """Give each office in ``office_ids`` that has no public reason text yet the defaults
    (idempotent: an office that already keeps its own texts is left alone). Returns the
    number of texts created."""
    if model is None:
        from .models import AlasanPublik as model
    have = set(model.objects.filter(office_id__in=office_ids).values_list("office_id", flat=True))
    rows = [
        model(office_id=office_id, text=text, order=(i + 1) * 10)
        for office_id in office_ids
        if office_id not in have
        for i, text in enumerate(DEFAULT_PUBLIC_REASONS)
    ]
    model.objects.bulk_create(rows)
    return len(rows)
