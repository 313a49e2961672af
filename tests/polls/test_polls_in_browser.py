"""In two browsers on phones: a tenant votes in a live poll and her neighbour's open page shows the new results
within the 10-second refresh, without reloading; both pages fit a 360 px screen."""

import pytest
from playwright.sync_api import expect

from polls.models import Poll
from tests.e2e.conftest import PHONE, browser  # noqa: F401  (a fixture)
from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, TenantProfileFactory, project_in_execution, staff_member

from .conftest import make_poll

pytestmark = [pytest.mark.browser, pytest.mark.services]

REFRESH = 15_000  # ms: one 10-second htmx refresh and some slack


@pytest.fixture
def neighbours(transactional_db):
    project = project_in_execution(homes=6)
    poll = make_poll(project, staff_member(project.corporation), kind=Poll.Kind.SINGLE)
    households = [plan.household for plan in project.home_plans.select_related("household").order_by("pk")]
    anna, bram = (
        TenantProfileFactory(household=household, display_name=name, language="en").user
        for household, name in zip(households, ("Anna", "Bram"), strict=False)
    )
    return {"poll": poll, "anna": anna, "bram": bram}


@pytest.fixture
def open_as(browser, live_server):  # noqa: F811
    contexts = []

    def open_as(user):
        context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, user.email, PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_a_vote_shows_up_on_the_neighbours_open_page_without_reloading(neighbours, open_as):
    poll = neighbours["poll"]
    url = f"/projecten/{poll.project.slug}/peilingen/{poll.pk}/"
    bram = open_as(neighbours["bram"])
    bram.goto(url)
    expect(bram.get_by_text("0 households voted")).to_be_visible()

    anna = open_as(neighbours["anna"])
    anna.goto(url)
    anna.get_by_role("group", name=poll.question).get_by_label("Okergeel").check()
    anna.get_by_role("button", name="Vote").click()
    expect(anna.get_by_text("You chose: Okergeel")).to_be_visible()
    expect(anna.get_by_role("group", name=poll.question).get_by_label("Okergeel")).to_be_checked()

    expect(bram.get_by_text("1 household voted")).to_be_visible(timeout=REFRESH)
    row = bram.get_by_role("row", name="Okergeel")
    expect(row).to_contain_text("100%")
    assert anna.evaluate(FITS_THE_SCREEN) and bram.evaluate(FITS_THE_SCREEN)
