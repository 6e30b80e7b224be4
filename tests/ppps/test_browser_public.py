"""The citizen's door in Chromium on a 360 px phone: the statistics chart, the lookup with a
pasted number, a complaint started from an office's page."""

import datetime

import pytest
from playwright.sync_api import expect

from ppps import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def phone(page):
    """Put the page on a phone-sized viewport and collect what the console complains about."""
    page.set_viewport_size(PHONE)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def shoot(page, name):
    page.screenshot(path=f"/tmp/sisp-public-{name}.png", full_page=True)


def test_statistics_chart_draws_bars_with_height_and_no_console_errors(
    browser_page, make_perkara, petugas
):
    today = datetime.date.today()
    for day in (today, today, today.replace(day=1) - datetime.timedelta(days=1)):
        perkara = make_perkara(tanggal_diterima=day, tanggal_diketahui=day)
        services.register_perkara(perkara, user=petugas, tanggal=day)
    page = browser_page
    errors = phone(page)
    page.goto("/statistik/")
    expect(page.locator("#data-per")).to_contain_text("Data per")
    heights = page.locator("svg.ppps-chart rect.bar").evaluate_all(
        "bars => bars.map(b => b.getBBox().height)"
    )
    assert len(heights) == 12
    assert sorted(heights)[-2:] == [82, 164]
    shoot(page, "statistik")
    assert errors == []
