"""Publishing a version freezes it, fixes the households in scope and opens voting; a new version says what
changed and asks every household again."""

import pytest
from django.utils import timezone, translation

from decisions import services
from decisions.services import DecisionError
from decisions.tally import tally

pytestmark = pytest.mark.django_db


def test_publishing_opens_the_proposal_for_voting(open_proposal):
    assert open_proposal.status == "open"
    assert open_proposal.current_version.published_at is not None


def test_a_published_version_cannot_be_edited(open_proposal, staff_user):
    version = open_proposal.current_version
    with translation.override("en"), pytest.raises(DecisionError, match="can no longer be changed"):
        services.update_draft(version, by=staff_user, rent_increase=0)
    version.refresh_from_db()
    assert version.rent_increase == 25


def test_a_version_cannot_be_published_twice(open_proposal, staff_user):
    with pytest.raises(DecisionError):
        services.publish_version(open_proposal, open_proposal.current_version, by=staff_user)


def test_the_scope_is_the_active_households_with_a_home_plan(project, draft, staff_user, households):
    moved_out = households[-1]
    moved_out.ended_on = timezone.localdate()
    moved_out.save()
    proposal, version = draft
    services.publish_version(proposal, version, by=staff_user)
    assert set(version.scope.all()) == set(households[:-1])


def test_the_scope_is_fixed_when_published(open_proposal, households):
    households[0].ended_on = timezone.localdate()
    households[0].save()
    assert open_proposal.current_version.scope.count() == 10
    assert tally(open_proposal).scope == 10


def test_a_new_version_says_what_changed_and_counts_only_votes_on_it(open_proposal, staff_user, households):
    services.cast_vote(open_proposal, households[0], "agree", by=None)
    services.cast_vote(open_proposal, households[1], "agree", by=None)
    second = services.start_new_version(open_proposal, by=staff_user)
    assert second.number == 2 and second.rent_increase == 25  # the content is copied from version 1
    services.update_draft(second, by=staff_user, rent_increase=15, changes_since_previous="Huurverhoging € 15.")
    services.publish_version(open_proposal, second, by=staff_user)
    open_proposal.refresh_from_db()
    assert tally(open_proposal).agree == 0  # both must agree again to the changed proposal
    services.cast_vote(open_proposal, households[0], "agree", by=None)
    assert tally(open_proposal).agree == 1
    assert open_proposal.ballots.count() == 2  # the vote on version 1 is kept, not deleted
