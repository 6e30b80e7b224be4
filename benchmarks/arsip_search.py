"""E-Arsip search benchmark on Postgres.

Generates an office archive of N items (default 1,000,000) with COPY, then runs a mixed set of
searches through the real list view (``arsip.views.index``: visible_to + full-text search +
filters + capped count + first page with its snippets and previews + template) as each of
four roles (Ketua, Koordinator Sekretariat, Staf, Arsiparis), and prints p50/p95 latency per
kind and overall for each. ``--load-only`` generates and stops.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sisp_arsip_bench DEBUG=1 \\
        .venv/bin/python benchmarks/arsip_search.py --items 1000000

The database is created and migrated if needed; generated rows are kept, so a second run
with the same --items only measures (use --regenerate to start again). Never point it at a
production database: it adds a benchmark office with a million rows.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")

import django  # noqa: E402

os.environ.setdefault("DEBUG", "1")  # records SQL timings (connection.queries)
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

OFFICE_CODE = "K.BM-01"
COMMON = (
    "surat pengawasan laporan pemilu rapat undangan kampanye tahapan pemilihan "
    "penanganan pelanggaran hasil sosialisasi koordinasi anggaran kegiatan pegawai "
    "keputusan berita acara panwascam kecamatan desa kelurahan logistik daftar pemilih "
    "verifikasi partai calon peserta rekapitulasi suara tps saksi pengaduan temuan"
).split()
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "jo",
    "ker",
    "to",
    "wa",
    "lan",
    "su",
    "ban",
    "dar",
    "me",
    "ngun",
    "pa",
    "si",
    "re",
    "dan",
    "gi",
    "tu",
    "bo",
    "lo",
    "nan",
    "ja",
    "ti",
    "gan",
]
UNITS = [
    "Pimpinan",
    "Divisi Penanganan Pelanggaran",
    "Divisi Hukum",
    "Divisi Pencegahan",
    "Sekretariat",
    "Subbagian Administrasi",
    "Subbagian Teknis",
]


def rare_word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def letter_tokens(seq, kode, month, year, office_code=OFFICE_CODE):
    number = f"{seq}/{kode}/{office_code}/{month:02d}/{year}"
    from arsip.search import normalise

    return number, normalise(number)


# The four roles the issue names, each in the unit where it works; every request of the
# benchmark runs as each of them.
ROLE_UNITS = {
    "Ketua": "Pimpinan",
    "Koordinator Sekretariat": "Sekretariat",
    "Staf": "Divisi Penanganan Pelanggaran",
    "Arsiparis": "Subbagian Administrasi",
}


def ensure_office(code, name, *, level="KOTA", slug, parent=None, prefix="bench"):
    """An office with the seven units (the subsections under the Sekretariat) and one user
    per role. Returns (office, units, {role name: user}); the Arsiparis registers the
    generated records, so that user sees every one of them (the worst case of the door)."""
    from django.contrib.auth.models import Group

    from arsip import reference_data
    from sisp import roles
    from sisp.models import Office, Unit, User

    reference_data.load_all()
    roles.ensure_roles()
    office, _ = Office.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "slug": slug, "parent": parent}
    )
    units = {
        name: Unit.objects.get_or_create(office=office, name=name, defaults={"kind": "divisi"})[0]
        for name in UNITS
    }
    for sub in ("Subbagian Administrasi", "Subbagian Teknis"):
        Unit.objects.filter(pk=units[sub].pk).update(parent=units["Sekretariat"])
    users = {}
    for role, unit_name in ROLE_UNITS.items():
        username = f"{prefix}.{role.split()[0].lower()}"
        user, _ = User.objects.get_or_create(
            username=username, defaults={"office": office, "unit": units[unit_name]}
        )
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return office, [units[name] for name in UNITS], users


def ensure_base():
    from sisp import roles

    office, units, users = ensure_office(
        OFFICE_CODE, "Bawaslu Kota Benchmark", slug="kota-benchmark"
    )
    return office, units, users[roles.ARSIPARIS], users


def rare_words(rng):
    return [rare_word(rng) for _ in range(200_000)]


def generate(n_items, office, units, author, rng, rare_pool=None, *, build_index=True):
    """Replace the office's records with ``n_items`` generated ones (20 per file), each with
    one PDF version whose extracted text is ~28 words (the search snippets read it). With
    ``build_index`` the GIN index is dropped first and built at the end; a caller loading
    many offices passes False and calls ``build_search_index()`` once."""
    from arsip.models import KelasKeamanan, KlasifikasiArsip
    from arsip.search import normalise

    kelas = {k.kode: k.pk for k in KelasKeamanan.objects.all()}
    kelas_pool = ["B"] * 70 + ["T"] * 15 + ["R"] * 10 + ["SR"] * 5
    codes = list(
        KlasifikasiArsip.objects.filter(kode__regex=r"\.\d\d\.").values_list("pk", "kode", "nama")
    )
    rare_pool = rare_pool or rare_words(rng)
    per_berkas = 20
    n_berkas = (n_items + per_berkas - 1) // per_berkas
    now = "2026-01-01 00:00:00+00"
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM arsip_berkasdigital WHERE naskah_id IN "
            "(SELECT id FROM arsip_naskah WHERE office_id = %s)",
            [office.pk],
        )
        cursor.execute("DELETE FROM arsip_naskah WHERE office_id = %s", [office.pk])
        cursor.execute("DELETE FROM arsip_berkas WHERE office_id = %s", [office.pk])
        if build_index:
            cursor.execute("DROP INDEX IF EXISTS arsip_naskah_search_gin")
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM arsip_berkas")
        berkas_base = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM arsip_naskah")
        naskah_base = cursor.fetchone()[0]
        raw = cursor.connection  # psycopg 3 connection
        print(f"{office.code}: generating {n_berkas:,} berkas ...", flush=True)
        berkas_meta = []
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY arsip_berkas (id, office_id, nomor_berkas, klasifikasi_id, uraian, unit_id, "
                "kurun_mulai, kurun_selesai, tanggal_tutup, lokasi_fisik, status_retensi, "
                "created_by_id, created_at) FROM STDIN"
            ) as copy,
        ):
            for i in range(n_berkas):
                code = rng.choice(codes)
                unit = rng.choice(units)
                year = rng.randint(2015, 2026)
                start = date(year, 1, 1) + timedelta(days=rng.randint(0, 300))
                berkas_meta.append((code, unit.pk, start))
                copy.write_row(
                    (
                        berkas_base + i + 1,
                        office.pk,
                        f"B{i + 1}/{year}",
                        code[0],
                        f"{code[2]} {rng.choice(COMMON)} {rng.choice(COMMON)}",
                        unit.pk,
                        start,
                        start + timedelta(days=60),
                        None,
                        "Rak 1",
                        "aktif",
                        author.pk,
                        now,
                    )
                )
        cursor.execute(
            "CREATE TEMP TABLE bench_naskah (id bigint, office_id bigint, berkas_id bigint, "
            "nomor_item int, klasifikasi_id bigint, kelas_id bigint, unit_id bigint, "
            "nomor_surat text, tanggal date, perihal text, a text, b text, c text)"
        )
        print(f"{office.code}: generating {n_items:,} naskah ...", flush=True)
        t0 = time.perf_counter()
        with raw.cursor() as cur, cur.copy("COPY bench_naskah FROM STDIN") as copy:
            for i in range(n_items):
                b_index = i // per_berkas
                code, unit_id, start = berkas_meta[b_index]
                day = start + timedelta(days=rng.randint(0, 60))
                number, number_norm = letter_tokens(
                    i + 1, code[1], day.month, day.year, office.code
                )
                subject = " ".join(
                    rng.choices(COMMON, k=4) + [rare_pool[rng.randrange(len(rare_pool))]]
                )
                body = " ".join(rng.choices(COMMON, k=25) + rng.choices(rare_pool, k=3))
                copy.write_row(
                    (
                        naskah_base + i + 1,
                        office.pk,
                        berkas_base + b_index + 1,
                        i % per_berkas + 1,
                        code[0],
                        kelas[rng.choice(kelas_pool)],
                        unit_id,
                        number,
                        day,
                        subject,
                        f"{number_norm} {subject}",
                        normalise(f"{code[1]} {code[2]}"),
                        body,
                    )
                )
        print(f"  copied in {time.perf_counter() - t0:.0f}s; building tsvectors ...", flush=True)
        t0 = time.perf_counter()
        cursor.execute(
            "INSERT INTO arsip_naskah (id, office_id, berkas_id, nomor_item, klasifikasi_id, "
            "kelas_id, unit_id, nomor_surat, tanggal, perihal, dari, kepada, jenis, "
            "tingkat_perkembangan, media, jumlah, satuan, lokasi_fisik, keterangan, "
            "status_retensi, created_by_id, created_at, updated_at, revisi, search_vector) "
            "SELECT id, office_id, berkas_id, nomor_item, klasifikasi_id, kelas_id, unit_id, "
            "nomor_surat, tanggal, perihal, '', '', 'surat', 'asli', 'kertas', 1, 'lembar', '', "
            "'', 'aktif', %s, now(), now(), 0, "
            "setweight(to_tsvector('indonesian', a), 'A') || "
            "setweight(to_tsvector('indonesian', b), 'B') || "
            "setweight(to_tsvector('indonesian', c), 'C') FROM bench_naskah",
            [author.pk],
        )
        # One PDF version per record, its text the document's C part (what snippets read).
        cursor.execute(
            "INSERT INTO arsip_berkasdigital (naskah_id, versi, file_name, nama_asli, sha256, "
            "ukuran, content_type, extension, catatan, uploaded_by_id, uploaded_at, teks, "
            "status_ekstraksi, catatan_ekstraksi, pratinjau) "
            "SELECT id, 1, 'bench/' || id || '.pdf', 'naskah.pdf', repeat('0', 64), 1000, "
            "'application/pdf', 'pdf', '', %s, now(), c, 'selesai', 'teks PDF', "
            "'bench/pratinjau.png' FROM bench_naskah",
            [author.pk],
        )
        for table in ("arsip_berkas", "arsip_naskah", "arsip_berkasdigital"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT MAX(id) FROM {table}))"
            )
        cursor.execute("DROP TABLE bench_naskah")
        print(f"  inserted in {time.perf_counter() - t0:.0f}s", flush=True)
    if build_index:
        build_search_index()
    return rare_pool


def build_search_index():
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS arsip_naskah_search_gin")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the FKs now, then index
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX arsip_naskah_search_gin ON arsip_naskah USING gin (search_vector)"
        )
        for table in ("arsip_berkas", "arsip_naskah", "arsip_berkasdigital"):
            cursor.execute(f"ANALYZE {table}")
    print(f"  indexed in {time.perf_counter() - t0:.0f}s", flush=True)


def queries(rng, rare_sample, numbers, codes):
    """(kind, GET params) of a mixed workload."""
    mixed = []
    for _ in range(20):
        mixed.append(("kata langka", {"q": rng.choice(rare_sample)}))
        mixed.append(
            (
                "kata umum",
                {"q": rng.choice(["surat", "pengawasan", "laporan", "pemilu", "kampanye"])},
            )
        )
        mixed.append(("dua kata umum", {"q": " ".join(rng.sample(COMMON, 2))}))
        mixed.append(("nomor naskah", {"q": rng.choice(numbers).lower()}))
        mixed.append(("kode dalam nomor", {"q": rng.choice(codes)}))
        mixed.append(
            (
                "saring kode + tahun",
                {"kode": rng.choice(codes)[:5], "tahun": rng.randint(2015, 2026)},
            )
        )
        mixed.append(("kata + saring kelas", {"q": "surat", "kelas": "1"}))
        mixed.append(("kata + urut relevansi", {"q": rng.choice(COMMON), "urut": "relevansi"}))
        mixed.append(("daftar tanpa cari", {}))
    return mixed


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def sample_workload(office, rng):
    """The mixed workload, built from words and numbers stored in ``office``."""
    from arsip.models import KelasKeamanan, KlasifikasiArsip, Naskah

    # The sample of rare words comes from the stored subjects (words that exist).
    sample = list(
        Naskah.objects.filter(office=office)
        .order_by("?")
        .values_list("perihal", "nomor_surat")[:200]
    )
    rare_sample = [perihal.split()[-1] for perihal, _ in sample]
    numbers = [nomor for _, nomor in sample]
    codes = list(
        KlasifikasiArsip.objects.filter(kode__regex=r"\.\d\d\.").values_list("kode", flat=True)
    )
    kelas_b = str(KelasKeamanan.objects.get(kode="B").pk)
    workload = queries(rng, rare_sample, numbers, codes)
    return [
        (kind, {**params, "kelas": kelas_b} if params.get("kelas") == "1" else params)
        for kind, params in workload
    ]


def run_search(user, params):
    """One request through the real list view (search, snippets, previews, template) as
    ``user``: (whole view ms, SQL ms)."""
    from arsip import views

    request = RequestFactory().get("/arsip/", params, HTTP_HOST="localhost")
    request.user = user
    if hasattr(user, "_arsip_access_rules"):
        del user._arsip_access_rules  # every request computes its rules afresh
    reset_queries()
    t0 = time.perf_counter()
    response = views.index(request)
    elapsed = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200
    db_ms = sum(float(q["time"]) for q in connection.queries) * 1000
    return elapsed, db_ms


def time_snippets(user, params):
    """The snippets' and previews' own part of one request (arsip/snippets.py on the page's
    rows), in ms: what they add to the view, measured apart from the machine's other load
    on the rest of the page."""
    from arsip import snippets, views

    request = RequestFactory().get("/arsip/", params, HTTP_HOST="localhost")
    request.user = user
    form, qs = views.filtered_naskah(request)
    page = views.result_page(qs, None, user=user)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    t0 = time.perf_counter()
    snippets.annotate_results(page.object_list, query)
    return (time.perf_counter() - t0) * 1000


def measure_role(user, workload):
    """Timings per kind of request for one user: {kind: [(ms, sql ms), ...]}, and the
    snippets' part of each request: [ms, ...]."""
    for _, params in workload[:10]:  # warm caches
        run_search(user, params)
    timings, snippet_ms = {}, []
    for kind, params in workload:
        timings.setdefault(kind, []).append(run_search(user, params))
        snippet_ms.append(time_snippets(user, params))
    return timings, snippet_ms


def print_role(role, user, timings):
    from arsip.models import Naskah

    visible = Naskah.objects.visible_to(user).count()
    print(f"\n{role} ({user.username}), may see {visible:,} items; ms, whole view and SQL")
    print(f"{'kind':<24}{'n':>4}{'p50':>8}{'p95':>8}{'sql p50':>9}{'sql p95':>9}")
    rows = [(kind, values) for kind, values in timings.items()]
    rows.append(("ALL", [t for values in timings.values() for t in values]))
    for kind, values in rows:
        total = [t for t, _ in values]
        sql = [d for _, d in values]
        print(
            f"{kind:<24}{len(values):>4}{statistics.median(total):>8.1f}"
            f"{pct(total, 0.95):>8.1f}{statistics.median(sql):>9.1f}{pct(sql, 0.95):>9.1f}"
        )
    every = [t for values in timings.values() for t, _ in values]
    return statistics.median(every), pct(every, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--role", action="append", choices=list(ROLE_UNITS), help="default: all four"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Benchmark ini untuk Postgres: setel DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    from arsip.models import Naskah

    office, units, author, users = ensure_base()
    existing = Naskah.objects.filter(office=office).count()
    if args.regenerate or existing != args.items:
        with transaction.atomic():
            generate(args.items, office, units, author, rng)
        call_command("recount_tallies")  # COPY bypasses the office tallies (sisp/tallies.py)
    print(
        f"archive: {Naskah.objects.filter(office=office).count():,} items in office {office.code}"
    )
    if args.load_only:
        return
    workload = sample_workload(office, rng)
    summary = []
    for role in args.role or list(ROLE_UNITS):
        user = users[role]
        user.refresh_from_db()
        timings, snippet_ms = measure_role(user, workload)
        summary.append((role, *print_role(role, user, timings), snippet_ms))
    print("\nsummary (all 180 requests, whole view, snippets and previews on)")
    for role, p50, p95, snippet_ms in summary:
        flag = "OK" if p95 <= 100 else "OVER"
        print(
            f"  {role:<26} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  {flag} (target p95 <= 100); "
            f"snippets' part p50 {statistics.median(snippet_ms):.1f} ms, "
            f"p95 {pct(snippet_ms, 0.95):.1f} ms"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
