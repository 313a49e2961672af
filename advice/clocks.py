"""The clocks of an advice under the Overlegwet, as pure functions of dates (no database, no "now").

Wet op het overleg huurders verhuurder, article 5, as in force on 23 November 2026 (read that day):
- 5(1): the landlord does not carry out an intended change of policy until it has given the tenant organisation
  or residents' committee, within a period it sets of AT LEAST SIX WEEKS after providing the information of art. 4,
  the opportunity to consult and, if the organisation wishes, to give written advice.
- 5(2): within FOURTEEN DAYS of receiving written advice, the landlord tells the organisation in writing its
  reasons, if it does not follow the advice wholly or in part.
- 5(3): the landlord may carry out its intention (a) after a written statement of the organisation that it has
  no objection; (b) after the period of 5(1) has passed; (c) THREE DAYS after the organisation received the
  written statement of 5(2).

How this module reads it (documented choices, each tested in tests/advice/test_clocks.py):
1. Advice due = packet sent + 6 weeks (42 days, the same weekday). The landlord may set a longer period: staff
   record an agreed later date, which then replaces the six weeks. The committee has the whole due day.
2. The response clock runs only when the advice does not simply agree (the committee has objections or
   conditions): the corporation may still follow it, but only a written response settles that, so it is due
   14 days after the advice was received and is flagged when late. An agreeing advice needs no response.
3. May proceed from:
   - the day the agreeing advice was received (5(3)(a));
   - the day after the advice period ended when no advice came (5(3)(b));
   - three days after a response that departs from the advice (5(3)(c)). We count from the day the response was
     sent, reading it as handed over or e-mailed that day; staff who post it should record the day it arrives;
   - the day of a response that follows the advice wholly (nothing to wait for).
   An advice that arrives after its due date is still an advice on the table: the platform does not say "may
   proceed" past it, it follows rule 3 for that advice.
4. Plain calendar days, not extended by the Algemene termijnenwet: for the corporation's own duties the
   unextended date is the safe side, and the six-week period is a minimum the corporation sets anyway.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

ADVICE_PERIOD = timedelta(weeks=6)
RESPONSE_PERIOD = timedelta(days=14)
WAIT_AFTER_RESPONSE = timedelta(days=3)


class State(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    MET = "met"
    OVERDUE = "overdue"
    NOT_NEEDED = "not_needed"


@dataclass(frozen=True)
class Clock:
    """One deadline: when it falls (`due_on`), what happened (`done_on`) and where it stands on `today`."""

    state: State
    due_on: date | None = None
    done_on: date | None = None
    today: date | None = None

    @property
    def days_left(self):
        """Days until the due day, while running: 0 on the due day itself."""
        if self.state != State.RUNNING or self.due_on is None:
            return None
        return (self.due_on - self.today).days

    @property
    def days_overdue(self):
        if self.state != State.OVERDUE:
            return None
        return (self.today - self.due_on).days

    @property
    def is_overdue(self):
        return self.state == State.OVERDUE

    @property
    def was_late(self):
        """Met, but after the due day."""
        return self.state == State.MET and self.due_on is not None and self.done_on > self.due_on


def advice_due(packet_sent_on, extended_to=None):
    """The last day for the written advice: an agreed later date, or six weeks after the packet was sent."""
    if packet_sent_on is None:
        return None
    return extended_to or packet_sent_on + ADVICE_PERIOD


def response_due(advice_received_on):
    """The last day for the corporation's reasoned response: 14 days after it received the advice."""
    return advice_received_on + RESPONSE_PERIOD


def _deadline(due_on, done_on, today):
    if done_on is not None:
        return Clock(State.MET, due_on, done_on, today)
    if today > due_on:
        return Clock(State.OVERDUE, due_on, None, today)
    return Clock(State.RUNNING, due_on, None, today)


def advice_clock(*, packet_sent_on, advice_received_on, extended_to, today):
    """Not started until the packet is sent; then running until the advice comes, overdue after the due day."""
    if packet_sent_on is None:
        return Clock(State.NOT_STARTED, today=today)
    return _deadline(advice_due(packet_sent_on, extended_to), advice_received_on, today)


def response_clock(*, advice_received_on, advice_agrees, response_sent_on, today):
    """Not started until the advice comes; not needed when it agrees; else 14 days for the written response."""
    if advice_received_on is None:
        return Clock(State.NOT_STARTED, today=today)
    if advice_agrees:
        return Clock(State.NOT_NEEDED, today=today)
    return _deadline(response_due(advice_received_on), response_sent_on, today)


def may_proceed_from(
    *, packet_sent_on, extended_to, advice_received_on, advice_agrees, response_sent_on, response_departs, today
):
    """The earliest day the plan may be carried out, or None while it depends on a step still to come."""
    if packet_sent_on is None:
        return None
    if advice_received_on is None:
        due = advice_due(packet_sent_on, extended_to)
        return due + timedelta(days=1) if today > due else None
    if advice_agrees:
        return advice_received_on
    if response_sent_on is None:
        return None
    return response_sent_on + WAIT_AFTER_RESPONSE if response_departs else response_sent_on


def proceed_clock(**dates):
    """Not started while the earliest day is unknown; running (waiting) before it; met from that day on."""
    today = dates["today"]
    earliest = may_proceed_from(**dates)
    if earliest is None:
        return Clock(State.NOT_STARTED, today=today)
    if today < earliest:
        return Clock(State.RUNNING, earliest, None, today)
    return Clock(State.MET, earliest, earliest, today)


@dataclass(frozen=True)
class Clocks:
    advice: Clock
    response: Clock
    proceed: Clock

    @property
    def overdue(self):
        """The clocks that are overdue, by name: what staff must act on."""
        return [name for name in ("advice", "response") if getattr(self, name).is_overdue]


def clocks_for(request, today):
    """The three clocks of an AdviceRequest (or anything with its date fields) on `today`."""
    dates = {
        "packet_sent_on": request.packet_sent_on,
        "extended_to": request.advice_due_extended_to,
        "advice_received_on": request.advice_received_on,
        "advice_agrees": request.advice_agrees,
        "response_sent_on": request.response_sent_on,
        "response_departs": request.response_departs,
        "today": today,
    }
    return Clocks(
        advice=advice_clock(
            packet_sent_on=request.packet_sent_on,
            advice_received_on=request.advice_received_on,
            extended_to=request.advice_due_extended_to,
            today=today,
        ),
        response=response_clock(
            advice_received_on=request.advice_received_on,
            advice_agrees=request.advice_agrees,
            response_sent_on=request.response_sent_on,
            today=today,
        ),
        proceed=proceed_clock(**dates),
    )
