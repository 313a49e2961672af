"""Two web server processes share PostgreSQL and the Redis channel layer: a page open on one hears, live, what was
posted through the other, and votes cast through either count once per household."""

import asyncio

import psycopg
import pytest
from django.conf import settings

from bench.load import session_for

from .client import discussion_socket_path, first_message_containing, post, reply_path, vote_path
from .conftest import server_environment, web_servers, world_copy

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def two_servers(world_template, tmp_path_factory):
    """(first address, second address, database url, world): two daphne processes over one copy of the world.
    The broker is not under test here: tasks stay in each process's memory instead of piling up in shared Redis."""
    with world_copy(world_template, tmp_path_factory.mktemp("scale-out")) as (url, world, media):
        env = server_environment(url, settings.REDIS_URL, media, CELERY_BROKER_URL="memory://")
        with web_servers(env, count=2) as (first, second):
            yield first, second, url, world


async def reply_heard_across(first, second, world):
    async with session_for(first, world["sessions"]["alice"]) as reader:
        socket = await reader.ws_connect(discussion_socket_path(world), origin=first)
        try:
            await asyncio.sleep(0.3)  # joined the group (it joins before accepting; this is a margin, not a need)
            text = "Bij ons ook, sinds de nieuwe kozijnen."
            status = await post(second, world["sessions"]["bob"], reply_path(world), {"body": text})
            return status, await first_message_containing(socket, text)
        finally:
            await socket.close()


def test_a_reply_posted_through_the_second_server_reaches_a_page_open_on_the_first(two_servers):
    first, second, _url, world = two_servers
    status, heard = asyncio.run(reply_heard_across(first, second, world))
    assert status == 302
    assert heard is not None, "the page on the first server never showed the reply posted through the second"


async def votes_through_both(first, second, world):
    sessions = world["sessions"]
    return [
        await post(first, sessions["alice"], vote_path(world), {"choice": "agree"}),
        await post(second, sessions["carol"], vote_path(world), {"choice": "disagree"}),
        # Bob lives with Alice: the same household voting again, through the other server, changes its one vote.
        await post(second, sessions["bob"], vote_path(world), {"choice": "disagree"}),
    ]


def test_votes_cast_through_either_server_count_once_per_household(two_servers):
    first, second, url, world = two_servers
    statuses = asyncio.run(votes_through_both(first, second, world))
    assert statuses == [302, 302, 302]
    with psycopg.connect(url) as connection:
        ballots = connection.execute(
            "SELECT household_id, choice FROM decisions_ballot WHERE proposal_id = %s ORDER BY household_id",
            [world["proposal"]],
        ).fetchall()
    households = world["households"]
    assert ballots == [
        (households["alice"], "disagree"),
        (households["carol"], "disagree"),
        (households["on_paper"], "agree"),  # the paper vote the world started with
    ]
