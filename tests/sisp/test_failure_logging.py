"""Failures an operator must see are logged with context and without personal data: /healthz
when the database does not answer, and e-mail tasks when the mail server refuses (issue 15
part 4). Real failures: a database and an SMTP port where nothing listens."""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ppps import services
from ppps.tasks import send_aduan_mail

ROOT = Path(__file__).resolve().parents[2]


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nothing listens there


def test_healthz_logs_why_the_database_is_unavailable():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "print(Client().get('/healthz').status_code)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sisp.settings",
        "DEBUG": "0",
        "SECRET_KEY": "t",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/nothing",
    }
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert run.stdout.strip() == "503"
    assert "healthz: database unavailable: OperationalError" in run.stderr


@pytest.mark.django_db
def test_a_refused_aduan_mail_is_logged_without_the_address(office, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    # Always open: outside office hours the task would wait instead of sending (ppps.tasks).
    settings.SISP_OFFICE_DAYS = list(range(7))
    settings.SISP_OFFICE_OPENS, settings.SISP_OFFICE_CLOSES = "00:00", "23:59:59.999999"
    aduan, _ = services.submit_aduan(
        office=office, data={"uraian": "x", "nama": "Siti Aminah", "email": "siti@example.test"}
    )
    with caplog.at_level(logging.ERROR, logger="ppps.tasks"), pytest.raises(OSError):
        send_aduan_mail.call(aduan.pk, "diterima", "http://testserver/aduan/status/")
    [record] = caplog.records
    assert record.getMessage() == (
        f"E-mail for aduan #{aduan.pk} (diterima) was not sent: ConnectionRefusedError"
    )
    assert "siti@example.test" not in caplog.text and "Siti" not in caplog.text
