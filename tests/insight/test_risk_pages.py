"""The corporation view shows which project is at risk and why, and the dropout rate against the 5% goal; the
project page shows the figures and the charts with their tables. Both stay at a fixed number of queries."""

import pytest

from decisions.models import Choice
from projects.models import Phase
from tests.factories import project_in_execution, staff_member

from .conftest import activate, households_of, open_vote, promise, vote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def at_risk(project):
    """Support at 50% with ten days left and a late commitment."""
    activate(households_of(project))
    proposal = open_vote(project, closes_in_days=10)
    vote(proposal, households_of(project)[:10], Choice.AGREE)
    promise(project, due_in_days=-3)
    return project


def english_page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.text


def test_the_corporation_view_names_the_project_at_risk_and_why(client, at_risk):
    client.force_login(staff_member(at_risk.corporation))
    page = english_page(client, "/beheer/inzicht/")
    assert at_risk.name in page
    assert "At risk because support is 50% with 10 days left and 1 commitment is late." in page
    assert "How the warnings work" in page
    assert "A commitment made to tenants is open after its due date." in page


def test_the_dropout_rate_counts_cancelled_and_paused_over_started_projects(client, project):
    for number, phase in enumerate([Phase.CANCELLED, Phase.EXECUTION, Phase.INITIATIVE]):
        reason = "Te weinig draagvlak." if phase == Phase.CANCELLED else ""
        project_in_execution(
            homes=1, slug=f"p{number}", phase=phase, phase_reason=reason, complex=project.complexes.get()
        )
    client.force_login(staff_member(project.corporation))
    page = english_page(client, "/beheer/inzicht/")
    assert "33%" in page  # 1 of 3 started projects stopped (the initiative one has not started)
    assert "Goal not met" in page


def test_the_project_page_draws_its_charts_with_tables_beside_them(client, at_risk):
    client.force_login(staff_member(at_risk.corporation))
    page = english_page(client, f"/beheer/projecten/{at_risk.slug}/inzicht/")
    assert page.count("<svg") == 2  # participation and support (no pulses yet)
    assert page.count("Show the figures as a table") == 2
    assert '<td class="num">20</td><td class="num">20</td><td class="num">100%</td>' in page
    assert "the 70% line" in page
    assert "No pulse answers yet." in page


def test_the_corporation_view_costs_the_same_queries_with_more_projects(client, at_risk, django_assert_max_num_queries):
    client.force_login(staff_member(at_risk.corporation))
    with django_assert_max_num_queries(20) as first:
        client.get("/beheer/inzicht/")
    for number in range(3):
        other = project_in_execution(homes=12, slug=f"more-{number}", complex=None)
        other.corporation = at_risk.corporation
        other.save()
        open_vote(other, closes_in_days=3)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get("/beheer/inzicht/").text
    assert page.count('class="card risk-card') == 4
