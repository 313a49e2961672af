"""Consumers that follow one channel-layer group, and stay in it exactly as long as their socket is open.

The channel layer forgets a member after CHANNEL_GROUP_EXPIRY seconds (settings). That is what clears out the
sockets a restart cut off without a goodbye: before, their members stayed a day, and every message to the group
was also sent to each of them (2,477 such members made a reply's announcement take 30 ms). A socket that stays
open therefore renews its membership every CHANNEL_GROUP_RENEWAL seconds, and leaves the group when it closes.
"""

import asyncio

from django.conf import settings


class GroupMemberMixin:
    """Put before the consumer class in the bases; `await self.join_group(name)` before accepting."""

    group = None

    async def join_group(self, group):
        self.group = group
        await self.channel_layer.group_add(group, self.channel_name)
        self._renewal = asyncio.create_task(self._renew_membership())

    async def _renew_membership(self):
        while True:
            await asyncio.sleep(settings.CHANNEL_GROUP_RENEWAL)
            await self.channel_layer.group_add(self.group, self.channel_name)

    async def websocket_disconnect(self, message):
        if self.group is not None:
            self._renewal.cancel()
            await self.channel_layer.group_discard(self.group, self.channel_name)
        await super().websocket_disconnect(message)
