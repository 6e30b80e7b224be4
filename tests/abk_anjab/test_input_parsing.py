"""Odd input to the ABK pages is read by form fields: a form error, 400 or 404, never a 500."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.abk_anjab.helpers import form_data
from tests.factories import UnitFactory
from tests.refusals import not_found

ODD = [
    "1e5000",
    "999999999999",
    "1e-30",
    "-1",
    "nan",
    "inf",
    "²",
    "1" * 5000,
    "1\x00",
    "",
]
ODD_VALUES = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _stored(anjab):
    anjab.refresh_from_db()
    tasks = list(anjab.tugas_pokok.values_list("volume", "waktu"))
    return (anjab.bezetting, anjab.wke_jam, anjab.jumlah_ditetapkan, anjab.status, tasks)


@pytest.mark.parametrize("field", ["bezetting", "wke_jam", "jumlah_ditetapkan"])
@pytest.mark.parametrize("value", ["1e5000", "999999999999", "1e-30"])
def test_an_absurd_figure_is_refused_at_the_field_and_changes_nothing(
    client, anjab, staf_adm, field, value
):
    before = _stored(anjab)
    client.force_login(staf_adm)
    response = client.post(
        reverse("abk_anjab:anjab_edit", args=[anjab.pk]), form_data(anjab, **{field: value})
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "Belum tersimpan" in response.text
    assert _stored(anjab) == before


@pytest.mark.parametrize("field", ["volume", "waktu"])
def test_an_absurd_task_number_is_refused_and_changes_nothing(client, anjab, staf_adm, field):
    before = _stored(anjab)
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"volume": "1", "waktu": "1", field: "1e5000"}])
    response = client.post(reverse("abk_anjab:anjab_edit", args=[anjab.pk]), data)
    assert response.status_code == 400
    assert "Angka terlalu" in response.text
    assert _stored(anjab) == before


def test_the_live_preview_keeps_the_stored_figures_for_absurd_ones(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, bezetting="1e5000", wke_jam="1e-30", jumlah_ditetapkan="999999999999")
    data["tugas_pokok-TOTAL_FORMS"] = "3"
    data.update({"tugas_pokok-2-uraian": "Baru", "tugas_pokok-2-volume": "1e5000"})
    data["tugas_pokok-2-waktu"] = "5"
    response = client.post(reverse("abk_anjab:anjab_preview", args=[anjab.pk]), data)
    assert response.status_code == 200
    # The stored 1,250 hours and bezetting 1 are used: the two stored rows make 0.4933.
    assert "0,4933" in response.text
    assert "belum dihitung" in response.text  # the 1e5000 row
    anjab.refresh_from_db()
    assert anjab.kebutuhan_mentah == Decimal("0.4933")


@pytest.mark.parametrize("name", ["index", "rekap", "rekap_pdf", "rekap_xlsx"])
def test_a_superscript_digit_as_unit_or_year_is_not_found_not_a_crash(client, korsek, name):
    client.force_login(korsek)
    response = client.get(reverse(f"abk_anjab:{name}"), {"unit": "²", "tahun": "²"})
    assert response.status_code == (200 if name == "index" else 404)


def test_a_unit_of_another_office_is_not_found(client, korsek, stranger, other_office):
    theirs = UnitFactory(office=other_office)
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap"), {"unit": str(theirs.pk)})
    assert theirs.name not in not_found(response)


def test_a_year_out_of_range_shows_this_year(client, korsek, jabatan, make_anjab):
    make_anjab(jabatan, tahun=2026)
    client.force_login(korsek)
    response = client.get(reverse("abk_anjab:rekap"), {"tahun": "999999999999"})
    assert response.status_code == 200
    assert response.context["tahun"] == timezone.localdate().year


@HYPOTHESIS
@given(
    field=st.sampled_from(
        ["bezetting", "wke_jam", "jumlah_ditetapkan", "pembulatan", "tugas_pokok-0-volume"]
    ),
    value=ODD_VALUES,
)
def test_property_odd_anjab_input_never_answers_500_and_a_refusal_changes_nothing(
    client, anjab, staf_adm, staf_hukum, field, value
):
    before = _stored(anjab)
    data = form_data(anjab)
    data[field] = value
    for user in (staf_adm, staf_hukum):
        client.force_login(user)
        for name in ("anjab_preview", "anjab_edit"):
            response = client.post(reverse(f"abk_anjab:{name}", args=[anjab.pk]), data)
            assert response.status_code < 500
            if response.status_code == 302:
                before = _stored(anjab)  # a valid value was saved
            assert _stored(anjab) == before


@HYPOTHESIS
@given(unit=ODD_VALUES, tahun=ODD_VALUES)
def test_property_odd_recap_filters_never_answer_500(client, korsek, staf_adm, unit, tahun):
    for user in (korsek, staf_adm):
        client.force_login(user)
        for name in ("index", "rekap", "rekap_xlsx"):
            response = client.get(reverse(f"abk_anjab:{name}"), {"unit": unit, "tahun": tahun})
            assert response.status_code in (200, 404)


@pytest.mark.parametrize("total", ["²", "1e5000", "9" * 30, "-1", ""])
def test_an_odd_row_count_adds_or_previews_without_a_500(client, anjab, staf_adm, total):
    client.force_login(staf_adm)
    data = form_data(anjab)
    data["tugas_pokok-TOTAL_FORMS"] = total
    response = client.post(reverse("abk_anjab:anjab_preview", args=[anjab.pk]), data)
    assert response.status_code == 200
    response = client.post(
        reverse("abk_anjab:anjab_edit", args=[anjab.pk]), {**data, "tambah": "tugas_pokok"}
    )
    assert response.status_code == 200
    assert _stored(anjab)[4] == [
        (Decimal("1200.00"), Decimal("10.00")),
        (Decimal("20.00"), Decimal("5.00")),
    ]
