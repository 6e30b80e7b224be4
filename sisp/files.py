"""Protected files: the one way SISP stores and hands out private documents.

Files are stored under a random name in the configured storage (local disk or S3), never
under the uploader's name, and never reachable through a public URL. They leave the server
only through ``serve``, called by a view that has already checked the user's rights and written
the audit trail. Uploads are judged by their content, not their name, against an allow-list.
"""

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

# Allowed kinds, judged by content (magic bytes): PDF, images, office documents.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "tif": "image/tiff",
    "webp": "image/webp",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ALLOWED_LABEL = (
    "PDF, gambar (JPG, PNG, TIFF, WEBP), atau dokumen perkantoran (Word, Excel, PowerPoint, ODF)"
)


@dataclass(frozen=True)
class StoredFile:
    name: str  # the storage name (random, safe)
    original_name: str
    sha256: str
    size: int
    content_type: str
    extension: str


def max_upload_bytes():
    return settings.UPLOAD_MAX_MB * 1024 * 1024


def detect_type(uploaded):
    """Return (extension, mime) judged from the file's first bytes, or raise ValidationError."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is not None and kind.extension == "zip":
        kind = None  # a bare zip is not an office document
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise ValidationError(
            "Jenis file tidak diizinkan. Unggah %(allowed)s.",
            code="type_not_allowed",
            params={"allowed": ALLOWED_LABEL},
        )
    return kind.extension, ALLOWED_TYPES[kind.extension]


def validate_upload(uploaded):
    """Check size and type of an uploaded file; raise ValidationError in Indonesian."""
    if uploaded.size == 0:
        raise ValidationError("File kosong (0 bita). Pilih file yang benar.", code="empty")
    if uploaded.size > max_upload_bytes():
        raise ValidationError(
            "File terlalu besar (%(size).1f MB). Batas unggahan %(limit)s MB.",
            code="too_large",
            params={"size": uploaded.size / 1024 / 1024, "limit": settings.UPLOAD_MAX_MB},
        )
    return detect_type(uploaded)


def store(uploaded, *, prefix):
    """Validate and store an uploaded file under a random name below ``prefix``.

    Returns a StoredFile with its SHA-256; raises ValidationError when refused.
    """
    extension, content_type = validate_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    today = timezone.localdate()
    name = f"{prefix.strip('/')}/{today:%Y/%m}/{uuid.uuid4().hex}.{extension}"
    saved = default_storage.save(name, uploaded)
    return StoredFile(
        name=saved,
        original_name=safe_display_name(uploaded.name, extension),
        sha256=digest.hexdigest(),
        size=uploaded.size,
        content_type=content_type,
        extension=extension,
    )


def safe_display_name(name, extension):
    """The uploader's file name, reduced to something harmless to show and to offer back."""
    base = (name or "berkas").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*')[:150].strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'file'}.{extension}"


def delete(name):
    """Remove a stored file (used only by an approved disposal)."""
    if name and default_storage.exists(name):
        default_storage.delete(name)


def serve(name, *, download_name, content_type=None, inline=False):
    """Hand a stored file to the client. Call only after the rights check and audit entry.

    With PROTECTED_FILE_SERVER=nginx the transfer is handed to the web server through
    X-Accel-Redirect (an internal location), so Django never streams large files.
    """
    content_type = (
        content_type or mimetypes.guess_type(download_name)[0] or ("application/octet-stream")
    )
    disposition = content_disposition_header(not inline, download_name)
    if settings.PROTECTED_FILE_SERVER == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.PROTECTED_FILE_ACCEL_PREFIX + name
    else:
        try:
            handle = default_storage.open(name, "rb")
        except FileNotFoundError as exc:
            raise Http404("File tidak ditemukan.") from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def read(name):
    """The bytes of a stored file (for a copy made at download time, e.g. a stamped one)."""
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise Http404("File tidak ditemukan.") from exc


def serve_bytes(data, *, download_name, content_type):
    """Hand a copy made for this request (never stored) to the client, with the headers of
    ``serve``. Call only after the rights check and audit entry."""
    import io

    response = FileResponse(io.BytesIO(data), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ProtectedFileField(forms.FileField):
    """A form field that refuses what ``validate_upload`` refuses, with Indonesian errors."""

    default_error_messages = {
        "required": "Pilih file yang akan diunggah.",
        "empty": "File kosong (0 bita). Pilih file yang benar.",
        "invalid": "Tidak ada file yang dikirim. Periksa jenis isian formulir.",
        "missing": "Tidak ada file yang dikirim.",
    }

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "chunks"):
            validate_upload(uploaded)
        return uploaded
