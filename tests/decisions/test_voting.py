"""A household votes while voting is open, may change its vote until closing, and staff can enter a paper vote."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from decisions import services
from decisions.models import Ballot, BallotChange, Proposal
from decisions.services import DecisionError
from decisions.tally import tally
from renovatie.events import subscribe, unsubscribe
from tests.factories import HouseholdFactory

from .conftest import end_voting, open_proposal_with

pytestmark = pytest.mark.django_db


def test_a_household_votes_once_and_it_counts(open_proposal, households, voter):
    ballot = services.cast_vote(open_proposal, households[0], "agree", by=voter)
    assert ballot.cast_by == voter and not ballot.on_paper
    assert ballot.version == open_proposal.current_version
    assert tally(open_proposal).agree == 1


def test_a_changed_vote_counts_once_and_its_history_is_kept(open_proposal, households, voter):
    services.cast_vote(open_proposal, households[0], "agree", by=voter)
    services.cast_vote(open_proposal, households[0], "disagree", by=voter)
    count = tally(open_proposal)
    assert (count.agree, count.disagree) == (0, 1)
    assert Ballot.objects.count() == 1
    history = BallotChange.objects.filter(ballot__household=households[0])
    assert [(c.from_choice, c.to_choice) for c in history] == [("", "agree"), ("agree", "disagree")]


def test_a_paper_vote_is_marked_with_who_entered_it(open_proposal, households, staff_user):
    ballot = services.record_paper_vote(open_proposal, households[1], "agree", entered_by=staff_user)
    assert ballot.on_paper and ballot.entered_by == staff_user and ballot.cast_by is None
    assert ballot.changes.get().entered_by == staff_user
    assert tally(open_proposal).agree == 1


def test_voting_before_the_opening_is_refused(open_proposal, households, voter):
    Proposal.objects.filter(pk=open_proposal.pk).update(opens_at=timezone.now() + timedelta(days=1))
    with translation.override("en"), pytest.raises(DecisionError, match="has not opened yet"):
        services.cast_vote(open_proposal, households[0], "agree", by=voter)


def test_voting_after_the_closing_moment_is_refused(open_proposal, households, voter):
    end_voting(open_proposal)
    with translation.override("en"), pytest.raises(DecisionError, match="closed on"):
        services.cast_vote(open_proposal, households[0], "agree", by=voter)
    assert not Ballot.objects.exists()


def test_voting_on_a_draft_is_refused(draft, households, voter):
    proposal, _ = draft
    with translation.override("en"), pytest.raises(DecisionError, match="has not opened yet"):
        services.cast_vote(proposal, households[0], "agree", by=voter)


def test_a_household_out_of_scope_cannot_vote(open_proposal):
    outsider = HouseholdFactory()
    with translation.override("en"), pytest.raises(DecisionError, match="not for your home"):
        services.cast_vote(open_proposal, outsider, "agree", by=None)


def test_the_refusal_is_in_dutch_for_dutch_tenants(open_proposal):
    with translation.override("nl"), pytest.raises(DecisionError, match="niet voor uw woning"):
        services.cast_vote(open_proposal, HouseholdFactory(), "agree", by=None)


def test_a_vote_must_be_agree_or_disagree(open_proposal, households):
    with pytest.raises(DecisionError):
        services.cast_vote(open_proposal, households[0], "maybe", by=None)


def test_the_ballot_cast_event_does_not_say_how_the_household_voted(
    open_proposal, households, voter, django_capture_on_commit_callbacks
):
    heard = []
    handler = subscribe("ballot.cast", heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.cast_vote(open_proposal, households[0], "disagree", by=voter)
    finally:
        unsubscribe("ballot.cast", handler)
    (event,) = heard
    assert event.data["household"] == households[0]
    assert "choice" not in event.data
    assert not any(isinstance(value, Ballot) or "disagree" in str(value) for value in event.data.values())


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_votes_count_every_household_once():
    proposal, households = open_proposal_with(homes=100)
    # Every household votes twice at the same moment (agree and disagree): 200 threads start together. At most
    # 40 hold a database connection at once, as PostgreSQL allows 100 connections by default for everyone.
    attempts = [(household, choice) for household in households for choice in ("agree", "disagree")]
    barrier = threading.Barrier(len(attempts))
    connections = threading.BoundedSemaphore(40)
    errors = []

    def vote(household, choice):
        barrier.wait()
        with connections:
            try:
                services.cast_vote(proposal, household, choice, by=None)
            except Exception as error:  # any failure is reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

    threads = [threading.Thread(target=vote, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Ballot.objects.filter(proposal=proposal).count() == 100
    assert BallotChange.objects.filter(ballot__proposal=proposal).count() == 200
    count = tally(proposal)
    assert count.agree + count.disagree == 100 and count.no_vote == 0
