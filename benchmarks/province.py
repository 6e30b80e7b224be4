"""A province measured (issue 13 part 3), on Postgres.

Loads one province office and its kab/kota offices (default 39 offices in all), each with
25,000 E-Arsip items (the loader of benchmarks/arsip_search.py, COPY) and 3,000 registered
cases (the loader of benchmarks/ppps_cek.py, COPY): about 1M items and 117k cases. Then, in
one kab/kota office, it runs the same 180 mixed searches as the one-office benchmark through
the real list view (snippets and previews on) as each of Ketua, Koordinator Sekretariat, Staf
and Arsiparis; 300 public lookups ``/cek/`` of that office's register numbers through the
real view; and the province Ketua's aggregate page (``/portal/wilayah/``, counts of every
office below) 30 times. Prints p50/p95 of each.

    createdb -h 127.0.0.1 -U postgres sisp_province_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sisp_province_bench \\
        .venv/bin/python benchmarks/province.py --offices 39

``--offices 1`` loads the same office alone (25,000 items, 3,000 cases): the control run, on
its own database, whose figures an office of the province should match if the indexes
leading with the office keep the other offices' rows out of its queries. Generated rows are
kept; a second run with the same sizes only measures (``--regenerate`` loads again; it
TRUNCATEs the Info PPPS tables). Never point it at a production database.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
os.environ.setdefault("DEBUG", "1")  # records SQL timings (connection.queries)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from benchmarks import arsip_search, ppps_cek  # noqa: E402

PROVINCE_CODE = "P.BN"


def ensure_offices(n_offices):
    """The province office and n_offices - 1 kab/kota offices below it, each with its units,
    one user per role and an election. Returns [(office, units, users, pemilihan)]."""
    from ppps import reference_data
    from ppps.models import Pemilihan

    reference_data.load_all()
    out = []
    province = None
    for i in range(n_offices):
        if i == 0:
            code, name, level, slug = PROVINCE_CODE, "Bawaslu Provinsi Beban", "PROV", "prov-beban"
        else:
            code, name, level, slug = f"K.BN-{i:02d}", f"Bawaslu Kab. Beban {i}", "KAB", f"kab-{i}"
        office, units, users = arsip_search.ensure_office(
            code, name, level=level, slug=slug, parent=province, prefix=f"prov{i:02d}"
        )
        if i == 0:
            province = office
        pemilihan, _ = Pemilihan.objects.get_or_create(
            office=office,
            name="Pemilihan Bupati 2024",
            defaults={"regime": "pemilihan", "code": "PB", "year": 2024},
        )
        out.append((office, units, users, pemilihan))
    return out


def load(offices, items, cases, rng):
    from sisp import roles

    rare_pool = arsip_search.rare_words(rng)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS arsip_naskah_search_gin")
    t0 = time.perf_counter()
    for office, units, users, _ in offices:
        with transaction.atomic():
            arsip_search.generate(
                items, office, units, users[roles.ARSIPARIS], rng, rare_pool, build_index=False
            )
    print(f"archives loaded in {time.perf_counter() - t0:.0f}s; GIN index ...", flush=True)
    arsip_search.build_search_index()
    with transaction.atomic():
        ppps_cek.generate(cases * len(offices), [(o, p) for o, _, _, p in offices], rng)
    # What autovacuum does soon after a bulk load: without the visibility map the counts of
    # the aggregate page read every heap page (measured: 1.4 s instead of 0.6 s).
    with connection.cursor() as cursor:
        for table in ("arsip_naskah", "arsip_berkasdigital", "ppps_perkara"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    # COPY bypasses the office tallies the region page reads (sisp/tallies.py).
    call_command("recount_tallies")


def summary(label, values):
    return (
        f"{label:<44}{len(values):>5}{statistics.median(values):>9.1f}"
        f"{arsip_search.pct(values, 0.95):>9.1f}"
    )


def time_view(view, user, path, params=None):
    request = RequestFactory().get(path, params or {}, HTTP_HOST="localhost")
    request.user = user
    if hasattr(user, "_arsip_access_rules"):
        del user._arsip_access_rules
    reset_queries()
    t0 = time.perf_counter()
    response = view(request)
    elapsed = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, sum(float(q["time"]) for q in connection.queries) * 1000


def measure_cek(office, rng, n=300):
    """In-process lookups of the office's register numbers through the real /cek/ view."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser

    from ppps.models import Perkara
    from ppps.views import public

    settings.PPPS_LOOKUP_LIMIT = 10**9  # one client address; the counting still runs
    numbers = list(
        Perkara.objects.filter(office=office).values_list("nomor_register", flat=True)[:2000]
    )
    sample = [rng.choice(numbers) for _ in range(n)]
    anonymous = AnonymousUser()
    for nomor in sample[:20]:
        time_view(public.cek, anonymous, "/cek/", {"nomor": ppps_cek.forgiving(nomor)})
    timings = []
    for nomor in sample:
        total, sql = time_view(public.cek, anonymous, "/cek/", {"nomor": ppps_cek.forgiving(nomor)})
        timings.append((total, sql))
    return timings


def measure_region(ketua, n=30):
    from sisp.views import portal

    time_view(portal.region_summary, ketua, "/portal/wilayah/")
    print(f"the page's {len(connection.queries)} queries (warm-up run), ms:")
    for q in connection.queries:
        print(f"  {float(q['time']) * 1000:7.1f}  {q['sql'][:110]}")
    return [time_view(portal.region_summary, ketua, "/portal/wilayah/") for _ in range(n)]


def measure_office(offices, rng):
    """Searches as each role and /cek/ lookups in one kab/kota office."""
    from arsip.models import Naskah
    from ppps.models import Perkara

    # The measured office: a kab/kota in the middle of the id range (the province itself
    # when it is the only office).
    office, _, users, _ = offices[len(offices) // 2]
    print(
        f"measured office {office.code}: {Naskah.objects.filter(office=office).count():,} items, "
        f"{Perkara.objects.filter(office=office).count():,} cases"
    )
    workload = arsip_search.sample_workload(office, rng)
    results = []
    for role in arsip_search.ROLE_UNITS:
        user = users[role]
        user.refresh_from_db()
        timings, snippet_ms = arsip_search.measure_role(user, workload)
        arsip_search.print_role(role, user, timings)
        results.append((f"search as {role}", [t for v in timings.values() for t, _ in v]))
        results.append(("  its SQL", [d for v in timings.values() for _, d in v]))
        results.append(("  its snippets' part", snippet_ms))
    cek = measure_cek(office, rng)
    results.append(("/cek/ lookup (in-process)", [t for t, _ in cek]))
    results.append(("/cek/ lookup, SQL only", [s for _, s in cek]))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offices", type=int, default=39)
    parser.add_argument("--items", type=int, default=25_000, help="per office")
    parser.add_argument("--cases", type=int, default=3_000, help="per office")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--load-only", action="store_true")
    parser.add_argument(
        "--region-only", action="store_true", help="measure the aggregate page alone"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Benchmark ini untuk Postgres: setel DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    from arsip.models import Naskah
    from ppps.models import Perkara
    from sisp import roles

    offices = ensure_offices(args.offices)
    ids = [o.pk for o, *_ in offices]
    want = (args.items * len(offices), args.cases * len(offices))
    have = (
        Naskah.objects.filter(office_id__in=ids).count(),
        Perkara.objects.filter(office_id__in=ids).count(),
    )
    if args.regenerate or have != want:
        load(offices, args.items, args.cases, rng)
    print(
        f"{len(offices)} offices: {Naskah.objects.count():,} items, "
        f"{Perkara.objects.count():,} cases in all"
    )
    if args.load_only:
        return
    results = []
    if not args.region_only:
        results = measure_office(offices, rng)
    ketua = offices[0][2][roles.KETUA]
    ketua.refresh_from_db()
    region = measure_region(ketua)
    below = len(ketua.office.descendants())
    results.append((f"province Ketua /portal/wilayah/ ({below} offices)", [t for t, _ in region]))
    results.append(("  the same, SQL only", [s for _, s in region]))
    print(f"\n{'whole view, ms':<44}{'n':>5}{'p50':>9}{'p95':>9}")
    for label, values in results:
        print(summary(label, values))
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
