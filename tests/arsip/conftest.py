"""Fixtures for E-Arsip tests: reference data, records, and small real files."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arsip import reference_data, search
from arsip.models import Berkas, KelasKeamanan, KlasifikasiArsip, Naskah
from tests.factories import UnitFactory

_seq = itertools.count(1)


def make_pdf(text):
    """A small, valid one-page PDF whose text layer holds ``text`` (ASCII)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def pdf_upload(text="Laporan hasil pengawasan", name="laporan.pdf"):
    return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")


@pytest.fixture
def reference(db):
    """Codes, classes and the default matrix (present after migrate; reloaded after a flush)."""
    reference_data.load_all()


@pytest.fixture
def kelas(reference):
    return {k.kode: k for k in KelasKeamanan.objects.all()}


@pytest.fixture
def other_unit(office):
    return UnitFactory(office=office, name="Subbagian Administrasi")


@pytest.fixture
def make_naskah(reference):
    """make_naskah(office=..., unit=..., kelas="R", created_by=user, perihal=...)"""

    def make(
        *,
        office,
        unit,
        created_by,
        kelas="B",
        perihal=None,
        nomor_surat="",
        kode="KA.00",
        tanggal=None,
        berkas=None,
        **extra,
    ):
        n = next(_seq)
        klasifikasi = KlasifikasiArsip.objects.get(kode=kode)
        if berkas is None:
            berkas = Berkas.objects.create(
                office=office,
                nomor_berkas=f"U{n}/2026",
                klasifikasi=klasifikasi,
                uraian=f"Berkas uji {n}",
                unit=unit,
                created_by=created_by,
            )
        fields = {"tanggal": tanggal} if tanggal else {}
        naskah = Naskah.objects.create(
            office=office,
            berkas=berkas,
            nomor_item=berkas.naskah.count() + 1,
            klasifikasi=klasifikasi,
            kelas=KelasKeamanan.objects.get(kode=kelas),
            unit=unit,
            perihal=perihal or f"Naskah uji nomor {n}",
            nomor_surat=nomor_surat,
            created_by=created_by,
            **fields,
            **extra,
        )
        search.index_naskah(naskah)
        return naskah

    return make
