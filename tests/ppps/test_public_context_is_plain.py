"""Issue 11, part 1: no public template can reach a party, because every value a public view
hands its template is a plain value (str, number, date, None, or a list/dict of those) chosen
field by field. A model instance, queryset, manager or any other object (a namespace, a lazy
object around a model) in the context of /cek/, the reporter's PIN page, /statistik/ or an
error page fails here: through it a template could follow ``perkara.pihak``."""

import datetime
import decimal
import types

import pytest
from django import forms
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from ppps import services
from ppps.models import AlasanPublik, Pihak, Tahapan
from tests.conftest import SispClient

pytestmark = pytest.mark.django_db

PLAIN = (str, int, float, bool, type(None), datetime.date, datetime.time, decimal.Decimal)
# Put on every page by Django and SISP for the page frame, never built from a case.
FRAMEWORK = {
    "request",
    "user",
    "perms",
    "messages",
    "DEFAULT_MESSAGE_LEVELS",
    "csrf_token",
    "view",
    "block",
    "current_office",  # the signed-in user's office; None for the public (asserted below)
}
PUBLIC_FORMS = "ppps.forms_public"


def assert_plain(value, where):
    """Fail unless ``value`` is plain all the way down."""
    if isinstance(value, SimpleLazyObject):
        value = value.__reduce__()[1][0]  # the wrapped value, evaluated
    if isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str | int), f"{where}: key {key!r}"
            assert_plain(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            assert_plain(item, f"{where}[{i}]")
    elif isinstance(value, forms.Form):
        # A public form (the lookup, the PIN form) carries only what the visitor typed.
        assert type(value).__module__ == PUBLIC_FORMS, f"{where}: {type(value)}"
        assert_plain(dict(value.data.lists()) if value.is_bound else {}, f"{where}.data")
        assert_plain(getattr(value, "cleaned_data", {}), f"{where}.cleaned_data")
    elif isinstance(value, forms.BoundField):  # a loop variable of the form partial
        assert_plain(value.form, f"{where}.form")
        assert_plain(value.value(), f"{where}.value")
    else:
        assert isinstance(value, PLAIN), f"{where}: {type(value).__name__} is not a plain value"


def assert_plain_context(response, where):
    assert response.context is not None, f"{where}: rendered without a template context"
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        flat = context.flatten()
        assert flat.get("current_office") is None, where  # the public is signed in nowhere
        for key, value in flat.items():
            if key not in FRAMEWORK:
                assert_plain(value, f"{where}:{key}")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda p: p, id="model"),
        pytest.param(lambda p: Pihak.objects.filter(perkara=p), id="queryset"),
        pytest.param(lambda p: p.pihak, id="manager"),
        pytest.param(lambda p: [{"kasus": {"x": p}}], id="nested"),
        pytest.param(lambda p: types.SimpleNamespace(perkara=p), id="namespace"),
        pytest.param(lambda p: SimpleLazyObject(lambda: p), id="lazy-model"),
    ],
)
def test_the_check_fails_on_anything_a_template_could_follow(make_perkara, value):
    perkara = make_perkara()
    with pytest.raises(AssertionError):
        assert_plain(value(perkara), "context")


@pytest.fixture
def case(make_perkara, petugas, office):
    perkara = make_perkara(pelapor={"nama": "Rahmat Hidayat", "email": "rahmat@example.test"})
    services.save_pihak(
        perkara,
        Pihak(peran=Pihak.Peran.SAKSI, nama="Sulastri Wahyuningsih", nik="3201010101800001"),
        user=petugas,
    )
    services.save_pihak(
        perkara, Pihak(peran=Pihak.Peran.TERLAPOR, nama="Bambang Hartono"), user=petugas
    )
    perkara = services.register_perkara(perkara, user=petugas, tanggal=datetime.date(2024, 10, 8))
    reason = AlasanPublik.objects.create(office=office, text="Menunggu kelengkapan berkas.")
    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    perkara = services.move_to_stage(
        perkara,
        kajian,
        user=petugas,
        tanggal=datetime.date(2024, 10, 9),
        alasan=reason,
        catatan="Saksi Sulastri dipanggil",
    )
    services.add_note(
        perkara, user=petugas, kind="surat", catatan="Undangan klarifikasi", untuk_pelapor=True
    )
    pin = services.reset_pin(perkara, user=petugas)
    return perkara, pin


def test_every_public_view_hands_its_template_plain_values(case, office, other_office):
    perkara, pin = case
    cek, pelapor = reverse("ppps_public:cek"), reverse("ppps_public:pelapor")
    statistik = reverse("ppps_public:statistik")
    client = SispClient()
    responses = {
        "cek": client.get(cek, {"nomor": perkara.nomor_register}),
        "cek-empty": client.get(cek),
        "cek-not-found": client.get(cek, {"nomor": "999/Reg/LP/PW/Kota/X/2024"}),
        "cek-invalid": client.get(cek, {"nomor": "1" * 200}),
        "pin-form": client.get(pelapor),
        "pin-wrong": client.post(pelapor, {"nomor": perkara.nomor_register, "pin": "SALAH123"}),
        "pin": client.post(pelapor, {"nomor": perkara.nomor_register, "pin": pin}),
        "statistik": client.get(statistik),
        "statistik-office": client.get(statistik, {"kantor": office.slug}),
        "404-surat": client.get(reverse("ppps_public:surat_download", args=[987654])),
        "404-path": client.get("/cek/tidak-ada/"),
    }
    expected = {"404-surat": 404, "404-path": 404, "cek-invalid": 400, "pin-wrong": 400}
    for where, response in responses.items():
        assert response.status_code in {expected.get(where, 200), 200}, where
        assert_plain_context(response, where)
    # The pages did show the case: the check ran over real content, not empty pages.
    assert responses["cek"].context["results"][0]["nomor_register"] == perkara.nomor_register
    assert responses["pin"].context["surat"]
    assert "Sulastri" not in responses["cek"].content.decode()


def test_the_lookup_refusal_page_is_plain_too(case, settings):
    settings.PPPS_LOOKUP_LIMIT = 1
    client = SispClient()
    cek = reverse("ppps_public:cek")
    client.get(cek, {"nomor": "999/Reg/LP/PW/Kota/X/2024"})
    response = client.get(cek, {"nomor": case[0].nomor_register})
    assert response.status_code == 429
    assert_plain_context(response, "429")
