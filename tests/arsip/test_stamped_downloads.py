"""Traceable downloads: a PDF or image of a record above Biasa is stamped on every page with
the reader, time, purpose and a download code kept in that download's audit entry; the page
"Jejak unduhan" (Ketua, Pengawas Internal) leads from a leaked copy or its code back to the
download. Biasa files leave byte-identical."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from arsip import services, stamping
from arsip.models import AksesMatrix, Unduhan
from sisp import roles
from sisp.models import AuditEvent
from tests.arsip.conftest import make_pdf

PURPOSE = "Bahan klarifikasi dugaan pelanggaran kode etik"


def _two_page_pdf():
    writer = PdfWriter()
    for text in ("Halaman satu isi rahasia", "Halaman dua isi rahasia"):
        writer.add_page(PdfReader(io.BytesIO(make_pdf(text))).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png(width=400, height=200):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (20, 120, 200))
    ImageDraw.Draw(image).rectangle((10, 10, 100, 60), fill=(250, 200, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _body(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def author(make_user, office, unit):
    return make_user(roles.STAF, office=office, unit=unit)


@pytest.fixture
def ketua(make_user, office):
    return make_user(
        roles.KETUA, office=office, first_name="Siti", last_name="Rahmawati", nip="1980" * 4 + "12"
    )


@pytest.fixture
def pengawas(make_user, office):
    return make_user(roles.PENGAWAS_INTERNAL, office=office)


def _record(make_naskah, author, kelas, name, data, content_type):
    naskah = make_naskah(office=author.office, unit=author.unit, created_by=author, kelas=kelas)
    services.add_version(naskah, SimpleUploadedFile(name, data, content_type), user=author)
    return naskah


def test_a_rahasia_pdf_is_stamped_on_every_page_and_its_code_leads_to_its_audit_entry(
    client, make_naskah, author, ketua, pengawas
):
    naskah = _record(make_naskah, author, "R", "laporan.pdf", _two_page_pdf(), "application/pdf")
    client.force_login(ketua)
    response = client.post(reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    leaked = _body(response)

    pages = [page.extract_text() for page in PdfReader(io.BytesIO(leaked)).pages]
    assert len(pages) == 2
    code = None
    for text in pages:
        assert "Halaman" in text  # the original content is still there
        assert "Siti Rahmawati" in text and f"NIP {ketua.nip}" in text
        assert f"Tujuan: {PURPOSE}" in text
        printed = text.split("Kode unduhan: ")[1][:9]
        assert code in (None, printed)
        code = printed
    assert stamping.normalise_code(code) == code

    event = AuditEvent.objects.get(action="arsip.download")
    unduhan = Unduhan.objects.get()
    assert event.detail["kode"] == code == unduhan.kode and event.detail["unduhan"] == unduhan.pk
    assert PURPOSE not in str(event.detail)  # the purpose stays behind the record's door

    # The Pengawas Internal uploads the leaked copy: it leads to this download's audit entry.
    # (Here the matrix lets the Pengawas Internal read no Rahasia record: the purpose, which
    # may quote the record, stays hidden.)
    AksesMatrix.objects.filter(role__name=roles.PENGAWAS_INTERNAL, kelas__kode="R").delete()
    client.force_login(pengawas)
    page = client.post(
        reverse("arsip:trace"),
        {"berkas_file": SimpleUploadedFile("bocor.pdf", leaked, "application/pdf")},
    )
    assert page.status_code == 200
    [match] = page.context["results"]["matches"]
    assert match["event"].pk == event.pk and match["unduhan"].user == ketua
    assert match["by_checksum"] and match["tujuan"] is None  # cannot read the record
    assert f"#{event.pk}" in page.text and "Siti Rahmawati" in page.text
    assert PURPOSE not in page.text

    # The code read off a photo, typed loosely (lower case, O for 0, a space): same download.
    typed = code.lower().replace("0", "o").replace("-", " ")
    page = client.post(reverse("arsip:trace"), {"kode": typed})
    [match] = page.context["results"]["matches"]
    assert match["event"].pk == event.pk
    client.force_login(ketua)  # who reads the record also reads the purpose stated
    page = client.post(reverse("arsip:trace"), {"kode": code})
    assert page.context["results"]["matches"][0]["tujuan"] == PURPOSE and PURPOSE in page.text
    assert AuditEvent.objects.filter(action="arsip.trace_unduhan", actor=pengawas).count() == 2


def test_the_code_inside_a_reworked_copy_still_leads_back(
    client, make_naskah, author, ketua, pengawas
):
    """A copy re-saved by another program has another checksum: the code on its pages and in
    its metadata still finds the download."""
    naskah = _record(make_naskah, author, "SR", "a.pdf", make_pdf("Isi"), "application/pdf")
    client.force_login(ketua)
    leaked = _body(client.post(reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE}))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(leaked)))
    writer.add_metadata({"/Producer": "penyebar"})
    reworked = io.BytesIO()
    writer.write(reworked)
    client.force_login(pengawas)
    page = client.post(
        reverse("arsip:trace"),
        {"berkas_file": SimpleUploadedFile("x.pdf", reworked.getvalue(), "application/pdf")},
    )
    [match] = page.context["results"]["matches"]
    assert match["unduhan"] == Unduhan.objects.get() and not match["by_checksum"]


def test_biasa_pdf_and_image_leave_byte_identical_and_untraced(client, make_naskah, author):
    pdf, png = make_pdf("Pengumuman terbuka"), _png()
    client.force_login(author)
    for data, name, mime in ((pdf, "a.pdf", "application/pdf"), (png, "b.png", "image/png")):
        naskah = _record(make_naskah, author, "B", name, data, mime)
        response = client.get(reverse("arsip:download", args=[naskah.pk, 1]))
        assert _body(response) == data
    assert not Unduhan.objects.exists()
    assert all("kode" not in e.detail for e in AuditEvent.objects.filter(action="arsip.download"))


def test_a_terbatas_image_gets_a_band_below_the_picture(client, make_naskah, author):
    from PIL import Image

    original = _png()
    naskah = _record(make_naskah, author, "T", "foto.png", original, "image/png")
    client.force_login(author)
    stamped = Image.open(
        io.BytesIO(_body(client.get(reverse("arsip:download", args=[naskah.pk, 1]))))
    )
    source = Image.open(io.BytesIO(original))
    assert stamped.format == "PNG" and stamped.width == source.width
    assert stamped.height > source.height
    # Nothing of the picture is covered: the band is added below it.
    assert stamped.crop((0, 0, source.width, source.height)).tobytes() == source.tobytes()
    band = stamped.crop((0, source.height, source.width, stamped.height)).convert("RGB")
    assert (150, 0, 0) in {c for _, c in band.getcolors(maxcolors=100_000)}
    unduhan = Unduhan.objects.get()
    assert unduhan.tujuan == "" and unduhan.kode and unduhan.user == author


def test_a_rahasia_office_document_is_served_unchanged_but_traced(
    client, make_naskah, author, ketua
):
    from tests.arsip.test_search import _docx

    data = _docx("Notulen rahasia")
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    naskah = _record(make_naskah, author, "R", "notulen.docx", data, mime)
    client.force_login(ketua)
    response = client.post(reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE})
    assert _body(response) == data
    event = AuditEvent.objects.get(action="arsip.download")
    assert event.detail["bertanda"] is False
    assert event.detail["kode"] == Unduhan.objects.get().kode


def test_a_pdf_that_cannot_be_stamped_is_not_handed_out(client, make_naskah, author, ketua):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Terkunci"))))
    writer.encrypt("kata-sandi-pemilik-berkas")
    locked = io.BytesIO()
    writer.write(locked)
    naskah = _record(make_naskah, author, "R", "kunci.pdf", locked.getvalue(), "application/pdf")
    client.force_login(ketua)
    response = client.post(
        reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE}, follow=True
    )
    assert response.redirect_chain[-1][0] == naskah.get_absolute_url()
    assert "tidak dapat diberi tanda pengunduh" in response.text
    assert not Unduhan.objects.exists()
    assert not AuditEvent.objects.filter(action="arsip.download").exists()


def test_only_ketua_and_pengawas_internal_may_trace(client, make_user, office, author):
    assert {g.name for g in Group.objects.filter(permissions__codename="trace_unduhan")} == {
        roles.KETUA,
        roles.PENGAWAS_INTERNAL,
    }
    client.force_login(author)
    assert client.get(reverse("arsip:trace")).status_code == 403
    client.logout()
    assert client.get(reverse("arsip:trace")).status_code == 302


def test_a_code_of_another_office_looks_like_an_unknown_one(
    client, make_naskah, author, ketua, make_user, other_office
):
    naskah = _record(make_naskah, author, "R", "a.pdf", make_pdf("Isi"), "application/pdf")
    client.force_login(ketua)
    client.post(reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE})
    code = Unduhan.objects.get().kode
    client.force_login(make_user(roles.KETUA, office=other_office))
    theirs = client.post(reverse("arsip:trace"), {"kode": code})
    unknown = client.post(reverse("arsip:trace"), {"kode": "ZZZZ-ZZZZ"})
    assert theirs.context["results"]["matches"] == unknown.context["results"]["matches"] == []
    assert "Tidak ada unduhan kantor ini" in theirs.text


def test_a_bad_code_gets_an_indonesian_error_and_keeps_what_was_typed(client, pengawas):
    client.force_login(pengawas)
    page = client.post(reverse("arsip:trace"), {"kode": "ABC"})
    assert page.status_code == 200 and "8 huruf/angka" in page.text
    assert 'value="ABC"' in page.text
    empty = client.post(reverse("arsip:trace"), {})
    assert "Isi kode unduhan atau pilih salinan" in empty.text


def test_the_trace_page_runs_in_a_bounded_number_of_queries(
    client, make_naskah, author, ketua, pengawas, django_assert_max_num_queries
):
    for _ in range(3):
        naskah = _record(make_naskah, author, "R", "a.pdf", make_pdf("Isi"), "application/pdf")
        client.force_login(ketua)
        client.post(reverse("arsip:download", args=[naskah.pk, 1]), {"tujuan": PURPOSE})
    client.force_login(pengawas)
    leaked_codes = list(Unduhan.objects.values_list("kode", flat=True))
    with django_assert_max_num_queries(20):
        page = client.post(reverse("arsip:trace"), {"kode": leaked_codes[0]})
    assert len(page.context["results"]["matches"]) == 1
