"""Every staff page fits a 360 px phone screen: no page of any module is wider than the
screen, for each demo role of the Kota office (issue: "Every page fits a phone").

The pages are every GET page of the four modules that takes no argument, plus, for each role,
the detail pages whose content widens a page most: the case with the most parties, the record
with the longest description and senders, the complaint with the longest account, the analysis
with the most tasks and its position (each chosen through the model's own door), and the first
detail page linked from each list."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, get_resolver, reverse

from tests.conftest import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360
NAMESPACES = ["sisp", "arsip", "ppps", "abk_anjab"]
# Files and one-way actions, not pages.
SKIP = re.compile(r"xlsx|csv|pdf|ekspor|export|logout|keluar|unduh|download|\.ics")
DETAIL_LINKS = {
    "/arsip/": r"^/arsip/\d+/$",
    "/ppps/perkara/": r"^/ppps/perkara/\d+/$",
    "/ppps/aduan/": r"^/ppps/aduan/\d+/$",
    "/abk/": r"^/abk/(analisis|jabatan)/\d+/$",
}


# The outermost elements that stick out past the screen, to say why a page is too wide.
WIDEST = """width => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= width + 1) continue;
    if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1
        && el.parentElement !== document.body) continue;
    out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
             + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "")
             + " " + Math.round(el.getBoundingClientRect().right) + "px");
    if (out.length >= 3) break;
  }
  return out;
}"""


def page_urls():
    resolver = get_resolver()
    urls = set()
    for namespace in NAMESPACES:
        _, sub = resolver.namespace_dict[namespace]
        for name in [key for key in sub.reverse_dict if isinstance(key, str)]:
            try:
                url = reverse(f"{namespace}:{name}")
            except NoReverseMatch:
                continue  # takes an argument
            if not SKIP.search(url) and not url.startswith("/admin"):
                urls.add(url)
    return sorted(urls)


def richest_details(user):
    """The detail pages with the most content this user may open, through each model's door."""
    from django.db.models import Count
    from django.db.models.functions import Length

    from abk_anjab.models import Anjab
    from arsip.models import Naskah
    from ppps.models import Aduan, Perkara

    urls = []
    case = (
        Perkara.objects.visible_to(user)
        .annotate(n=Count("pihak"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    if case:
        urls.append(f"/ppps/perkara/{case.pk}/")
    record = (
        Naskah.objects.visible_to(user)
        .annotate(n=Length("perihal") + Length("dari") + Length("kepada"))
        .order_by("-n", "pk")
        .first()
    )
    if record:
        urls.append(f"/arsip/{record.pk}/")
    aduan = Aduan.objects.visible_to(user).annotate(n=Length("uraian")).order_by("-n").first()
    if aduan:
        urls.append(f"/ppps/aduan/{aduan.pk}/")
    anjab = (
        Anjab.objects.visible_to(user)
        .annotate(n=Count("tugas_pokok"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    if anjab:
        urls += [f"/abk/analisis/{anjab.pk}/", f"/abk/jabatan/{anjab.jabatan_id}/"]
    return urls


def too_wide(page, url):
    if page.request.get(url).status == 405:
        return None  # a POST-only action, not a page
    response = page.goto(url)
    if response is None or response.status >= 500:
        return f"{url}: status {response.status if response else '?'}"
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= WIDTH:
        return None
    culprits = page.evaluate(WIDEST, WIDTH)
    return f"{url}: {width} px ({'; '.join(culprits)})"


def test_every_staff_page_fits_a_360px_screen_for_every_demo_role(browser_page, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    from sisp.management.commands.seed_demo import DEMO_FILE
    from sisp.models import User

    demo_password = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["password"]

    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 760})
    users = User.objects.filter(office__slug="kota-mojokerto", is_active=True).order_by("username")
    wide = []
    reached_parties_by = []
    urls = page_urls()
    assert len(urls) > 20, urls
    for user in users:
        page.context.clear_cookies()
        browser_sign_in(page, user.username, demo_password)
        visited = set()
        details = richest_details(user)
        for url in details:
            problem = too_wide(page, url)
            visited.add(url)
            if problem:
                wide.append(f"{user.username} {problem}")
        for url in urls:
            problem = too_wide(page, url)
            visited.add(url)
            if problem:
                wide.append(f"{user.username} {problem}")
            if url == "/ppps/" and page.url.endswith(url):
                # The column an officer needs most stays on screen beside the case.
                for right in page.eval_on_selector_all(
                    "th",
                    "els => els.filter(e => e.textContent.trim() === 'Batas waktu')"
                    ".map(e => e.getBoundingClientRect().right)",
                ):
                    if right > WIDTH:
                        wide.append(f"{user.username} /ppps/: Batas waktu at {right:.0f} px")
            pattern = DETAIL_LINKS.get(url)
            if pattern and page.url.endswith(url):
                hrefs = page.eval_on_selector_all(
                    "main a[href]", "els => els.map(e => e.getAttribute('href'))"
                )
                detail = next((h for h in hrefs if re.match(pattern, h)), None)
                if detail and detail not in visited:
                    visited.add(detail)
                    problem = too_wide(page, detail)
                    if problem:
                        wide.append(f"{user.username} {problem}")
        if user.has_perm("ppps.view_pihak") and any("/ppps/perkara/" in u for u in details):
            reached_parties_by.append(user.username)
    # The walk reached a case with parties (the table that widened the case page).
    assert reached_parties_by, "no role opened a case with parties"
    assert not wide, "\n".join(wide)
