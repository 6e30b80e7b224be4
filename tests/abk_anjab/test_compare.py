""" "Bandingkan dengan tahun lalu": the figures that changed from the job's previous analysis,
old -> new, and only those."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from abk_anjab import compare
from tests.refusals import not_found

pytestmark = pytest.mark.django_db


def compare_url(anjab):
    return reverse("abk_anjab:anjab_compare", args=[anjab.pk])


@pytest.fixture
def previous(make_anjab, jabatan):
    # 2025: Tugas 1 was 1,000 letters (not 1,200); Tugas 2 the same; a Tugas 3 dropped since.
    return make_anjab(
        jabatan,
        tahun=2025,
        tasks=[
            ("1000", "10", "menit", "tahun"),
            ("20", "5", "menit", "hari"),
            ("6", "2", "jam", "tahun"),
        ],
    )


def rows(html):
    """(label, old, new) of every changed figure on the page, in page order."""
    found = re.findall(
        r'<tr data-change><th scope="row">(.*?)</th><td class="abk-num abk-old">(.*?)</td>'
        r'<td class="abk-num"><mark>(.*?)</mark></td></tr>',
        html,
    )
    return [tuple(r) for r in found]


def test_only_the_figures_that_changed_are_shown_old_to_new(client, anjab, previous, staf_adm):
    client.force_login(staf_adm)
    response = client.get(compare_url(anjab))
    assert response.status_code == 200
    html = response.content.decode()
    changed = rows(html)
    # The job: workload and need changed; bezetting, WKE, rounded need, difference did not.
    # 2025: 10,000 + 25,000 + 720 = 35,720 min; 2026: 12,000 + 25,000 = 37,000 min.
    assert ("Beban kerja (menit per tahun)", "35.720,00", "37.000,00") in changed
    assert ("Kebutuhan pegawai (belum dibulatkan)", "0,4762", "0,4933") in changed
    labels = [label for label, _old, _new in changed]
    assert "Pemangku saat ini (bezetting)" not in labels
    assert "Waktu kerja efektif (jam per tahun)" not in labels
    assert "Selisih (bezetting − kebutuhan)" not in labels
    # Tugas 1: its volume and need; its time stayed 10 minutes.
    assert ("Jumlah hasil (beban kerja)", "1.000 per tahun", "1.200 per tahun") in changed
    assert ("Kebutuhan pegawai", "0,1333", "0,1600") in changed
    assert ("Waktu penyelesaian (norma waktu)", "10 menit", "10 menit") not in changed
    # Tugas 2 is the same in both years: not listed at all. Tugas 3 is gone.
    assert "Tugas 2" not in html
    assert 'Tugas 3 <span class="abk-compare-state">(Tidak ada lagi tahun ini)</span>' in html
    assert ("Jumlah hasil (beban kerja)", "6 per tahun", "—") in changed


def test_a_changed_ej_shows_old_and_new_grade(client, anjab, previous, staf_adm):
    client.force_login(staf_adm)
    changed = rows(client.get(compare_url(anjab)).content.decode())
    ej = [c for c in changed if c[0].startswith("Efektivitas jabatan")]
    assert ej == [
        ("Efektivitas jabatan (EJ) dan prestasi (PJ)", "0,48 · E (Kurang)", "0,49 · E (Kurang)")
    ]


def test_no_change_says_so(client, make_anjab, jabatan, staf_adm):
    client.force_login(staf_adm)
    make_anjab(jabatan, tahun=2025, tasks=[("5", "1", "jam", "tahun")])
    current = make_anjab(jabatan, tahun=2026, tasks=[("5", "1", "jam", "tahun")])
    html = client.get(compare_url(current)).content.decode()
    assert "data-no-change" in html
    assert rows(html) == []


def test_without_a_previous_year_the_page_says_so(client, anjab, staf_adm):
    client.force_login(staf_adm)
    html = client.get(compare_url(anjab)).content.decode()
    assert "Belum ada analisis tahun sebelumnya untuk jabatan ini" in html
    assert rows(html) == []


def test_the_nearest_earlier_year_is_compared_and_the_gap_named(
    client, make_anjab, jabatan, staf_adm
):
    client.force_login(staf_adm)
    make_anjab(jabatan, tahun=2022, tasks=[("1", "1", "jam", "tahun")])
    make_anjab(jabatan, tahun=2024, tasks=[("2", "1", "jam", "tahun")])
    current = make_anjab(jabatan, tahun=2026, tasks=[("3", "1", "jam", "tahun")])
    html = client.get(compare_url(current)).content.decode()
    assert "belum ada analisis tahun 2025" in html
    assert ("Jumlah hasil (beban kerja)", "2 per tahun", "3 per tahun") in rows(html)


def test_another_office_gets_404(client, anjab, previous, stranger):
    client.force_login(stranger)
    assert anjab.jabatan.nama not in not_found(client.get(compare_url(anjab)))


def test_the_compare_page_query_count_does_not_grow_with_the_tasks(
    client, make_anjab, jabatan, staf_adm, django_assert_max_num_queries
):
    client.force_login(staf_adm)
    make_anjab(jabatan, tahun=2023, tasks=[("1", "1", "menit", "tahun")])
    small = make_anjab(jabatan, tahun=2024, tasks=[("2", "1", "menit", "tahun")])
    make_anjab(jabatan, tahun=2025, tasks=[("1", "1", "menit", "tahun")] * 40)
    large = make_anjab(jabatan, tahun=2026, tasks=[("2", "2", "jam", "tahun")] * 40)
    counts = []
    for anjab in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(compare_url(anjab)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(compare_url(large))


def test_compare_lists_new_tasks_with_their_figures(anjab, make_anjab, jabatan):
    before = make_anjab(jabatan, tahun=2025, tasks=[])
    result = compare.compare(anjab, before)
    assert [t.state for t in result.tasks] == ["baru", "baru"]
    assert result.tasks[0].changes[0] == compare.Change(
        "Jumlah hasil (beban kerja)", "—", "1.200 per tahun"
    )
