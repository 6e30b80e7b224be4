#!/usr/bin/env python3
"""SISP's two commands, for a fresh machine with only Python 3.11+:

    python3 dev.py run    # venv, install, migrate, demo data, serve at http://127.0.0.1:8000
    python3 dev.py test   # venv, install (with test tools), the whole test suite

Both are safe to run again. Extra arguments after "test" go to pytest.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def sh(*args, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)


def ensure_venv(lockfile):
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may be started by an older Python)
        sys.exit("SISP memerlukan Python 3.11 atau lebih baru.")
    if not PY.exists():
        print(f"Membuat lingkungan virtual di {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    lock = ROOT / lockfile
    stamp = VENV / f".installed-{lockfile}"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    result = sh(
        PY,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "--require-hashes",
        "-r",
        lock,
    )
    if result.returncode:
        sys.exit(result.returncode)
    stamp.write_text(digest)


def run():
    ensure_venv("requirements.lock")
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    for step in (["migrate", "--noinput"], ["seed_demo"]):
        if sh(PY, "manage.py", *step, env=env).returncode:
            sys.exit(1)
    print("\nSISP berjalan di http://127.0.0.1:8000  (Ctrl+C untuk berhenti)\n", flush=True)
    # The task worker runs beside the web server so background work (text extraction,
    # e-mail) happens on the demo too.
    worker = subprocess.Popen([str(PY), "manage.py", "db_worker"], cwd=ROOT, env=env)
    try:
        sh(PY, "manage.py", "runserver", "127.0.0.1:8000", env=env)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()


def test(extra):
    ensure_venv("requirements-dev.lock")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "test-only")}
    result = sh(PY, "-m", "pytest", *extra, env=env)
    sys.exit(result.returncode)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        run()
    elif command == "test":
        test(sys.argv[2:])
    else:
        sys.exit(__doc__)
