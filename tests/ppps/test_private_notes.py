"""Private by construction (issue 11, part 1): a stage note is private unless the officer makes
it public, a public note may not carry a party's identity, and a non-public stage's name, note
and deadline never reach /cek/ or the reporter's PIN page."""

import datetime
import string

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppps import privacy, services
from ppps.forms import ExtendForm, MoveStageForm, NoteForm
from ppps.models import Pihak, RiwayatPerkara, Tahapan

pytestmark = pytest.mark.django_db

CEK = reverse("ppps_public:cek")
WITNESS = {
    "peran": Pihak.Peran.SAKSI,
    "nama": "Sulastri Wahyuningsih",
    "nik": "3201010101800001",
    "telepon": "+62 812-3456-7890",
    "email": "sulastri.w@example.test",
    "alamat": "Jl. Kenanga Raya No. 17, RT 02/RW 05, Kel. Sukamaju",
}


def stage(code):
    return Tahapan.objects.get(regime="pemilihan", jenis="laporan", code=code)


@pytest.fixture
def perkara(make_perkara, petugas):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})
    services.save_pihak(perkara, Pihak(**WITNESS), user=petugas)
    perkara = services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))
    return perkara


def events(perkara):
    return list(
        RiwayatPerkara.objects.filter(perkara=perkara).values_list("kind", "catatan", "is_public")
    )


def cek(client, perkara):
    return client.get(CEK, {"nomor": perkara.nomor_register}).content.decode()


# --- (a) private unless chosen ----------------------------------------------------------


def test_every_note_form_leaves_the_public_box_unticked(perkara):
    forms = [
        (MoveStageForm(perkara=perkara, prefix="pindah"), "tulis_sendiri"),
        (NoteForm(prefix="catatan"), "is_public"),
        (ExtendForm(prefix="perpanjang"), "is_public"),
    ]
    labels = {
        "tulis_sendiri": "Tulis teks publik sendiri",
        "is_public": "Tampilkan di halaman publik",
    }
    for form, box in forms:
        html = str(form[box])
        assert 'type="checkbox"' in html
        assert "checked" not in html, type(form).__name__
        assert form[box].label == labels[box]
    # The move's public reason starts empty: no public words unless one is chosen.
    assert 'value="" selected' in str(forms[0][0]["alasan"])
    # An unticked box is not sent by the browser: the submitted note is private.
    move = MoveStageForm(
        {"pindah-tahapan": stage("kajian").pk, "pindah-tanggal": "2024-10-09"},
        perkara=perkara,
        prefix="pindah",
    )
    assert move.is_valid(), move.errors
    assert move.cleaned_data["tulis_sendiri"] is False and move.cleaned_data["alasan"] is None
    note = NoteForm(
        {"catatan-kind": "catatan", "catatan-tanggal": "2024-10-09", "catatan-catatan": "x"},
        prefix="catatan",
    )
    assert note.is_valid(), note.errors
    assert note.cleaned_data["is_public"] is False


def test_the_staff_page_renders_the_public_box_unticked(client, perkara, petugas):
    client.force_login(petugas)
    body = client.get(perkara.get_absolute_url()).content.decode()
    assert 'name="pindah-tulis_sendiri"' in body and 'name="catatan-is_public"' in body
    for name in ("pindah-tulis_sendiri", "catatan-is_public"):
        tag = body[body.rindex("<input", 0, body.index(f'name="{name}"')) :]
        tag = tag[: tag.index(">")]
        assert "checked" not in tag, name


def test_services_keep_notes_private_unless_told(client, perkara, petugas):
    moved = services.move_to_stage(
        perkara, stage("kajian"), user=petugas, tanggal=datetime.date(2024, 10, 9), catatan="M1"
    )
    services.add_note(moved, user=petugas, kind="catatan", catatan="N1")
    services.extend_deadline(moved, user=petugas, catatan="E1")
    private = {c: p for _, c, p in events(perkara) if c in {"M1", "N1", "E1"}}
    assert private == {"M1": False, "N1": False, "E1": False}
    body = cek(client, perkara)
    assert "Kajian dan putusan pleno" in body  # the stage itself is public
    assert "M1" not in body and "N1" not in body and "E1" not in body


def test_a_note_made_public_on_purpose_shows(client, perkara, petugas):
    services.move_to_stage(
        perkara,
        stage("kajian"),
        user=petugas,
        tanggal=datetime.date(2024, 10, 9),
        teks_publik="Menunggu kelengkapan dokumen",
    )
    assert "Menunggu kelengkapan dokumen" in cek(client, perkara)


# --- (b) a public note may not name a party ----------------------------------------------


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Saksi SULASTRI   wahyuningsih hadir memberi keterangan", "nama"),
        ("Keterangan dari sulastri-Wahyuningsih diterima", "nama"),
        ("Dihadiri Rahmat HIDAYAT (pelapor)", "nama"),
        ("NIK 3201 0101.0180-0001 tercatat", "NIK"),
        ("Hubungi 0812 3456 7890", "nomor telepon"),
        ("Surel Sulastri.W @ example.test", "alamat surel"),
        ("Pertemuan di jalan Kenanga raya nomor 17", "alamat"),
    ],
)
def test_a_public_note_with_party_data_is_refused(perkara, petugas, note, kind):
    before = events(perkara)
    tahapan_before = perkara.tahapan_id
    with pytest.raises(ValidationError) as info:
        services.move_to_stage(
            perkara,
            stage("kajian"),
            user=petugas,
            tanggal=datetime.date(2024, 10, 9),
            teks_publik=note,
        )
    message = " ".join(info.value.messages)
    assert kind in message and "halaman publik" in message
    for value in ("Sulastri", "3201", "0812", "Kenanga", "Rahmat"):
        assert value not in message  # the error never echoes the data
    perkara.refresh_from_db()
    assert perkara.tahapan_id == tahapan_before and events(perkara) == before
    with pytest.raises(ValidationError):
        services.add_note(perkara, user=petugas, kind="catatan", catatan=note, is_public=True)
    assert events(perkara) == before


def test_a_refused_extension_changes_nothing(perkara, petugas):
    perkara = services.move_to_stage(
        perkara, stage("kajian"), user=petugas, tanggal=datetime.date(2024, 10, 9)
    )
    before, deadline = events(perkara), perkara.batas_waktu
    with pytest.raises(ValidationError):
        services.extend_deadline(
            perkara, user=petugas, catatan="Menunggu sulastri wahyuningsih", is_public=True
        )
    perkara.refresh_from_db()
    assert events(perkara) == before and perkara.batas_waktu == deadline
    assert not perkara.tahap_diperpanjang


def test_the_same_words_may_stay_private(perkara, petugas):
    event = services.add_note(
        perkara, user=petugas, kind="catatan", catatan="Saksi Sulastri Wahyuningsih hadir"
    )
    assert event.is_public is False


def test_the_move_form_shows_the_refusal_in_indonesian(client, perkara, petugas):
    client.force_login(petugas)
    before = events(perkara)
    response = client.post(
        reverse("ppps:perkara_move", args=[perkara.pk]),
        {
            "pindah-tahapan": stage("kajian").pk,
            "pindah-tanggal": "2024-10-09",
            "pindah-catatan": "Pemeriksaan saksi dijadwalkan",
            "pindah-tulis_sendiri": "on",
            "pindah-teks_publik": "Saksi sulastri WAHYUNINGSIH, NIK 3201.0101.0180.0001",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak boleh memuat data pihak perkara" in body and "nama, NIK" in body
    # Nothing the officer typed is lost: the form comes back filled in, the box still ticked.
    form = response.context["move_form"]
    assert form["catatan"].value() == "Pemeriksaan saksi dijadwalkan"
    assert form["teks_publik"].value().startswith("Saksi sulastri WAHYUNINGSIH")
    assert form["tulis_sendiri"].value() is True
    perkara.refresh_from_db()
    assert perkara.tahapan.code == "registrasi" and events(perkara) == before


def test_the_note_form_shows_the_refusal(client, perkara, petugas):
    client.force_login(petugas)
    before = events(perkara)
    response = client.post(
        reverse("ppps:perkara_note", args=[perkara.pk]),
        {
            "catatan-kind": "catatan",
            "catatan-tanggal": "2024-10-09",
            "catatan-catatan": "Telepon saksi +6281234567890",
            "catatan-is_public": "on",
        },
        follow=True,
    )
    assert "nomor telepon" in response.content.decode()
    assert events(perkara) == before


# --- (c) a non-public stage never shows ----------------------------------------------------


def test_a_non_public_stage_name_note_and_deadline_never_reach_cek(client, perkara, petugas):
    klarifikasi = stage("klarifikasi")
    assert not klarifikasi.is_public
    perkara = services.move_to_stage(
        perkara,
        klarifikasi,
        user=petugas,
        tanggal=datetime.date(2024, 10, 9),
        catatan="Pemanggilan Xqrahasia",
        is_public=True,  # asked for, but the stage is not public
    )
    services.add_note(perkara, user=petugas, kind="catatan", catatan="Xqcatatan", is_public=True)
    # Even a public row written on that stage (e.g. through the admin) loses its words.
    RiwayatPerkara.objects.create(
        perkara=perkara,
        office_id=perkara.office_id,
        kind="catatan",
        tahapan=klarifikasi,
        catatan="Xqlangsung",
        is_public=True,
    )
    RiwayatPerkara.objects.create(
        perkara=perkara,
        office_id=perkara.office_id,
        kind="tahap",
        tahapan=klarifikasi,
        catatan="Xqpindah",
        is_public=True,
    )
    perkara.refresh_from_db()
    assert perkara.batas_waktu is not None
    body = cek(client, perkara)
    from ppps.public import tanggal_id

    assert "Klarifikasi" not in body and "Gakkumdu" not in body
    assert tanggal_id(perkara.batas_waktu) not in body
    for word in ("Xqrahasia", "Xqcatatan", "Xqlangsung", "Xqpindah"):
        assert word not in body
    assert "Dalam penanganan" in body


def _plain(value, path="context"):
    """Fail on anything but plain values: a model instance or queryset could be followed to
    the parties (``surat.perkara.pihak``)."""
    assert not isinstance(value, models.Model | models.QuerySet), path
    if isinstance(value, dict):
        for key, item in value.items():
            _plain(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _plain(item, f"{path}[{i}]")
    else:
        assert isinstance(value, str | int | bool | datetime.date | type(None)), path


def test_the_pin_page_gets_plain_values_only(client, perkara, petugas):
    services.add_note(
        perkara, user=petugas, kind="surat", catatan="Undangan klarifikasi", untuk_pelapor=True
    )
    pin = services.reset_pin(perkara, user=petugas)
    response = client.post(
        reverse("ppps_public:pelapor"), {"nomor": perkara.nomor_register, "pin": pin}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Undangan klarifikasi" in body
    for key in ("facts", "surat", "dokumen"):
        _plain(response.context[key], key)
    assert response.context["surat"]
    for value in ("Sulastri", "3201010101800001", "Kenanga", "Hidayat"):
        assert value not in body


# --- property: no generated party value survives into a public note ---------------------

letters = st.text(alphabet=string.ascii_letters, min_size=3, max_size=10)
name = st.lists(letters, min_size=1, max_size=3).map(" ".join)
nik = st.text(alphabet=string.digits, min_size=16, max_size=16)
filler = st.text(alphabet=string.ascii_lowercase + " ,.", max_size=20)
separators = st.sampled_from([" ", "  ", ".", "-", " . ", "\n", ""])


def _respell(value, data, *, digits):
    """The value as an officer might type it: other case, other spacing or separators."""
    if digits:
        chunks, rest = [], value
        while rest:
            size = data.draw(st.integers(1, 6))
            chunks.append(rest[:size])
            rest = rest[size:]
        return "".join(c + data.draw(separators) for c in chunks).strip(" .-\n")
    words = value.split()
    cased = [data.draw(st.sampled_from([w.upper(), w.lower(), w.title(), w])) for w in words]
    return data.draw(st.sampled_from(["  ", " ", " - ", "\n", ", "])).join(cased)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    nama=name,
    nomor=nik,
    which=st.sampled_from(["nama", "nik"]),
    before=filler,
    after=filler,
    data=st.data(),
)
def test_a_public_note_containing_a_generated_party_value_is_refused(
    make_perkara, petugas, nama, nomor, which, before, after, data
):
    perkara = make_perkara()
    services.save_pihak(perkara, Pihak(peran=Pihak.Peran.SAKSI, nama=nama, nik=nomor), user=petugas)
    value = _respell(nama if which == "nama" else nomor, data, digits=which == "nik")
    note = f"{before} {value} {after}"
    count = RiwayatPerkara.objects.filter(perkara=perkara).count()
    with pytest.raises(ValidationError) as info:
        services.add_note(perkara, user=petugas, kind="catatan", catatan=note, is_public=True)
    assert ("nama" if which == "nama" else "NIK") in info.value.messages[0]
    assert RiwayatPerkara.objects.filter(perkara=perkara).count() == count


@given(nama=name, nomor=nik, data=st.data())
@settings(max_examples=300, deadline=None)
def test_the_check_finds_any_respelled_name_or_nik(nama, nomor, data):
    party = {"nama": nama, "nik": nomor}
    spelled_name = _respell(nama, data, digits=False)
    spelled_nik = _respell(nomor, data, digits=True)
    assert "nama" in privacy.party_data_in(f"oleh {spelled_name}.", [party])
    assert "nik" in privacy.party_data_in(f"NIK: {spelled_nik}", [party])


def test_ordinary_words_are_not_mistaken_for_a_party():
    party = {
        "nama": WITNESS["nama"],
        "nik": WITNESS["nik"],
        "telepon": WITNESS["telepon"],
        "email": WITNESS["email"],
        "alamat": WITNESS["alamat"],
    }
    note = "Diteruskan ke Sentra Gakkumdu pada 9 Oktober 2024 di Kelurahan Sukamaju, RT 02."
    assert privacy.party_data_in(note, [party]) == []
    assert privacy.party_data_in("Menunggu kelengkapan", [party]) == []
