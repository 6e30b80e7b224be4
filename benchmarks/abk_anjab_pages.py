"""ABK & Anjab page timings with a large office.

Creates a benchmark office with --jobs jobs (default 300), each with an analysis of 15 tasks,
and one long analysis of --tasks tasks (default 80; above ~95 tasks a save exceeds Django's default
DATA_UPLOAD_MAX_NUMBER_FIELDS of 1,000), then times the real views through the
test client as the office's Koordinator Sekretariat: job list, recap page, recap XLSX, the form
of the long analysis, its live preview, its save (all, and one section), the autosave of a server
draft and the form shown from that draft, and its PDF. Prints p50/p95 and the number of
queries per view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sisp_abk_bench DEBUG=1 \\
        .venv/bin/python benchmarks/abk_anjab_pages.py --jobs 300 --tasks 80

The database is migrated if needed; the benchmark office's jobs are rebuilt on each run. Never point it
at a production database.
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

import django_otp  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpRequest  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from abk_anjab.models import SECTIONS, Anjab, Jabatan, TugasPokok  # noqa: E402
from sisp import roles, twofactor  # noqa: E402
from sisp.models import Office, Unit, User  # noqa: E402

OFFICE_CODE = "K.BA-01"
YEAR = 2026


def build(jobs, tasks):
    """The benchmark office, its units and user are kept between runs (the audit trail refers
    to them and may not be deleted); its jobs and analyses are rebuilt."""
    office, _ = Office.objects.get_or_create(
        code=OFFICE_CODE,
        defaults={"name": "Bawaslu Kota Tolok Ukur", "slug": "kota-tolok-ukur", "level": "KOTA"},
    )
    Anjab.objects.filter(office=office).delete()
    Jabatan.objects.filter(office=office).delete()
    units = [
        Unit.objects.get_or_create(
            office=office, name=f"Subbagian {i}", defaults={"kind": "subbagian", "order": i}
        )[0]
        for i in range(6)
    ]
    user, _ = User.objects.get_or_create(
        username="korsek.tolokukur", defaults={"office": office, "unit": units[0]}
    )
    user.groups.add(roles.ensure_roles()[roles.KOORDINATOR_SEKRETARIAT])
    with transaction.atomic():
        jabatan = Jabatan.objects.bulk_create(
            Jabatan(
                office=office,
                unit=units[i % 6],
                nama=f"Jabatan {i}",
                jenis="pelaksana",
                kelas_jabatan=5 + i % 5,
                bezetting=i % 3,
            )
            for i in range(jobs)
        )
        analyses = Anjab.objects.bulk_create(
            Anjab(office=office, jabatan=j, tahun=YEAR, bezetting=j.bezetting) for j in jabatan
        )
        TugasPokok.objects.bulk_create(_task(a, n) for a in analyses for n in range(15))
        for anjab in analyses:
            anjab.recalculate()
        long_job = Jabatan.objects.create(
            office=office, unit=units[0], nama="Jabatan panjang", jenis="pelaksana", bezetting=2
        )
        long = Anjab.objects.create(office=office, jabatan=long_job, tahun=YEAR, bezetting=2)
        TugasPokok.objects.bulk_create(_task(long, n) for n in range(tasks))
        long.recalculate()
    return user, long


def _task(anjab, n):
    return TugasPokok(
        anjab=anjab,
        urutan=n,
        uraian=f"Tugas {n} dengan tahapan yang cukup panjang",
        hasil_kerja="Dokumen",
        satuan_hasil="dokumen",
        volume=Decimal(10 + n % 50),
        waktu=Decimal(5 + n % 30),
        periode=["tahun", "bulan", "minggu", "hari"][n % 4],
        satuan_waktu=["menit", "jam"][n % 2],
    )


def form_post(anjab):
    data = {"bezetting": "2", "wke_jam": "1250", "pembulatan": "half_up", "jumlah_ditetapkan": "1"}
    rows = list(anjab.tugas_pokok.all())
    for name, *_ in SECTIONS:
        data[f"{name}-TOTAL_FORMS"] = str(len(rows)) if name == "tugas_pokok" else "0"
        data[f"{name}-INITIAL_FORMS"] = str(len(rows)) if name == "tugas_pokok" else "0"
    for i, row in enumerate(rows):
        for field in ("uraian", "hasil_kerja", "satuan_hasil", "periode", "satuan_waktu"):
            data[f"tugas_pokok-{i}-{field}"] = getattr(row, field)
        data[f"tugas_pokok-{i}-id"] = str(row.pk)
        data[f"tugas_pokok-{i}-volume"] = str(row.volume)
        data[f"tugas_pokok-{i}-waktu"] = str(row.waktu)
    return data


def pass_second_factor(client, user):
    """The Koordinator Sekretariat signs in with a second factor (sisp/twofactor.py): mark the
    session verified with django-otp's own login, as tests/conftest.py's SispClient does.
    Without it every page answers with the redirect to the second step."""
    if not twofactor.required_for(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Tolok ukur", confirmed=True)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, device)
    request.session.save()


def measure(label, call, runs):
    times = []
    with CaptureQueriesContext(connection) as ctx:
        response = call()
    assert response.status_code in (200, 302), (label, response.status_code)
    if response.status_code == 302:
        # Only the saves redirect (back to the form); anything else is a sign-in redirect.
        assert "/masuk/" not in response.url and "dua-langkah" not in response.url, response.url
    queries = len(ctx.captured_queries)
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label:38} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
        f"{queries:3d} queries   {len(response.content) // 1024:5d} KB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=80)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    user, long = build(args.jobs, args.tasks)
    print(
        f"{connection.vendor}: built {args.jobs} jobs x 15 tasks and one analysis of "
        f"{args.tasks} tasks in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    base = reverse("abk_anjab:index").rstrip("/")  # the app moved from /abk-anjab/ to /abk/
    data = form_post(long)
    measure("job list (index)", lambda: client.get(f"{base}/?tahun={YEAR}"), args.runs)
    measure("recap page", lambda: client.get(f"{base}/rekap/?tahun={YEAR}"), args.runs)
    measure("recap xlsx", lambda: client.get(f"{base}/rekap/xlsx/?tahun={YEAR}"), args.runs)
    measure(
        f"form GET ({args.tasks} tasks)",
        lambda: client.get(f"{base}/analisis/{long.pk}/isi/"),
        args.runs,
    )
    measure(
        f"live preview ({args.tasks} tasks)",
        lambda: client.post(f"{base}/analisis/{long.pk}/hitung/", data),
        args.runs,
    )
    edit = f"{base}/analisis/{long.pk}/isi/"

    def save(**extra):
        # Each save raises the save number (optimistic concurrency): post the current one.
        versi = Anjab.objects.values_list("versi", flat=True).get(pk=long.pk)
        response = client.post(edit, {**data, "versi": str(versi), **extra})
        assert response.status_code == 302, response.status_code
        return response

    measure(f"save ({args.tasks} tasks)", save, args.runs)
    measure(
        f"section save, kedudukan ({args.tasks} tasks)",
        lambda: save(simpan_bagian="kedudukan", ikhtisar="Ikhtisar"),
        args.runs,
    )
    measure(
        f"autosave draft ({args.tasks} tasks)",
        lambda: client.post(f"{base}/analisis/{long.pk}/draf/", {**data, "ikhtisar": "Draf"}),
        args.runs,
    )
    measure(f"form GET with a draft ({args.tasks} tasks)", lambda: client.get(edit), args.runs)
    measure(
        f"anjab PDF ({args.tasks} tasks)",
        lambda: client.get(f"{base}/analisis/{long.pk}/pdf/"),
        max(3, args.runs // 5),
    )


if __name__ == "__main__":
    main()
