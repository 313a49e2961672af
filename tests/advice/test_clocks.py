"""Every Overlegwet clock at its edges: the day before, the day of and the day after; month ends; a leap year."""

from datetime import date
from types import SimpleNamespace

import pytest

from advice.clocks import (
    State,
    advice_clock,
    advice_due,
    clocks_for,
    may_proceed_from,
    proceed_clock,
    response_clock,
    response_due,
)


def advice(**dates):
    fields = {
        "packet_sent_on": None,
        "advice_due_extended_to": None,
        "advice_received_on": None,
        "advice_agrees": None,
        "response_sent_on": None,
        "response_departs": None,
    }
    return SimpleNamespace(**{**fields, **dates})


# --- advice due: packet sent + six weeks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (date(2026, 3, 2), date(2026, 4, 13)),
        (date(2026, 1, 31), date(2026, 3, 14)),  # across the end of February in a common year
        (date(2028, 1, 31), date(2028, 3, 13)),  # 2028 is a leap year: 29 February counts
        (date(2028, 2, 29), date(2028, 4, 11)),  # sent on the leap day
        (date(2026, 12, 1), date(2027, 1, 12)),  # across the year end
        (date(2026, 11, 30), date(2027, 1, 11)),
    ],
)
def test_the_advice_is_due_six_weeks_after_the_packet_was_sent(sent, due):
    assert advice_due(sent) == due
    assert due.weekday() == sent.weekday()


def test_an_agreed_later_date_replaces_the_six_weeks():
    assert advice_due(date(2026, 3, 2), date(2026, 5, 1)) == date(2026, 5, 1)


def test_the_advice_clock_has_not_started_before_the_packet_is_sent():
    clock = advice_clock(packet_sent_on=None, advice_received_on=None, extended_to=None, today=date(2026, 3, 2))
    assert clock.state == State.NOT_STARTED
    assert clock.due_on is None


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        (date(2026, 3, 2), State.RUNNING, 42),  # the day the packet is sent
        (date(2026, 4, 12), State.RUNNING, 1),  # the day before the due day
        (date(2026, 4, 13), State.RUNNING, 0),  # the due day itself belongs to the committee
        (date(2026, 4, 14), State.OVERDUE, None),  # the day after
    ],
)
def test_the_advice_clock_runs_until_the_end_of_the_due_day(today, state, days_left):
    clock = advice_clock(packet_sent_on=date(2026, 3, 2), advice_received_on=None, extended_to=None, today=today)
    assert clock.state == state
    assert clock.days_left == days_left


def test_an_overdue_advice_clock_counts_the_days_overdue():
    clock = advice_clock(
        packet_sent_on=date(2026, 3, 2), advice_received_on=None, extended_to=None, today=date(2026, 4, 20)
    )
    assert clock.is_overdue and clock.days_overdue == 7


def test_an_extension_keeps_the_advice_clock_running_past_six_weeks():
    clock = advice_clock(
        packet_sent_on=date(2026, 3, 2),
        advice_received_on=None,
        extended_to=date(2026, 5, 1),
        today=date(2026, 4, 14),
    )
    assert clock.state == State.RUNNING and clock.days_left == 17


@pytest.mark.parametrize(
    ("received", "late"),
    [(date(2026, 4, 12), False), (date(2026, 4, 13), False), (date(2026, 4, 14), True)],
)
def test_advice_received_meets_the_clock_and_says_whether_it_was_late(received, late):
    clock = advice_clock(
        packet_sent_on=date(2026, 3, 2), advice_received_on=received, extended_to=None, today=date(2026, 6, 1)
    )
    assert clock.state == State.MET
    assert clock.was_late is late
    assert clock.days_left is None


# --- response due: advice received + 14 days, when the advice does not simply agree ------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 4, 13), date(2026, 4, 27)),
        (date(2026, 2, 20), date(2026, 3, 6)),  # across February in a common year
        (date(2028, 2, 20), date(2028, 3, 5)),  # and in a leap year, one day earlier in March
        (date(2026, 12, 25), date(2027, 1, 8)),
        (date(2026, 1, 31), date(2026, 2, 14)),
    ],
)
def test_the_response_is_due_fourteen_days_after_the_advice(received, due):
    assert response_due(received) == due


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        (date(2026, 4, 26), State.RUNNING, 1),
        (date(2026, 4, 27), State.RUNNING, 0),
        (date(2026, 4, 28), State.OVERDUE, None),
    ],
)
def test_the_response_clock_runs_until_the_end_of_its_due_day(today, state, days_left):
    clock = response_clock(
        advice_received_on=date(2026, 4, 13), advice_agrees=False, response_sent_on=None, today=today
    )
    assert clock.state == state and clock.days_left == days_left


def test_the_response_clock_waits_for_the_advice():
    clock = response_clock(advice_received_on=None, advice_agrees=None, response_sent_on=None, today=date(2026, 4, 1))
    assert clock.state == State.NOT_STARTED


def test_an_agreeing_advice_needs_no_response():
    clock = response_clock(
        advice_received_on=date(2026, 4, 13), advice_agrees=True, response_sent_on=None, today=date(2026, 6, 1)
    )
    assert clock.state == State.NOT_NEEDED
    assert not clock.is_overdue


def test_a_response_sent_on_the_due_day_is_met_on_time():
    clock = response_clock(
        advice_received_on=date(2026, 4, 13),
        advice_agrees=False,
        response_sent_on=date(2026, 4, 27),
        today=date(2026, 6, 1),
    )
    assert clock.state == State.MET and not clock.was_late


# --- may proceed from ------------------------------------------------------------------------------------------


def proceed(today, **dates):
    fields = {
        "packet_sent_on": date(2026, 3, 2),
        "extended_to": None,
        "advice_received_on": None,
        "advice_agrees": None,
        "response_sent_on": None,
        "response_departs": None,
    }
    return proceed_clock(**{**fields, **dates, "today": today})


@pytest.mark.parametrize(
    ("today", "state"),
    [(date(2026, 4, 29), State.RUNNING), (date(2026, 4, 30), State.MET), (date(2026, 5, 1), State.MET)],
)
def test_the_plan_may_proceed_three_days_after_a_departing_response(today, state):
    clock = proceed(
        today,
        advice_received_on=date(2026, 4, 13),
        advice_agrees=False,
        response_sent_on=date(2026, 4, 27),
        response_departs=True,
    )
    assert clock.due_on == date(2026, 4, 30)
    assert clock.state == state


@pytest.mark.parametrize(
    ("response", "earliest"),
    [
        (date(2026, 2, 27), date(2026, 3, 2)),  # over the end of February, common year
        (date(2028, 2, 27), date(2028, 3, 1)),  # leap year: 29 February is one of the three days
        (date(2026, 12, 30), date(2027, 1, 2)),
    ],
)
def test_the_three_days_count_calendar_days_over_month_ends(response, earliest):
    assert (
        may_proceed_from(
            packet_sent_on=date(2025, 12, 1),
            extended_to=None,
            advice_received_on=date(2026, 1, 20),
            advice_agrees=False,
            response_sent_on=response,
            response_departs=True,
            today=date(2029, 1, 1),
        )
        == earliest
    )


def test_the_plan_may_proceed_on_the_day_an_agreeing_advice_arrives():
    clock = proceed(date(2026, 4, 13), advice_received_on=date(2026, 4, 13), advice_agrees=True)
    assert clock.state == State.MET and clock.due_on == date(2026, 4, 13)


def test_the_plan_may_proceed_on_the_day_of_a_response_that_follows_the_advice():
    clock = proceed(
        date(2026, 4, 20),
        advice_received_on=date(2026, 4, 13),
        advice_agrees=False,
        response_sent_on=date(2026, 4, 20),
        response_departs=False,
    )
    assert clock.state == State.MET and clock.due_on == date(2026, 4, 20)


@pytest.mark.parametrize(
    ("today", "state", "earliest"),
    [
        (date(2026, 4, 13), State.NOT_STARTED, None),  # the committee still has the due day
        (date(2026, 4, 14), State.MET, date(2026, 4, 14)),  # no advice came: the period has passed
    ],
)
def test_without_advice_the_plan_may_proceed_the_day_after_the_period(today, state, earliest):
    clock = proceed(today)
    assert clock.state == state and clock.due_on == earliest


def test_without_advice_an_extension_moves_the_day_the_plan_may_proceed():
    assert proceed(date(2026, 5, 1), extended_to=date(2026, 5, 1)).state == State.NOT_STARTED
    assert proceed(date(2026, 5, 2), extended_to=date(2026, 5, 1)).due_on == date(2026, 5, 2)


def test_a_disagreeing_advice_without_response_keeps_the_plan_waiting():
    clock = proceed(date(2026, 9, 1), advice_received_on=date(2026, 4, 13), advice_agrees=False)
    assert clock.state == State.NOT_STARTED


def test_nothing_can_proceed_before_the_packet_is_sent():
    assert proceed(date(2026, 9, 1), packet_sent_on=None).state == State.NOT_STARTED


# --- the three together ------------------------------------------------------------------------------------------


def test_clocks_for_names_the_overdue_clocks():
    late_response = advice(packet_sent_on=date(2026, 3, 2), advice_received_on=date(2026, 4, 13), advice_agrees=False)
    assert clocks_for(late_response, date(2026, 4, 28)).overdue == ["response"]
    assert clocks_for(advice(packet_sent_on=date(2026, 3, 2)), date(2026, 4, 14)).overdue == ["advice"]
    assert clocks_for(advice(), date(2026, 4, 14)).overdue == []
