"""Property (issue 11 part 1): over generated cases, parties and notes, no party value ever
appears in any public response (the /cek/ lookup, the reporter's PIN page, /statistik/, the
lookup's error and not-found pages, the service's refusal message), and no public template's
context holds a model instance, queryset or manager, through which a template could reach the
case's parties (``perkara.pihak``)."""

import re
import string

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppps import services
from ppps.models import Pihak, Tahapan
from tests.conftest import SispClient

pytestmark = pytest.mark.django_db

CEK = reverse("ppps_public:cek")
PELAPOR = reverse("ppps_public:pelapor")
STATISTIK = reverse("ppps_public:statistik")

syllable = st.sampled_from(
    ["wira", "kusu", "manda", "lestu", "rahim", "yoga", "santi", "purwo", "darma", "jelit"]
)
word = st.lists(syllable, min_size=2, max_size=3).map(lambda s: "".join(s).title())
name = st.lists(word, min_size=2, max_size=3).map(" ".join)
digits16 = st.text(alphabet=string.digits, min_size=16, max_size=16).map(lambda d: "32" + d[2:])
phone = st.text(alphabet=string.digits, min_size=9, max_size=11).map(lambda d: "+62 8" + d)
party = st.fixed_dictionaries(
    {
        "peran": st.sampled_from([Pihak.Peran.PELAPOR, Pihak.Peran.SAKSI, Pihak.Peran.TERLAPOR]),
        "nama": name,
        "nik": digits16,
        "telepon": phone,
        "email": st.builds(lambda w: f"{w.lower()}@contoh.test", word),
        "alamat": st.builds(
            lambda w, n: f"Jl. {w} Raya No. {n}, Kel. {w}jaya", word, st.integers(1, 99)
        ),
    }
)
ordinary = st.sampled_from(
    ["Menunggu kelengkapan berkas.", "Diteruskan ke Sentra Gakkumdu.", "Kajian berjalan.", ""]
)


def _values(p):
    """What must never be shown, as it may be found in a page (case and spacing folded)."""
    return {
        "nama": " ".join(p["nama"].casefold().split()),
        "nik": p["nik"],
        "telepon": re.sub(r"\D", "", p["telepon"])[2:],
        "email": p["email"].casefold(),
        "alamat": p["alamat"].split(",")[0].casefold(),
    }


def _assert_clean(body, parties, where):
    folded = " ".join(body.casefold().split())
    only_digits = re.sub(r"\D", "", body)
    for p in parties:
        for kind, value in _values(p).items():
            haystack = only_digits if kind in {"nik", "telepon"} else folded
            assert value not in haystack, (where, kind, value)


def _holds_no_model(value, where, seen=None):
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    assert not isinstance(value, models.Model | models.QuerySet | models.Manager), (where, value)
    if isinstance(value, dict):
        for k, v in value.items():
            _holds_no_model(v, f"{where}.{k}", seen)
    elif isinstance(value, list | tuple | set):
        for i, v in enumerate(value):
            _holds_no_model(v, f"{where}[{i}]", seen)


# Context entries Django and SISP put on every page; none of them is built from the case.
FRAMEWORK = {"request", "user", "perms", "messages", "csrf_token", "view", "form", "block"}


def _assert_plain_context(response, where):
    if response.context is None:
        return  # the whole page came from the cache: it was checked when it was rendered
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for key, value in context.flatten().items():
            if key not in FRAMEWORK:
                _holds_no_model(value, f"{where}:{key}")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    parties=st.lists(party, min_size=1, max_size=3),
    leak=st.sampled_from(["nama", "nik", "telepon", "email", "alamat"]),
    leaked_by=st.integers(0, 2),
    note=ordinary,
    stage_code=st.sampled_from(["registrasi", "klarifikasi", "kajian"]),
)
def test_no_party_value_reaches_any_public_response(
    make_perkara, petugas, parties, leak, leaked_by, note, stage_code
):
    cache.clear()  # each example starts under the lookup limit
    perkara = make_perkara()
    pin = perkara.pin
    for p in parties:
        services.save_pihak(perkara, Pihak(**p), user=petugas)
    perkara = services.register_perkara(perkara, user=petugas)
    stage = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code=stage_code)
    if stage.order > perkara.tahapan.order:
        # Public words only where the stage is announced (the service refuses them elsewhere).
        words = note if stage.is_public else ""
        perkara = services.move_to_stage(perkara, stage, user=petugas, teks_publik=words)
    # An officer tries to publish a note carrying one party's value, spelled differently.
    value = parties[leaked_by % len(parties)][leak]
    spelled = value.upper() if leak != "nik" else " ".join(value[i : i + 4] for i in (0, 4, 8, 12))
    try:
        services.add_note(
            perkara, user=petugas, kind="catatan", catatan=f"Catatan: {spelled}.", is_public=True
        )
    except ValidationError as refusal:
        _assert_clean(" ".join(refusal.messages), parties, "refusal")
    # The same words kept private are allowed, and must stay off the public pages too.
    services.add_note(perkara, user=petugas, kind="catatan", catatan=f"Internal: {value}")
    services.add_note(
        perkara, user=petugas, kind="surat", catatan="Undangan klarifikasi.", untuk_pelapor=True
    )

    client = SispClient()
    responses = {
        "cek": client.get(CEK, {"nomor": perkara.nomor_register}),
        "cek-again": client.get(CEK, {"nomor": perkara.nomor_register.lower()}),
        "cek-not-found": client.get(CEK, {"nomor": "999/Reg/LP/PW/Kota/X/2024"}),
        "cek-too-long": client.get(CEK, {"nomor": "1" * 200}),
        "statistik": client.get(STATISTIK),
        "pin-wrong": client.post(PELAPOR, {"nomor": perkara.nomor_register, "pin": "SALAH123"}),
        "pin": client.post(PELAPOR, {"nomor": perkara.nomor_register, "pin": pin}),
    }
    assert responses["cek"].status_code == 200
    assert perkara.nomor_register.split("/")[0] in responses["cek"].content.decode()
    pin_page = responses["pin"].content.decode()
    assert "Surat dan pemberitahuan" in pin_page  # the PIN was right: the letters show
    for where, response in responses.items():
        assert response.status_code in {200, 400}, where
        _assert_clean(response.content.decode(), parties, where)
        _assert_plain_context(response, where)
