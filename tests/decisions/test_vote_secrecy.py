"""No tenant or contractor response reveals how a neighbour voted: the pages show counts and the reader's own
vote only. Staff, and only staff, see the vote of each household."""

import pytest

from tests.factories import contractor_member

from .conftest import vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def neighbours_disagree(open_proposal, households):
    """Every household but the first (the voter's) votes disagree."""
    vote_all(open_proposal, households[1:], agree=0, disagree=9)
    return households[1:]


def page_url(proposal):
    return f"/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/"


def assert_no_neighbour_vote(content, neighbours):
    for household in neighbours:
        assert household.dwelling.address not in content
        assert household.dwelling.street + " " + str(household.dwelling.house_number) not in content
    without_the_own_form = content.replace('value="disagree"', "")  # the reader's own radio button
    assert "disagree" not in without_the_own_form


def test_the_tenant_page_shows_only_counts_and_the_own_vote(client, open_proposal, voter, neighbours_disagree):
    client.force_login(voter)

    response = client.post(
        page_url(open_proposal) + "stemmen/", {"choice": "agree"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    content = response.content.decode()
    assert "Your household agrees with this proposal." in content
    assert "<dt>Do not agree</dt><dd>9</dd>" in content
    assert_no_neighbour_vote(content, neighbours_disagree)
    assert "household_votes" not in response.context


def test_the_tally_fragment_holds_aggregates_only(client, open_proposal, voter, neighbours_disagree):
    from django.template.loader import render_to_string

    from decisions.tally import tally

    html = render_to_string(
        "decisions/fragments/tally.html", {"tally": tally(open_proposal), "proposal": open_proposal}
    )

    assert f'id="tally-{open_proposal.pk}"' in html
    assert_no_neighbour_vote(html, neighbours_disagree)
    for household in neighbours_disagree:
        assert f"household-{household.pk}" not in html


def test_a_contractor_of_the_project_sees_only_counts(client, open_proposal, project, neighbours_disagree):
    user = contractor_member(project.corporation)
    project.contractors.add(user.memberships.get().organisation)
    client.force_login(user)

    response = client.get(page_url(open_proposal), HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert "<dt>Do not agree</dt><dd>9</dd>" in content
    assert_no_neighbour_vote(content, neighbours_disagree)


def test_a_refused_contractor_vote_reveals_nothing(client, open_proposal, project, neighbours_disagree):
    user = contractor_member(project.corporation)
    project.contractors.add(user.memberships.get().organisation)
    client.force_login(user)

    response = client.post(page_url(open_proposal) + "stemmen/", {"choice": "agree"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert_no_neighbour_vote(response.content.decode(), neighbours_disagree)


def test_the_project_page_reveals_no_vote(client, open_proposal, voter, neighbours_disagree):
    client.force_login(voter)

    content = client.get(f"/projecten/{open_proposal.project.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert page_url(open_proposal) in content
    assert_no_neighbour_vote(content, neighbours_disagree)


def test_staff_see_the_vote_of_each_household(client, open_proposal, staff_user, neighbours_disagree):
    client.force_login(staff_user)

    response = client.get(
        f"/beheer/projecten/{open_proposal.project.slug}/voorstellen/{open_proposal.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )

    content = response.content.decode()
    for household in neighbours_disagree:
        assert household.dwelling.address in content
    assert content.count("<td>disagree</td>") == 9
