"""/cek/ forgives what Word, WhatsApp and phone keyboards do to a register number, and never
turns one number into another (ppps.register.normalise_register)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from ppps import services
from ppps.models import Perkara
from ppps.register import normalise_register

CANONICAL = "001/Reg/LP/PW/Kota/12.01/XI/2024"

SLASHES = ["/", "\uff0f", "\u2215", "\u2044", "\u29f8", "\\", "|", " / ", "\u00a0/\u00a0"]
DOTS = [".", "\uff0e", "/", " . "]
DASHES = ["-", "\u2013", "\u2014", "\u2212", "\u2010", "\u2011", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u2007", "\u2009", "\u202f", "\u3000", "\t", "\u200a"]
TRAILING = ["", ".", ",", ";", ":", "!", "?", ")", '"', "\u201d", "\u3002", " .", ".\u00a0"]


@pytest.mark.parametrize(
    "typed",
    [
        "001\u2013Reg\u2013LP\u2013PW\u2013Kota\u201312.01\u2013XI\u20132024",  # en dash
        "001\u2014Reg\u2014LP/PW/Kota/12.01/XI/2024",  # em dash
        "001\u2212Reg/LP/PW/Kota/12.01/XI/2024",  # minus sign
        "001/Reg/LP/PW/Kota/12.01/XI/2024.",  # trailing period
        "001/Reg/LP/PW/Kota/12.01/XI/2024).",
        "\u00a0001\u00a0/\u00a0Reg/LP/PW/Kota/12.01/XI/2024\u00a0",  # NBSP
        "001\uff0fReg\uff0fLP\uff0fPW\uff0fKota\uff0f12.01\uff0fXI\uff0f2024",  # fullwidth
        "001\u2215Reg\u2044LP\u29f8PW/Kota/12.01/XI/2024",  # division, fraction, big solidus
        "001.Reg.LP.PW.Kota.12.01.XI.2024",  # dots as separators
        "001 Reg LP PW Kota 12 01 XI 2024",  # spaces as separators
        "\uff10\uff10\uff11/reg/lp/pw/kota/12.01/xi/\uff12\uff10\uff12\uff14",  # fullwidth digits
        "1/reg/lp/pw/kota/12.1/xi/2024",
    ],
)
def test_pasted_forms_of_a_number_find_it(typed):
    assert normalise_register(typed) == normalise_register(CANONICAL)


@pytest.mark.parametrize(
    "other",
    [
        "001/Reg/LP/PW/Kota/12.01/XI/2023",  # another year
        "001/Reg/LP/PW/Kota/12.01/XI/20245",
        "001/Reg/LP/PW/Kota/12.01/XI/202",
        "010/Reg/LP/PW/Kota/12.01/XI/2024",  # another case
        "0011/Reg/LP/PW/Kota/12.01/XI/2024",
        "001/Reg/TM/PW/Kota/12.01/XI/2024",  # a temuan
        "001/Reg/LP/PW/Kota/12.01/XII/2024",  # another month
        "001/Reg/LP/PW/Kota/12.11/XI/2024",  # another office
        "0 01/Reg/LP/PW/Kota/12.01/XI/2024",  # a space is a separator, never glue
        "00 1/Reg/LP/PW/Kota/12.01/XI/2024",
        "001/Reg/LP/PW/Kota/12.01/XI/20 24",
    ],
)
def test_a_different_number_never_matches(other):
    assert normalise_register(other) != normalise_register(CANONICAL)


def _number(seq, jenis, election, level, kode, bulan, year):
    return f"{seq:03}/Reg/{jenis}/{election}/{level}/{kode[0]:02}.{kode[1]:02}/{bulan}/{year}"


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
numbers = st.tuples(
    st.integers(1, 999),
    st.sampled_from(["LP", "TM"]),
    st.sampled_from(["PL", "PP", "PW", "PB", "PG"]),
    st.sampled_from(["Kab", "Kota", "Prov"]),
    st.tuples(st.integers(1, 38), st.integers(0, 99)),
    st.sampled_from(ROMAN),
    st.integers(2019, 2031),
)


@st.composite
def pasted(draw, parts):
    """A register number as a citizen might paste it: any separator look-alike, any Unicode
    space around it, any case, extra leading zeros, trailing punctuation."""
    seq, jenis, election, level, kode, bulan, year = parts

    def sep():
        return draw(st.sampled_from(SLASHES + DASHES))

    def zeros(n, width):
        return "0" * draw(st.integers(0, 3)) + f"{n:0{width}}"

    def case(word):
        return "".join(
            c.lower() if draw(st.booleans()) else c.upper() for c in word
        )  # fmt: skip

    pieces = [
        zeros(seq, 1),
        case("Reg"),
        case(jenis),
        case(election),
        case(level),
        zeros(kode[0], 1) + draw(st.sampled_from(DOTS + DASHES)) + zeros(kode[1], 1),
        case(bulan),
        str(year),
    ]
    text = "".join(piece + (sep() if i < len(pieces) - 1 else "") for i, piece in enumerate(pieces))
    lead = draw(st.sampled_from(SPACES + [""]))
    return lead + text + draw(st.sampled_from(TRAILING)) + draw(st.sampled_from(SPACES + [""]))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), parts=numbers)
def test_any_pasted_form_matches_its_own_number(data, parts):
    assert normalise_register(data.draw(pasted(parts))) == normalise_register(_number(*parts))


@settings(max_examples=300, deadline=None)
@given(data=st.data(), a=numbers, b=numbers)
def test_a_pasted_form_never_matches_another_number(data, a, b):
    typed = data.draw(pasted(a))
    if a != b:
        assert normalise_register(typed) != normalise_register(_number(*b))


@settings(max_examples=200, deadline=None)
@given(data=st.data(), a=numbers, delta=st.integers(1, 5))
def test_a_pasted_form_never_matches_the_same_case_of_another_year(data, a, delta):
    later = (*a[:-1], a[-1] + delta)
    assert normalise_register(data.draw(pasted(a))) != normalise_register(_number(*later))


@given(st.text(max_size=80))
def test_the_key_is_stable_and_plain(text):
    key = normalise_register(text)
    assert normalise_register(key) == key
    assert set(key) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/")
    assert not key.startswith("/") and not key.endswith("/") and "//" not in key


@pytest.mark.django_db
def test_lookup_with_an_en_dash_and_trailing_period_finds_the_case(client, make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    typed = perkara.nomor_register.replace("/", "\u2013") + "."
    response = client.get(reverse("ppps_public:cek"), {"nomor": typed})
    assert [f["nomor_register"] for f in response.context["results"]] == [perkara.nomor_register]


@pytest.mark.django_db
def test_migration_recomputes_keys_stored_by_the_older_normaliser(make_perkara, petugas):
    perkara = services.register_perkara(make_perkara(), user=petugas)
    Perkara.objects.filter(pk=perkara.pk).update(nomor_kunci="1/REG/LP/PW/KOTA/12.1/XI/2024")
    migration = importlib.import_module("ppps.migrations.0003_renormalise_register_keys")
    migration.renormalise(django_apps, None)
    perkara.refresh_from_db()
    assert perkara.nomor_kunci == normalise_register(perkara.nomor_register)
    assert "." not in perkara.nomor_kunci


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        # The stored key itself is pinned: rows already saved hold it (Perkara.nomor_kunci), so
        # a changed rule would stop them being found until every key is recomputed.
        (CANONICAL, "1/REG/LP/PW/KOTA/12/1/XI/2024"),
        ("000/Reg/LP/PW/Kota/00.00/XI/2024", "0/REG/LP/PW/KOTA/0/0/XI/2024"),
        ("006/PS.REG/BAWASLU/XII/2022", "6/PS/REG/BAWASLU/XII/2022"),
        ("008/LP/PL/RI/00.00/VIII/2023", "8/LP/PL/RI/0/0/VIII/2023"),
    ],
)
def test_the_key_of_a_number_is_exactly_this(typed, key):
    assert normalise_register(typed) == key


def test_zeros_are_forgiven_only_in_a_part_made_of_digits():
    """The domain note forgives leading zeros of the sequence number and the office code
    (parts made of digits). A part mixing letters and digits ("01A", a number staff wrote by
    hand) is not a number, so its zeros are kept: "01A" and "1A" may be two cases, and a
    lookup must never show one case for another."""
    assert normalise_register("01A/Reg/LP/2024") == "01A/REG/LP/2024"
    assert normalise_register("01A/Reg/LP/2024") != normalise_register("1A/Reg/LP/2024")
    assert normalise_register("0A/Reg/LP/2024") != normalise_register("A/Reg/LP/2024")
