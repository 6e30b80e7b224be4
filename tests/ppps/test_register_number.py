import datetime
import threading

import pytest
from django.db import connection, connections

from ppps import services
from ppps.models import Perkara, RegisterCounter

DAY = datetime.date(2024, 12, 3)


def test_proposal_follows_the_template(make_perkara, settings):
    settings.PPPS_REGISTER_OFFICE_CODES = {"K.UJ-01": "12.01"}
    perkara = make_perkara()
    assert services.propose_register_number(perkara, DAY) == "001/Reg/LP/PW/Kota/12.01/XII/2024"


def test_temuan_and_sengketa_use_their_own_codes(make_perkara):
    temuan = make_perkara(jenis="temuan")
    assert services.propose_register_number(temuan, DAY) == "001/Reg/TM/PW/Kota/K.UJ-01/XII/2024"
    sengketa = make_perkara(jenis="sengketa", tanggal_kejadian=DAY)
    assert services.propose_register_number(sengketa, DAY) == "001/PS.REG/K.UJ-01/XII/2024"


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
    typed = services.format_register_number(make_perkara(), 1, DAY)
    services.register_perkara(make_perkara(), user=petugas, tanggal=DAY, nomor=typed)
    auto = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    assert auto.nomor_register.startswith("002/")


def test_a_typed_number_already_used_is_refused(make_perkara, petugas):
    done = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    with pytest.raises(services.RegisterNumberTaken):
        services.register_perkara(
            make_perkara(), user=petugas, tanggal=DAY, nomor=done.nomor_register
        )


def test_a_case_is_registered_only_once(make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas, tanggal=DAY)
    with pytest.raises(ValueError):
        services.register_perkara(perkara, user=petugas, tanggal=DAY)


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
    assert RegisterCounter.objects.get(office=office, year=2024).last == 8
