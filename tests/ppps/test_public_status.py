"""The /cek/ result in plain words: the stage, by when, overdue said honestly, what comes next,
a timeline that does not repeat itself, a number that wraps only at its slashes."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ppps import services
from ppps.models import Tahapan
from ppps.public import _event_words, _plain_status, tanggal_id

pytestmark = pytest.mark.django_db
CEK = reverse("ppps_public:cek")


def result(client, perkara):
    response = client.get(CEK, {"nomor": perkara.nomor_register})
    return response.context["results"][0], response.content.decode()


def test_an_overdue_stage_says_so_in_words(client, make_perkara, petugas):
    perkara = services.register_perkara(
        make_perkara(), user=petugas, tanggal=datetime.date(2024, 10, 8)
    )
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 9))
    perkara.refresh_from_db()
    assert perkara.batas_waktu < timezone.localdate()
    facts, body = result(client, perkara)
    day_after = perkara.batas_waktu + datetime.timedelta(days=1)
    expected = f"melewati batas waktu sejak {day_after.day} "
    assert any(expected in s for s in facts["sekarang"]), facts["sekarang"]
    assert facts["terlambat"] is True
    assert "(terlewati)" in body and "ppps-late" in body


def test_a_running_stage_says_by_when_and_what_comes_next(client, make_perkara, petugas):
    today = timezone.localdate()
    perkara = make_perkara(tanggal_diterima=today, tanggal_diketahui=today)
    perkara = services.register_perkara(perkara, user=petugas, tanggal=today)
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas, tanggal=today)
    perkara.refresh_from_db()
    assert perkara.batas_waktu == today + datetime.timedelta(days=3)  # 3 calendar days
    facts, _ = result(client, perkara)
    assert facts["sekarang"] == [
        "Perkara ini sekarang pada tahap Kajian dan putusan pleno.",
        f"Tahap ini harus selesai paling lambat {facts['batas_waktu']} (3 hari lagi).",
        "Tahap berikutnya: Pemberitahuan status dan pengumuman.",
    ]
    assert facts["terlambat"] is False


def test_the_stage_after_registration_is_not_named_when_it_is_not_public(
    client, make_perkara, petugas
):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    facts, body = result(client, perkara)
    assert facts["sekarang"] == [
        "Perkara ini sekarang pada tahap Registrasi.",
        "Tahap ini tidak memiliki batas waktu.",
        "Tahap berikutnya ditangani kantor tanpa diumumkan.",
    ]
    assert "Klarifikasi" not in body


def test_a_non_public_stage_shows_neither_name_nor_deadline_nor_overdue(
    client, make_perkara, petugas
):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    klarifikasi = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="klarifikasi")
    services.move_to_stage(perkara, klarifikasi, user=petugas, tanggal=datetime.date(2024, 10, 9))
    facts, body = result(client, perkara)
    assert klarifikasi.name not in body
    assert facts["batas_waktu"] == "" and facts["terlambat"] is False
    assert "melewati batas waktu" not in body


def test_the_timeline_never_says_a_word_twice(client, make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    facts, body = result(client, perkara)
    lines = [e["peristiwa"] for e in facts["timeline"]]
    assert "Registrasi" in lines
    assert "Registrasi: Registrasi" not in body and "Registrasi · Diregistrasi" not in body
    for line in lines:
        words = [w.casefold() for w in re.split(r"[:·]\s*", line) if w.strip()]
        assert len(words) == len(set(words)), line
    # Nor does the note under a line say again what the line says ("Laporan diterima." under
    # "Diterima: Penerimaan laporan"); a note with a new fact (the number) stays.
    for event in facts["timeline"]:
        said = set(re.findall(r"\w+", event["peristiwa"].casefold()))
        note = set(re.findall(r"[\w.]+", event["catatan"].casefold().rstrip(".")))
        assert not note or not note <= said, event
    notes = [e["catatan"] for e in facts["timeline"]]
    assert f"Diregistrasi dengan nomor {perkara.nomor_register}." in notes
    assert "Laporan diterima." not in body


@pytest.mark.parametrize(
    ("peristiwa", "tahapan", "status", "expected"),
    [
        ("Registrasi", "Registrasi", "Diregistrasi", "Registrasi"),
        ("Diterima", "Penerimaan laporan", "Diterima", "Diterima: Penerimaan laporan"),
        ("Pindah tahapan", "Kajian", "Dalam kajian", "Pindah tahapan: Kajian"),
        ("Pindah tahapan", "Kajian", "", "Pindah tahapan: Kajian"),
        ("Perubahan status", "", "Diteruskan ke KPU", "Perubahan status · Diteruskan ke KPU"),
        ("Pindah tahapan", "", "", "Pindah tahapan"),
    ],
)
def test_event_words(peristiwa, tahapan, status, expected):
    assert _event_words(peristiwa, tahapan, status) == expected


def test_plain_status_wording():
    today = datetime.date(2026, 12, 1)
    late = _plain_status("Kajian", "", datetime.date(2026, 11, 27), ("Pleno", True), today)
    assert late == [
        "Perkara ini sekarang pada tahap Kajian.",
        "Tahap ini melewati batas waktu sejak 28 November 2026 (batas waktunya 27 November"
        " 2026) dan belum dinyatakan selesai.",
        "Tahap berikutnya: Pleno.",
    ]
    running = _plain_status("Kajian", "", datetime.date(2026, 12, 4), ("Rahasia", False), today)
    assert running[1] == "Tahap ini harus selesai paling lambat 4 Desember 2026 (3 hari lagi)."
    assert running[2] == "Tahap berikutnya ditangani kantor tanpa diumumkan."
    assert "Rahasia" not in " ".join(running)
    assert _plain_status("Kajian", "", today, None, today)[1] == (
        "Tahap ini harus selesai hari ini, 1 Desember 2026."
    )
    assert _plain_status("", "Selesai", None, None, today) == [
        "Penanganan perkara ini sudah selesai: Selesai."
    ]


def test_the_register_number_wraps_only_after_its_slashes(client, make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    _, body = result(client, perkara)
    heading = re.search(r'<h2 id="hasil-\d+" class="ppps-code">(.*?)</h2>', body).group(1)
    segments = re.findall(r"<span>(.*?)</span>", heading)
    assert "/".join(segments) == perkara.nomor_register
    assert heading.count("/<wbr>") == perkara.nomor_register.count("/")
    assert all("/" not in s for s in segments)


def test_an_overdue_stage_gives_the_last_public_reason_and_what_comes_next(
    client, make_perkara, petugas
):
    perkara = services.register_perkara(
        make_perkara(), user=petugas, tanggal=datetime.date(2024, 10, 8)
    )
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    perkara = services.move_to_stage(
        perkara, kajian, user=petugas, tanggal=datetime.date(2024, 10, 9)
    )
    services.add_note(
        perkara, user=petugas, kind="catatan", catatan="Catatan pribadi petugas.",
        tanggal=datetime.date(2024, 10, 10),
    )  # fmt: skip
    services.extend_deadline(
        perkara,
        user=petugas,
        tanggal=datetime.date(2024, 10, 11),
        catatan="Menunggu keterangan tambahan dari pihak terkait.",
        is_public=True,
    )
    perkara.refresh_from_db()
    facts, body = result(client, perkara)
    day_after = perkara.batas_waktu + datetime.timedelta(days=1)
    assert facts["sekarang"] == [
        "Perkara ini sekarang pada tahap Kajian dan putusan pleno.",
        f"Tahap ini melewati batas waktu sejak {tanggal_id(day_after)}"
        f" (batas waktunya {tanggal_id(perkara.batas_waktu)}) dan belum dinyatakan selesai.",
        "Keterangan terakhir dari kantor (11 Oktober 2024): "
        "Menunggu keterangan tambahan dari pihak terkait.",
        "Tahap berikutnya: Pemberitahuan status dan pengumuman.",
    ]
    assert "Catatan pribadi petugas." not in body
    assert "melewati batas waktu sejak" in body


def test_a_public_note_of_an_earlier_stage_is_not_given_as_the_current_reason(
    client, make_perkara, petugas
):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    services.add_note(
        perkara, user=petugas, kind="catatan", catatan="Berkas registrasi lengkap.",
        is_public=True,
    )  # fmt: skip
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    services.move_to_stage(perkara, kajian, user=petugas)
    facts, body = result(client, perkara)
    assert not any("Keterangan terakhir" in s for s in facts["sekarang"])
    assert "Berkas registrasi lengkap." in body  # still in the timeline
