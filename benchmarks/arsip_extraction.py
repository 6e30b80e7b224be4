"""E-Arsip: bounded text extraction against zip bombs, and the cost of stamping a download.

Each extraction case runs in a fresh process (so its figures are its own): wall time and
peak memory of the worker process and of the parsing child (RUSAGE_CHILDREN). Then the time
to stamp a PDF of 1, 50 and 200 pages (what a Rahasia download adds to the request).

    DEBUG=1 .venv/bin/python benchmarks/arsip_extraction.py

Needs no database (files go to a temporary MEDIA_ROOT). On main before the limits, the first
kind of bomb below held the worker for 46 s at 3.9 GB (issue 10).
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = {
    "docx: 200 parts x 16 MB (3.2 GB inflated, the bomb of issue 10)": ("bomb", 16, 200),
    "docx: one part of 1 GB": ("bomb", 1024, 1),
    "docx: 5,000 members": ("many", 5000, 0),
}

CHILD = """
import io, json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
import django
django.setup()
from django.core.files.storage import default_storage
from arsip import extraction
from tests.arsip.zipbombs import docx_bomb, docx_with_many_members
kind, a, b = {case!r}
data = docx_bomb(megabytes=a, members=b) if kind == "bomb" else docx_with_many_members(a)
name = default_storage.save("bench/bomb.docx", io.BytesIO(data))
began = time.monotonic()
text, status, note = extraction.extract(name, "docx")
print(json.dumps({{
    "seconds": round(time.monotonic() - began, 2),
    "file_mb": round(len(data) / 2**20, 1),
    "worker_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
    "status": status, "note": note, "text_chars": len(text),
}}))
"""


def run_case(label, case, media):
    env = {**os.environ, "MEDIA_ROOT": media, "SECRET_KEY": os.environ.get("SECRET_KEY", "b")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), case=case)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if done.returncode:
        print(f"{label}: failed\n{done.stderr[-2000:]}")
        return
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"{label}: {result['file_mb']} MB file -> {result['seconds']} s, worker peak "
        f"{result['worker_peak_mb']} MB, parser peak {result['child_peak_mb']} MB; "
        f"{result['status']} ({result['note']}), {result['text_chars']:,} characters kept"
    )


def stamp_timings():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sisp.settings")
    import django

    django.setup()
    from pypdf import PdfReader, PdfWriter

    from arsip import stamping
    from tests.arsip.conftest import make_pdf

    lines = ["Diunduh oleh Siti (NIP 198001012005012001)", "Tujuan: uji", "Kode unduhan: X"]
    for count in (1, 50, 200):
        writer = PdfWriter()
        for i in range(count):  # distinct pages, as in a real document
            writer.add_page(PdfReader(io.BytesIO(make_pdf(f"Halaman {i} naskah rahasia"))).pages[0])
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
        runs = []
        for _ in range(3):
            began = time.monotonic()
            stamping.stamp_pdf(data, lines, "ABCD-EFGH")
            runs.append(time.monotonic() - began)
        print(f"stamp a {count}-page PDF: best of 3 {min(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="sisp-bench-") as media:
        for label, case in CASES.items():
            run_case(label, case, media)
    stamp_timings()
