"""Traceable downloads: a copy of a classified file carries its reader on every page.

A download of a PDF or an image of a record above Biasa (Terbatas, Rahasia, Sangat Rahasia)
is stamped with the reader's name and NIP, the time, the stated purpose and a short download
code; the code is stored on the download's row (``Unduhan.kode``) and in its audit entry, so a
leaked copy (the file itself, or the code read off a photo of a page) leads back to one
download (the page ``arsip:trace``). Biasa files leave byte-identical.

PDF: a reportlab overlay merged onto every page with pypdf, plus the code in the document's
metadata. Images: Pillow adds a white band below the picture (below, so nothing of the
original is hidden) holding the same lines; every frame of a multi-page TIFF. Other formats
(Word, Excel, ODF, ...) are served unchanged; their download still gets a code in the trail,
see docs/arsip.md for why.
"""

from __future__ import annotations

import io
import logging
import re
import secrets
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from pypdf import PageObject

    from .models import KelasKeamanan

log = logging.getLogger(__name__)

# Security classes of this level and above are stamped: Terbatas (2), Rahasia (3), Sangat
# Rahasia (4). Biasa (1) is public information and stays byte-identical.
STAMPED_FROM_TINGKAT = 2
STAMPABLE_IMAGES = {"jpg": "JPEG", "png": "PNG", "tif": "TIFF", "webp": "WEBP"}
# Crockford's base 32: no I, L, O, U, so a code read off a photo is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # characters of a download code, shown in two halves: "XXXX-XXXX"
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
METADATA_KEY = "/SISPKodeUnduhan"


class StampError(Exception):
    """The file cannot be stamped (e.g. an encrypted or damaged PDF): it is not handed out."""


def stamped_class_names() -> str:
    """The classes whose copies are stamped, in words ("Terbatas, Rahasia, dan Sangat
    Rahasia"), from the classes as stored."""
    from .authority import word_list
    from .models import KelasKeamanan

    found = KelasKeamanan.objects.filter(tingkat__gte=STAMPED_FROM_TINGKAT).order_by("tingkat")
    return word_list(list(found.values_list("nama", flat=True)), "dan")


def needs_stamp(kelas: KelasKeamanan, extension: str) -> bool:
    return kelas.tingkat >= STAMPED_FROM_TINGKAT and can_stamp(extension)


def is_traced(kelas: KelasKeamanan) -> bool:
    """Downloads of this class get a code and a row, whatever the file format."""
    return kelas.tingkat >= STAMPED_FROM_TINGKAT


def can_stamp(extension: str) -> bool:
    return extension == "pdf" or extension in STAMPABLE_IMAGES


def new_code() -> str:
    """A fresh download code, "XXXX-XXXX" (40 random bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return _halves(raw)


def normalise_code(text: str | None) -> str | None:
    """The stored form of a code as typed or read off a photo ("abcd efgh", "ABCD-EFGH",
    O for 0, I or L for 1), or None when it cannot be one."""
    raw = re.sub(r"[^0-9A-Za-z]", "", text or "").upper().translate(_MISREAD)
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return _halves(raw)


def _halves(raw: str) -> str:
    half = CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


def _plain(text: str | None) -> str:
    """Latin-1 text for the standard PDF fonts (names with other letters are folded)."""
    folded = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in folded if ord(c) < 256 and not unicodedata.combining(c))


def stamp_lines(user: Any, when: datetime, purpose: str | None, code: str) -> list[str]:
    name = user.get_full_name() or user.get_username()
    nip = getattr(user, "nip", "") or "-"
    moment = timezone.localtime(when).strftime("%d-%m-%Y %H.%M %Z")
    purpose = " ".join((purpose or "").split()) or "- (tidak diminta untuk kelas ini)"
    if len(purpose) > 160:
        purpose = purpose[:157] + "..."
    return [
        f"Diunduh oleh {name} (NIP {nip}) pada {moment}",
        f"Tujuan: {purpose}",
        f"Kode unduhan: {code}  -  salinan ini dapat ditelusuri; dilarang disebarluaskan.",
    ]


# --- PDF -----------------------------------------------------------------------------------


def _overlay(width: float, height: float, lines: Sequence[str], code: str) -> PageObject:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    size = max(6.0, min(9.0, width / 70))
    band = size * 1.35 * len(lines) + size
    sheet.setFillColorRGB(1, 1, 1)
    sheet.setFillAlpha(0.85)
    sheet.rect(0, 0, width, band, stroke=0, fill=1)
    sheet.setFillAlpha(1)
    sheet.setFillColorRGB(0.6, 0, 0)
    sheet.setFont("Helvetica", size)
    y = band - size * 1.35
    for line in lines:
        sheet.drawString(size * 2, y, _plain(line))
        y -= size * 1.35
    # The code once more, large and light across the page, so a photo of any part shows it.
    sheet.saveState()
    sheet.translate(width / 2, height / 2)
    sheet.rotate(35)
    sheet.setFillAlpha(0.12)
    sheet.setFont("Helvetica-Bold", max(24.0, width / 9))
    sheet.drawCentredString(0, 0, code)
    sheet.restoreState()
    sheet.showPage()
    sheet.save()
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


def stamp_pdf(data: bytes, lines: Sequence[str], code: str) -> bytes:
    """The PDF with the stamp on every page and the code in its metadata."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise StampError("PDF terenkripsi")
        writer = PdfWriter(clone_from=reader)
        overlays: dict[tuple[float, float], PageObject] = {}
        for page in writer.pages:
            page.transfer_rotation_to_content()
            box = page.mediabox
            key = (round(float(box.width), 1), round(float(box.height), 1))
            if key not in overlays:
                overlays[key] = _overlay(key[0], key[1], lines, code)
            page.merge_transformed_page(
                overlays[key], Transformation().translate(float(box.left), float(box.bottom))
            )
        writer.add_metadata({METADATA_KEY: code})
        out = io.BytesIO()
        writer.write(out)
    except StampError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StampError(f"PDF tidak dapat dibaca ({type(exc).__name__})") from exc
    return out.getvalue()


# --- Images --------------------------------------------------------------------------------


def _stamp_frame(frame: PILImage, lines: Sequence[str]) -> PILImage:
    from PIL import Image, ImageDraw, ImageFont

    frame = frame.convert("RGB")
    size = max(12, frame.width // 55)
    font = ImageFont.load_default(size=size)
    band = int(size * 1.4 * len(lines) + size)
    out = Image.new("RGB", (frame.width, frame.height + band), "white")
    out.paste(frame, (0, 0))
    draw = ImageDraw.Draw(out)
    y = frame.height + size // 2
    for line in lines:
        draw.text((size, y), line, fill=(150, 0, 0), font=font)
        y += int(size * 1.4)
    return out


def stamp_image(data: bytes, extension: str, lines: Sequence[str]) -> bytes:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = [_stamp_frame(f, lines) for f in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise StampError(f"gambar tidak dapat dibaca ({type(exc).__name__})") from exc
    out = io.BytesIO()
    kind = STAMPABLE_IMAGES[extension]
    options: dict[str, Any] = {"quality": 92} if kind in {"JPEG", "WEBP"} else {}
    if kind == "TIFF" and len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], compression="tiff_deflate")
    frames[0].save(out, kind, **options)
    return out.getvalue()


def stamp(data: bytes, extension: str, lines: Sequence[str], code: str) -> bytes:
    if extension == "pdf":
        return stamp_pdf(data, lines, code)
    return stamp_image(data, extension, lines)


# --- Reading a leaked copy -----------------------------------------------------------------


def codes_in_pdf(data: bytes) -> list[str]:
    """Codes found in a PDF: its metadata, then the stamp's text on its pages."""
    from pypdf import PdfReader

    codes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        meta: Any = reader.metadata or {}
        if meta.get(METADATA_KEY):
            codes.append(str(meta[METADATA_KEY]))
        for page in reader.pages[:20]:
            text = page.extract_text() or ""
            for match in re.finditer(r"Kode unduhan:\s*([0-9A-Z]{4}-[0-9A-Z]{4})", text):
                codes.append(match.group(1))
    except Exception as exc:  # noqa: BLE001 - a damaged leak is still looked up by its checksum
        log.info("arsip trace: leaked PDF only partly readable: %s", type(exc).__name__)
    return list(dict.fromkeys(c for c in (normalise_code(c) for c in codes) if c))
