"""The polls admin for corporation staff: lists stay within the own corporation, polls open and close through
polls.services as actions, and votes are not in the admin at all (polls are anonymous, staff included)."""

import pytest
from django.contrib import admin

from polls.models import Poll, PollOption, PollVote
from tests.factories import ComplexFactory, CorporationFactory, project_in_execution, staff_member

from .conftest import make_poll, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def other_poll():
    """An open poll of another corporation's project."""
    project = project_in_execution(homes=2, slug="elders", complex=ComplexFactory(corporation=CorporationFactory()))
    return make_poll(project, staff_member(project.corporation))


def run_action(client, action, polls):
    return client.post(
        "/admin/polls/poll/", {"action": action, "_selected_action": [poll.pk for poll in polls]}, follow=True
    )


def test_staff_see_only_their_own_corporations_polls(staff_client, open_poll, other_poll):
    response = staff_client.get("/admin/polls/poll/")
    assert set(response.context["cl"].result_list) == {open_poll}
    assert staff_client.get(f"/admin/polls/poll/{other_poll.pk}/change/").status_code == 302  # "doesn't exist"


def test_a_poll_page_in_the_admin_is_for_looking_at(staff_client, open_poll):
    response = staff_client.get(f"/admin/polls/poll/{open_poll.pk}/change/")
    assert response.status_code == 200
    assert open_poll.question in response.content.decode()
    assert not response.context["has_change_permission"]


def test_staff_open_a_draft_with_the_action(staff_client, project, staff_user):
    draft = make_poll(project, staff_user, opened=False)
    response = run_action(staff_client, "open_polls", [draft])
    draft.refresh_from_db()
    assert draft.status == Poll.Status.OPEN
    assert f"{draft.question} is open." in [str(message) for message in response.context["messages"]]


def test_closing_twice_with_the_action_says_why_not(staff_client, open_poll, staff_user):
    run_action(staff_client, "close_polls", [open_poll])
    response = run_action(staff_client, "close_polls", [open_poll])
    open_poll.refresh_from_db()
    assert open_poll.status == Poll.Status.CLOSED
    assert any("already closed" in str(message) for message in response.context["messages"])


def test_the_action_does_not_reach_another_corporations_poll(staff_client, other_poll):
    run_action(staff_client, "close_polls", [other_poll])
    other_poll.refresh_from_db()
    assert other_poll.status == Poll.Status.OPEN


def test_votes_are_not_in_the_admin(staff_client, open_poll, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    assert not admin.site.is_registered(PollVote)
    assert not admin.site.is_registered(PollOption)
    assert staff_client.get("/admin/polls/pollvote/").status_code == 404
