import datetime
import re

import pytest
from django.urls import reverse

from ppps import services
from ppps.stats import bar_chart, counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_registered(make_perkara, petugas):
    def make(**fields):
        perkara = make_perkara(**fields)
        return services.register_perkara(perkara, user=petugas, tanggal=perkara.tanggal_diterima)

    return make


def test_statistics_show_counts_and_an_inline_svg_chart(client, make_registered, other_office):
    today = datetime.date.today()
    make_registered(tanggal_diterima=today, tanggal_diketahui=today)
    make_registered(jenis="temuan", tanggal_diterima=today, tanggal_diketahui=today)
    response = client.get(reverse("ppps_public:statistik"))
    assert response.status_code == 200
    body = response.content.decode()
    assert response.context["total"] == 2
    assert dict(response.context["by_jenis"]) == {"Laporan": 1, "Temuan": 1}
    assert response.context["by_month"][-1][1] == 2
    assert (
        "<svg" in body
        and "<rect" in body
        and "<script" not in body.split("<svg")[1].split("</svg>")[0]
    )


def test_statistics_filter_by_office(client, make_registered, other_office):
    make_registered()
    response = client.get(reverse("ppps_public:statistik"), {"kantor": other_office.slug})
    assert response.context["total"] == 0


def test_statistics_hide_non_public_stages_by_name(client, make_registered, petugas):
    from ppps.models import Tahapan

    perkara = make_registered()
    services.move_to_stage(
        perkara,
        Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="klarifikasi"),
        user=petugas,
    )
    stages = dict(client.get(reverse("ppps_public:statistik")).context["by_stage"])
    assert stages == {"Dalam penanganan": 1}


def test_statistics_count_only_cases_the_public_lookup_can_find(
    client, make_perkara, make_registered
):
    """A case received but not yet registered is invisible on /cek/, so it must not move the
    public totals either: otherwise a new non-public case shows up as +1 on /statistik/."""
    today = datetime.date.today()
    registered = make_registered(tanggal_diterima=today, tanggal_diketahui=today)
    make_perkara(tanggal_diterima=today, tanggal_diketahui=today)
    data = client.get(reverse("ppps_public:statistik")).context
    assert data["total"] == 1
    assert dict(data["by_jenis"]) == {"Laporan": 1}
    assert sum(n for _, n in data["by_stage"]) == 1
    assert sum(n for _, n in data["by_status"]) == 1
    assert data["by_month"][-1][1] == 1
    found = client.get(reverse("ppps_public:cek"), {"nomor": registered.nomor_register})
    assert len(found.context["results"]) == 1


def test_bar_chart_scales_to_the_largest_value():
    chart = bar_chart([("a", 0), ("b", 5), ("c", 10)], width=300, height=100, pad=10)
    heights = [b["h"] for b in chart["bars"]]
    assert heights == ["0", "40", "80"]
    assert all(float(b["y"]) + float(b["h"]) == float(chart["base"]) for b in chart["bars"])


def test_bar_chart_with_no_data_draws_flat_bars():
    assert [b["h"] for b in bar_chart([("a", 0), ("b", 0)])["bars"]] == ["0", "0"]


def test_no_chart_attribute_carries_a_decimal_comma(client, make_registered):
    """Indonesian localisation writes 164,0 for 164.0; SVG reads that as no number and draws
    nothing. Three cases over two months make fractional coordinates certain."""
    today = datetime.date.today()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    for day in (today, today, last_month):
        make_registered(tanggal_diterima=day, tanggal_diketahui=day)
    body = client.get(reverse("ppps_public:statistik")).content.decode()
    svg = body.split("<svg", 1)[1].split("</svg>", 1)[0]
    attributes = re.findall(r'([\w-]+)="([^"]*)"', svg)
    numeric = [(name, value) for name, value in attributes if re.search(r"\d", value)]
    assert numeric, "the chart has no numeric attributes at all"
    assert [(n, v) for n, v in numeric if "," in v] == []
    heights = [float(v) for n, v in attributes if n == "height"]
    assert sorted(heights)[-2:] == [82.0, 164.0]  # 1 and 2 cases, the tallest full height


def test_months_are_named_so_no_one_reads_a_day_and_the_chart_writes_each_year_once():
    today = datetime.date(2026, 3, 15)
    from ppps.models import Perkara

    months = [label for label, _ in counts(Perkara.objects.none(), today)["by_month"]]
    assert months[0] == "April 2025" and months[-3:] == [
        "Januari 2026",
        "Februari 2026",
        "Maret 2026",
    ]
    bars = bar_chart([(label, 1) for label in months])["bars"]
    assert [b["month"] for b in bars[:2]] == ["Apr", "Mei"]
    assert [b["month"] for b in bars[-4:]] == ["Des", "Jan", "Feb", "Mar"]
    years = [(b["month"], b["year"]) for b in bars if b["year"]]
    assert years == [("Apr", "2025"), ("Jan", "2026")]


def test_the_chart_keeps_its_labels_below_the_bars(client, make_registered):
    make_registered(tanggal_diterima=datetime.date.today())
    chart = client.get(reverse("ppps_public:statistik")).context["chart"]
    base = float(chart["base"])
    assert all(float(b["y"]) + float(b["h"]) == base for b in chart["bars"])
    assert base < float(chart["label_y"]) < float(chart["year_y"]) <= float(chart["height"])
    assert max(float(b["h"]) for b in chart["bars"]) == 164  # as tall as before the year row


def test_statistics_say_when_the_data_was_taken(client, make_registered):
    make_registered()
    body = client.get(reverse("ppps_public:statistik")).content.decode()
    assert re.search(r"Data per \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB", body)


def test_statistics_keep_the_month_table_for_screen_readers(client, make_registered):
    make_registered()
    body = client.get(reverse("ppps_public:statistik")).content.decode()
    assert 'aria-describedby="tabel-bulan-ket"' in body
    assert body.count("<tr><td>") >= 12


def test_statistics_give_the_share_of_stages_finished_on_time_per_office(
    client, make_registered, make_perkara, petugas, other_office, petugas_other
):
    from ppps.models import Pemilihan, Tahapan

    kajian = Tahapan.objects.get(regime="pemilihan", jenis="laporan", code="kajian")
    start = datetime.date(2024, 10, 9)

    def finish_kajian(perkara, user, late_by):
        perkara = services.move_to_stage(perkara, kajian, user=user, tanggal=start)
        assert perkara.batas_waktu is not None
        on = perkara.batas_waktu + datetime.timedelta(days=late_by)
        services.move_to_stage(perkara, perkara.next_stage(), user=user, tanggal=on)
        return perkara

    on_time = finish_kajian(make_registered(), petugas, 0)  # on the deadline day itself
    finish_kajian(make_registered(), petugas, 1)
    pilkada_lain = Pemilihan.objects.create(
        office=other_office, name="Pemilihan Bupati 2024", regime="pemilihan", code="PB", year=2024
    )
    finish_kajian(make_registered(pemilihan=pilkada_lain, user=petugas_other), petugas_other, -1)
    finish_kajian(make_perkara(), petugas, 5)  # never registered: not counted

    response = client.get(reverse("ppps_public:statistik"))
    rows = {row["kantor"]: row for row in response.context["on_time"]}
    assert rows[on_time.office.name] == {
        "kantor": on_time.office.name, "selesai": 2, "tepat": 1, "persen": 50,
    }  # fmt: skip
    assert rows[other_office.name]["persen"] == 100
    body = response.content.decode()
    table = body.split('id="tepat-waktu"')[1].split("</table>")[0]
    assert "50%" in table and "100%" in table
    assert re.search(r"Data per \d+ \w+ \d{4} \d\d\.\d\d WIB", body)

    response = client.get(reverse("ppps_public:statistik"), {"kantor": other_office.slug})
    assert [row["kantor"] for row in response.context["on_time"]] == [other_office.name]
