"""In Chromium: the Ketua limpahkan a case to the province through the form and its
confirmation; the case page then says it was transferred and offers no form; the citizen's
/cek/ says where the case now is."""

import pytest
from playwright.sync_api import expect

from ppps import services
from ppps.models import Pelimpahan
from sisp.models import Office
from tests.conftest import browser_sign_in
from tests.factories import OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_ketua_transfers_a_case_and_cek_names_the_new_office(
    browser_page, screenshot, make_perkara, petugas, ketua, office
):
    page = browser_page
    prov = OfficeFactory(
        name="Bawaslu Provinsi Jawa Timur", level=Office.Level.PROVINSI, code="P.JI", slug="jatim"
    )
    office.parent = prov
    office.save()
    perkara = services.register_perkara(make_perkara(), user=petugas)

    browser_sign_in(page, ketua.username)
    page.goto(perkara.get_absolute_url())
    page.get_by_role("link", name="Limpahkan perkara").click()
    page.get_by_label("Kantor tujuan (dalam sistem ini)").select_option(str(prov.pk))
    page.get_by_label("Alasan pelimpahan").fill("Dugaan pelanggaran kode etik Panwascam.")
    page.get_by_role("button", name="Lanjut ke konfirmasi").click()
    expect(page.get_by_role("heading", name="Konfirmasi pelimpahan")).to_be_visible()
    screenshot("transfer-confirm")
    assert not Pelimpahan.objects.exists()
    page.get_by_role("button", name="Ya, limpahkan perkara").click()
    expect(page.get_by_text("Perkara dilimpahkan ke Bawaslu Provinsi Jawa Timur.")).to_be_visible()
    expect(page.get_by_role("heading", name="Perkara ini sudah dilimpahkan")).to_be_visible()
    assert page.locator("main form[method=post]").count() == 0
    screenshot("transfer-sender-view")

    page.context.clear_cookies()
    page.goto(f"/cek/?nomor={perkara.nomor_register}")
    expect(page.locator(".ppps-now")).to_contain_text(
        "Perkara ini dilimpahkan ke Bawaslu Provinsi Jawa Timur pada"
    )
    screenshot("transfer-cek")
