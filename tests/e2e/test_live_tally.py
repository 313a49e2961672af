"""Two neighbours on the same proposal in two browsers: one votes, the other sees the count change without
reloading, and a screen reader hears that it changed.

Served by a real daphne process as in test_live_discussion.py (its fixtures), so it needs PostgreSQL and the
settings' channel layer (`services`).
"""

import pytest
from playwright.sync_api import expect

from tests.decisions.conftest import open_proposal_with
from tests.e2e.conftest import PHONE
from tests.e2e.steps import log_in
from tests.e2e.test_live_discussion import live_site  # noqa: F401  (a fixture)
from tests.factories import PASSWORD, TenantProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

LIVE = 15_000  # ms: generous, but only ever waited out when something is broken


@pytest.fixture
def neighbours(transactional_db):
    """An open proposal for ten homes; Anna and Bram live in two of them."""
    proposal, households = open_proposal_with(10)
    anna, bram = (
        TenantProfileFactory(household=household, display_name=name, language="en").user
        for household, name in zip(households, ("Anna", "Bram"), strict=False)
    )
    return {"proposal": proposal, "anna": anna, "bram": bram}


@pytest.fixture
def open_as(browser, live_site):  # noqa: F811
    contexts = []

    def open_as(user):
        context = browser.new_context(base_url=live_site, locale="en-GB", viewport=PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, user.email, PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_bram_sees_the_count_change_when_anna_votes(open_as, neighbours):
    proposal = neighbours["proposal"]
    url = f"/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/"
    anna, bram = open_as(neighbours["anna"]), open_as(neighbours["bram"])
    bram.goto(url)
    bram.evaluate("window.stillTheSamePage = true")  # gone if the page reloads
    expect(bram.locator("[data-live-tally]")).to_have_attribute("data-live-state", "connected")
    count = bram.locator(f"#tally-{proposal.pk}")
    expect(count).to_contain_text("0% agrees")

    anna.goto(url)
    anna.get_by_label("I agree with this proposal").check()
    anna.get_by_role("button", name="Vote").click()

    expect(count).to_contain_text("10% agrees", timeout=LIVE)
    expect(bram.locator("[data-live-announcer]")).to_have_text("The count changed", timeout=LIVE)
    assert bram.evaluate("window.stillTheSamePage") is True


def test_anna_changes_her_vote_and_bram_sees_the_count_go_back(open_as, neighbours):
    proposal = neighbours["proposal"]
    url = f"/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/"
    anna, bram = open_as(neighbours["anna"]), open_as(neighbours["bram"])
    anna.goto(url)
    anna.get_by_label("I agree with this proposal").check()
    anna.get_by_role("button", name="Vote").click()
    bram.goto(url)
    expect(bram.locator("[data-live-tally]")).to_have_attribute("data-live-state", "connected")
    count = bram.locator(f"#tally-{proposal.pk}")
    expect(count).to_contain_text("10% agrees")

    anna.get_by_label("I do not agree with this proposal").check()
    anna.get_by_role("button", name="Change my vote").click()

    expect(count).to_contain_text("0% agrees", timeout=LIVE)
    expect(anna.get_by_text("Your household does not agree with this proposal.")).to_be_visible()
