"""Load test of the public status lookup /cek/ on Postgres with 100,000 cases.

Generates N registered cases (default 100,000) with their public history in ten offices using
COPY, starts two gunicorn servers on loopback with the same worker count: the real site
(benchmarks/ppps_site.py: the real settings, middleware and URLs) and a truly bare reference
(benchmarks/bare_site.py: a minimal Django app with Security and Common middleware only, one row
by unique key, a tiny cached template). wrk drives both in the same run, alternating: the
lookup with a random register number per request out of 5,000, typed the forgiving way (lower
case, no leading zeros). Prints both throughputs, their ratio and the p99 latencies. The cache
is Redis (``CACHE_URL``, default db 7), as in production.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sisp_ppps_bench SECRET_KEY=x \\
        .venv/bin/python benchmarks/ppps_cek.py --cases 100000 --connections 16

Target (issue 12 part 5): lookup throughput at least 60 % of the bare view's; p99 at most
25 ms at 16 concurrent clients. Use a dedicated database: --regenerate TRUNCATEs the Info PPPS tables.
"""

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
# The shared cache, as in production (Redis): /cek/ serves a case's rendered result from it.
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/7")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def ensure_base(n_offices=10):
    from ppps import reference_data
    from ppps.models import Pemilihan
    from sisp.models import Office

    reference_data.load_all()
    offices = []
    for i in range(1, n_offices + 1):
        office, _ = Office.objects.get_or_create(
            code=f"B.CK-{i:02d}",
            defaults={"name": f"Bawaslu Kota Beban {i}", "level": "KOTA", "slug": f"beban-{i}"},
        )
        pemilihan, _ = Pemilihan.objects.get_or_create(
            office=office,
            name="Pemilihan Wali Kota 2024",
            defaults={"regime": "pemilihan", "code": "PW", "year": 2024},
        )
        offices.append((office, pemilihan))
    return offices


def generate(n_cases, offices, rng):
    from ppps.models import StatusPerkara, Tahapan
    from ppps.register import normalise_register

    stages = list(Tahapan.objects.filter(regime="pemilihan", jenis="laporan").order_by("order"))
    public_stages = [s for s in stages if s.order >= 40]  # registered cases: registrasi onwards
    statuses = {s.code: s.pk for s in StatusPerkara.objects.all()}
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE ppps_riwayatperkara, ppps_pihak, ppps_dokumenperkara, ppps_perkara_petugas,"
            " ppps_perkara, ppps_registercounter RESTART IDENTITY CASCADE"
        )
        raw = cursor.connection
        numbers = []
        print(f"generating {n_cases:,} cases ...", flush=True)
        t0 = time.perf_counter()
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY ppps_perkara (id, office_id, jenis, pemilihan_id, nomor_register, nomor_kunci,"
                " nomor_penerimaan, tanggal_diketahui, tanggal_diterima, tanggal_registrasi,"
                " tahapan_id, tahap_mulai, tahap_diperpanjang, batas_waktu, status_id, tindak_lanjut,"
                " tindak_lanjut_keterangan, ringkasan_publik, jenis_pelanggaran, kajian_final,"
                " terlapor_inisial, pin_hash, created_at, updated_at) FROM STDIN"
            ) as copy,
        ):
            seq = {}
            for i in range(1, n_cases + 1):
                office, pemilihan = offices[i % len(offices)]
                received = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
                key = (office.pk, received.year)
                seq[key] = seq.get(key, 0) + 1
                nomor = (
                    f"{seq[key]:03}/Reg/LP/PW/Kota/{office.code}/{ROMAN[received.month - 1]}"
                    f"/{received.year}"
                )
                numbers.append(nomor)
                stage = rng.choice(public_stages)
                copy.write_row(
                    (
                        i,
                        office.pk,
                        "laporan",
                        pemilihan.pk,
                        nomor,
                        normalise_register(nomor),
                        "",
                        received - timedelta(days=2),
                        received,
                        received + timedelta(days=1),
                        stage.pk,
                        received + timedelta(days=2),
                        False,
                        received + timedelta(days=5),
                        statuses["diregistrasi"],
                        "",
                        "",
                        "Dugaan pelanggaran kampanye.",
                        "",
                        False,
                        "A.B.",
                        "",
                        now,
                        now,
                    )
                )
        print(f"  cases copied in {time.perf_counter() - t0:.0f}s; history ...", flush=True)
        with (
            raw.cursor() as cur,
            cur.copy(
                "COPY ppps_riwayatperkara (perkara_id, office_id, kind, tanggal, tahapan_id,"
                " status_id, catatan, is_public, untuk_pelapor, created_at) FROM STDIN"
            ) as copy,
        ):
            for i in range(1, n_cases + 1):
                office, _ = offices[i % len(offices)]
                day = date(2024, 6, 1)
                for kind, stage in (
                    ("diterima", stages[0]),
                    ("registrasi", stages[3]),
                    ("tahap", rng.choice(public_stages)),
                ):
                    copy.write_row(
                        (
                            i,
                            office.pk,
                            kind,
                            day,
                            stage.pk,
                            statuses["diterima"],
                            "",
                            True,
                            False,
                            now,
                        )
                    )
        cursor.execute("SELECT setval(pg_get_serial_sequence('ppps_perkara', 'id'), %s)", [n_cases])
        cursor.execute("ANALYZE ppps_perkara")
        cursor.execute("ANALYZE ppps_riwayatperkara")
        print(f"  done in {time.perf_counter() - t0:.0f}s", flush=True)
    return numbers


def forgiving(nomor):
    """What a citizen types: lower case, leading zeros dropped, spaces around slashes."""
    head, rest = nomor.split("/", 1)
    return f"{int(head)} / {rest.lower()}"


def wrk(url, seconds, connections, threads, lua=None):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if lua:
        cmd[1:1] = ["-s", lua]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--seconds", type=int, default=10, help="per run; runs alternate")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help=">1 uses gunicorn's gthread worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--distinct", type=int, default=5000, help="register numbers asked for")
    parser.add_argument(
        "--warm",
        action="store_true",
        help="look every number up once before measuring (a notice board's numbers are asked "
        "for again and again); without it most lookups render and store their page",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Benchmark ini untuk Postgres: setel DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    from ppps.models import Perkara

    offices = ensure_base()
    if args.regenerate or Perkara.objects.count() != args.cases:
        with transaction.atomic():
            numbers = generate(args.cases, offices, rng)
    else:
        numbers = list(Perkara.objects.values_list("nomor_register", flat=True))
    print(f"cases: {Perkara.objects.count():,}")
    # COPY writes rows behind the services' back (same ids, same updated_at on every
    # regeneration): start from a new rules token so no result cached before is served.
    from ppps.public_cache import _new_rules_token

    _new_rules_token()
    connection.close()

    sample = rng.sample(numbers, min(args.distinct, len(numbers)))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("local paths = {\n")
        for nomor in sample:
            lua.write(f'  "/cek/?nomor={urllib.request.quote(forgiving(nomor))}",\n')
        lua.write(
            "}\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n"
        )
    env = {
        **os.environ,
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
        "CACHE_URL": os.environ["CACHE_URL"],
        "BARE_CASES": str(args.cases),
    }
    env.setdefault("SECRET_KEY", "benchmark-only")

    def serve(site, port):
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                f"benchmarks.{site}:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": f"benchmarks.{site}"},
        )

    servers = [serve("ppps_site", args.port), serve("bare_site", args.port + 1)]
    base = f"http://127.0.0.1:{args.port}"
    bare = f"http://127.0.0.1:{args.port + 1}/bare/"
    try:
        for url in (base + "/healthz", f"http://127.0.0.1:{args.port + 1}/healthz"):
            for _ in range(100):
                try:
                    urllib.request.urlopen(url, timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
        check = (
            urllib.request.urlopen(
                base + "/cek/?nomor=" + urllib.request.quote(forgiving(sample[0]))
            )
            .read()
            .decode()
        )
        heading = "</span>/<wbr><span>".join(
            sample[0].split("/")
        )  # templates/ppps/public/_facts.html
        assert heading in check, "lookup did not find the case"
        assert "/Reg/" in urllib.request.urlopen(bare).read().decode(), "bare view found no row"
        threads = min(2, args.connections)
        wrk(bare, 5, args.connections, threads)  # warm up both
        wrk(base + "/cek/", 10, args.connections, threads, lua.name)
        if args.warm:
            from concurrent.futures import ThreadPoolExecutor

            def fetch(nomor):
                url = base + "/cek/?nomor=" + urllib.request.quote(forgiving(nomor))
                return urllib.request.urlopen(url, timeout=120).status

            with ThreadPoolExecutor(args.connections) as pool:
                assert set(pool.map(fetch, sample)) == {200}
            print(f"warm: all {len(sample):,} numbers looked up once", flush=True)
        # Alternate the two in rounds so that load from elsewhere on the machine hits both alike.
        bare_runs, cek_runs = [], []
        for _ in range(args.rounds):
            bare_runs.append(wrk(bare, args.seconds, args.connections, threads))
            cek_runs.append(wrk(base + "/cek/", args.seconds, args.connections, threads, lua.name))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)
        os.unlink(lua.name)
    bare_rps = statistics.mean(r[0] for r in bare_runs)
    cek_rps = statistics.mean(r[0] for r in cek_runs)
    bare_p99 = statistics.median(r[1] for r in bare_runs)
    cek_p99 = statistics.median(r[1] for r in cek_runs)
    bare_err = sum(r[2] for r in bare_runs)
    cek_err = sum(r[2] for r in cek_runs)
    ratio = cek_rps / bare_rps
    for i, (b, c) in enumerate(zip(bare_runs, cek_runs, strict=True), start=1):
        print(
            f"round {i}: bare {b[0]:7.1f} req/s p99 {b[1]:6.1f} ms | /cek/ {c[0]:7.1f} req/s p99 {c[1]:6.1f} ms"
        )
    print(
        f"bare Django view   : {bare_rps:8.1f} req/s  p99 {bare_p99:6.1f} ms (median)  errors {bare_err}"
    )
    print(
        f"/cek/ lookup       : {cek_rps:8.1f} req/s  p99 {cek_p99:6.1f} ms (median)  errors {cek_err}"
    )
    print(
        f"ratio /cek/ : bare = {ratio:.2f} ({'OK' if ratio >= 0.6 else 'UNDER'}, target >= 0.60); "
        f"p99 {cek_p99:.1f} ms ({'OK' if cek_p99 <= 25 else 'OVER'}, target <= 25 ms) "
        f"at {args.connections} clients, {args.workers} workers each"
    )


if __name__ == "__main__":
    main()
