"""Generated zip bombs for the extraction tests and benchmark: small files that inflate to
gigabytes. Built from one deflate block repeated (a full flush makes each copy independent),
so a 1 GB bomb takes a second to make instead of compressing a gigabyte."""

import struct
import zlib

XML_PIECE = b"<w:p><w:r><w:t>bom</w:t></w:r></w:p>"


def _repeated_deflate(piece, copies):
    """(raw deflate data, uncompressed size, crc32) of ``piece`` repeated ``copies`` times."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    unit = block.compress(piece) + block.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(copies):
        crc = zlib.crc32(piece, crc)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    return unit * copies + end, len(piece) * copies, crc


def _stored(name, data):
    return name, data, len(data), zlib.crc32(data), 0


def build_zip(members):
    """A zip archive from (name, data, uncompressed size, crc32, method) tuples: method 8
    (deflate) with ``data`` already compressed, or 0 (stored)."""
    out, central = bytearray(), bytearray()
    for name, data, size, crc, method in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
        )
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0
    )
    return bytes(out)


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bomb(megabytes=1024, members=1):
    """A .docx whose ``members`` document parts (document.xml, header1.xml, ...) each inflate
    to ``megabytes`` MB of real Word XML (about 1 MB of file per GB)."""
    one_mb = XML_PIECE * (1024 * 1024 // len(XML_PIECE))
    data, size, crc = _repeated_deflate(one_mb, megabytes)
    names = ["word/document.xml"] + [f"word/header{i}.xml" for i in range(1, members)]
    return build_zip(
        [_stored("[Content_Types].xml", CONTENT_TYPES)]
        + [(name, data, size, crc, 8) for name in names]
    )


def docx_with_many_members(count):
    return build_zip(
        [_stored("[Content_Types].xml", CONTENT_TYPES)]
        + [_stored(f"word/media/image{i}.png", b"x") for i in range(count)]
        + [_stored("word/document.xml", b"<w:t>isi</w:t>")]
    )
