"""Every page the demo's people can open, scanned with axe-core in Chromium at 360 px and at desktop width, as the
person the page is for: no serious or critical WCAG 2.1 A/AA violation anywhere.

The pages come from the URL resolver with the demo's objects (tests/demo_pages.py, shared with the authorisation
sweep), so a new page is scanned as soon as it exists. Each of the demo's people — a visitor, the tenant, the
residents' committee member, the contractor and the staff member — opens every page below the site root with
the Django test client first; every page that answers 200 with HTML is then opened in the browser as that
person, in Dutch, and scanned once at each width. The Django admin is Django's own and is not scanned.

axe-core comes from npm, pinned in tests/e2e/axe/package-lock.json (`make axe`, part of `make test`). It is
injected by Playwright as an init script: that runs in every document the context opens and, unlike a script
tag, is not subject to the site's Content Security Policy.
"""

import os
import time
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from tests.demo_pages import address, demo_objects, demo_user, routes
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
WIDTHS = {"360 px": PHONE, "desktop": {"width": 1280, "height": 900}}
PEOPLE = (None, "huurder", "bewonerscommissie", "aannemer", "medewerker")  # None: a visitor, not signed in
# allauth's pages a visitor uses (the other accounts/ pages are allauth's own and need a pending login).
VISITOR_PAGES = ("/accounts/login/", "/accounts/login/code/", "/accounts/password/reset/")
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(result => result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        targets: v.nodes.map(node => node.target.join(" ")),
    })))"""


@pytest.fixture
def axe_script():
    if not AXE.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"axe-core is not installed at {AXE}: run `make axe`")
        pytest.skip("axe-core is not installed: run `make axe`")
    return AXE


def pages_for(login, urls):
    """The pages this person opens with a 200 and a whole HTML document (not an htmx fragment), and a test client
    signed in as them."""
    client = Client()
    if login:
        client.force_login(demo_user(login))
    extra = VISITOR_PAGES if login is None else ()
    opened = []
    for url in [*urls, *extra]:
        response = client.get(url)
        html = response.status_code == 200 and response["Content-Type"].startswith("text/html")
        if html and b"<html" in response.content[:500]:
            opened.append(url)
    return client, opened


def signed_in_context(browser, live_server, client):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    if session is not None:
        context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    return context


def report(violations):
    """One paragraph per rule broken at one place: the rule, its impact, the fix's URL, where, and on which pages."""
    grouped = {}
    for who, width, url, violation in violations:
        for target in violation["targets"]:
            key = (violation["id"], violation["impact"], violation["help"], violation["helpUrl"], target)
            grouped.setdefault(key, []).append(f"{url} as {who or 'visitor'} at {width}")
    lines = [f"{len(violations)} serious or critical accessibility violations, at {len(grouped)} places:"]
    for (rule, impact, help_text, help_url, target), pages in grouped.items():
        lines += [f"- {rule} ({impact}): {help_text}", f"    {help_url}", f"    at {target}"]
        lines += [f"    on {page}" for page in pages[:4]]
        if len(pages) > 4:
            lines.append(f"    … and {len(pages) - 4} more")
    return "\n".join(lines)


def test_no_page_has_a_serious_or_critical_wcag_violation(browser, live_server, settings, tmp_path, axe_script):
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=StringIO())
    objects = demo_objects()
    urls = [url for name, route in routes() if (url := address(name, route, objects)) is not None]
    started, scanned, violations, per_person, elsewhere = time.monotonic(), 0, [], {}, []

    for login in PEOPLE:
        client, opened = pages_for(login, urls)
        per_person[login or "visitor"] = len(opened)
        context = signed_in_context(browser, live_server, client)
        page = context.new_page()
        for url in opened:
            page.goto(url)
            if urlsplit(page.url).path != urlsplit(url).path:  # e.g. sent to the login page: not what was meant
                elsewhere.append(f"{url} as {login or 'visitor'} ended on {page.url}")
                continue
            for width, viewport in WIDTHS.items():
                page.set_viewport_size(viewport)
                found = page.evaluate(RUN_AXE, WCAG_21_AA)
                scanned += 1
                violations += [(login, width, url, v) for v in found if v["impact"] in BLOCKING]
        context.close()

    seconds = time.monotonic() - started
    print(f"\naxe-core: {scanned} scans ({per_person} pages × {len(WIDTHS)} widths) in {seconds:.0f} s")
    assert not violations, report(violations)
    assert not elsewhere, "the browser did not see these pages as the test client did:\n" + "\n".join(elsewhere)
    assert all(count > per_person["visitor"] for who, count in per_person.items() if who != "visitor"), per_person
