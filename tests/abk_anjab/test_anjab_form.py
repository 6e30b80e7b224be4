"""The Anjab form: saving with formsets, server figures, Indonesian errors, add row, preview."""

from decimal import Decimal

import pytest
from django.urls import reverse

from abk_anjab.forms import parse_number
from abk_anjab.models import Anjab, KodeSyarat, TugasPokok
from sisp.models import AuditEvent
from tests.refusals import nothing_changes, refused

from .helpers import form_data

pytestmark = pytest.mark.django_db


def edit_url(anjab):
    return reverse("abk_anjab:anjab_edit", args=[anjab.pk])


def test_saving_adds_a_task_and_stores_the_servers_figures(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"volume": "48", "waktu": "5", "satuan_waktu": "jam"}])
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 302
    anjab.refresh_from_db()
    assert anjab.tugas_pokok.count() == 3
    # 0.1600 + 0.3333 + 0.1920
    assert anjab.kebutuhan_mentah == Decimal("0.6853")
    assert anjab.kebutuhan == 1
    assert anjab.ikhtisar == "Mengelola persuratan kantor."
    assert AuditEvent.objects.filter(action="abk_anjab.save", object_id=str(anjab.pk)).exists()


def test_figures_posted_by_the_browser_are_ignored(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, kebutuhan_mentah="42", kebutuhan="42")
    data["tugas_pokok-0-kebutuhan"] = "9.9999"
    client.post(edit_url(anjab), data)
    anjab.refresh_from_db()
    assert anjab.kebutuhan_mentah == Decimal("0.4933")
    assert anjab.tugas_pokok.first().kebutuhan == Decimal("0.1600")


def test_deleting_a_task_row_recomputes_the_total(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab)
    data["tugas_pokok-1-DELETE"] = "on"
    assert client.post(edit_url(anjab), data).status_code == 302
    anjab.refresh_from_db()
    assert anjab.tugas_pokok.count() == 1
    assert anjab.kebutuhan_mentah == Decimal("0.1600")


def test_indonesian_decimal_comma_is_accepted(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"volume": "2,5", "waktu": "30.000"}])
    # "30.000" is thirty thousand in Indonesian notation.
    assert client.post(edit_url(anjab), data).status_code == 302
    row = anjab.tugas_pokok.get(volume=Decimal("2.5"))
    assert row.waktu == Decimal("30000")
    assert row.kebutuhan == Decimal("1.0000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", "2.5"),
        ("2.5", "2.5"),
        ("1.250", "1250"),
        ("1.250,75", "1250.75"),
        ("0.125", "0.125"),
        (" 12 ", "12"),
        ("abc", None),
        ("", None),
        ("1,2,3", None),
    ],
)
def test_numbers_are_read_the_indonesian_way(text, expected):
    result = parse_number(text)
    assert result == (Decimal(expected) if expected else None)


def test_bad_input_gets_indonesian_messages_at_the_field_and_keeps_what_was_typed(
    client, anjab, staf_adm
):
    client.force_login(staf_adm)
    data = form_data(
        anjab,
        tasks=[{"uraian": "Menyusun laporan unik", "volume": "banyak", "waktu": "-3"}],
        bezetting="dua",
    )
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Masukkan angka, mis. 12 atau 2,5." in page
    assert "Tidak boleh negatif." in page
    assert "Bezetting berupa bilangan bulat" in page
    assert "Belum tersimpan" in page
    # What was typed is still there.
    assert "Menyusun laporan unik" in page
    assert 'value="banyak"' in page
    anjab.refresh_from_db()
    assert anjab.tugas_pokok.count() == 2


def test_a_task_row_without_its_output_is_refused_with_a_message(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"hasil_kerja": "", "volume": "1", "waktu": "1"}])
    with nothing_changes(anjab, TugasPokok):
        response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    assert "Isi hasil kerja." in response.content.decode()


def test_fixed_leadership_post_needs_a_recorded_basis(client, anjab, staf_adm):
    client.force_login(staf_adm)
    response = client.post(edit_url(anjab), form_data(anjab, kebutuhan_ditetapkan="on"))
    assert response.status_code == 400
    assert "Tuliskan dasar penetapan" in response.content.decode()
    data = form_data(anjab, kebutuhan_ditetapkan="on", dasar_penetapan="Perbawaslu 1/2021")
    assert client.post(edit_url(anjab), data).status_code == 302
    anjab.refresh_from_db()
    assert (anjab.kebutuhan, anjab.dasar_penetapan) == (1, "Perbawaslu 1/2021")


def test_add_row_button_shows_one_more_row_without_saving(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"uraian": "Tugas yang belum disimpan", "volume": "x"}])
    data["tambah"] = "tugas_pokok"
    response = client.post(edit_url(anjab), data)
    assert response.status_code == 200
    formset = response.context["formsets"]["tugas_pokok"]
    assert formset.total_form_count() == 4
    page = response.content.decode()
    assert "Tugas yang belum disimpan" in page
    assert "Belum tersimpan" not in page
    assert not formset.forms[3].errors  # the new row starts clean
    assert anjab.tugas_pokok.count() == 2


def test_add_row_works_for_the_other_sections_too(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab)
    data["tambah"] = "risiko_bahaya"
    response = client.post(edit_url(anjab), data)
    assert response.context["formsets"]["risiko_bahaya"].total_form_count() == 1
    assert 'name="risiko_bahaya-0-risiko"' in response.content.decode()


def test_other_sections_and_code_lists_are_saved(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab)
    data.update(
        {
            "korelasi-TOTAL_FORMS": "1",
            "korelasi-0-jabatan": "Kepala Subbagian Administrasi",
            "korelasi-0-unit_instansi": "Bawaslu Kota",
            "korelasi-0-hal": "Laporan persuratan",
            "bakat": [str(KodeSyarat.objects.get(jenis="bakat", kode="Q").pk)],
            "fungsi_pekerjaan": [str(KodeSyarat.objects.get(kode="D5").pk)],
        }
    )
    assert client.post(edit_url(anjab), data).status_code == 302
    assert anjab.korelasi.get().hal == "Laporan persuratan"
    assert [c.kode for c in anjab.bakat.all()] == ["Q"]
    assert [c.kode for c in anjab.fungsi_pekerjaan.all()] == ["D5"]


def test_a_code_of_the_wrong_list_is_refused(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, bakat=[str(KodeSyarat.objects.get(kode="D5").pk)])
    with nothing_changes(anjab):
        response = client.post(edit_url(anjab), data)
    assert response.status_code == 400
    assert response.context["form"].errors["bakat"]
    assert not anjab.bakat.exists()


def test_save_and_submit_saves_then_asks_for_confirmation(client, anjab, staf_adm):
    client.force_login(staf_adm)
    response = client.post(edit_url(anjab), {**form_data(anjab), "ajukan": "1"})
    assert response.status_code == 302
    assert response.url == reverse("abk_anjab:anjab_submit", args=[anjab.pk])
    anjab.refresh_from_db()
    assert anjab.ikhtisar == "Mengelola persuratan kantor."
    assert anjab.status == Anjab.Status.DRAF


def test_live_preview_computes_what_is_typed_without_saving(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(
        anjab,
        tasks=[{"volume": "48", "waktu": "5", "satuan_waktu": "jam"}, {"volume": "?"}],
        bezetting="0",
        pembulatan="up",
    )
    response = client.post(
        reverse("abk_anjab:anjab_preview", args=[anjab.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert "0,1920" in page  # the new row
    assert "0,6853" in page  # the total
    assert 'data-abk="headcount">1<' in page  # rounded up
    assert "-1 (kekurangan)" in page  # bezetting 0
    assert "belum dihitung" in page  # the incomplete row
    anjab.refresh_from_db()
    assert anjab.kebutuhan_mentah == Decimal("0.4933")
    assert anjab.tugas_pokok.count() == 2


def test_live_preview_is_for_those_who_may_edit(client, anjab, staf_hukum):
    client.force_login(staf_hukum)
    url = reverse("abk_anjab:anjab_preview", args=[anjab.pk])
    with nothing_changes(anjab):
        text = refused(client.post(url, form_data(anjab)))
    assert "Kebutuhan" not in text


def test_the_form_page_query_count_does_not_grow_with_the_number_of_tasks(
    client, make_anjab, jabatan, staf_adm, django_assert_max_num_queries
):
    client.force_login(staf_adm)
    small = make_anjab(jabatan, tahun=2024, tasks=[("1", "1", "menit", "tahun")])
    large = make_anjab(jabatan, tahun=2025, tasks=[("1", "1", "menit", "tahun")] * 80)
    counts = []
    for anjab in (small, large):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(edit_url(anjab)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(edit_url(large))


def test_a_new_row_ticked_for_removal_is_dropped_without_errors(client, anjab, staf_adm):
    client.force_login(staf_adm)
    data = form_data(anjab, tasks=[{"uraian": "Salah ketik", "volume": "x", "waktu": ""}])
    data["tugas_pokok-2-DELETE"] = "on"
    assert client.post(edit_url(anjab), data).status_code == 302
    assert anjab.tugas_pokok.count() == 2


def test_stored_numbers_are_shown_the_indonesian_way(client, make_anjab, jabatan, staf_adm):
    anjab = make_anjab(jabatan, tasks=[("2.5", "1200", "menit", "tahun")])
    client.force_login(staf_adm)
    page = client.get(edit_url(anjab)).content.decode()
    assert 'name="tugas_pokok-0-volume" value="2,5"' in page
    assert 'name="tugas_pokok-0-waktu" value="1200"' in page
    assert 'name="wke_jam" value="1250"' in page
