"""Staff make a poll, change it while nobody has voted, open it and close it; opening and closing are events."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from polls import services
from polls.models import Poll
from polls.services import PollError
from renovatie.events import subscribe, unsubscribe

from .conftest import COLOURS, end_voting, make_poll, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    heard = []

    def listen(event):
        heard.append(event)

    subscribe("*", listen)
    yield heard
    unsubscribe("*", listen)


def test_a_new_poll_is_a_draft_with_its_answers_in_order(project, staff_user):
    poll = make_poll(project, staff_user, opened=False)
    assert poll.status == Poll.Status.DRAFT
    assert list(poll.options.values_list("label", flat=True)) == COLOURS


def test_a_poll_needs_two_answers(project, staff_user):
    with pytest.raises(PollError, match="at least two answers"):
        make_poll(project, staff_user, options=["Groen", "  "], opened=False)
    assert not Poll.objects.exists()


def test_the_same_answer_twice_is_refused(project, staff_user):
    with pytest.raises(PollError, match="only once"):
        make_poll(project, staff_user, options=["Groen", "groen"], opened=False)


def test_a_maximum_above_the_number_of_answers_is_refused(project, staff_user):
    with pytest.raises(PollError, match="between 1 and the number of answers"):
        make_poll(project, staff_user, kind=Poll.Kind.MULTIPLE, max_choices=5, opened=False)


def test_a_single_choice_poll_keeps_no_maximum(project, staff_user):
    poll = make_poll(project, staff_user, kind=Poll.Kind.SINGLE, max_choices=2, opened=False)
    assert poll.max_choices is None


def test_a_draft_can_be_changed_and_its_answers_replaced(project, staff_user):
    poll = make_poll(project, staff_user, opened=False)
    services.update_poll(poll, by=staff_user, question="Welke kleur krijgen de kozijnen?", options=["Wit", "Zwart"])
    poll.refresh_from_db()
    assert poll.question == "Welke kleur krijgen de kozijnen?"
    assert list(poll.options.values_list("label", flat=True)) == ["Wit", "Zwart"]


def test_an_open_poll_without_votes_can_still_be_changed(open_poll, staff_user):
    services.update_poll(open_poll, by=staff_user, explanation="Kies de kleur die u het mooist vindt.")
    open_poll.refresh_from_db()
    assert open_poll.explanation == "Kies de kleur die u het mooist vindt."


def test_a_poll_with_a_vote_can_no_longer_be_changed(open_poll, staff_user, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    with pytest.raises(PollError, match="Someone has voted already"):
        services.update_poll(open_poll, by=staff_user, question="Iets anders?")
    open_poll.refresh_from_db()
    assert open_poll.question == "Welke kleur krijgen de voordeuren?"


def test_the_refusal_is_in_dutch_for_dutch_staff(open_poll, staff_user, tenants):
    vote(open_poll, tenants[0], "Antraciet")
    with translation.override("nl"), pytest.raises(PollError, match="Er is al gestemd"):
        services.update_poll(open_poll, by=staff_user, question="Iets anders?")


def test_opening_a_poll_emits_poll_opened(project, staff_user, events, django_capture_on_commit_callbacks):
    poll = make_poll(project, staff_user, opened=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_poll(poll, by=staff_user)
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN and poll.opens_at is not None
    (event,) = [event for event in events if event.name == "poll.opened"]
    assert event.data == {"project": project, "actor": staff_user, "poll": poll}


def test_a_poll_cannot_open_with_its_closing_moment_passed(project, staff_user):
    poll = make_poll(project, staff_user, opened=False, closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(PollError, match="in the future"):
        services.open_poll(poll, by=staff_user)


def test_an_open_poll_cannot_be_opened_again(open_poll, staff_user):
    with pytest.raises(PollError, match="Only a draft poll can be opened"):
        services.open_poll(open_poll, by=staff_user)


def test_closing_a_poll_early_sets_its_closing_moment_and_emits_poll_closed(
    project, staff_user, events, django_capture_on_commit_callbacks
):
    poll = make_poll(project, staff_user, closes_at=timezone.now() + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        services.close_poll(poll, by=staff_user)
    poll.refresh_from_db()
    assert poll.status == Poll.Status.CLOSED
    assert poll.closes_at <= timezone.now()
    (event,) = [event for event in events if event.name == "poll.closed"]
    assert event.data == {"project": project, "actor": staff_user, "poll": poll}


def test_closing_twice_is_refused(open_poll, staff_user):
    services.close_poll(open_poll, by=staff_user)
    with pytest.raises(PollError, match="already closed"):
        services.close_poll(open_poll, by=staff_user)


def test_a_closed_poll_can_never_be_changed(open_poll, staff_user):
    services.close_poll(open_poll, by=staff_user)
    with pytest.raises(PollError, match="closed"):
        services.update_poll(open_poll, by=staff_user, question="Iets anders?")


def test_due_polls_are_closed_by_the_periodic_job_without_an_actor(
    project, staff_user, events, django_capture_on_commit_callbacks
):
    due = make_poll(project, staff_user, closes_at=timezone.now() + timedelta(hours=1))
    later = make_poll(project, staff_user, closes_at=timezone.now() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_due_polls(now=timezone.now() + timedelta(hours=2)) == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Poll.Status.CLOSED and later.status == Poll.Status.OPEN
    (event,) = [event for event in events if event.name == "poll.closed"]
    assert event.data["actor"] is None and event.data["poll"] == due


def test_the_close_due_polls_command_closes_what_is_due(project, staff_user):
    due = make_poll(project, staff_user)
    end_voting(due)
    out = StringIO()
    call_command("close_due_polls", stdout=out)
    due.refresh_from_db()
    assert due.status == Poll.Status.CLOSED and "Closed 1 poll(s)." in out.getvalue()
