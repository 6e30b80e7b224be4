"""The README promise: after the demo loader, each demo role signs in and sees exactly its links."""

import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from sisp.management.commands.seed_demo import DEMO_FILE
from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_demo_role_signs_in_and_sees_exactly_its_links(browser_page, screenshot, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    page = browser_page
    for office in demo["offices"]:
        for username, role, *_ in office["users"]:
            expected = (
                {title for _, title, _, _, _, link_roles, _ in demo["links"] if role in link_roles}
                if office["level"] != "PROV"
                else set()
            )
            page.context.clear_cookies()
            browser_sign_in(page, username, demo["password"])
            expect(page.get_by_role("heading", name="Tautan layanan")).to_be_visible()
            shown = set(page.locator("#tautan a.title").all_inner_texts())
            assert shown == expected, (username, shown ^ expected)
            if office["key"] == "kota":
                screenshot(f"demo-{username}")
