#!/usr/bin/env python3
"""SISP's two commands, for a fresh machine with only Python 3.11+:

    python3 dev.py run    # venv, install, migrate, demo data, serve at http://127.0.0.1:8000
    python3 dev.py test   # venv, install (with test tools), the whole test suite

Both are safe to run again. Extra arguments after "test" go to pytest.

And one for the production shape on this one machine (README, "A province on several app
servers"): nginx in front of two gunicorn app servers, Postgres, Redis, an S3-compatible
object store (moto's server) and two task workers, all on loopback, stopped on Ctrl+C:

    python3 dev.py cluster [--port 8080]
"""

import argparse
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, *, timeout=30.0, process=None, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} berhenti sebelum siap (kode {process.returncode}).")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} tidak siap di port {port} dalam {timeout:.0f} detik.")


def wait_for_http(url, *, timeout=60.0, process=None, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} berhenti sebelum siap (kode {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} tidak menjawab 200 di {url} dalam {timeout:.0f} detik.")


class Cluster:
    """The production shape on one machine, on loopback only, everything in one run folder.

    nginx (Debian's package) in front of two gunicorn app servers with the same settings;
    Postgres: the machine's (127.0.0.1:5432), a database of its own, dropped at the end;
    Redis: a redis-server of its own on a free port (so a test may restart it without touching
    the machine's Redis that others use); moto's S3 server from PyPI as the object store;
    two `manage.py db_worker`. tests/cluster/ drives the same class.
    """

    BUCKET = "sisp-cluster"
    FAIL_TIMEOUT = 10  # seconds an app server stays out of nginx's pool after a failure

    def __init__(self, *, port=0, postgres="postgres://postgres@127.0.0.1:5432", log=print):
        self.port = port or free_port()
        self.postgres = postgres.rstrip("/")
        self.log = log
        self.run_dir = None
        self.db_name = f"sisp_cluster_{os.getpid()}_{secrets.token_hex(3)}"
        self.processes = {}  # name -> Popen, in start order
        self.ports = {}
        self.upload_max_mb = int(os.environ.get("UPLOAD_MAX_MB", "25"))

    # --- the environment every SISP process of the cluster shares
    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def app_url(self, n):
        return f"http://127.0.0.1:{self.ports[f'app{n}']}"

    @property
    def s3_url(self):
        return f"http://127.0.0.1:{self.ports['s3']}"

    @property
    def database_url(self):
        return f"{self.postgres}/{self.db_name}"

    def env(self, **extra):
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTEST_", "DJANGO_")) and not k.startswith("AWS_")
        }
        return {
            **inherited,
            "DEBUG": "0",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url,
            "CONN_MAX_AGE": "60",
            "CACHE_URL": f"redis://127.0.0.1:{self.ports['redis']}/1",
            "PROXY_COUNT": "1",
            "SECURE_SSL": "0",
            "AWS_STORAGE_BUCKET_NAME": self.BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": "sisp-cluster",
            "AWS_SECRET_ACCESS_KEY": "sisp-cluster-secret",
            # Nothing may land here: files go to the bucket. Tests check it stays empty.
            "MEDIA_ROOT": str(self.run_dir / "media"),
            "STATIC_ROOT": str(self.run_dir / "static"),
            "UPLOAD_MAX_MB": str(self.upload_max_mb),  # nginx's limit is made from it
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    # --- starting and stopping
    def start(self):
        for tool in ("nginx", "redis-server", "psql"):
            if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
                raise RuntimeError(
                    f"{tool} tidak ada: apt-get install nginx redis-server postgresql-client"
                )
        self.run_dir = Path(tempfile.mkdtemp(prefix="sisp-cluster-"))
        self.run_dir.chmod(0o711)  # nginx's workers (user nobody) reach their temp folder
        (self.run_dir / "media").mkdir()
        self.secret_key = secrets.token_urlsafe(50)
        for name in ("app1", "app2", "redis", "s3"):
            self.ports[name] = free_port()
        self.log(f"cluster: folder {self.run_dir}, database {self.db_name}")
        self.psql(f"CREATE DATABASE {self.db_name}")
        self.start_redis()
        self._spawn("s3", [VENV / "bin" / "moto_server", "-H", "127.0.0.1", "-p", self.ports["s3"]])
        wait_for_port(self.ports["s3"], process=self.processes["s3"], what="moto_server")
        self._python(
            "-c",
            "import boto3, os; boto3.client('s3', endpoint_url=os.environ['AWS_S3_ENDPOINT_URL'],"
            " region_name='us-east-1').create_bucket(Bucket=os.environ['AWS_STORAGE_BUCKET_NAME'])",
        )
        # collectstatic touches no database: it runs beside migrate and seed_demo.
        began = time.monotonic()
        self._spawn("collectstatic", [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"])
        self.manage("migrate", "--noinput", "-v", "0")
        self.log(f"cluster: manage.py migrate done at {time.monotonic() - began:.1f} s")
        # The workers start now and take the text extraction that the demo files queue.
        for n in (1, 2):
            self._spawn(
                f"worker{n}",
                [PY, "manage.py", "db_worker", "--worker-id", f"worker{n}", "--interval", "0.5"],
            )
        # Demo users and records (seed_demo refuses without DEBUG: its password is public).
        self.manage("seed_demo", env={"DEBUG": "1"})
        self.log(f"cluster: manage.py seed_demo done at {time.monotonic() - began:.1f} s")
        collect = self.processes.pop("collectstatic")
        if collect.wait(timeout=600):
            raise RuntimeError(f"collectstatic gagal: lihat {self.run_dir / 'collectstatic.log'}")
        self.log(f"cluster: manage.py collectstatic done at {time.monotonic() - began:.1f} s")
        # whitenoise reads STATIC_ROOT when an app server starts: after collectstatic.
        for n in (1, 2):
            self.start_app(n)
        self.start_nginx()
        for n in (1, 2):
            wait_for_http(
                f"{self.app_url(n)}/healthz", process=self.processes[f"app{n}"], what=f"app{n}"
            )
        wait_for_http(f"{self.url}/healthz", process=self.processes["nginx"], what="nginx")
        self.log(
            f"cluster: nginx {self.url} -> app1 {self.app_url(1)}, app2 {self.app_url(2)}; "
            f"S3 {self.s3_url} bucket {self.BUCKET}; Redis 127.0.0.1:{self.ports['redis']}/1; "
            f"Postgres {self.database_url}; workers worker1, worker2"
        )
        return self

    def start_app(self, n):
        port = self.ports[f"app{n}"]
        self._spawn(
            f"app{n}",
            [
                PY,
                "-m",
                "gunicorn",
                "sisp.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--access-logfile",
                self.run_dir / f"app{n}-access.log",
            ],
        )
        wait_for_port(port, process=self.processes[f"app{n}"], what=f"app{n}")

    def kill_app(self, n):
        """Kill an app server at once (SIGKILL to gunicorn and its workers), as a crash would."""
        process = self.processes.pop(f"app{n}")
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def start_redis(self):
        self._spawn(
            "redis",
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                self.ports["redis"],
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.run_dir,
            ],
        )
        wait_for_port(self.ports["redis"], process=self.processes["redis"], what="redis-server")

    def restart_redis(self):
        """Stop Redis (it keeps nothing on disk: the cache is lost) and start it again."""
        self._stop("redis")
        self.start_redis()

    def start_nginx(self):
        tmp = self.run_dir / "nginx-tmp"
        tmp.mkdir()
        user_line = ""
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            user_line = "user nobody nogroup;"
            shutil.chown(tmp, "nobody")
        text = (ROOT / "docs" / "cluster" / "nginx.conf").read_text()
        for key, value in {
            "@USER_LINE@": user_line,
            "@RUN@": str(self.run_dir),
            "@PORT@": str(self.port),
            "@APP1@": str(self.ports["app1"]),
            "@APP2@": str(self.ports["app2"]),
            "@FAIL_TIMEOUT@": str(self.FAIL_TIMEOUT),
            "@BODY_MB@": str(self.upload_max_mb + 1),
            "@UPLOAD_MB@": str(self.upload_max_mb),
        }.items():
            text = text.replace(key, value)
        conf = self.run_dir / "nginx.conf"
        conf.write_text(text)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self._spawn("nginx", [nginx, "-c", conf, "-p", self.run_dir, "-g", "daemon off;"])
        wait_for_port(self.port, process=self.processes["nginx"], what="nginx")

    def stop(self):
        for name in reversed(list(self.processes)):
            self._stop(name)
        if self.run_dir is not None:
            try:
                self.psql(f"DROP DATABASE IF EXISTS {self.db_name} WITH (FORCE)")
            except RuntimeError as exc:
                self.log(f"cluster: {exc}")
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.log(f"cluster: stopped; database {self.db_name} dropped, {self.run_dir} removed")
            self.run_dir = None

    def check_alive(self):
        """Names of processes that have died by themselves."""
        return [name for name, p in self.processes.items() if p.poll() is not None]

    # --- helpers
    def manage(self, *args, env=None, capture=False):
        return self._python("manage.py", *args, env=env, capture=capture)

    def _python(self, *args, env=None, capture=False):
        result = subprocess.run(
            [str(PY), *(str(a) for a in args)],
            cwd=ROOT,
            env=self.env(**(env or {})),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(
                f"{' '.join(str(a) for a in args[:2])} gagal:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout if capture else None

    def psql(self, sql):
        result = subprocess.run(
            ["psql", f"{self.postgres}/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"psql gagal: {result.stderr.strip()}")

    def _spawn(self, name, args):
        log = open(self.run_dir / f"{name}.log", "ab")  # the child keeps its own copy
        self.processes[name] = subprocess.Popen(
            [str(a) for a in args],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C reaches dev.py only; it stops them in order
        )
        log.close()

    def _stop(self, name):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass


def cluster(argv):
    parser = argparse.ArgumentParser(prog="dev.py cluster", description=Cluster.__doc__)
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (127.0.0.1)")
    options = parser.parse_args(argv)
    ensure_venv("requirements-dev.lock")  # moto's server is a development tool
    the_cluster = Cluster(port=options.port)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        the_cluster.start()
        print(
            f"\nSISP (klaster) berjalan di {the_cluster.url}  (Ctrl+C untuk berhenti)\n"
            f"Pengguna demo, mis. arsiparis.kota / sisp-demo-2026. Log: {the_cluster.run_dir}\n",
            flush=True,
        )
        while True:
            dead = the_cluster.check_alive()
            if dead:
                print(f"Berhenti sendiri: {', '.join(dead)} (lihat log-nya).", flush=True)
                break
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        print(f"Klaster gagal dijalankan: {exc}", file=sys.stderr, flush=True)
        the_cluster.stop()
        sys.exit(1)
    finally:
        the_cluster.stop()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    if command == "run":
        run()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "cluster":
        cluster(sys.argv[2:])
    else:
        sys.exit(__doc__)
