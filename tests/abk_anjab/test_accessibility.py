"""The module's pages pass the project's static accessibility audit (language, landmarks, one
h1, a label on every field)."""

import pytest
from django.urls import reverse

from tests.sisp.test_accessibility import audit_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["index", "jabatan", "jabatan_edit", "jabatan_add", "anjab", "anjab_edit", "rekap"],
)
def test_abk_pages_have_language_landmarks_labels_and_one_heading(client, anjab, korsek, name):
    anjab.risiko_bahaya.create(risiko="Tersengat listrik")
    client.force_login(korsek)
    args = {
        "jabatan": [anjab.jabatan_id],
        "jabatan_edit": [anjab.jabatan_id],
        "anjab": [anjab.pk],
        "anjab_edit": [anjab.pk],
    }.get(name, [])
    response = client.get(reverse(f"abk_anjab:{name}", args=args), {"tahun": anjab.tahun})
    assert response.status_code == 200
    audit_page(response.content.decode())


def test_the_form_with_errors_still_passes_the_audit(client, anjab, staf_adm):
    from .helpers import form_data

    client.force_login(staf_adm)
    response = client.post(
        reverse("abk_anjab:anjab_edit", args=[anjab.pk]), form_data(anjab, bezetting="x")
    )
    assert response.status_code == 400
    audit_page(response.content.decode())
