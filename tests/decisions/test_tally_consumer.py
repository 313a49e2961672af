"""The live count: who may follow a proposal's count, and what a follower receives when a neighbour votes.

Every test runs through the in-memory channel layer and again through Redis (marked `services`, as in CI).
Data is made in the test's own thread and committed (transaction=True), so the core's after-commit events run
for real; votes during a test go through the worker thread the consumer's database calls use, whose connection
is closed at the end.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.testing import WebsocketCommunicator

from decisions import services
from renovatie.routing import websocket_urlpatterns
from tests.factories import tenant
from tests.sockets import ORIGIN, TIMEOUT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live(channel_layer, worker_connection_closed):
    """Sockets for this test run over the chosen channel layer, and the worker's connection is closed after."""


def socket_path(proposal):
    return f"/ws/voorstellen/{proposal.pk}/?lang=en"


async def open_socket(user, path):
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return communicator


async def close_code(communicator):
    message = await communicator.receive_output(TIMEOUT)
    await communicator.disconnect()
    assert message["type"] == "websocket.close"
    return message["code"]


@pytest.mark.asyncio
async def test_anonymous_visitor_is_refused_as_not_signed_in(live, open_proposal):
    # The stack of renovatie/asgi.py, built now: its host check reads ALLOWED_HOSTS when it is made.
    stack = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
    communicator = WebsocketCommunicator(stack, socket_path(open_proposal), headers=ORIGIN)
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected  # accepted only to be told why it closes, so the page stops retrying
    assert await close_code(communicator) == 4401


@pytest.mark.asyncio
async def test_tenant_who_lives_elsewhere_is_refused(live, open_proposal):
    outsider = await sync_to_async(tenant)()
    communicator = await open_socket(outsider, socket_path(open_proposal))
    assert await close_code(communicator) == 4403


@pytest.mark.asyncio
async def test_tenant_of_the_project_cannot_follow_a_draft(live, draft, households):
    proposal, _version = draft
    neighbour = await sync_to_async(tenant)(households[0])
    communicator = await open_socket(neighbour, socket_path(proposal))
    assert await close_code(communicator) == 4403


@pytest.mark.asyncio
async def test_unknown_proposal_is_refused_like_one_the_viewer_may_not_follow(live, voter):
    communicator = await open_socket(voter, "/ws/voorstellen/999999/")
    assert await close_code(communicator) == 4403


@pytest.mark.asyncio
async def test_tenant_in_scope_sees_the_count_change_when_another_household_votes(
    live, open_proposal, voter, households
):
    communicator = await open_socket(voter, socket_path(open_proposal))
    on_arrival = await communicator.receive_from(TIMEOUT)  # the count as it is, for a page that reconnects
    assert f'id="tally-{open_proposal.pk}"' in on_arrival
    assert "0% agrees — 70% needed" in on_arrival

    await sync_to_async(services.cast_vote)(open_proposal, households[1], "agree", by=None)

    message = await communicator.receive_from(TIMEOUT)
    assert f'id="tally-{open_proposal.pk}"' in message
    assert "10% agrees — 70% needed" in message
    assert "10% of households voted" in message
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_the_count_names_no_household_and_no_choice_and_is_the_same_for_staff_and_tenants(
    live, open_proposal, voter, staff_user, households
):
    neighbour_household = households[1]
    neighbour = await sync_to_async(tenant)(neighbour_household)
    tenant_socket = await open_socket(voter, socket_path(open_proposal))
    staff_socket = await open_socket(staff_user, socket_path(open_proposal))
    await tenant_socket.receive_from(TIMEOUT)
    await staff_socket.receive_from(TIMEOUT)

    await sync_to_async(services.cast_vote)(open_proposal, neighbour_household, "disagree", by=neighbour)

    seen_by_tenant = await tenant_socket.receive_from(TIMEOUT)
    seen_by_staff = await staff_socket.receive_from(TIMEOUT)
    assert "0% agrees — 70% needed" in seen_by_tenant and "10% of households voted" in seen_by_tenant
    assert seen_by_tenant == seen_by_staff  # counts only: nothing in it depends on who is watching
    profile = await sync_to_async(lambda: neighbour.tenant_profile)()
    dwelling = await sync_to_async(lambda: neighbour_household.dwelling)()
    for personal in (
        dwelling.street,
        str(dwelling.postcode),
        neighbour_household.tenancy_reference,
        neighbour.first_name,
        neighbour.last_name,
        neighbour.email,
        profile.display_name,
        f'value="{neighbour_household.pk}"',
        "disagree",  # the choice itself, as stored
    ):
        assert not personal or personal not in seen_by_tenant
    await tenant_socket.disconnect()
    await staff_socket.disconnect()


@pytest.mark.asyncio
async def test_followers_hear_when_the_proposal_closes(live, open_proposal, voter, staff_user):
    from tests.decisions.conftest import end_voting

    communicator = await open_socket(voter, socket_path(open_proposal))
    await communicator.receive_from(TIMEOUT)
    proposal = await sync_to_async(end_voting)(open_proposal)

    await sync_to_async(services.close)(proposal, by=staff_user)

    message = await communicator.receive_from(TIMEOUT)
    assert f'id="tally-{open_proposal.pk}"' in message
    await communicator.disconnect()
