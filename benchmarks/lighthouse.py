"""Lighthouse (mobile, its default preset) on the public pages and the ABK form; prints scores.

Not part of CI: it needs Node, Lighthouse and Chromium, and a running server with the demo
data. Targets (issues 12 part 5 and 14 part 2): every public page 100 in performance,
accessibility and best practices and under 150 KB transferred; the ABK form performance at
least 95 with Total Blocking Time under 200 ms. Lighthouse's own simulated throttling (slow
4G, 4x CPU slowdown) is used, so the figures depend on the machine's load: report it.

    createdb -h 127.0.0.1 -U postgres sisp_lighthouse
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sisp_lighthouse SECRET_KEY=lh
    .venv/bin/python manage.py migrate && DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=0 .venv/bin/python manage.py collectstatic --noinput
    DEBUG=0 .venv/bin/gunicorn sisp.wsgi -b 127.0.0.1:8000 -w 2 &   # static files by whitenoise
    (cd /tmp/lh && npm install lighthouse)
    DEBUG=0 .venv/bin/python benchmarks/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse

The signed-in page gets a session made here for a demo user who may edit an analysis (second
factor marked passed, as django-otp does after the code), passed to Lighthouse as a cookie in
``--extra-headers``; the script needs the server's DATABASE_URL and SECRET_KEY for that.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")

import django  # noqa: E402

django.setup()

BACKEND = "django.contrib.auth.backends.ModelBackend"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def demo_case_number():
    from ppps.models import Perkara

    case = (
        Perkara.objects.exclude(nomor_register="")
        .filter(tahapan__is_public=True)
        .order_by("pk")
        .first()
    )
    if case is None:
        sys.exit("Tidak ada perkara teregistrasi: muat data demo dulu (seed_demo).")
    return case.nomor_register


def abk_form_and_session():
    """(path of an ABK form the user may edit, session cookie value) for a demo user."""
    import django_otp
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django.http import HttpRequest
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from abk_anjab.models import Anjab
    from sisp import twofactor
    from sisp.models import User

    for anjab in Anjab.objects.annotate(tasks=Count("tugas_pokok")).order_by("-tasks", "pk"):
        if anjab.is_locked:
            continue
        for user in User.objects.filter(office=anjab.office, is_active=True).order_by("pk"):
            if user.has_perm("abk_anjab.view_anjab") and anjab.can_edit(user):
                request = HttpRequest()
                request.session = SessionStore()
                request.user = user
                login(request, user, backend=BACKEND)
                if twofactor.required_for(user):
                    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
                    django_otp.login(request, device)
                request.session.save()
                return f"/abk/analisis/{anjab.pk}/isi/", request.session.session_key
    sys.exit("Tidak ada analisis ABK yang dapat diubah dalam data demo.")


def run(lighthouse, url, headers=None):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    cmd = [
        lighthouse,
        url,
        "--output=json",
        f"--output-path={path}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    if headers:
        cmd.append(f"--extra-headers={json.dumps(headers)}")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    # Lighthouse may exit non-zero after writing its report (Chrome slow to close on a loaded
    # machine): the report decides.
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    try:
        report = json.loads(Path(path).read_text() or "null")
    finally:
        os.unlink(path)
    if not report or report.get("runtimeError"):
        error = (report or {}).get("runtimeError") or done.stderr[-500:]
        sys.exit(f"Lighthouse gagal untuk {url}: {error}")
    return report


def summary(report):
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        audit_id
        for audit_id, audit in audits.items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return {
        **scores,
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failing": failing,
    }


def main():
    from urllib.parse import quote

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--lighthouse", default="lighthouse", help="path of the lighthouse CLI")
    parser.add_argument("--only", help="run only pages whose path contains this")
    parser.add_argument("--json", help="also write every page's summary to this file")
    args = parser.parse_args()
    form, session = abk_form_and_session()
    from django.conf import settings

    pages = [
        ("/", None),
        ("/kantor/kota-mojokerto/", None),
        (f"/cek/?nomor={quote(demo_case_number())}", None),
        ("/aduan/", None),
        ("/statistik/", None),
        (form, {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}),
    ]
    results = {}
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for path, headers in pages:
        if args.only and args.only not in path:
            continue
        s = summary(run(args.lighthouse, args.base + path, headers))
        results[path] = s
        print(
            f"{path[:60]:60} perf {s['performance']:3} a11y {s['accessibility']:3} "
            f"bp {s['best-practices']:3} seo {s['seo']:3}  TBT {s['tbt_ms']:4} ms  "
            f"LCP {s['lcp_ms']:5} ms  {s['kb']:6.1f} KB",
            flush=True,
        )
        if s["failing"]:
            print(f"    below full marks: {', '.join(s['failing'])}", flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
