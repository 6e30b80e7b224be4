"""An unknown register number or ticket costs the same password hash as a known one with a
wrong PIN, so response time does not tell which numbers exist."""

import datetime

import pytest
from django.urls import reverse

from ppps import services
from tests.ppps.hashers import CountingMD5PasswordHasher

pytestmark = pytest.mark.django_db
PELAPOR = reverse("ppps_public:pelapor")
STATUS = reverse("ppps_public:aduan_status")


@pytest.fixture
def counting(settings):
    settings.PASSWORD_HASHERS = ["tests.ppps.hashers.CountingMD5PasswordHasher"]
    CountingMD5PasswordHasher.verified = 0
    return CountingMD5PasswordHasher


@pytest.fixture
def registered(make_perkara, petugas):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat"})
    return services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))


def test_wrong_pin_for_a_known_register_number_checks_one_hash(client, registered, counting):
    response = client.post(PELAPOR, {"nomor": registered.nomor_register, "pin": "AAAAAAAA"})
    assert "tidak cocok" in response.content.decode()
    assert counting.verified == 1


def test_unknown_register_number_still_checks_one_hash(client, registered, counting):
    response = client.post(PELAPOR, {"nomor": "999/PL/PW/Kota/16.01/X/2024", "pin": "AAAAAAAA"})
    assert "tidak cocok" in response.content.decode()
    assert counting.verified == 1


def test_registered_case_without_a_pin_still_checks_one_hash(
    client, make_perkara, petugas, counting
):
    temuan = make_perkara(jenis="temuan")
    temuan = services.register_perkara(temuan, user=petugas, tanggal=datetime.date(2024, 10, 8))
    type(temuan).objects.filter(pk=temuan.pk).update(pin_hash="")
    response = client.post(PELAPOR, {"nomor": temuan.nomor_register, "pin": "AAAAAAAA"})
    assert "tidak cocok" in response.content.decode()
    assert counting.verified == 1


def test_wrong_pin_for_a_known_ticket_checks_one_hash(client, office, counting):
    aduan, _ = services.submit_aduan(office=office, data={"uraian": "NIK saya dicatut"})
    response = client.post(STATUS, {"kode_tiket": aduan.kode_tiket, "pin": "000000"})
    assert "tidak cocok" in response.content.decode()
    assert counting.verified == 1


def test_unknown_ticket_still_checks_one_hash(client, office, counting):
    response = client.post(STATUS, {"kode_tiket": "ADU-XXXXXX", "pin": "000000"})
    assert "tidak cocok" in response.content.decode()
    assert counting.verified == 1


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (PELAPOR, {"nomor": "999/PL/PW/Kota/16.01/X/2024", "pin": "AAAAAAAA"}),
        (STATUS, {"kode_tiket": "ADU-TIDAKADA", "pin": "AAAAAAAA"}),
    ],
)
def test_pin_guesses_over_the_limit_are_refused_before_any_hash(
    client, registered, counting, settings, url, data
):
    settings.PPPS_LOOKUP_LIMIT = 3
    statuses = [client.post(url, data).status_code for _ in range(10)]
    assert statuses == [200] * 3 + [429] * 7
    assert counting.verified <= 3
    assert "coba lagi dalam 10 menit" in client.post(url, data).content.decode()
