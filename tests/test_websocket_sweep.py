"""Every websocket route (from renovatie.routing's websocket_urlpatterns, so a new consumer cannot escape), opened
through the site's own stack (origin check, session cookie, router) by each kind of person: anonymous, the tenant,
contractor and staff member of the project, a tenant and a contractor of another project of the same corporation,
and the tenant, contractor and staff member of another corporation, on objects of the project and on objects that
do not exist. The rightful people are accepted; everyone else is refused (closed before or right after the
handshake, with 4401 or 4403). Then, with everyone connected, real events in one project reach its own sockets and
none of the other corporation's.

A route without a case in CASES fails the first test: add the route's expectations when you add a consumer.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.testing import WebsocketCommunicator
from django.test import Client

from decisions import services as decisions
from feedback import services as feedback
from feedback.models import Thread
from renovatie.routing import websocket_urlpatterns
from tests.decisions.conftest import COMPLETE, make_proposal
from tests.factories import (
    ComplexFactory,
    contractor_member,
    project_in_execution,
    staff_member,
    tenant,
)
from tests.sockets import TIMEOUT

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ACCEPT, REFUSE = "accepted", "refused"
INSIDERS = ("tenant", "contractor", "staff")
EVERYONE = (
    "anonymous",
    "tenant",
    "contractor",
    "staff",
    "tenant next door",
    "contractor next door",
    "tenant elsewhere",
    "contractor elsewhere",
    "staff elsewhere",
)
QUIET = 1.0  # seconds an accepted socket is watched for a close that would mean "refused"


def expect(*accepted):
    return {label: ACCEPT if label in accepted else REFUSE for label in EVERYONE}


# route → (the path for the project's own objects, who may open it), and paths of objects that do not exist.
CASES = {
    "ws/me/": lambda w: [("/ws/me/", expect(*EVERYONE[1:]))],
    "ws/gesprekken/project/<slug:slug>/": lambda w: [
        (f"/ws/gesprekken/project/{w['project'].slug}/", expect(*INSIDERS)),
        ("/ws/gesprekken/project/bestaat-niet/", expect()),
    ],
    "ws/gesprekken/complex/<int:complex_id>/": lambda w: [
        (f"/ws/gesprekken/complex/{w['complex'].pk}/", expect("tenant", "staff")),  # no contractor in a street
        ("/ws/gesprekken/complex/999999/", expect()),
    ],
    "ws/voorstellen/<int:proposal_id>/": lambda w: [
        (f"/ws/voorstellen/{w['proposal'].pk}/", expect(*INSIDERS)),
        ("/ws/voorstellen/999999/", expect()),
    ],
}


def stack():
    """renovatie/asgi.py's websocket stack, built now (its host check reads ALLOWED_HOSTS when it is made)."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))


def one_corporation(slug):
    """A project in execution with a tenant, an assigned contractor, staff and an open proposal."""
    project = project_in_execution(homes=3, slug=slug)
    contractor = contractor_member(project.corporation)
    project.contractors.add(contractor.memberships.get().organisation)
    staff = staff_member(project.corporation)
    proposal, version = make_proposal(project, staff, **COMPLETE)
    decisions.publish_version(proposal, version, by=staff)
    household = project.home_plans.order_by("pk").first().household
    return {
        "project": project,
        "complex": household.dwelling.complex,
        "proposal": proposal,
        "household": household,
        "people": {"tenant": tenant(household), "contractor": contractor, "staff": staff},
    }


def build_world():
    here = one_corporation("hier")
    elsewhere = one_corporation("elders")
    next_door = project_in_execution(
        homes=1, slug="naast", complex=ComplexFactory(corporation=here["project"].corporation)
    )
    next_door_contractor = contractor_member(here["project"].corporation)
    next_door.contractors.add(next_door_contractor.memberships.get().organisation)
    people = {
        "anonymous": None,
        **here["people"],
        "tenant next door": tenant(next_door.home_plans.get().household),
        "contractor next door": next_door_contractor,
        **{f"{label} elsewhere": user for label, user in elsewhere["people"].items()},
    }
    cookies = {label: session_cookie(user) for label, user in people.items()}
    return here, elsewhere, people, cookies


def session_cookie(user):
    if user is None:
        return b""
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def open_as(cookie, path):
    headers = [(b"origin", b"http://testserver")] + ([(b"cookie", cookie)] if cookie else [])
    communicator = WebsocketCommunicator(stack(), path, headers=headers)
    connected, _code = await communicator.connect(timeout=TIMEOUT)
    return communicator, connected


async def outcome(cookie, path):
    communicator, connected = await open_as(cookie, path)
    if not connected:
        return REFUSE
    try:
        if await communicator.receive_nothing(timeout=QUIET):
            return ACCEPT
        message = await communicator.receive_output(TIMEOUT)
        return REFUSE if message["type"] == "websocket.close" else ACCEPT
    finally:
        await communicator.disconnect()


def route_of(pattern):
    return str(pattern.pattern)


async def test_every_websocket_route_has_a_case():
    assert {route_of(pattern) for pattern in websocket_urlpatterns} == set(CASES)


async def test_every_websocket_route_accepts_the_rightful_people_and_refuses_everyone_else(
    settings, worker_connection_closed
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    here, _elsewhere, _people, cookies = await sync_to_async(build_world)()
    wrong, checked = [], 0
    for pattern in websocket_urlpatterns:
        for path, expected in CASES[route_of(pattern)](here):
            for label, verdict in expected.items():
                got = await outcome(cookies[label], path)
                checked += 1
                if got != verdict:
                    wrong.append(f"{label} on {path}: {got}, expected {verdict}")
    assert not wrong, f"{len(wrong)} of {checked} connections wrong:\n" + "\n".join(wrong)
    assert checked == len(EVERYONE) * 7  # 4 routes: 4 paths of the project's own objects, 3 that do not exist


async def drain(communicator):
    """Everything the socket has received so far (waiting QUIET for more)."""
    received = []
    while not await communicator.receive_nothing(timeout=QUIET):
        received.append(await communicator.receive_output(TIMEOUT))
    return received


async def test_events_of_one_project_reach_only_its_own_sockets(settings, worker_connection_closed):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    here, elsewhere, people, cookies = await sync_to_async(build_world)()
    sockets = {}
    for side, world in (("here", here), ("elsewhere", elsewhere)):
        suffix = "" if side == "here" else " elsewhere"
        for path in (
            f"/ws/gesprekken/project/{world['project'].slug}/",
            f"/ws/voorstellen/{world['proposal'].pk}/",
            "/ws/me/",
        ):
            for label in INSIDERS:
                communicator, connected = await open_as(cookies[label + suffix], path)
                assert connected
                await drain(communicator)  # the count sent on connect
                sockets[(side, label, path)] = communicator

    def activity_here():
        feedback.start_thread(
            project=here["project"],
            kind=Thread.Kind.QUESTION,
            title="Steigers",
            body="Wanneer gaan de steigers weg?",
            author=people["tenant"],
        )
        decisions.cast_vote(here["proposal"], here["household"], "agree", by=people["tenant"])

    await sync_to_async(activity_here)()

    reached = {key: await drain(communicator) for key, communicator in sockets.items()}
    for communicator in sockets.values():
        await communicator.disconnect()
    leaked = [key for key, messages in reached.items() if key[0] == "elsewhere" and messages]
    assert leaked == []
    discussion = f"/ws/gesprekken/project/{here['project'].slug}/"
    tally = f"/ws/voorstellen/{here['proposal'].pk}/"
    assert all(reached[("here", label, discussion)] for label in INSIDERS)
    assert all(reached[("here", label, tally)] for label in INSIDERS)
