"""With the Content Security Policy on (no inline code, no eval, our own origin only), the key pages of the tenant,
contractor and staff flows run in Chromium without a single violation, and what they do with JavaScript still
works: the live sockets connect (connect-src 'self' covers ws:), htmx fetches and swaps, a vote is cast.

The demo (`manage.py seed_demo`) is served by a real daphne process, as in test_live_discussion. Violations are
caught from the page itself (securitypolicyviolation events, registered before any page script runs) and from the
console ("Refused to ..." messages).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_live_discussion import in_the_server_process, served_application
from tests.test_authorization_sweep import address, demo_objects, demo_user, routes

pytestmark = [pytest.mark.browser, pytest.mark.services]

WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline code";
  window.cspViolations.push(`${event.violatedDirective} blocked ${blocked} on ${location.pathname}`);
});
"""
PAGES = {
    "huurder": [
        "my_renovation",
        "project_detail",
        "my_home_plan",
        "project_threads",
        "thread_detail",
        "proposal_detail",
        "poll_detail",
        "project_sessions",
        "project_surveys",
        "notification_list",
        "notification_preferences",
    ],
    "aannemer": ["contractor_start", "contractor_project", "contractor_day", "thread_detail"],
    "medewerker": [
        "staff_start",
        "staff_project",
        "staff_proposal",
        "moderation_queue",
        "insight_overview",
        "project_insight",
        "household_dossier",
        "staff_polls",
        "staff_project_surveys",
    ],
}
ADMIN_PAGES = ["/admin/", "/admin/projects/renovationproject/", "/admin/tenants/household/"]
# allauth's two-factor pages for staff; setting up TOTP shows its QR code as a data: image
TWO_FACTOR_PAGES = ["/accounts/2fa/", "/accounts/2fa/totp/activate/"]
ANONYMOUS_PAGES = ["/", "/accounts/login/", "/activeren/", "/huisregels/"]


@pytest.fixture
def demo_site(transactional_db, settings, tmp_path):
    """The demo on a daphne process of its own; staff two-factor off so a session cookie is enough."""
    from daphne.testing import DaphneProcess

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=StringIO())
    server = DaphneProcess("localhost", served_application, setup=in_the_server_process)
    server.start()
    try:
        assert server.ready.wait(timeout=20), "daphne did not start"
        yield f"http://localhost:{server.port.value}"
    finally:
        server.terminate()
        server.join(timeout=10)


@pytest.fixture
def browse(browser, demo_site):
    """A page signed in as a demo person (or nobody), watching for violations; returns (page, violations)."""
    contexts = []

    def open_as(login):
        context = browser.new_context(base_url=demo_site, locale="en-GB", viewport=PHONE)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if login is not None:
            client = Client()
            client.force_login(demo_user(login))
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": demo_site}])
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        console = []
        page.on(
            "console",
            lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
        )
        return page, console

    yield open_as
    for context in contexts:
        context.close()


def admin_change_page():
    from projects.demo import PROJECT_SLUG
    from projects.models import RenovationProject

    return f"/admin/projects/renovationproject/{RenovationProject.objects.get(slug=PROJECT_SLUG).pk}/change/"


def urls_of(names):
    objects = demo_objects()
    by_name = dict(routes())
    return [address(name, by_name[name], objects) for name in names]


def visit(page, console, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations") + console


def test_the_key_pages_of_every_role_run_without_a_policy_violation(browse):
    violations, visited = [], 0
    for login, names in [(None, []), *PAGES.items()]:
        page, console = browse(login)
        urls = ANONYMOUS_PAGES if login is None else urls_of(names)
        if login == "medewerker":
            urls += [*ADMIN_PAGES, admin_change_page(), *TWO_FACTOR_PAGES]
        for url in urls:
            found = visit(page, console, url)
            console.clear()
            violations += [f"{login or 'anonymous'}: {violation}" for violation in found]
            visited += 1
            if not url.startswith("/admin/"):  # our stylesheet (no inline style) lays the header out
                assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "block"
    assert violations == [], "\n".join(violations)
    # the watcher itself works: inline code, as an attacker would inject it, is blocked and reported
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.pwned = 1\">')")
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.pwned") is None
    pages = len(ANONYMOUS_PAGES) + sum(len(names) for names in PAGES.values()) + len(ADMIN_PAGES) + 1
    assert visited == pages + len(TWO_FACTOR_PAGES)


def test_live_sockets_htmx_and_forms_work_under_the_policy(browse):
    objects = demo_objects()
    page, console = browse("huurder")
    by_name = dict(routes())

    thread = address("thread_detail", by_name["thread_detail"], objects)
    assert visit(page, console, thread) == []
    expect(page.locator("[data-live-discussion]")).to_have_attribute("data-live-state", "connected")

    proposal = address("proposal_detail", by_name["proposal_detail"], objects)
    assert visit(page, console, proposal) == []
    expect(page.locator("[data-live-tally]")).to_have_attribute("data-live-state", "connected")

    poll = address("poll_detail", by_name["poll_detail"], objects)
    assert visit(page, console, poll) == []
    results = page.locator(".poll-results[hx-get]")
    if results.count():
        # htmx itself (not eval, not an inline handler) fetches the results and swaps them in
        page.evaluate("window.swapped = false; document.body.addEventListener('htmx:afterSwap', () => swapped = true)")
        page.evaluate(
            "el => htmx.ajax('GET', el.getAttribute('hx-get'), {target: el, swap: 'outerHTML'})",
            results.element_handle(),
        )
        page.wait_for_function("window.swapped === true")
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False

    # the bell's socket (ws/me/) is opened by every signed-in page, and its state set on the bell
    expect(page.locator("#notification-bell")).to_have_attribute("data-live-state", "connected")

    # a vote is cast through the ordinary form (form-action 'self')
    assert visit(page, console, proposal) == []
    page.locator("form.vote-form input[type=radio]").first.check()
    page.locator("form.vote-form [type=submit]").click()
    expect(page.get_by_text("Thank you. Your household's vote is saved")).to_be_visible()
    assert page.evaluate("window.cspViolations") + console == []
