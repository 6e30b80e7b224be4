"""The cluster tests start `dev.py cluster`'s set-up themselves (dev.Cluster) and stop it at
the end. They run only with SISP_CLUSTER_TESTS=1 (`.ci/run` sets it after the main suites):
starting two app servers, nginx, Redis, moto and two workers takes a minute."""

import os
import re
from collections import Counter

import pytest

ENABLED = os.environ.get("SISP_CLUSTER_TESTS") == "1"
SUMMARY = []


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="cluster test: runs only with SISP_CLUSTER_TESTS=1")
    for item in items:
        if item.get_closest_marker("cluster") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cluster():
    import dev

    the_cluster = dev.Cluster(log=lambda line: SUMMARY.append(line))
    try:
        the_cluster.start()
        yield the_cluster
    finally:
        try:
            SUMMARY.extend(usage_summary(the_cluster))
        finally:
            the_cluster.stop()


def usage_summary(the_cluster):
    """What the run used: requests per app server (nginx's log), objects in the bucket."""
    lines = []
    if the_cluster.run_dir is None:
        return lines
    log = the_cluster.run_dir / "nginx-access.log"
    names = {f"127.0.0.1:{the_cluster.ports[f'app{n}']}": f"app{n}" for n in (1, 2)}
    names["-"] = "none (nginx answered itself)"
    counts = Counter()
    if log.exists():
        for match in re.finditer(r"upstream=(.*?) upstream_status=", log.read_text()):
            for addr in match.group(1).split(","):  # "a, b" when nginx retried on b
                counts[names.get(addr.strip(), addr.strip())] += 1
    lines.append(
        "nginx sent requests to: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    for n in (1, 2):
        access = the_cluster.run_dir / f"app{n}-access.log"
        total = len(access.read_text().splitlines()) if access.exists() else 0
        lines.append(f"app{n} (gunicorn {the_cluster.app_url(n)}) answered {total} requests")
    try:
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=the_cluster.s3_url,
            region_name="us-east-1",
            aws_access_key_id="sisp-cluster",
            aws_secret_access_key="sisp-cluster-secret",
        )
        listing = s3.list_objects_v2(Bucket=the_cluster.BUCKET)
        objects = listing.get("Contents", [])
        lines.append(
            f"object store (moto_server {the_cluster.s3_url}) bucket {the_cluster.BUCKET}: "
            f"{len(objects)} objects, {sum(o['Size'] for o in objects)} bytes"
        )
    except Exception as exc:  # the summary must never hide the test results
        lines.append(f"object store: not read ({exc})")
    media = [p for p in (the_cluster.run_dir / "media").rglob("*") if p.is_file()]
    lines.append(f"files on the app servers' local disk (MEDIA_ROOT): {len(media)}")
    return lines


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("SISP cluster")
        for line in SUMMARY:
            terminalreporter.write_line(line)
