"""Changing a proposal's title and moments: everything while it is a draft, only a later closing moment while
voting is open (households count on it), nothing once it is closed."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from decisions import services
from decisions.models import Proposal
from decisions.services import DecisionError

from .conftest import end_voting

pytestmark = pytest.mark.django_db


def refused(proposal, by, match, **changes):
    with translation.override("en"), pytest.raises(DecisionError, match=match):
        services.update_proposal(proposal, by=by, **changes)


def test_a_draft_can_change_its_title_and_both_moments(draft, staff_user):
    proposal, _version = draft
    opens = timezone.now() + timedelta(days=2)

    services.update_proposal(
        proposal, by=staff_user, title="Nieuwe kozijnen", opens_at=opens, closes_at=opens + timedelta(days=10)
    )

    proposal.refresh_from_db()
    assert proposal.title == "Nieuwe kozijnen"
    assert proposal.opens_at == opens and proposal.closes_at == opens + timedelta(days=10)


def test_a_draft_must_close_after_it_opens(draft, staff_user):
    proposal, _version = draft
    refused(proposal, staff_user, "close after it opens", closes_at=proposal.opens_at - timedelta(hours=1))


def test_a_draft_needs_a_title(draft, staff_user):
    proposal, _version = draft
    refused(proposal, staff_user, "title", title="  ")


def test_voting_can_be_extended_while_open(open_proposal, staff_user):
    later = open_proposal.closes_at + timedelta(days=7)

    services.update_proposal(open_proposal, by=staff_user, closes_at=later)

    open_proposal.refresh_from_db()
    assert open_proposal.closes_at == later


def test_voting_cannot_be_shortened_while_open(open_proposal, staff_user):
    before = open_proposal.closes_at

    refused(open_proposal, staff_user, "not shortened", closes_at=before - timedelta(days=1))

    open_proposal.refresh_from_db()
    assert open_proposal.closes_at == before


def test_an_extension_must_end_in_the_future(open_proposal, staff_user):
    now = timezone.now()
    Proposal.objects.filter(pk=open_proposal.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now - timedelta(hours=2)
    )
    open_proposal.refresh_from_db()

    refused(open_proposal, staff_user, "already passed", closes_at=timezone.now() - timedelta(hours=1))


def test_the_title_and_opening_are_fixed_while_open(open_proposal, staff_user):
    refused(open_proposal, staff_user, "only the closing moment", title="Iets anders")
    refused(open_proposal, staff_user, "only the closing moment", opens_at=open_proposal.opens_at - timedelta(days=1))
    open_proposal.refresh_from_db()
    assert open_proposal.title == "Verduurzaming 2027"


def test_a_closed_proposal_is_frozen(open_proposal, staff_user):
    services.close(end_voting(open_proposal), by=staff_user)

    refused(open_proposal, staff_user, "frozen", closes_at=timezone.now() + timedelta(days=3))


def test_an_unchanged_value_is_no_change(open_proposal, staff_user):
    services.update_proposal(open_proposal, by=staff_user, title=open_proposal.title)

    open_proposal.refresh_from_db()
    assert open_proposal.title == "Verduurzaming 2027"
