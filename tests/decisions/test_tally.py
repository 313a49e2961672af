"""The count: agreement is a share of every household in scope, and the 70% line is exact."""

import pytest

from decisions.tally import tally

from .conftest import open_proposal_with, vote_all

pytestmark = pytest.mark.django_db


def test_the_count_covers_every_household_in_scope(open_proposal, households):
    vote_all(open_proposal, households, agree=5, disagree=2)
    count = tally(open_proposal)
    assert (count.scope, count.agree, count.disagree, count.no_vote) == (10, 5, 2, 3)
    assert count.response_rate == 0.7


def test_no_vote_counts_as_not_agreeing(open_proposal, households):
    vote_all(open_proposal, households, agree=6)  # nobody disagrees, four do not vote
    count = tally(open_proposal)
    assert count.agreement_share == 0.6
    assert not count.reaches_70


def test_exactly_70_percent_passes(open_proposal, households):
    vote_all(open_proposal, households, agree=7, disagree=3)
    count = tally(open_proposal)
    assert count.reaches_70 and count.ten_homes and count.presumed_reasonable


def test_just_under_70_percent_fails():
    proposal, households = open_proposal_with(homes=23)
    vote_all(proposal, households, agree=16, disagree=7)  # 69.6%
    count = tally(proposal)
    assert round(count.agreement_share * 100, 1) == 69.6
    assert not count.reaches_70 and not count.presumed_reasonable


def test_nine_homes_are_not_enough_for_the_presumption():
    proposal, households = open_proposal_with(homes=9)
    vote_all(proposal, households, agree=9)
    count = tally(proposal)
    assert count.reaches_70 and not count.ten_homes and not count.presumed_reasonable


def test_the_count_takes_two_queries(open_proposal, households, django_assert_num_queries):
    vote_all(open_proposal, households, agree=4, disagree=4)
    with django_assert_num_queries(2):
        tally(open_proposal)
