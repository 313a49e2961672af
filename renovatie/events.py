"""The one way a service tells the rest of the platform that something happened.

A service calls `emit("appointment.moved", project=..., actor=..., appointment=...)` inside its transaction.
Subscribers (live updates, notifications) run only after the transaction commits, so nobody hears of a change
that was rolled back. Features never call each other: they emit an event and subscribe to the ones they need.

A subscriber that must write in the same transaction as the change (the notifications outbox: a notification
exists exactly when its change does) subscribes with `subscribe_in_transaction`; it runs synchronously inside
`emit`, in a savepoint, so its failure rolls back its own writes only and never the service's.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

logger = logging.getLogger(__name__)

_subscribers = defaultdict(list)
_in_transaction = defaultdict(list)


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


def subscribe_in_transaction(name, handler):
    """Call `handler(event)` inside the emitting transaction, at the moment of `emit`. Returns `handler`."""
    _in_transaction[name].append(handler)
    return handler


def unsubscribe_in_transaction(name, handler):
    _in_transaction[name].remove(handler)


def emit(name, **data):
    event = Event(name=name, data=data)
    for handler in [*_in_transaction[name], *_in_transaction["*"]]:
        try:
            with transaction.atomic():
                handler(event)
        except Exception:  # logged; the service's own change goes on (its transaction is intact after the savepoint)
            logger.exception("in-transaction subscriber %r failed for %s", handler, name)
    transaction.on_commit(lambda: _deliver(event))
    return event


def _deliver(event):
    for handler in [*_subscribers[event.name], *_subscribers["*"]]:
        try:
            handler(event)
        except Exception:  # one broken subscriber must not stop the others, nor the request that emitted
            logger.exception("event subscriber %r failed for %s", handler, event.name)
