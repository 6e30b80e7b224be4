"""No private field ever appears in a public response (domain note, "What the public may see").

Hypothesis generates parties with random identities; every public page and response is then
searched for each of their private values."""

import string

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppps import services
from ppps.models import Pihak, Tahapan

pytestmark = pytest.mark.django_db

# A marker prefix keeps a random word from matching ordinary page text by chance ("Regist").
word = st.builds(
    lambda w: f"Xq{w}", st.text(alphabet=string.ascii_letters, min_size=4, max_size=12)
)
digits = lambda n, m: st.text(alphabet=string.digits, min_size=n, max_size=m)  # noqa: E731
party = st.fixed_dictionaries(
    {
        "peran": st.sampled_from(["pelapor", "terlapor", "saksi", "ahli"]),
        "nama": st.builds(lambda a, b: f"{a} {b}", word, word),
        "nik": digits(16, 16),
        "alamat": st.builds(lambda a, n: f"Jalan {a} {n}", word, digits(3, 5)),
        "telepon": st.builds(lambda n: f"08{n}", digits(9, 11)),
        "email": st.builds(lambda a, b: f"{a}@{b}.test".lower(), word, word),
        "keterangan": st.builds(lambda a: f"Keterangan {a}", word),
    }
)


def private_values(p):
    """Everything of a party that must never be public. The terlapor's initials may be."""
    values = [p["nik"], p["alamat"], p["telepon"], p["email"], p["keterangan"]]
    values += p["nama"].split()
    return values


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parties=st.lists(party, min_size=1, max_size=4))
def test_no_private_party_value_appears_on_any_public_page(client, make_perkara, petugas, parties):
    perkara = make_perkara()
    for p in parties:
        services.save_pihak(perkara, Pihak(**p), user=petugas)
    perkara = services.register_perkara(perkara, user=petugas)
    services.move_to_stage(
        perkara,
        Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian"),
        user=petugas,
    )
    services.add_note(
        perkara, user=petugas, kind="surat", catatan="Undangan klarifikasi", untuk_pelapor=True
    )
    pin = services.reset_pin(perkara, user=petugas)
    client.logout()
    from django.core.cache import cache

    cache.clear()
    responses = [
        client.get(reverse("ppps_public:cek"), {"nomor": perkara.nomor_register}),
        client.get(reverse("ppps_public:cek"), {"nomor": perkara.nomor_register.lower()}),
        client.get(reverse("ppps_public:statistik")),
        client.get(reverse("ppps_public:aduan")),
        client.get(reverse("ppps_public:aduan_status")),
        client.post(reverse("ppps_public:pelapor"), {"nomor": perkara.nomor_register, "pin": pin}),
        client.get("/"),
    ]
    assert [r.status_code for r in responses] == [200] * len(responses)
    assert "Undangan klarifikasi" in responses[-2].content.decode()  # the PIN page did open
    for response in responses:
        body = response.content.decode()
        for p in parties:
            for value in private_values(p):
                assert value not in body, (response.request["PATH_INFO"], p["peran"], value)
