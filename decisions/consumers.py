"""The live side of a proposal page: one socket per open page, following the count of one proposal.

On connect the proposal and the viewer's role are decided once, with the page's own rule (decisions.views.tenant:
the project's households, contractors and staff may read an open or closed proposal, staff a draft too). Someone
who may not is told so with a close code the page understands (4401 not signed in, 4403 not allowed) and does
not retry. The count is sent at once (so a page that reconnects catches up on what it missed), and again whenever
it may have changed (decisions.live): the tally fragment rendered afresh, aggregates only, the same for every
viewer, never who voted or how.
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from projects.permissions import ProjectRole, project_role
from renovatie.channel_groups import GroupMemberMixin
from renovatie.metrics import CountedWebsocketMixin
from tenants.permissions import viewer_for_user

from . import live
from .models import Proposal
from .tally import tally

NOT_SIGNED_IN = 4401
NOT_ALLOWED = 4403


def may_follow(role, proposal):
    """The proposal page's rule: insiders of the project see an open or closed proposal; only staff a draft."""
    if role < ProjectRole.HOUSEHOLD:
        return False
    return proposal.status != Proposal.Status.DRAFT or role == ProjectRole.STAFF


def proposal_if_allowed(user, proposal_id):
    """The proposal when `user` may follow its count, otherwise None (an unknown proposal looks the same)."""
    proposal = Proposal.objects.select_related("project").filter(pk=proposal_id).first()
    if proposal is None:
        return None
    return proposal if may_follow(project_role(viewer_for_user(user), proposal.project), proposal) else None


def render_tally(proposal_id, language):
    proposal = Proposal.objects.get(pk=proposal_id)
    with translation.override(language):
        return render_to_string("decisions/fragments/tally.html", {"tally": tally(proposal), "proposal": proposal})


class TallyConsumer(CountedWebsocketMixin, GroupMemberMixin, AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self._refuse(NOT_SIGNED_IN)
            return
        proposal_id = self.scope["url_route"]["kwargs"]["proposal_id"]
        proposal = await database_sync_to_async(proposal_if_allowed)(user, proposal_id)
        if proposal is None:
            await self._refuse(NOT_ALLOWED)
            return
        self.proposal_id = proposal.pk
        self.language = self._language()
        # Join before accepting: once the page is told it is connected, no change of the count can pass it by.
        await self.join_group(live.group_name(proposal.pk))
        await self.accept()
        # The count as it is now: a page that reconnects catches up on the votes it missed while away.
        await self.tally_update({"type": "tally.update"})

    async def _refuse(self, code):
        """Accept, then close with the reason: a code sent before the handshake never reaches the browser, which
        would then keep retrying a socket it will never be allowed to open."""
        await self.accept()
        await self.close(code=code)

    async def receive(self, text_data=None, bytes_data=None):
        """The page only listens; votes go through the ordinary form."""

    async def tally_update(self, message):
        html = await database_sync_to_async(render_tally)(self.proposal_id, self.language)
        await self.send(text_data=html)

    def _language(self):
        values = parse_qs(self.scope.get("query_string", b"").decode("latin-1")).get("lang")
        language = values[0] if values else ""
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
