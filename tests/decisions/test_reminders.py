"""The hourly task reminds the households that have not voted when a proposal closes within three days: one
"proposal.closing_soon" event per proposal version, never twice, also when two workers run at once. Closing
announces the result ("proposal.closed" with project, proposal, result)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from decisions import services
from decisions.models import AuditEntry, Proposal
from decisions.tasks import emit_voting_reminders
from renovatie.events import subscribe, unsubscribe

from .conftest import end_voting, open_proposal_with, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """The "proposal.closing_soon" events emitted (after commit) while the test runs."""
    events = []
    subscribe("proposal.closing_soon", events.append)
    yield events
    unsubscribe("proposal.closing_soon", events.append)


def closes_in(proposal, delta):
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() + delta)
    proposal.refresh_from_db()
    return proposal


def run_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return emit_voting_reminders()


def test_households_without_a_vote_are_reminded_three_days_before_closing(
    open_proposal, households, heard, django_capture_on_commit_callbacks
):
    vote_all(open_proposal, households, agree=6, disagree=1)
    closes_in(open_proposal, timedelta(days=2, hours=23))

    assert run_task(django_capture_on_commit_callbacks) == 1

    (event,) = heard
    assert set(event.data) == {"project", "proposal", "households", "actor"}
    assert event.data["actor"] is None
    assert (event.data["project"], event.data["proposal"]) == (open_proposal.project, open_proposal)
    assert event.data["households"] == households[7:]
    (entry,) = AuditEntry.objects.filter(proposal=open_proposal, action=AuditEntry.Action.REMINDED)
    assert entry.actor is None and entry.details == {"version": 1, "households": 3}


def test_a_proposal_closing_later_is_not_reminded_yet(open_proposal, heard, django_capture_on_commit_callbacks):
    closes_in(open_proposal, timedelta(days=3, hours=1))

    assert run_task(django_capture_on_commit_callbacks) == 0
    assert heard == []


def test_the_reminder_is_emitted_once_per_version(open_proposal, staff_user, heard, django_capture_on_commit_callbacks):
    closes_in(open_proposal, timedelta(days=1))
    run_task(django_capture_on_commit_callbacks)
    run_task(django_capture_on_commit_callbacks)
    assert len(heard) == 1

    second = services.start_new_version(open_proposal, by=staff_user)
    services.update_draft(second, by=staff_user, changes_since_previous="Lagere huurverhoging.")
    services.publish_version(open_proposal, second, by=staff_user)
    run_task(django_capture_on_commit_callbacks)

    assert len(heard) == 2
    assert AuditEntry.objects.filter(proposal=open_proposal, action=AuditEntry.Action.REMINDED).count() == 2
    assert heard[1].data["proposal"].current_version == second
    second.refresh_from_db()
    assert second.closing_reminder_at is not None


def test_no_reminder_when_every_household_voted(open_proposal, households, heard, django_capture_on_commit_callbacks):
    vote_all(open_proposal, households, agree=10)
    closes_in(open_proposal, timedelta(hours=5))

    assert run_task(django_capture_on_commit_callbacks) == 0
    assert heard == []


def test_drafts_and_closed_proposals_are_not_reminded(
    project, draft, staff_user, heard, django_capture_on_commit_callbacks
):
    proposal, _version = draft
    closes_in(proposal, timedelta(days=1))
    closed, _households = open_proposal_with(homes=3)
    services.close(end_voting(closed), by=staff_user)

    assert run_task(django_capture_on_commit_callbacks) == 0
    assert heard == []


def test_closing_announces_the_result(open_proposal, households, staff_user, django_capture_on_commit_callbacks):
    closed_events = []
    subscribe("proposal.closed", closed_events.append)
    try:
        vote_all(open_proposal, households, agree=8)
        with django_capture_on_commit_callbacks(execute=True):
            snapshot = services.close(end_voting(open_proposal), by=staff_user)
    finally:
        unsubscribe("proposal.closed", closed_events.append)

    (event,) = closed_events
    assert event.data["project"] == open_proposal.project
    assert event.data["proposal"] == open_proposal
    assert event.data["result"] == snapshot


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_emit_one_reminder():
    proposal, households = open_proposal_with(homes=12)
    closes_in(proposal, timedelta(days=1))
    heard, errors = [], []
    subscribe("proposal.closing_soon", heard.append)
    barrier = threading.Barrier(4)

    def worker():
        barrier.wait()
        try:
            emit_voting_reminders()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=worker) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        unsubscribe("proposal.closing_soon", heard.append)

    assert errors == []
    assert len(heard) == 1
    assert len(heard[0].data["households"]) == 12
