"""The first page of a stored PDF as a small PNG, so a searcher can check a record without
downloading it.

Rendered in the background (django-tasks, ``render_preview``) with poppler's ``pdftoppm``
once a version's text is extracted (``enqueue_preview``, called by
``services.extract_and_index``), stored through Django's storage under a random name beside
the office's files, and named on ``BerkasDigital.pratinjau``. It leaves the server only
through ``open_preview``, after the view fetched the record through
``Naskah.objects.visible_to`` and checked that its class lets the reader open the file
without stating a purpose; each showing is written to the audit trail as a view of the
record (``arsip.view`` with ``pratinjau``: the version).
"""

import logging
import os
import subprocess
import tempfile
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from sisp import audit, files

from . import conf

log = logging.getLogger(__name__)

PREFIX = "arsip"


def enqueue_preview(version):
    """Queue the preview of a PDF version once the current transaction commits."""
    if version.extension != "pdf":
        return
    transaction.on_commit(lambda: render_preview.enqueue(version.pk))


@task()
def render_preview(berkas_digital_id):
    """Render and store the first page of one stored PDF version (the task's body)."""
    make_preview(berkas_digital_id)


def _first_page_png(data):
    """PNG bytes of the first page of a PDF, or None when poppler cannot read it."""
    with tempfile.TemporaryDirectory(prefix="arsip-pratinjau-") as tmp:
        pdf = os.path.join(tmp, "in.pdf")
        with open(pdf, "wb") as handle:
            handle.write(data)
        out = os.path.join(tmp, "page")
        try:
            subprocess.run(
                [
                    conf.pdftoppm_cmd(),
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    "-scale-to-x",
                    str(conf.preview_width()),
                    "-scale-to-y",
                    "-1",
                    pdf,
                    out,
                ],
                capture_output=True,
                timeout=conf.ocr_timeout(),
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            log.warning("arsip preview failed: %s", exc)
            return None
        with open(out + ".png", "rb") as handle:
            return handle.read()


def make_preview(berkas_digital_id):
    """Render, store and record the preview of one version; returns its storage name, or ""
    when the version is gone, destroyed, not a PDF, or unreadable (never raises for a bad
    file)."""
    from .models import BerkasDigital

    version = (
        BerkasDigital.objects.select_related("naskah")
        .filter(pk=berkas_digital_id, dimusnahkan_pada__isnull=True, extension="pdf")
        .first()
    )
    if version is None or not os.path.exists(conf.pdftoppm_cmd()):
        return ""
    try:
        with default_storage.open(version.file_name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        log.warning("arsip preview: cannot read %s: %s", version.file_name, exc)
        return ""
    png = _first_page_png(data)
    if not png:
        return ""
    today = timezone.localdate()
    name = default_storage.save(
        f"{PREFIX}/{version.naskah.office_id}/pratinjau/{today:%Y/%m}/{uuid.uuid4().hex}.png",
        ContentFile(png),
    )
    with transaction.atomic():
        row = (
            BerkasDigital.objects.select_for_update()
            .filter(pk=version.pk, dimusnahkan_pada__isnull=True)
            .first()
        )
        if row is None:  # destroyed while rendering: keep nothing of it
            transaction.on_commit(lambda: files.delete(name))
            return ""
        old = row.pratinjau
        BerkasDigital.objects.filter(pk=row.pk).update(pratinjau=name)
        if old and old != name:
            transaction.on_commit(lambda: files.delete(old))
    return name


def open_preview(naskah, version, *, request):
    """Audit the showing of a preview as a view of the record and return the image. The
    caller fetched ``naskah`` through ``visible_to`` and checked its class asks no purpose."""
    with transaction.atomic():
        audit.record("arsip.view", request=request, obj=naskah, pratinjau=version.versi)
    return files.serve(
        version.pratinjau,
        download_name=f"pratinjau-{naskah.pk}.png",
        content_type="image/png",
        inline=True,
    )
