"""The live side of a discussion page: one socket per open page, following a project's or a complex's threads.

On connect the viewer's role is decided once; someone who may not read the discussion is told so with a close
code the page understands (4401 not signed in, 4403 not allowed) and does not retry. The page says which event
it saw last (`?after=<id>`), so what happened while it was loading or disconnected arrives first, in order.
Then every event announced to the group (feedback.live.record) is rendered for this viewer and sent.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from renovatie.channel_groups import GroupMemberMixin
from renovatie.metrics import CountedWebsocketMixin

from . import live, live_fragments
from .permissions import may_read

NOT_SIGNED_IN = 4401
NOT_ALLOWED = 4403


class DiscussionConsumer(CountedWebsocketMixin, GroupMemberMixin, AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(NOT_SIGNED_IN)
            return
        kwargs = self.scope["url_route"]["kwargs"]
        self.place, self.audience = await self._decide(user, kwargs.get("slug"), kwargs.get("complex_id"))
        if not may_read(self.place.role):
            await self._refuse(NOT_ALLOWED)
            return
        project, complex_ = self.place.project, self.place.complex
        # Join before accepting and before catching up: once the page is told it is connected, every later event
        # reaches it; one committed during the catch-up arrives twice (and is skipped), never not at all.
        await self.join_group(live.group_name(project_id=project and project.pk, complex_id=complex_ and complex_.pk))
        await self.accept()
        self.caught_up = set()
        for event_id, html in await self._catch_up(self._query("after")):
            self.caught_up.add(event_id)
            await self.send(text_data=html)

    async def _refuse(self, code):
        """Accept, then close with the reason: a code sent before the handshake never reaches the browser, which
        would then keep retrying a socket it will never be allowed to open."""
        await self.accept()
        await self.close(code=code)

    async def receive(self, text_data=None, bytes_data=None):
        """The page only listens; what it says is ignored (posting goes through the ordinary forms)."""

    async def discussion_event(self, message):
        event_id = message["event_id"]
        if event_id in self.caught_up:
            return
        html = live_fragments.rendered_already(event_id, self.audience)
        if html is None:
            html = await database_sync_to_async(live_fragments.render_event_by_id)(event_id, self.audience)
        if html:
            await self.send(text_data=html)

    def _query(self, name):
        values = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get(name)
        return values[0] if values else ""

    @database_sync_to_async
    def _decide(self, user, slug, complex_id):
        return live_fragments.place_and_audience(
            user,
            slug=slug,
            complex_id=complex_id,
            language=self._query("lang"),
            csrf_secret=self.scope.get("cookies", {}).get(settings.CSRF_COOKIE_NAME),
        )

    @database_sync_to_async
    def _catch_up(self, after):
        try:
            after = int(after)
        except ValueError:
            return []  # a page that gives no last id has just been rendered: nothing to catch up on
        return live_fragments.catch_up(self.place, after, self.audience)
