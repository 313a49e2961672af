"""A signed-in person's own live channel: whatever is meant for them alone (notifications, later) arrives here."""

from channels.generic.websocket import AsyncWebsocketConsumer

from renovatie.metrics import CountedWebsocketMixin


def personal_group(user_id):
    return f"user.{user_id}"


class PersonalConsumer(CountedWebsocketMixin, AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = personal_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def personal_fragment(self, event):
        """An HTML fragment rendered by the sender, swapped into the page by htmx's ws extension."""
        await self.send(text_data=event["html"])
