"""A signed-in person's own live channel: whatever is meant for them alone (notifications, later) arrives here."""

from channels.generic.websocket import AsyncWebsocketConsumer

from renovatie.channel_groups import GroupMemberMixin
from renovatie.metrics import CountedWebsocketMixin


def personal_group(user_id):
    return f"user.{user_id}"


class PersonalConsumer(CountedWebsocketMixin, GroupMemberMixin, AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        await self.join_group(personal_group(user.pk))
        await self.accept()

    async def personal_fragment(self, event):
        """An HTML fragment rendered by the sender, swapped into the page by htmx's ws extension."""
        await self.send(text_data=event["html"])
