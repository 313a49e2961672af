"""A tenant reads the key pages in Arabic on a 360 px phone: right to left, nothing sideways, the main menu
starting at the right edge; and in Turkish, the pages speak Turkish. The demo data (`seed_demo`) gives every page
something to show: a home plan with visits and choices, news, a discussion with replies and an open proposal."""

from concurrent.futures import ThreadPoolExecutor
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from decisions.models import Proposal
from feedback.models import Thread
from tests.e2e.conftest import PHONE
from tests.e2e.steps import FITS_THE_SCREEN

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "renovatie-demo"
TENANT_EMAIL = "huurder@demo.renovatie.nl"  # Fatma, Marshallaan 12-B

# Where the first item of the main menu sits: its right edge and its left edge, and the viewport's width.
FIRST_MENU_ITEM = """() => {
  const box = document.querySelector('.site-header nav li').getBoundingClientRect();
  return {left: box.left, right: box.right, width: document.documentElement.clientWidth};
}"""


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # In a worker thread: the demo's notifications announce themselves with async_to_sync, which refuses to run
    # on the thread where Playwright's event loop lives.
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(call_command, "seed_demo", force=True, stdout=StringIO()).result()
    from django.contrib.auth import get_user_model

    tenant = get_user_model().objects.get(email=TENANT_EMAIL)
    household = tenant.tenant_profile.household
    project = household.home_plans.select_related("project").get().project
    proposal = Proposal.objects.filter(project=project, status=Proposal.Status.OPEN).first()
    thread = Thread.objects.filter(project=project).order_by("pk").first()
    pages = {
        "my-renovation": reverse("my_renovation"),
        "home-plan": reverse("my_home_plan", args=[project.slug]),
        "project": reverse("project_detail", args=[project.slug]),
        "thread": reverse("thread_detail", args=[thread.pk]),
        "proposal": reverse("proposal_detail", args=[project.slug, proposal.pk]),
    }
    return tenant, pages


def tenant_page(browser, live_server, tenant, language):
    """The tenant, whose profile says `language`, logged in on a phone whose browser asks for that language."""
    tenant.tenant_profile.language = language
    tenant.tenant_profile.save(update_fields=["language"])
    context = browser.new_context(base_url=live_server.url, locale=language, viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(tenant.email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/mijn-renovatie/")
    return context, page


def test_the_key_pages_read_right_to_left_in_arabic_on_a_phone(browser, live_server, demo, tmp_path):
    tenant, pages = demo
    context, page = tenant_page(browser, live_server, tenant, "ar")
    with translation.override("ar"):
        my_renovation = translation.gettext("My renovation")
    try:
        for name, path in pages.items():
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            expect(page.locator("html")).to_have_attribute("lang", "ar")
            expect(page.locator(".site-header nav").get_by_role("link", name=my_renovation)).to_be_visible()
            assert page.evaluate(FITS_THE_SCREEN), f"{name} scrolls sideways in Arabic"
            item = page.evaluate(FIRST_MENU_ITEM)
            # Right to left, the menu starts at the right edge (inside the page's 1rem margin), not the left.
            assert item["right"] >= item["width"] - 40 and item["left"] > 40, f"{name}: menu starts at {item}"
            shot = tmp_path / f"ar-{name}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 5_000
    finally:
        context.close()


def test_the_key_pages_speak_turkish(browser, live_server, demo):
    tenant, pages = demo
    with translation.override("tr"):
        my_renovation, my_home_plan = translation.gettext("My renovation"), translation.gettext("My home plan")
    # Not the English msgid and not the Dutch fallback: Turkish words.
    assert my_renovation not in ("My renovation", "Mijn renovatie")
    context, page = tenant_page(browser, live_server, tenant, "tr")
    try:
        page.goto(pages["my-renovation"])
        expect(page.locator("html")).to_have_attribute("lang", "tr")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        expect(page.get_by_role("heading", level=1)).to_have_text(my_renovation)
        page.goto(pages["home-plan"])
        expect(page.get_by_role("heading", level=1)).to_have_text(my_home_plan)
        assert page.evaluate(FITS_THE_SCREEN)
        item = page.evaluate(FIRST_MENU_ITEM)
        assert item["left"] <= 40, f"left to right, the menu starts at the left edge: {item}"
    finally:
        context.close()
