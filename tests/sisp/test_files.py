import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from sisp import files
from tests.refusals import not_found

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def test_a_pdf_is_stored_under_a_random_name_with_its_checksum(settings):
    stored = files.store(SimpleUploadedFile("Surat Tugas 12.pdf", PDF), prefix="uji")
    assert stored.name.startswith("uji/") and stored.name.endswith(".pdf")
    assert "Surat" not in stored.name
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (stored.size, stored.content_type) == (len(PDF), "application/pdf")
    assert stored.original_name == "Surat Tugas 12.pdf"
    with default_storage.open(stored.name) as fh:
        assert fh.read() == PDF


def test_type_is_judged_by_content_not_by_name():
    stored = files.store(SimpleUploadedFile("foto.pdf", PNG), prefix="uji")
    assert stored.extension == "png" and stored.original_name == "foto.png"
    with pytest.raises(ValidationError) as refused:
        files.store(SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf at all"), prefix="uji")
    assert refused.value.code == "type_not_allowed"
    assert "Jenis file tidak diizinkan" in refused.value.messages[0]


def test_empty_and_too_large_files_are_refused_in_indonesian(settings):
    with pytest.raises(ValidationError, match="File kosong"):
        files.validate_upload(SimpleUploadedFile("a.pdf", b""))
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="File terlalu besar") as refused:
        files.validate_upload(big)
    assert refused.value.code == "too_large"


def test_display_name_cannot_carry_a_path_or_markup():
    assert files.safe_display_name("../../etc/<passwd>.pdf", "pdf") == "passwd.pdf"
    assert files.safe_display_name("C:\\Users\\x\\surat.exe", "pdf") == "surat.pdf"


def test_serve_streams_with_safe_headers():
    stored = files.store(SimpleUploadedFile("a.pdf", PDF), prefix="uji")
    response = files.serve(
        stored.name, download_name="Nota Dinas.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_serve_hands_the_transfer_to_nginx_when_configured(settings):
    settings.PROTECTED_FILE_SERVER = "nginx"
    response = files.serve("uji/2026/01/abc.pdf", download_name="a.pdf")
    assert response["X-Accel-Redirect"] == "/_protected/uji/2026/01/abc.pdf"
    assert response.content == b""


@pytest.mark.django_db
def test_media_url_is_not_routed_even_for_a_signed_in_user(client, staf):
    from django.conf import settings

    stored = files.store(SimpleUploadedFile("a.pdf", PDF), prefix="uji")
    client.force_login(staf)
    not_found(client.get(settings.MEDIA_URL + stored.name))


def test_s3_settings_select_the_s3_backend_with_private_files():
    code = (
        "import django;django.setup();from django.conf import settings;"
        "s=settings.STORAGES['default'];print(s['BACKEND']);"
        "print(s['OPTIONS']['default_acl'], s['OPTIONS']['querystring_auth'], s['OPTIONS']['file_overwrite'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sisp.settings",
        "AWS_STORAGE_BUCKET_NAME": "sisp-arsip",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "SECRET_KEY": "x",
        "DEBUG": "0",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "storages.backends.s3.S3Storage"
    assert out[1] == "private True False"
