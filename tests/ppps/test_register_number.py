"""Register books (issue 11 part 4): one counter per book and year, the office's Bawaslu code
as data, equivalent numbers refused, double submissions answered without a 500."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse

from ppps import services
from ppps.models import Perkara, RegisterCounter, RiwayatPerkara

DAY = datetime.date(2024, 12, 3)


def test_proposal_follows_the_template_with_the_offices_bawaslu_code(make_perkara):
    perkara = make_perkara()
    assert services.propose_register_number(perkara, DAY) == "001/Reg/LP/PW/Kota/12.01/XII/2024"


def test_temuan_and_sengketa_use_their_own_codes(make_perkara):
    temuan = make_perkara(jenis="temuan")
    assert services.propose_register_number(temuan, DAY) == "001/Reg/TM/PW/Kota/12.01/XII/2024"
    sengketa = make_perkara(jenis="sengketa", tanggal_kejadian=DAY)
    assert services.propose_register_number(sengketa, DAY) == "001/PS.REG/12.01/XII/2024"


def test_laporan_temuan_and_sengketa_each_count_in_their_own_book(make_perkara, petugas):
    laporan = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    temuan = services.register_perkara(make_perkara(jenis="temuan"), user=petugas, tanggal=DAY)
    sengketa = services.register_perkara(
        make_perkara(jenis="sengketa", tanggal_kejadian=DAY), user=petugas, tanggal=DAY
    )
    laporan2 = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    assert laporan.nomor_register == "001/Reg/LP/PW/Kota/12.01/XII/2024"
    assert temuan.nomor_register == "001/Reg/TM/PW/Kota/12.01/XII/2024"
    assert sengketa.nomor_register == "001/PS.REG/12.01/XII/2024"
    assert laporan2.nomor_register == "002/Reg/LP/PW/Kota/12.01/XII/2024"
    books = dict(RegisterCounter.objects.values_list("book", "last"))
    assert books == {"laporan": 2, "temuan": 1, "sengketa": 1}


def test_an_office_without_a_bawaslu_code_gets_no_proposal_and_nothing_changes(
    make_perkara, petugas, office
):
    office.bawaslu_code = ""
    office.save()
    perkara = make_perkara()
    with pytest.raises(services.NoBawasluCode):
        services.propose_register_number(perkara, DAY)
    with pytest.raises(services.NoBawasluCode):
        services.register_perkara(perkara, user=petugas, tanggal=DAY)
    perkara.refresh_from_db()
    assert perkara.nomor_register == "" and perkara.tahapan.code == "penerimaan"
    assert not RegisterCounter.objects.exists()
    # The letter code never stands in for Bawaslu's: a number typed by staff still works.
    typed = services.register_perkara(
        perkara, user=petugas, tanggal=DAY, nomor="007/Reg/LP/PW/Kota/12.01/XII/2024"
    )
    assert typed.nomor_register == "007/Reg/LP/PW/Kota/12.01/XII/2024"


def test_registering_takes_the_next_number_and_moves_to_registrasi(make_perkara, petugas):
    first = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    second = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    assert first.nomor_register.startswith("001/") and second.nomor_register.startswith("002/")
    assert first.tahapan.code == "registrasi" and first.status.code == "diregistrasi"
    assert first.tanggal_registrasi == DAY


def test_sequence_restarts_each_year_per_office(make_perkara, petugas):
    services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    nxt = services.register_perkara(make_perkara(), user=petugas, tanggal=datetime.date(2025, 1, 2))
    assert nxt.nomor_register.startswith("001/") and nxt.nomor_register.endswith("/I/2025")


def test_staff_may_type_a_corrected_number_and_the_sequence_skips_it(make_perkara, petugas):
    # Typed in another spelling: the sequence still knows number 1 is taken.
    services.register_perkara(
        make_perkara(), user=petugas, tanggal=DAY, nomor="1/reg/lp/pw/kota/12.01/xii/2024"
    )
    auto = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    assert auto.nomor_register.startswith("002/")


def test_a_typed_number_already_used_is_refused(make_perkara, petugas):
    done = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    with pytest.raises(services.RegisterNumberTaken):
        services.register_perkara(
            make_perkara(), user=petugas, tanggal=DAY, nomor=done.nomor_register
        )


@pytest.mark.parametrize(
    "equivalent",
    [
        "1/reg/lp/pw/kota/12.01/xii/2024",
        " 001 / REG / LP / PW / KOTA / 12.01 / XII / 2024 ",
        "001-Reg-LP-PW-Kota-12.1-XII-2024",
    ],
)
def test_a_number_equivalent_to_a_registered_one_is_refused_and_nothing_changes(
    make_perkara, petugas, equivalent
):
    done = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    other = make_perkara()
    with pytest.raises(services.RegisterNumberTaken) as caught:
        services.register_perkara(other, user=petugas, tanggal=DAY, nomor=equivalent)
    assert caught.value.existing == done.nomor_register
    other.refresh_from_db()
    assert other.nomor_register == "" and other.tanggal_registrasi is None
    assert not other.riwayat.filter(kind=RiwayatPerkara.Kind.REGISTRASI).exists()
    assert Perkara.objects.with_register(equivalent).count() == 1


def test_the_database_refuses_two_equivalent_numbers_in_one_office(make_perkara, petugas):
    services.register_perkara(
        make_perkara(), user=petugas, tanggal=DAY, nomor="001/Reg/LP/PW/Kota/12.01/XII/2024"
    )
    other = make_perkara()
    other.nomor_register = "1/REG/LP/PW/KOTA/12.1/XII/2024"  # past the service, straight to SQL
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_equivalent_numbers_may_exist_in_two_offices(make_perkara, petugas, other_office):
    from ppps.models import Pemilihan

    services.register_perkara(
        make_perkara(), user=petugas, tanggal=DAY, nomor="001/Reg/LP/PW/Kota/12.01/XII/2024"
    )
    pemilihan = Pemilihan.objects.create(
        office=other_office, name="Pilwali Dua", regime="pemilihan", code="PW", year=2024
    )
    there = make_perkara(pemilihan=pemilihan)
    there.nomor_register = "001/Reg/LP/PW/Kota/12.01/XII/2024"
    there.save()  # the number is unique per office, not across offices: no IntegrityError
    there.refresh_from_db()
    assert there.nomor_register == "001/Reg/LP/PW/Kota/12.01/XII/2024"
    assert set(
        Perkara.objects.filter(nomor_register=there.nomor_register).values_list(
            "office_id", flat=True
        )
    ) == {there.office_id, petugas.office_id}


def test_a_case_is_registered_only_once(make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    with pytest.raises(services.AlreadyRegistered):
        services.register_perkara(perkara, user=petugas, tanggal=DAY)


def test_an_equivalent_number_typed_in_the_form_gets_a_clear_message(client, make_perkara, petugas):
    services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    other = make_perkara()
    client.force_login(petugas)
    response = client.post(
        reverse("ppps:perkara_register", args=[other.pk]),
        {"registrasi-tanggal": "2024-12-03", "registrasi-nomor": "1/reg/lp/pw/kota/12.1/xii/2024"},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "sama dengan nomor 001/Reg/LP/PW/Kota/12.01/XII/2024" in text
    other.refresh_from_db()
    assert other.nomor_register == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_registration_registers_once_and_never_answers_500(
    office, reference, make_perkara, petugas
):
    from tests.conftest import SispClient

    perkara = make_perkara()
    barrier = threading.Barrier(2)
    statuses, errors = [], []

    def submit():
        try:
            client = SispClient()
            client.force_login(petugas)
            barrier.wait()
            response = client.post(
                reverse("ppps:perkara_register", args=[perkara.pk]),
                {"registrasi-tanggal": "2024-12-03", "registrasi-nomor": ""},
            )
            statuses.append(response.status_code)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and statuses == [302, 302]
    perkara.refresh_from_db()
    assert perkara.nomor_register == "001/Reg/LP/PW/Kota/12.01/XII/2024"
    assert perkara.riwayat.filter(kind=RiwayatPerkara.Kind.REGISTRASI).count() == 1
    assert RegisterCounter.objects.get(office=office, book="laporan", year=2024).last == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need Postgres")
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_number(office, reference, make_perkara, petugas):
    cases = [make_perkara() for _ in range(8)]
    barrier = threading.Barrier(len(cases))
    errors = []

    def register(perkara):
        try:
            barrier.wait()
            services.register_perkara(perkara, user=petugas, tanggal=DAY)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(Perkara.objects.values_list("nomor_register", flat=True))
    assert len(set(numbers)) == 8
    assert sorted(n[:3] for n in numbers) == [f"{i:03}" for i in range(1, 9)]
    assert RegisterCounter.objects.get(office=office, book="laporan", year=2024).last == 8
