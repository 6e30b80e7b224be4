"""What happens next: the receipt PDF with its QR code, the complainant's last filing day and
its .ics, the status page opened from the QR code. Nothing of them carries the PIN, the
complainant's personal data or another complaint's data."""

import datetime
import io
import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from ppps.forms_public import AduanStatusForm
from ppps.models import Aduan, HariLibur, Pemilihan, Regime
from tests.conftest import SispClient

pytestmark = pytest.mark.django_db
FORM = reverse("ppps_public:aduan")
STATUS = reverse("ppps_public:aduan_status")

PERSONAL = {
    "nama": "Siti Aminah Rahayu",
    "email": "siti.aminah@example.test",
    "telepon": "081234567890",
    "uraian": "Pembagian sembako berlogo calon oleh Pak Darmawan di balai RW 03.",
}


def post_aduan(client, office, **extra):
    data = {
        "kantor": office.pk,
        "tempat": "Kelurahan Kranggan",
        "tanggal_kejadian": "2024-10-01",
        "tanggal_diketahui": "2024-10-02",
        "situs": "",
        **PERSONAL,
        **extra,
    }
    response = client.post(FORM, data)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def qr_texts(content, tmp_path):
    """Render page 1 of the PDF as a PNG (poppler) and decode every QR code on it (zxing-cpp)."""
    pdf = tmp_path / "tanda-terima.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-singlefile", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(tmp_path / "p.png")
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


@pytest.fixture
def kota(office):
    office.name, office.address, office.phone = (
        "Bawaslu Kota Mojokerto",
        "Jl. Hayam Wuruk No. 50",
        "0321-123456",
    )
    office.save()
    return office


def test_receipt_pdf_qr_decodes_to_the_status_page_and_carries_no_pin(client, kota, tmp_path):
    response = post_aduan(client, kota)
    aduan, pin = Aduan.objects.get(), response.context["pin"]
    receipt = client.get(reverse("ppps_public:aduan_receipt_pdf", args=[aduan.kode_tiket]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    content = receipt.content

    status_url = f"http://testserver{STATUS}?kode={aduan.kode_tiket}"
    assert qr_texts(content, tmp_path) == [status_url]

    text = pdf_text(content)
    assert aduan.kode_tiket in text and "Bawaslu Kota Mojokerto" in text
    assert "dijawab paling lambat" in text.lower()
    assert pin not in text and pin not in status_url
    for value in PERSONAL.values():
        assert value not in text  # no name, address, phone or text of the complaint
    # Nor in what a PDF reader shows beside the page (title, author, subject, keywords).
    metadata = " ".join(str(v) for v in (PdfReader(io.BytesIO(content)).metadata or {}).values())
    assert pin not in metadata
    assert not any(value in metadata for value in PERSONAL.values())


def test_receipt_names_only_its_own_complaint_in_a_session_of_two(client, kota, tmp_path):
    post_aduan(client, kota, tempat="Pasar Tanjung", nama="Orang Pertama")
    first = Aduan.objects.get()
    post_aduan(client, kota, tempat="Balai Desa Sooko", nama="Orang Kedua")
    second = Aduan.objects.exclude(pk=first.pk).get()
    content = client.get(reverse("ppps_public:aduan_receipt_pdf", args=[first.kode_tiket])).content
    text = pdf_text(content)
    assert "Pasar Tanjung" in text and first.kode_tiket in text
    assert "Balai Desa Sooko" not in text and second.kode_tiket not in text
    assert second.kode_tiket not in qr_texts(content, tmp_path)[0]


def test_receipt_and_calendar_of_another_session_are_a_404_like_a_missing_code(client, kota):
    post_aduan(client, kota)
    aduan = Aduan.objects.get()
    stranger = SispClient()
    for name in ("ppps_public:aduan_receipt_pdf", "ppps_public:aduan_receipt_ics"):
        theirs = stranger.get(reverse(name, args=[aduan.kode_tiket]))
        missing = client.get(reverse(name, args=["ADU-TIDAKADA"]))
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content
        assert client.get(reverse(name, args=[aduan.kode_tiket])).status_code == 200


def test_last_filing_day_counts_working_days_with_cuti_bersama_for_pemilu(client, kota, reference):
    Pemilihan.objects.create(
        office=kota, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )
    HariLibur.objects.create(
        date=datetime.date(2024, 10, 8), name="Cuti bersama (uji)", kind=HariLibur.Kind.CUTI_BERSAMA
    )
    response = post_aduan(client, kota)  # known on Wednesday 2 October 2024
    # 7 hari kerja: 3, 4, 7, (8 is cuti bersama), 9, 10, 11, 14 October.
    assert [(f["regime"], f["iso"]) for f in response.context["filing"]] == [
        ("pemilu", "2024-10-14")
    ]
    body = response.content.decode()
    assert "14 Oktober 2024" in body and "cuti bersama tidak dihitung" in body


def test_last_filing_day_counts_calendar_days_for_pilkada(client, kota, reference):
    Pemilihan.objects.create(
        office=kota, name="Pemilihan Wali Kota 2024", regime=Regime.PEMILIHAN, code="PW", year=2024
    )
    HariLibur.objects.create(date=datetime.date(2024, 10, 8), name="Cuti bersama (uji)")
    response = post_aduan(client, kota)
    assert [(f["regime"], f["iso"]) for f in response.context["filing"]] == [
        ("pemilihan", "2024-10-09")
    ]
    body = response.content.decode()
    assert "termasuk hari libur" in body and "tidak dihitung" not in body


def test_without_a_recorded_election_both_regimes_are_shown(client, kota, reference):
    response = post_aduan(client, kota)
    assert [(f["regime"], f["iso"]) for f in response.context["filing"]] == [
        ("pemilu", "2024-10-11"),
        ("pemilihan", "2024-10-09"),
    ]


def test_without_the_day_known_the_event_day_counts_so_the_day_shown_is_never_later(
    client, kota, reference
):
    response = post_aduan(client, kota, tanggal_diketahui="", tanggal_kejadian="2024-09-30")
    assert response.context["filing_counted_from"] == "kejadian"
    assert ("pemilihan", "2024-10-07") in [
        (f["regime"], f["iso"]) for f in response.context["filing"]
    ]
    assert "karena tanggal Anda mengetahuinya tidak diisi" in response.content.decode()


def test_receipt_and_calendar_answer_head_like_get(client, kota, reference):
    Pemilihan.objects.create(
        office=kota, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )
    post_aduan(client, kota)
    aduan = Aduan.objects.get()
    stranger = SispClient()
    for name in ("ppps_public:aduan_receipt_pdf", "ppps_public:aduan_receipt_ics"):
        url = reverse(name, args=[aduan.kode_tiket])
        got, head = client.get(url), client.head(url)
        assert got.status_code == head.status_code == 200, name
        assert len(got.content) > 100, name
        assert head.content == b"", name
        assert head["Content-Type"] == got["Content-Type"], name
        assert head["Content-Disposition"] == got["Content-Disposition"], name
        assert stranger.head(url).status_code == 404, name


def test_without_any_date_there_is_no_calendar_file(client, kota, reference):
    response = post_aduan(client, kota, tanggal_diketahui="", tanggal_kejadian="")
    assert response.context["filing"] == []
    kode = Aduan.objects.get().kode_tiket
    assert client.get(reverse("ppps_public:aduan_receipt_ics", args=[kode])).status_code == 404


def test_calendar_file_holds_the_last_filing_day_and_no_pin(client, kota, reference):
    Pemilihan.objects.create(
        office=kota, name="Pemilu 2024", regime=Regime.PEMILU, code="PL", year=2024
    )
    response = post_aduan(client, kota)
    aduan, pin = Aduan.objects.get(), response.context["pin"]
    ics = client.get(reverse("ppps_public:aduan_receipt_ics", args=[aduan.kode_tiket]))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == datetime.date(2024, 10, 11)
    assert "Bawaslu Kota Mojokerto" in str(events[0]["summary"])
    assert pin not in ics.content.decode()
    for value in PERSONAL.values():
        assert value not in ics.content.decode()


def test_status_page_from_the_qr_code_has_the_ticket_filled_in_and_no_pin(client, kota):
    post_aduan(client, kota)
    kode = Aduan.objects.get().kode_tiket
    response = client.get(STATUS, {"kode": kode.lower().replace("-", "\u2013")})
    form = response.context["form"]
    assert form["kode_tiket"].value() == kode
    assert form["pin"].value() in (None, "")


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014", "\u2212", "\u2011"])
def test_a_pasted_ticket_with_any_dash_finds_the_complaint(client, kota, dash):
    pin = post_aduan(client, kota).context["pin"]
    kode = Aduan.objects.get().kode_tiket
    pasted = "\u00a0" + kode.replace("-", f" {dash} ").lower() + " "
    response = client.post(STATUS, {"kode_tiket": pasted, "pin": pin})
    assert response.context["aduan"]["kode_tiket"] == kode


def test_normalise_kode_keeps_a_wrong_code_wrong():
    assert AduanStatusForm.normalise_kode(" adu\u20137k3m 9qxp ") == "ADU-7K3M9QXP"
    assert AduanStatusForm.normalise_kode("ADU_7K3M") == "ADU_7K3M"


def test_confirmation_receipt_and_calendar_use_a_bounded_number_of_queries(
    client, kota, reference, django_assert_max_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [
        SimpleUploadedFile(f"foto-{n}.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64) for n in range(3)
    ]
    post_aduan(client, kota, lampiran=files)
    kode = Aduan.objects.get().kode_tiket
    with django_assert_max_num_queries(10):
        client.get(reverse("ppps_public:aduan_receipt_pdf", args=[kode]))
    with django_assert_max_num_queries(10):
        client.get(reverse("ppps_public:aduan_receipt_ics", args=[kode]))
    with django_assert_max_num_queries(3):
        client.get(STATUS, {"kode": kode})
