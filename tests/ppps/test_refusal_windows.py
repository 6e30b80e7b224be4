"""The refusal (429) pages of the citizen's door state the real window of their setting, in
words and in Retry-After, whichever way the request was answered: the /cek/ fast path (a page
already cached), the /cek/ view, the complaint status lookup and the complaint form."""

import pytest
from django.urls import reverse

from ppps import services

pytestmark = pytest.mark.django_db
CEK = reverse("ppps_public:cek")


@pytest.mark.parametrize(("window", "words"), [(3600, "1 jam"), (600, "10 menit"), (90, "2 menit")])
def test_the_lookup_refusal_names_the_configured_window(
    client, make_perkara, petugas, settings, window, words
):
    settings.PPPS_LOOKUP_LIMIT, settings.PPPS_LOOKUP_WINDOW = 3, window
    perkara = services.register_perkara(make_perkara(), user=petugas)
    nomor = perkara.nomor_register
    assert client.get(CEK, {"nomor": nomor}).status_code == 200  # rendered and cached
    assert client.get(CEK, {"nomor": nomor}).status_code == 200  # the cached page
    assert client.get(CEK, {"nomor": "999/x"}).status_code == 200
    for refused in (
        client.get(CEK, {"nomor": nomor}),  # would be a cache hit: refused in the middleware
        client.get(CEK, {"nomor": "999/x"}),  # refused in the view
        client.post(reverse("ppps_public:aduan_status"), {"kode_tiket": "ADU-X", "pin": "X"}),
    ):
        assert refused.status_code == 429
        assert refused["Retry-After"] == str(window)
        body = refused.content.decode()
        assert f"silakan coba lagi dalam {words}." in body
        assert nomor not in body
        others = {"1 jam", "10 menit", "2 menit"} - {words}
        assert not any(f"dalam {other}" in body for other in others)


@pytest.mark.parametrize(("window", "words"), [(3600, "1 jam"), (1800, "30 menit")])
def test_the_complaint_refusal_names_the_configured_window(client, office, settings, window, words):
    settings.PPPS_ADUAN_LIMIT, settings.PPPS_ADUAN_WINDOW = 1, window
    data = {"kantor": office.pk, "uraian": "Ada politik uang di balai RW 03.", "situs": ""}
    assert client.post(reverse("ppps_public:aduan"), data).status_code == 200
    refused = client.post(reverse("ppps_public:aduan"), data)
    assert refused.status_code == 429 and refused["Retry-After"] == str(window)
    assert f"1 aduan dalam {words} terakhir" in refused.content.decode()
