"""After 70% agreed, each household that did not agree gets a written notice; from its date it has eight weeks
to ask the court whether the proposal is reasonable."""

from datetime import date

import pytest

from decisions import services
from decisions.notices import court_deadline, easter_sunday, households_to_notify, period_starts

from .conftest import end_voting, vote_all


def test_the_eight_weeks_run_from_the_day_after_the_notice():
    assert period_starts(date(2027, 3, 2)) == date(2027, 3, 3)


def test_the_last_day_to_go_to_court_is_56_days_after_the_notice():
    assert court_deadline(date(2027, 3, 3)) == date(2027, 4, 28)  # a Wednesday, eight weeks on


def test_a_deadline_on_a_saturday_moves_to_monday():
    assert court_deadline(date(2027, 1, 9)) == date(2027, 3, 8)  # 6 March 2027 is a Saturday


def test_a_deadline_on_a_public_holiday_moves_to_the_next_working_day():
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert court_deadline(date(2027, 3, 22)) == date(2027, 5, 18)  # 17 May 2027 is Whit Monday


def test_kings_day_and_christmas_are_holidays():
    assert court_deadline(date(2026, 3, 2)) == date(2026, 4, 28)  # 27 April 2026, King's Day, is a Monday
    assert court_deadline(date(2026, 10, 30)) == date(2026, 12, 28)  # 25 Dec Friday, then the weekend


@pytest.mark.django_db
def test_households_that_did_not_agree_are_notified(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=7, disagree=2)  # the tenth household did not vote
    services.close(end_voting(open_proposal), by=staff_user)
    assert list(households_to_notify(open_proposal)) == households[7:]


@pytest.mark.django_db
def test_nobody_is_notified_when_70_percent_was_not_reached(open_proposal, households, staff_user):
    vote_all(open_proposal, households, agree=6, disagree=4)
    services.close(end_voting(open_proposal), by=staff_user)
    assert not households_to_notify(open_proposal).exists()


@pytest.mark.django_db
def test_nobody_is_notified_while_voting_is_open(open_proposal, households):
    vote_all(open_proposal, households, agree=10)
    assert not households_to_notify(open_proposal).exists()
