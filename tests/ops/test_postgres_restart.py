"""After PostgreSQL restarts, the web processes serve again without being restarted themselves: each process keeps
its connections in a psycopg pool, and with CONN_HEALTH_CHECKS the pool checks a connection before lending it, so
the ones the restart broke are replaced instead of failing a request. The test runs its own PostgreSQL cluster
(tests/ops/clusters.py), never the machine's shared one."""

import asyncio
import subprocess

import pytest

from .client import get, post, reply_path
from .conftest import server_environment, web_servers

pytestmark = pytest.mark.services


def copy_database(source_url, target_url, folder):
    dump = folder / "world.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source_url], check=True)
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={target_url}", str(dump)], check=True)


async def thread_page_and_reply(base, world, text):
    status, body = await get(base, world["sessions"]["alice"], f"/gesprekken/{world['thread']}/")
    replied = await post(base, world["sessions"]["alice"], reply_path(world), {"body": text})
    return status, "Vocht in de badkamer" in body, replied


def test_the_web_process_serves_again_after_postgresql_restarts(world_template, own_postgres, tmp_path):
    template_url, world, media = world_template
    copy_database(template_url, own_postgres.url, tmp_path)
    env = server_environment(own_postgres.url, "", media, CELERY_BROKER_URL="memory://")
    with web_servers(env) as (base,):
        before = asyncio.run(thread_page_and_reply(base, world, "Voor de herstart."))
        own_postgres.restart()
        after = asyncio.run(thread_page_and_reply(base, world, "Na de herstart."))
        second = asyncio.run(thread_page_and_reply(base, world, "Nog een keer."))
    assert before == (200, True, 302)
    assert after == (200, True, 302), "the first request after the restart failed"
    assert second == (200, True, 302)
