"""With Redis down the site keeps working: pages load, replies and votes are saved, nothing answers 500. Live
updates and e-mail pause; once Redis is back the notification outbox sends what waited, once.

The test runs its own redis-server (tests/ops/clusters.py) and stops that one, never the machine's shared Redis."""

import asyncio
import time

import psycopg
import pytest
from celery import Celery

from .client import get, post, reply_path, vote_path
from .conftest import celery_worker, server_environment, wait_for, web_servers

pytestmark = pytest.mark.services

REPLY = "Hier ook schimmel, achter het bad."


async def use_the_site_while_redis_is_down(base, world):
    sessions = world["sessions"]
    pages = [
        await get(base, sessions["alice"], f"/projecten/{world['project']}/"),
        await get(base, sessions["alice"], f"/gesprekken/{world['thread']}/"),
        await get(base, sessions["alice"], f"/projecten/{world['project']}/voorstellen/{world['proposal']}/"),
    ]
    started = time.monotonic()
    replied = await post(base, sessions["alice"], reply_path(world), {"body": REPLY})
    reply_seconds = time.monotonic() - started
    voted = await post(base, sessions["carol"], vote_path(world), {"choice": "agree"})
    return [status for status, _body in pages], replied, voted, reply_seconds


def pending_and_sent(url, email):
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT status, count(*) FROM notifications_emaildelivery d JOIN tenants_user u ON u.id = d.recipient_id"
            " WHERE u.email = %s AND d.rhythm = 'immediate' GROUP BY status",
            [email],
        ).fetchall()


def run_the_sweeper_a_minute_later(url, broker_url):
    """The sweeper re-queues what waited over a minute: make that minute pass, then ask the worker to sweep now
    (as beat does every minute)."""
    with psycopg.connect(url) as connection:
        connection.execute(
            "UPDATE notifications_emaildelivery SET queued_at = queued_at - interval '2 minutes'"
            " WHERE status = 'pending'"
        )
    with Celery(broker=broker_url) as app:
        app.send_task("notifications.tasks.sweep_outbox")


def test_with_redis_down_pages_posts_and_votes_work_and_the_mail_goes_out_once_it_is_back(
    world_database, own_redis, tmp_path
):
    url, world, media = world_database
    mailbox = tmp_path / "mail"
    env = server_environment(url, own_redis.url, media, EMAIL_URL=f"filemail:///{mailbox}")
    carol = world["emails"]["carol"]
    with web_servers(env) as (base,), celery_worker(env):
        own_redis.stop()
        pages, replied, voted, reply_seconds = asyncio.run(use_the_site_while_redis_is_down(base, world))
        print(f"reply posted with Redis down in {reply_seconds:.2f} s")
        assert pages == [200, 200, 200]
        assert (replied, voted) == (302, 302)
        assert reply_seconds < 5, f"posting waited {reply_seconds:.1f} s for Redis"
        assert pending_and_sent(url, carol) == [("pending", 1)], "Carol's e-mail about the reply must wait, not vanish"

        own_redis.start()
        run_the_sweeper_a_minute_later(url, own_redis.url)
        sent = wait_for(lambda: pending_and_sent(url, carol) == [("sent", 1)], timeout=30)
    assert sent, f"the waiting e-mail was not sent once Redis was back: {pending_and_sent(url, carol)}"
    messages = [path.read_text() for path in mailbox.glob("*.log")]
    assert sum(carol in text for text in messages) == 1
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT count(*) FROM feedback_post WHERE body = %s", [REPLY]).fetchone() == (1,)
        assert connection.execute(
            "SELECT count(*) FROM decisions_ballot WHERE proposal_id = %s AND household_id = %s",
            [world["proposal"], world["households"]["carol"]],
        ).fetchone() == (1,)
