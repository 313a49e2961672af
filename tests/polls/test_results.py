"""The results of a poll: counts per answer, shares of the voters, the response rate, and who sees them when."""

import pytest

from polls import services
from polls.models import Poll
from polls.results import results, results_visible
from projects.permissions import ProjectRole
from tests.factories import tenant

from .conftest import end_voting, make_poll, vote

pytestmark = pytest.mark.django_db


def test_shares_are_of_the_voters_and_the_response_rate_of_the_households(open_poll, tenants):
    for user, colour in zip(tenants[:4], ["Antraciet", "Antraciet", "Antraciet", "Okergeel"], strict=True):
        vote(open_poll, user, colour)
    count = results(open_poll)
    shares = {option.label: option.share for option in count.options}
    assert shares["Antraciet"] == 0.75 and shares["Okergeel"] == 0.25 and shares["Donkergroen"] == 0
    assert count.voters == 4 and count.eligible == 10
    assert count.response_rate == 0.4


def test_in_a_multiple_choice_poll_the_shares_add_up_to_more_than_everyone(project, staff_user, tenants):
    poll = make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE)
    vote(poll, tenants[0], "Antraciet", "Okergeel")
    vote(poll, tenants[1], "Antraciet")
    count = results(poll)
    assert count.multiple
    assert sum(option.share for option in count.options) == 1.5


def test_a_person_polls_response_rate_is_against_the_tenants(project, staff_user, households, tenants):
    poll = make_poll(project, staff_user, voters=Poll.Voters.PERSON)
    tenant(households[0])  # a second tenant in the first household: eleven people may vote
    vote(poll, tenants[0], "Antraciet")
    count = results(poll)
    assert count.eligible == 11 and count.voters == 1


def test_results_without_votes_show_nothing_but_zeros(open_poll):
    count = results(open_poll)
    assert count.voters == 0 and count.response_rate == 0
    assert all(option.votes == 0 and option.share == 0 for option in count.options)


def test_results_take_three_queries_whatever_the_number_of_answers(project, staff_user, django_assert_num_queries):
    poll = make_poll(project, staff_user, options=[f"Plan {n}" for n in range(12)])
    with django_assert_num_queries(3):
        results(poll)


# Who sees the results of a poll, per rule × role × open or closed.
ROLES = (ProjectRole.HOUSEHOLD, ProjectRole.CONTRACTOR, ProjectRole.STAFF, ProjectRole.PUBLIC)
# fmt: off
VISIBLE = {
    #  rule             state       household contractor staff  outsider
    ("live",          "open"):    (True,     True,      True,  False),
    ("live",          "closed"):  (True,     True,      True,  False),
    ("after_closing", "open"):    (False,    False,     True,  False),
    ("after_closing", "ended"):   (True,     True,      True,  False),
    ("after_closing", "closed"):  (True,     True,      True,  False),
    ("staff_only",    "open"):    (False,    False,     True,  False),
    ("staff_only",    "closed"):  (False,    False,     True,  False),
    ("live",          "draft"):   (False,    False,     True,  False),
}
# fmt: on


@pytest.mark.parametrize(("rule", "state"), list(VISIBLE))
def test_who_sees_the_results(project, staff_user, rule, state):
    poll = make_poll(project, staff_user, results_visibility=rule, opened=state != "draft")
    if state == "closed":
        services.close_poll(poll, by=staff_user)
    if state == "ended":  # past its closing moment, not yet marked closed
        end_voting(poll)
    poll.refresh_from_db()
    seen = tuple(results_visible(poll, role) for role in ROLES)
    assert seen == VISIBLE[(rule, state)]
