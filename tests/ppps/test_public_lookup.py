"""/cek/: forgiving lookup, the same answer for unknown numbers, throttling, reporter PIN."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from ppps import services
from ppps.models import Pihak, Tahapan
from ppps.views.pelapor import SESSION_KEY
from sisp.models import AuditEvent
from tests.refusals import not_found

pytestmark = pytest.mark.django_db
CEK = reverse("ppps_public:cek")


@pytest.fixture
def registered(make_perkara, petugas):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.TERLAPOR, nama="Bambang Hartono"), user=petugas
    )
    perkara = services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))
    perkara.pin_clear = services.reset_pin(perkara, user=petugas)
    return perkara


def lookup(client, nomor, **extra):
    return client.get(CEK, {"nomor": nomor}, **extra)


@pytest.mark.parametrize(
    "typed",
    [
        "001/Reg/LP/PW/Kota/12.01/X/2024",
        "1/reg/lp/pw/kota/12.1/x/2024",
        "  001 / REG / LP / PW / KOTA / 12.01 / X / 2024 ",
        "001\\Reg\\LP\\PW\\Kota\\12.01\\X\\2024",
    ],
)
def test_lookup_forgives_case_spaces_zeros_and_slashes(client, registered, typed):
    response = lookup(client, typed)
    assert response.status_code == 200
    assert registered.nomor_register in response.content.decode()


def test_lookup_shows_stage_status_deadline_and_last_update(client, registered):
    body = lookup(client, registered.nomor_register).content.decode()
    assert "Registrasi" in body and "Diregistrasi" in body
    assert "Terakhir diperbarui" in body
    assert "B.H." in body  # terlapor by initials only
    assert "Bambang" not in body and "Hartono" not in body


def test_terlapor_initials_can_be_switched_off(client, registered, settings):
    settings.PPPS_PUBLIC_TERLAPOR = "none"
    assert "B.H." not in lookup(client, registered.nomor_register).content.decode()


def test_violation_type_shows_only_after_final_kajian(client, registered, petugas):
    registered.jenis_pelanggaran = "pidana"
    registered.save()
    assert "Tindak pidana" not in lookup(client, registered.nomor_register).content.decode()
    registered.kajian_final = True
    registered.save()
    assert "Tindak pidana" in lookup(client, registered.nomor_register).content.decode()


def test_non_public_stage_and_internal_events_stay_hidden(client, registered, petugas):
    klarifikasi = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="klarifikasi")
    services.move_to_stage(registered, klarifikasi, user=petugas, catatan="Saksi Y dipanggil")
    services.add_note(registered, user=petugas, kind="catatan", catatan="Catatan internal rahasia")
    body = lookup(client, registered.nomor_register).content.decode()
    assert "Dalam penanganan" in body
    assert "Klarifikasi" not in body and "Saksi Y" not in body and "internal rahasia" not in body


def _answer(response):
    """The page minus the echo of what was typed (the form field's value)."""
    return re.sub(r'value="[^"]*"', "", response.content.decode())


def test_unknown_unregistered_and_ticket_numbers_get_the_same_answer(client, make_perkara):
    unregistered = make_perkara()
    from ppps.models import Aduan

    aduan, _ = services.submit_aduan(office=unregistered.office, data={"uraian": "x"})
    answers = {
        _answer(lookup(client, nomor))
        for nomor in (
            "999/Reg/LP/PW/Kota/12.01/X/2024",
            aduan.kode_tiket,
            str(unregistered.pk),
            "",
        )
        if nomor
    }
    assert len(answers) == 1
    assert "Nomor register tidak ditemukan" in answers.pop()
    assert Aduan.objects.count() == 1


def test_the_lookup_after_the_limit_is_refused_with_429(client, registered, settings):
    settings.PPPS_LOOKUP_LIMIT = 5
    for _ in range(5):
        assert lookup(client, "001/x").status_code == 200
    response = lookup(client, registered.nomor_register)
    assert response.status_code == 429
    assert "terlalu sering" in response.content.decode()
    assert registered.nomor_register not in response.content.decode()
    # Another address is not affected.
    assert lookup(client, registered.nomor_register, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_wrong_pins_count_against_the_same_limit(client, registered, settings):
    settings.PPPS_LOOKUP_LIMIT = 3
    url = reverse("ppps_public:pelapor")
    for _ in range(3):
        assert (
            client.post(url, {"nomor": registered.nomor_register, "pin": "AAAAAAAA"}).status_code
            == 200
        )
    right = {"nomor": registered.nomor_register, "pin": registered.pin_clear}
    response = client.post(url, right)
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.text
    assert registered.nomor_register not in response.text
    assert SESSION_KEY not in client.session  # the right PIN after the limit opens nothing


def test_reporter_with_pin_sees_letters_addressed_to_them(client, registered, petugas):
    services.add_note(
        registered,
        user=petugas,
        kind="surat",
        catatan="Undangan klarifikasi 10 Oktober",
        untuk_pelapor=True,
    )
    url = reverse("ppps_public:pelapor")
    wrong = client.post(
        url, {"nomor": registered.nomor_register, "pin": "XXXXXXXX"}
    ).content.decode()
    assert "tidak cocok" in wrong and "Undangan klarifikasi" not in wrong
    body = client.post(
        url, {"nomor": registered.nomor_register.lower(), "pin": registered.pin_clear.lower()}
    ).content.decode()
    assert "Undangan klarifikasi" in body
    assert "Rahmat" not in body


def test_letter_download_needs_the_pin_in_this_session(client, registered, petugas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(petugas)
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4\n%surat\n", content_type="application/pdf")
    client.post(
        reverse("ppps:dokumen_add", args=[registered.pk]),
        {
            "dokumen-title": "Surat pemberitahuan",
            "dokumen-berkas": pdf,
            "dokumen-untuk_pelapor": "on",
        },
    )
    client.post(
        reverse("ppps:dokumen_add", args=[registered.pk]),
        {
            "dokumen-title": "Berita acara",
            "dokumen-berkas": SimpleUploadedFile("ba.pdf", b"%PDF-1.4\n%ba\n"),
        },
    )
    client.logout()
    surat, berita = registered.dokumen.order_by("pk")
    not_found(client.get(reverse("ppps_public:surat_download", args=[surat.pk])))
    client.post(
        reverse("ppps_public:pelapor"),
        {"nomor": registered.nomor_register, "pin": registered.pin_clear},
    )
    served = client.get(reverse("ppps_public:surat_download", args=[surat.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4\n%surat\n"
    not_found(client.get(reverse("ppps_public:surat_download", args=[berita.pk])))
    # HEAD (an uptime monitor, a download manager) is answered like GET, without the body.
    downloads = AuditEvent.objects.filter(action="ppps.pelapor_download").count()
    head = client.head(reverse("ppps_public:surat_download", args=[surat.pk]))
    # A HEAD sends no file, so it is not written down as a download.
    assert AuditEvent.objects.filter(action="ppps.pelapor_download").count() == downloads
    assert head.status_code == 200
    assert head["Content-Type"] == served["Content-Type"]
    assert b"".join(head.streaming_content) == b""
    assert client.head(reverse("ppps_public:surat_download", args=[berita.pk])).status_code == 404


def test_public_lookup_modules_never_import_private_models():
    root = Path(__file__).resolve().parents[2] / "ppps"
    for name in ("views/public.py", "public.py", "stats.py", "views/aduan_public.py"):
        source = (root / name).read_text()
        assert "Pihak" not in source.replace("never imports Pihak", "").replace(
            "Nothing here reads ``Pihak``", ""
        ), name
        assert "DokumenPerkara" not in source, name


def test_a_renamed_status_shows_on_the_next_lookup(client, registered):
    from ppps.models import StatusPerkara

    assert "Diregistrasi" in lookup(client, registered.nomor_register).content.decode()
    status = StatusPerkara.objects.get(code="diregistrasi")
    status.name = "Laporan telah diregistrasi"
    status.save()
    assert (
        "Laporan telah diregistrasi" in lookup(client, registered.nomor_register).content.decode()
    )


def test_a_stage_move_shows_at_once_with_last_update(client, registered, petugas):
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(registered, kajian, user=petugas, teks_publik="Kajian dimulai")
    body = lookup(client, registered.nomor_register).content.decode()
    assert "Kajian dan putusan pleno" in body and "Kajian dimulai" in body


def test_same_number_in_two_offices_shows_both_cases(
    client, registered, petugas_other, other_office
):
    from ppps.models import Pemilihan

    pemilihan = Pemilihan.objects.create(
        office=other_office, name="Pilkada Lain", regime="pemilihan", code="PW", year=2024
    )
    perkara, _ = services.receive_perkara(
        office=other_office, user=petugas_other, jenis="laporan", pemilihan=pemilihan
    )
    services.register_perkara(perkara, user=petugas_other, nomor=registered.nomor_register)
    response = lookup(client, registered.nomor_register)
    assert len(response.context["results"]) == 2
    assert "Pilkada Lain" in response.content.decode()


def test_pin_page_opens_with_the_number_filled_in(client, registered):
    body = lookup(client, registered.nomor_register).content.decode()
    assert reverse("ppps_public:pelapor") + "?nomor=" in body
    page = client.get(reverse("ppps_public:pelapor"), {"nomor": registered.nomor_register})
    assert page.status_code == 200
    assert f'value="{registered.nomor_register}"' in page.content.decode()


def test_the_public_deadline_can_be_expanded_into_how_it_was_counted(client, pemilu, petugas):
    # A Pemilu laporan received Fri 5 Apr 2024: kajian awal 2 hari kerja (Perbawaslu 7/2022
    # Pasal 15(1)) over Lebaran: 6-7 weekend, 8-9 cuti, 10-11 Idul Fitri, 12 cuti, 13-14
    # weekend, 15 cuti, then 16 and 17 April.
    perkara, _ = services.receive_perkara(
        office=pemilu.office,
        user=petugas,
        jenis="laporan",
        pemilihan=pemilu,
        tanggal_diterima=datetime.date(2024, 4, 5),
        tanggal_diketahui=datetime.date(2024, 4, 4),
    )
    perkara = services.register_perkara(
        perkara, user=petugas, tanggal=datetime.date(2024, 4, 5), nomor="001/Reg/LP/PL/Kota/X"
    )
    services.move_to_stage(
        perkara,
        Tahapan.objects.get(regime="pemilu", jenis="laporan", code="kajian-awal"),
        user=petugas,
        tanggal=datetime.date(2024, 4, 5),
    )
    body = lookup(client, "001/Reg/LP/PL/Kota/X").content.decode()
    assert "Cara menghitung batas waktu ini" in body
    assert "Dihitung sejak tanggal diterima: Jumat, 5 April 2024" in body
    assert "dilewati: Cuti bersama: Cuti Bersama Hari Raya Idul Fitri" in body
    assert "dilewati: Libur nasional: Hari Raya Idul Fitri" in body
    assert "Rabu, 17 April 2024" in body
    assert "Perbawaslu 7/2022 Pasal 15(1)" in body


def test_a_deadline_counted_from_a_private_date_is_not_explained(reference):
    from ppps import public

    # A temuan's first stage counts from the day it was found, which /cek/ never shows.
    penetapan = Tahapan.objects.get(regime="pemilihan", jenis="temuan", code="penerimaan")
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="temuan", code="kajian")
    row = {
        "tanggal_diterima": datetime.date(2024, 10, 7),
        "tanggal_registrasi": datetime.date(2024, 10, 8),
        "tahap_mulai": datetime.date(2024, 10, 8),
        "tahap_mulai_pada": None,
        "tahap_diperpanjang": False,
    }
    ref = public.reference(tahapan=penetapan.pk)
    assert penetapan.counted_from == "diketahui"
    assert public._explained({**row, "tahapan_id": penetapan.pk}, ref) is None
    shown = public._explained({**row, "tahapan_id": kajian.pk}, ref)
    assert shown["start"] == datetime.date(2024, 10, 7) and shown["end"] == datetime.date(
        2024, 10, 10
    )
