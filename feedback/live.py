"""Live discussion updates: every change is numbered in the database first, then announced after commit.

A service calls `record(name, thread, post=None)` inside its transaction. The LiveEvent row commits with the
change itself, so a page that reconnects can always catch up from its last event id; after commit, the
project's (or complex's) group hears the event id and each connected consumer renders the fragment for its
own viewer (what a tenant and a staff member may see differs). Without Redis the send fails quietly: pages
still work by reloading, and the events wait in the table.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import LiveEvent

logger = logging.getLogger(__name__)

# What the open pages must redraw: a new thread in the list, a new post in its place in the tree, a post that
# was edited, hidden or shown again, a thread whose counters or status changed.
NAMES = {"thread.started", "post.created", "post.updated", "thread.updated"}


def group_name(*, project_id=None, complex_id=None):
    return f"discussion.project.{project_id}" if project_id else f"discussion.complex.{complex_id}"


def record(name, thread, post=None):
    if name not in NAMES:
        raise ValueError(f"unknown live event {name!r}")
    event = LiveEvent.objects.create(
        project_id=thread.project_id, complex_id=thread.complex_id, name=name, thread=thread, post=post
    )
    group = group_name(project_id=thread.project_id, complex_id=thread.complex_id)
    transaction.on_commit(lambda: _announce(group, event.pk))
    return event


def _announce(group, event_id):
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "discussion.event", "event_id": event_id})
    except Exception:  # Redis down: live updates pause, nothing is lost (the row is committed)
        logger.warning("live event %s not announced to %s", event_id, group, exc_info=True)


def latest_event_id(*, project=None, complex=None):
    """The newest event of a project's (or complex's) discussions, 0 if none: a page renders it into its socket
    address so that, when it connects or reconnects, it hears of everything that happened since."""
    events = (
        LiveEvent.objects.filter(project=project) if project is not None else LiveEvent.objects.filter(complex=complex)
    )
    return events.order_by("-pk").values_list("pk", flat=True).first() or 0
