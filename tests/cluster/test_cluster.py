"""SISP on several app servers, tested for real: nginx, two gunicorn app servers, Postgres,
Redis, moto's S3 server and two task workers (dev.Cluster, the set-up of `dev.py cluster`).

Each test speaks HTTP to the servers as a browser would; what it cannot see over HTTP it reads
from the cluster's database (SQL, or `manage.py shell` where the app's own rule is needed) or
from the bucket with boto3.
Requests sent straight to one app server carry the X-Forwarded-For that nginx would add
(PROXY_COUNT=1), each test with its own documentation address (RFC 5737) as the client.
"""

import hashlib
import http.client
import json
import re
import threading
import time
import uuid

import boto3
import psycopg
import pytest
import requests

from tests.cluster.conftest import SUMMARY

pytestmark = pytest.mark.cluster

PASSWORD = "sisp-demo-2026"  # sisp/demo/demo_data.json


def shell(cluster, code):
    """Run Python in the cluster's Django (its database, its bucket); return its JSON output."""
    out = cluster.manage("shell", "-c", code, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def sql(cluster, query, params=()):
    with psycopg.connect(cluster.database_url) as conn:
        return conn.execute(query, params).fetchall()


def browser(client_ip):
    session = requests.Session()
    session.headers["X-Forwarded-For"] = client_ip
    return session


def login(session, base, username, password=PASSWORD):
    page = session.get(f"{base}/masuk/", timeout=10)
    assert page.status_code == 200
    return session.post(
        f"{base}/masuk/",
        data={
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "username": username,
            "password": password,
        },
        allow_redirects=False,
        timeout=10,
    )


def csrf(session):
    return session.cookies["csrftoken"]


def s3_client(cluster):
    return boto3.client(
        "s3",
        endpoint_url=cluster.s3_url,
        region_name="us-east-1",
        aws_access_key_id="sisp-cluster",
        aws_secret_access_key="sisp-cluster-secret",
    )


def make_pdf(text):
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


@pytest.fixture(scope="module")
def naskah_pk(cluster):
    """A record the demo Arsiparis of the Kota office may change (the app's own rule)."""
    return editable_naskah(cluster, "arsiparis.kota")


def editable_naskah(cluster, username):
    return shell(
        cluster,
        "import json; from arsip.models import Naskah; from sisp.models import User; "
        f"u = User.objects.get(username={username!r}); "
        "n = Naskah.objects.editable_by(u).filter(kelas__wajib_tujuan=False).order_by('pk')"
        ".first(); print(json.dumps(n.pk))",
    )


def upload_version(session, base, pk, content, catatan):
    return session.post(
        f"{base}/arsip/{pk}/versi/",
        data={"csrfmiddlewaretoken": csrf(session), "catatan": catatan},
        files={"berkas_file": ("laporan.pdf", content, "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )


def versions(cluster, pk):
    rows = sql(
        cluster,
        "SELECT id, versi, file_name, sha256, catatan FROM arsip_berkasdigital "
        "WHERE naskah_id = %s ORDER BY versi",
        (pk,),
    )
    return [
        dict(zip(("pk", "versi", "file_name", "sha256", "catatan"), r, strict=True)) for r in rows
    ]


def test_session_made_on_one_server_is_valid_on_the_other(cluster):
    user = browser("192.0.2.10")
    response = login(user, cluster.app_url(1), "staf.kota")
    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"].endswith("/portal/")

    on_other = user.get(f"{cluster.app_url(2)}/portal/", allow_redirects=False, timeout=10)
    assert on_other.status_code == 200
    assert "staf.kota" in on_other.text or "Keluar" in on_other.text

    # Control: without the session cookie app2 sends the visitor to the sign-in page.
    stranger = browser("192.0.2.11")
    refused = stranger.get(f"{cluster.app_url(2)}/portal/", allow_redirects=False, timeout=10)
    assert refused.status_code == 302 and "/masuk/" in refused.headers["Location"]


def test_lockout_counted_on_one_server_holds_on_the_other(cluster):
    attacker = browser("192.0.2.20")
    for _ in range(5):  # AXES_FAILURE_LIMIT
        wrong = login(attacker, cluster.app_url(1), "staf.kab", "salah-sekali")
        assert wrong.status_code in (200, 403, 429)
    # The right password, on the other server, from the same address: still locked.
    owner = browser("192.0.2.20")
    locked = login(owner, cluster.app_url(2), "staf.kab")
    assert locked.status_code != 302, "app2 let a locked account in"
    assert "dikunci" in locked.text.lower() or "terkunci" in locked.text.lower()
    after = owner.get(f"{cluster.app_url(2)}/portal/", allow_redirects=False, timeout=10)
    assert after.status_code == 302 and "/masuk/" in after.headers["Location"]
    failures = sql(
        cluster, "SELECT failures_since_start FROM axes_accessattempt WHERE username = 'staf.kab'"
    )
    assert failures and failures[0][0] >= 5


def test_cek_limit_counted_on_one_server_holds_on_the_other(cluster):
    visitor = browser("192.0.2.30")
    limit = 20  # PPPS_LOOKUP_LIMIT
    for i in range(limit):
        ok = visitor.get(f"{cluster.app_url(1)}/cek/", params={"nomor": f"X-{i}"}, timeout=10)
        assert ok.status_code == 200
    refused = visitor.get(f"{cluster.app_url(2)}/cek/", params={"nomor": "X-last"}, timeout=10)
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    # Another address is not affected (the count is per client, carried by nginx's header).
    other = browser("192.0.2.31").get(
        f"{cluster.app_url(2)}/cek/", params={"nomor": "X-0"}, timeout=10
    )
    assert other.status_code == 200


def test_file_uploaded_through_one_server_downloads_through_the_other(cluster, naskah_pk):
    pk = naskah_pk
    owner = browser("192.0.2.40")
    assert login(owner, cluster.app_url(1), "arsiparis.kota").status_code == 302
    word = f"klaster{uuid.uuid4().hex[:8]}"
    content = make_pdf(f"Laporan uji klaster {word}")
    before = versions(cluster, pk)

    saved = upload_version(owner, cluster.app_url(1), pk, content, "unggahan lewat app1")
    assert saved.status_code == 302
    after = versions(cluster, pk)
    assert len(after) == len(before) + 1
    new = after[-1]
    assert new["sha256"] == hashlib.sha256(content).hexdigest()

    # In the bucket, byte for byte; nowhere on the app servers' disk.
    stored = s3_client(cluster).get_object(Bucket=cluster.BUCKET, Key=new["file_name"])
    assert hashlib.sha256(stored["Body"].read()).hexdigest() == new["sha256"]
    local = [p for p in cluster.run_dir.rglob("*") if p.name == new["file_name"].rsplit("/")[-1]]
    assert local == []
    assert not any(p.is_file() for p in (cluster.run_dir / "media").rglob("*"))

    url = f"{cluster.app_url(2)}/arsip/{pk}/unduh/{new['versi']}/"
    downloaded = owner.get(url, timeout=30)
    assert downloaded.status_code == 200
    assert downloaded.content == content
    assert downloaded.headers["Cache-Control"] == "private, no-store"

    # Rights checked on app2 too: another office's Arsiparis gets "not found", and nobody
    # signed out gets the file.
    outsider = browser("192.0.2.41")
    assert login(outsider, cluster.app_url(2), "arsiparis.kab").status_code == 302
    hidden = outsider.get(url, allow_redirects=False, timeout=10)
    assert hidden.status_code == 404 and hidden.content != content
    anonymous = browser("192.0.2.42").get(url, allow_redirects=False, timeout=10)
    assert anonymous.status_code == 302 and "/masuk/" in anonymous.headers["Location"]

    audit = sql(
        cluster,
        "SELECT actor_username, host(ip_address) FROM sisp_auditevent WHERE action = "
        "'arsip.download' AND object_id = %s AND detail->>'sha256' = %s",
        (str(pk), new["sha256"]),
    )
    assert audit == [("arsiparis.kota", "192.0.2.40")]  # one entry, the client's address


def test_nginx_carries_the_client_address_and_the_body_limit(cluster, naskah_pk):
    # A forged X-Forwarded-For sent to nginx is not believed: nginx appends the address it saw
    # and SISP (PROXY_COUNT=1) takes that one, so a new header per request does not escape the
    # /cek/ limit.
    statuses = []
    for i in range(25):
        response = requests.get(
            f"{cluster.url}/cek/",
            params={"nomor": f"F-{i}"},
            headers={"X-Forwarded-For": f"203.0.113.{i + 1}"},
            timeout=10,
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[-1] == 429 and len(statuses) <= 21, statuses

    # A file just over UPLOAD_MAX_MB passes nginx and gets SISP's own Indonesian message; the
    # record keeps its versions.
    user = browser("192.0.2.50")
    assert login(user, cluster.url, "arsiparis.kota").status_code == 302
    before = versions(cluster, naskah_pk)
    big = b"%PDF-1.4\n" + b"0" * (cluster.upload_max_mb * 1024 * 1024 + 300_000)
    refused = upload_version(user, cluster.url, naskah_pk, big, "terlalu besar")
    assert refused.status_code == 302
    page = user.get(f"{cluster.url}{refused.headers['Location']}", timeout=10)
    assert "File terlalu besar" in page.text and f"{cluster.upload_max_mb} MB" in page.text
    assert versions(cluster, naskah_pk) == before

    # A body beyond nginx's client_max_body_size never reaches an app server: nginx answers
    # 413 with a short Indonesian page, not its English one.
    conn = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=10)
    try:
        conn.putrequest("POST", f"/arsip/{naskah_pk}/versi/")
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str((cluster.upload_max_mb + 5) * 1024 * 1024))
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode()
    finally:
        conn.close()
    assert response.status == 413
    assert "File terlalu besar" in body and 'lang="id"' in body and "nginx" not in body


def test_background_task_done_exactly_once_with_two_workers(cluster):
    path = cluster.run_dir / "marks.txt"
    tokens = [f"t{i:02d}-{uuid.uuid4().hex[:6]}" for i in range(16)]
    ids = shell(
        cluster,
        "import json; from tests.cluster.tasks import mark; "
        f"print(json.dumps([mark.enqueue(t, {str(path)!r}).id for t in {tokens!r}]))",
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = path.read_text().splitlines() if path.exists() else []
        if len(done) >= len(tokens):
            break
        time.sleep(0.5)
    time.sleep(1.5)  # a duplicate run, if there were one, would land now
    lines = path.read_text().splitlines()
    assert sorted(line.split()[0] for line in lines) == sorted(tokens)  # each exactly once

    results = sql(
        cluster,
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id::text = ANY(%s)",
        ([str(i) for i in ids],),
    )
    assert len(results) == len(tokens)
    assert all(status == "SUCCESSFUL" and len(workers) == 1 for status, workers in results)
    by_worker = {w[0] for _, w in results}
    SUMMARY.append(
        f"tasks: {len(tokens)} queued, each done once; per worker "
        + ", ".join(f"{w} {sum(1 for _, x in results if x == [w])}" for w in sorted(by_worker))
    )
    assert by_worker == {"worker1", "worker2"}


def _load(url, *, count, results, lock):
    session = requests.Session()
    for _ in range(count):
        try:
            response = session.get(url, timeout=15)
            outcome = (response.status_code, response.headers.get("X-SISP-Upstream", ""))
        except requests.RequestException as exc:
            outcome = (type(exc).__name__, "")
        with lock:
            results.append(outcome)


def test_killing_one_app_server_under_load_loses_no_request(cluster):
    app1 = f"127.0.0.1:{cluster.ports['app1']}"
    app2 = f"127.0.0.1:{cluster.ports['app2']}"
    threads_n, per_thread = 4, 100
    results, lock = [], threading.Lock()
    threads = [
        threading.Thread(
            target=_load,
            args=(f"{cluster.url}{path}",),
            kwargs={"count": per_thread, "results": results, "lock": lock},
        )
        for path in ("/", "/healthz", "/cek/", "/healthz")
    ][:threads_n]
    try:
        _kill_under_load(cluster, threads, results, threads_n, per_thread, app1, app2)
    finally:
        if "app1" not in cluster.processes:  # the tests after this one need both servers
            cluster.start_app(1)

    # Back in the pool once it runs again (after nginx's fail_timeout).
    seen = set()
    deadline = time.monotonic() + cluster.FAIL_TIMEOUT + 20
    while app1 not in seen and time.monotonic() < deadline:
        seen.add(requests.get(f"{cluster.url}/healthz", timeout=10).headers["X-SISP-Upstream"])
        time.sleep(0.2)
    assert app1 in seen


def _kill_under_load(cluster, threads, results, threads_n, per_thread, app1, app2):
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(results) < threads_n * per_thread // 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    served_by_app1_before = sum(1 for _, up in results if up.startswith(app1))
    cluster.kill_app(1)
    killed_at = len(results)
    for thread in threads:
        thread.join(timeout=120)
    failed = [r for r in results if r[0] != 200]
    SUMMARY.append(
        f"app1 killed under load: {len(results)} GET requests through nginx, app1 killed after "
        f"{killed_at} (it had served {served_by_app1_before}); failed: {len(failed)} "
        f"(allowed: {threads_n} in flight); retried by nginx on app2: "
        f"{sum(1 for _, up in results if ',' in up)}"
    )
    assert len(results) == threads_n * per_thread
    assert served_by_app1_before > 0  # the load really was spread over both servers
    assert len(failed) <= threads_n, failed  # at most those in flight; nginx retried the rest

    # The dead one is out of the pool: its own /healthz does not answer. nginx tries it again
    # only once per fail_timeout (passive health): wait for such a try (the request still
    # succeeds, on app2), then every request goes straight to app2 without touching app1.
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{cluster.app_url(1)}/healthz", timeout=3)
    deadline = time.monotonic() + cluster.FAIL_TIMEOUT + 10
    probe = None
    while time.monotonic() < deadline:
        response = requests.get(f"{cluster.url}/healthz", timeout=10)
        assert response.status_code == 200
        if app1 in response.headers["X-SISP-Upstream"]:
            probe = response.headers["X-SISP-Upstream"]
            break
        time.sleep(0.1)
    assert probe == f"{app1}, {app2}", probe  # tried app1, answered by app2
    probed_at = time.monotonic()
    after = [requests.get(f"{cluster.url}/healthz", timeout=10) for _ in range(10)]
    assert time.monotonic() - probed_at < cluster.FAIL_TIMEOUT, "too slow to check the window"
    assert all(r.status_code == 200 for r in after)
    assert {r.headers["X-SISP-Upstream"] for r in after} == {app2}


def test_restarting_redis_loses_nothing_a_user_typed(cluster, naskah_pk):
    pk = naskah_pk
    user = browser("192.0.2.60")
    assert login(user, cluster.url, "arsiparis.kota").status_code == 302
    typed_before = f"catatan sebelum Redis mulai ulang {uuid.uuid4().hex[:6]}"
    assert upload_version(user, cluster.url, pk, make_pdf("a"), typed_before).status_code == 302

    cluster.restart_redis()

    # Still signed in (the session is in Postgres), on both servers.
    for n in (1, 2):
        page = user.get(f"{cluster.app_url(n)}/portal/", allow_redirects=False, timeout=10)
        assert page.status_code == 200, f"app{n}: {page.status_code}"
    typed_after = f"catatan sesudah Redis mulai ulang {uuid.uuid4().hex[:6]}"
    assert upload_version(user, cluster.url, pk, make_pdf("b"), typed_after).status_code == 302
    notes = [v["catatan"] for v in versions(cluster, pk)]
    assert typed_before in notes and typed_after in notes
    # The cache works again (the /cek/ limit counts in it).
    again = browser("192.0.2.61").get(f"{cluster.url}/cek/", params={"nomor": "X"}, timeout=10)
    assert again.status_code == 200
    assert re.search(r"<form", again.text)


def _database_state(database_url):
    """Row counts of every table, and the audit trail's rows in order, of one database."""
    with psycopg.connect(database_url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        audit = conn.execute("SELECT t::text FROM sisp_auditevent t ORDER BY id").fetchall()
        files = conn.execute("SELECT file_name, sha256 FROM arsip_berkasdigital").fetchall()
    return counts, audit, files


def test_backup_restores_into_an_empty_database_and_bucket(cluster, naskah_pk, tmp_path):
    # Something of every kind first: an uploaded file, its audit entries.
    user = browser("192.0.2.70")
    assert login(user, cluster.url, "arsiparis.kota").status_code == 302
    assert (
        upload_version(user, cluster.url, naskah_pk, make_pdf("cadangan"), "x").status_code == 302
    )
    # Let the workers finish the text extraction it queued, so nothing writes during the test.
    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline
        and sql(
            cluster,
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')",
        )[0][0]
    ):
        time.sleep(0.5)

    folder = tmp_path / "cadangan"
    began = time.monotonic()
    out = cluster.manage("backup", folder, capture=True)
    took = time.monotonic() - began
    assert "Cadangan selesai" in out
    manifest = json.loads((folder / "manifest.json").read_text())
    counts, audit, files = _database_state(cluster.database_url)
    # The manifest was read in the dump's snapshot; the checks below read the live database,
    # so nothing may write in between: the workers are idle and no request runs.
    assert manifest["database"]["tables"] == counts
    assert manifest["audit"]["count"] == len(audit) > 0
    assert len(manifest["files"]) >= len(files) > 0

    restored_db = f"{cluster.db_name}_pulih"
    bucket = "sisp-cluster-pulih"
    s3 = s3_client(cluster)
    s3.create_bucket(Bucket=bucket)
    cluster.psql(f"CREATE DATABASE {restored_db}")
    target = {
        "DATABASE_URL": f"{cluster.postgres}/{restored_db}",
        "AWS_STORAGE_BUCKET_NAME": bucket,
    }
    try:
        began = time.monotonic()
        out = cluster.manage("restore", folder, env=target, capture=True)
        assert "Pemulihan selesai dan diperiksa" in out
        SUMMARY.append(
            f"backup: {sum(counts.values())} rows, {len(audit)} audit entries, "
            f"{len(manifest['files'])} files in {took:.1f} s; restore and its verification into "
            f"an empty database and bucket in {time.monotonic() - began:.1f} s"
        )

        # Checked again here, independently of the command's own verification.
        r_counts, r_audit, r_files = _database_state(target["DATABASE_URL"])
        assert r_counts == counts
        assert r_audit == audit  # every audit row, in order, byte for byte
        assert sorted(r_files) == sorted(files)
        for name, sha in r_files:
            body = s3.get_object(Bucket=bucket, Key=name)["Body"].read()
            assert hashlib.sha256(body).hexdigest() == sha
        with psycopg.connect(target["DATABASE_URL"]) as conn:  # the append-only guard came too
            with pytest.raises(psycopg.Error):
                conn.execute("DELETE FROM sisp_auditevent")

        # A second restore into the now full database is refused, and changes nothing.
        with pytest.raises(RuntimeError, match="tidak kosong"):
            cluster.manage("restore", folder, env=target)
        assert _database_state(target["DATABASE_URL"]) == (r_counts, r_audit, r_files)
    finally:
        cluster.psql(f"DROP DATABASE IF EXISTS {restored_db} WITH (FORCE)")
