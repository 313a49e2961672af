"""The live count: after a vote or the close commits, every open proposal page hears that its count changed.

The core says "ballot.cast" (that a household voted, never how) and "proposal.closed" through renovatie.events,
whose subscribers run after commit. This module passes that on to the proposal's group as a bare
{"type": "tally.update"}; each connected TallyConsumer then counts afresh and sends the aggregates. Nothing about
the vote travels: not the household, not the choice. Without a channel layer or Redis the send fails quietly
and the page shows the new count when it is reloaded.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from renovatie import events

logger = logging.getLogger(__name__)

# The events after which the count a page shows is out of date.
COUNT_CHANGED = ("ballot.cast", "proposal.closed")


def group_name(proposal_id):
    return f"proposal.{proposal_id}"


def announce_count_changed(event):
    proposal_id = event.data["proposal"].pk
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(proposal_id), {"type": "tally.update"})
    except Exception:  # Redis down: the pages show the new count when they are reloaded
        logger.warning("count change of proposal %s not announced", proposal_id, exc_info=True)


def connect():
    """Subscribe to the core's events; called once, from DecisionsConfig.ready()."""
    for name in COUNT_CHANGED:
        events.subscribe(name, announce_count_changed)
