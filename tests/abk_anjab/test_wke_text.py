"""The text beside the WKE field states the number the module uses (issue 15: it was written
as a literal twice, in the model and the form)."""

from abk_anjab import conf
from abk_anjab.formatting import angka
from abk_anjab.forms import AnjabForm
from abk_anjab.models import Anjab


def test_model_and_form_say_the_regulations_wke_in_hours_and_minutes():
    hours, minutes = angka(conf.DEFAULT_WKE_HOURS), angka(conf.DEFAULT_WKE_HOURS * 60)
    assert (hours, minutes) == ("1.250", "75.000")
    expected = f"Permenpan RB 1/2020: {hours} jam ({minutes} menit) per tahun."
    assert Anjab._meta.get_field("wke_jam").help_text == expected
    assert AnjabForm.base_fields["wke_jam"].help_text == expected
