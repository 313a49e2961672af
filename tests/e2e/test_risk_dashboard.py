"""A staff member opens the project's risk dashboard on a phone: the verdict and why, the charts drawn, and the
figures behind a chart one tap away. A screenshot of the page is kept for a person to look at."""

import pytest
from playwright.sync_api import expect

from decisions.models import Choice
from tests.e2e.steps import FITS_THE_SCREEN, log_in
from tests.factories import PASSWORD, project_in_execution, staff_member
from tests.insight.conftest import activate, households_of, open_vote, promise, vote

pytestmark = pytest.mark.browser


def test_the_risk_dashboard_renders_its_charts(page, settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    project = project_in_execution(homes=20)
    activate(households_of(project)[:15])
    proposal = open_vote(project, closes_in_days=9)
    vote(proposal, households_of(project)[:11], Choice.AGREE)
    promise(project, due_in_days=-2)
    log_in(page, staff_member(project.corporation).email, PASSWORD)

    page.goto(f"/beheer/projecten/{project.slug}/inzicht/")

    expect(
        page.get_by_text("At risk because support is 55% with 9 days left and 1 commitment is late.")
    ).to_be_visible()
    charts = page.locator("figure.chart svg")
    expect(charts).to_have_count(2)
    for index in range(2):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 250 and box["height"] > 60  # drawn, not collapsed
    assert page.locator("figure.chart rect.chart-bar").count() == 8  # 5 participation bars, 3 support bars
    expect(page.locator("line.chart-line")).to_have_count(1)  # the 70% line
    page.get_by_text("Show the figures as a table").first.click()
    expect(page.get_by_role("rowheader", name="Activated an account")).to_be_visible()
    assert page.evaluate(FITS_THE_SCREEN)
    screenshot = page.screenshot(path=tmp_path / "risk-dashboard.png", full_page=True)
    assert len(screenshot) > 10_000
