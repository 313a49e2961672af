"""The one way a service tells the rest of the platform that something happened.

A service calls `emit("appointment.moved", project=..., actor=..., appointment=...)` inside its transaction.
Subscribers (live updates, notifications) run only after the transaction commits, so nobody hears of a change
that was rolled back. Features never call each other: they emit an event and subscribe to the ones they need.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

logger = logging.getLogger(__name__)

_subscribers = defaultdict(list)


@dataclass(frozen=True)
class Event:
    name: str
    data: dict = field(default_factory=dict)


def subscribe(name, handler):
    """Call `handler(event)` after commit for every event called `name` ("*" for all). Returns `handler`."""
    _subscribers[name].append(handler)
    return handler


def unsubscribe(name, handler):
    _subscribers[name].remove(handler)


def emit(name, **data):
    event = Event(name=name, data=data)
    transaction.on_commit(lambda: _deliver(event))
    return event


def _deliver(event):
    for handler in [*_subscribers[event.name], *_subscribers["*"]]:
        try:
            handler(event)
        except Exception:  # one broken subscriber must not stop the others, nor the request that emitted
            logger.exception("event subscriber %r failed for %s", handler, event.name)
