"""A NIK is 16 digits 0-9, one rule for the reporter of a new case and every party: a
superscript "²" is a digit to ``str.isdigit`` but no digit of a NIK (issue 15)."""

import pytest
from django.core.exceptions import ValidationError

from ppps.forms import PerkaraForm, PihakForm, validate_nik

GOOD = "3273010101900001"
ODD = ["²" * 16, "327301010190000", "32730101019000012", "3273 0101 0190 0001"]


@pytest.mark.parametrize("value", [*ODD, GOOD + "\n"])
def test_the_rule_refuses_what_is_not_sixteen_plain_digits(value):
    with pytest.raises(ValidationError) as error:
        validate_nik(value)
    assert error.value.messages == ["NIK terdiri atas 16 angka."]


@pytest.mark.parametrize("value", ODD)
def test_the_reporter_of_a_new_case_is_held_to_it(value):
    field = PerkaraForm.base_fields["pelapor_nik"]
    with pytest.raises(ValidationError):
        field.clean(value)
    assert field.clean(GOOD) == GOOD and field.clean("") == ""


@pytest.mark.parametrize("value", ODD[:2])  # longer ones meet the column width first
def test_a_party_is_held_to_it(value):
    form = PihakForm({"peran": "pelapor", "nama": "Pelapor Uji", "nik": value})
    assert not form.is_valid() and form.errors["nik"] == ["NIK terdiri atas 16 angka."]
    form = PihakForm({"peran": "pelapor", "nama": "Pelapor Uji", "nik": GOOD})
    assert form.is_valid(), form.errors
