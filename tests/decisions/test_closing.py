"""Closing freezes the result in a certified snapshot whose hash detects any later change to a ballot."""

import pytest
from django.utils import translation

from decisions import services
from decisions.models import Ballot
from decisions.services import DecisionError

from .conftest import end_voting, vote_all

pytestmark = pytest.mark.django_db


def test_closing_freezes_the_result(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=7, disagree=2)
    snapshot = services.close(end_voting(open_proposal), by=staff_user)
    assert (snapshot.scope_size, snapshot.agree, snapshot.disagree, snapshot.no_vote) == (10, 7, 2, 1)
    assert snapshot.reaches_70 and snapshot.ten_homes and snapshot.presumed_reasonable
    assert snapshot.version_number == 1 and snapshot.certified_by == staff_user
    assert len(snapshot.ballots_hash) == 64
    open_proposal.refresh_from_db()
    assert open_proposal.status == "closed"


def test_a_proposal_cannot_be_closed_twice(open_proposal, staff_user):
    services.close(end_voting(open_proposal), by=staff_user)
    with translation.override("en"), pytest.raises(DecisionError, match="already closed"):
        services.close(open_proposal, by=staff_user)


def test_a_proposal_cannot_be_closed_before_its_closing_moment(open_proposal, staff_user):
    with translation.override("en"), pytest.raises(DecisionError, match="open until"):
        services.close(open_proposal, by=staff_user)


def test_nobody_votes_after_closing(open_proposal, households, staff_user):
    services.close(end_voting(open_proposal), by=staff_user)
    with pytest.raises(DecisionError):
        services.record_paper_vote(open_proposal, households[0], "agree", entered_by=staff_user)


def test_an_untouched_snapshot_verifies(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=7, disagree=3)
    snapshot = services.close(end_voting(open_proposal), by=staff_user)
    assert services.verify_snapshot(snapshot)


def test_the_snapshot_hash_detects_a_changed_ballot(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=7, disagree=3)
    snapshot = services.close(end_voting(open_proposal), by=staff_user)
    Ballot.objects.filter(household=households[0]).update(choice="disagree")  # tampering behind the service
    assert not services.verify_snapshot(snapshot)
