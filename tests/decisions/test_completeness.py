"""Staff cannot open a proposal for voting until it says everything a reasonable proposal must say."""

import pytest
from django.utils import translation

from decisions import services
from decisions.services import DecisionError, missing_for_publication

from .conftest import COMPLETE

pytestmark = pytest.mark.django_db


def test_a_complete_proposal_misses_nothing(draft):
    _, version = draft
    assert missing_for_publication(version) == []


@pytest.mark.parametrize(
    "item",
    [
        "renovation_works",
        "maintenance_works",
        "rent_increase",
        "rent_increase_reasons",
        "duration_weeks",
        "tenants_stay_home",
        "starts_on",
        "completes_on",
        "other_allowances",
        "social_plan_reference",
    ],
)
def test_each_missing_item_is_named(draft, item):
    _, version = draft
    setattr(version, item, "" if isinstance(COMPLETE[item], str) else None)
    assert missing_for_publication(version) == [item]


def test_no_rent_increase_needs_no_reasons(draft):
    _, version = draft
    version.rent_increase, version.rent_increase_reasons = 0, ""
    assert missing_for_publication(version) == []


def test_tenants_who_leave_home_must_be_offered_a_temporary_home_and_a_moving_allowance(draft):
    _, version = draft
    version.tenants_stay_home = False
    assert missing_for_publication(version) == ["temporary_home", "moving_allowance"]
    version.temporary_home, version.moving_allowance = "Wisselwoning in de Kanaalstraat 2", 7_500
    assert missing_for_publication(version) == []


def test_a_second_version_must_say_what_changed(open_proposal, staff_user):
    second = services.start_new_version(open_proposal, by=staff_user)
    assert missing_for_publication(second) == ["changes_since_previous"]


def test_an_incomplete_proposal_is_not_published(project, staff_user):
    from .conftest import make_proposal

    proposal, version = make_proposal(project, staff_user, **{**COMPLETE, "social_plan_reference": ""})
    with translation.override("nl"), pytest.raises(DecisionError, match="Dit ontbreekt nog: sociaal plan"):
        services.publish_version(proposal, version, by=staff_user)
    proposal.refresh_from_db()
    assert proposal.status == "draft" and proposal.current_version is None
