"""Readiness: can this process serve requests right now? PostgreSQL, Redis (cache and channel layer) and the
Celery broker are each asked a trivial question, all at once, each within CHECK_TIMEOUT seconds.

The answer names every check, so an operator (or the proxy and the orchestrator, which only read the status)
sees at a glance which dependency is down. Errors are reported by kind only, never with hosts or passwords.
"""

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.cache import caches
from django.db import connections

CHECK_TIMEOUT = 2.0  # seconds per check; the checks run in parallel, so a whole probe stays under ~2 s


def check_database():
    """A fresh connection answers SELECT 1: never the request's (it may sit in a transaction), and never one from
    the pool, which would hide a database that just went down, or wait the pool's timeout for a new one."""
    connection = connections.create_connection("default")
    if connection.vendor == "postgresql":
        options = {key: value for key, value in connection.settings_dict.get("OPTIONS", {}).items() if key != "pool"}
        options["connect_timeout"] = int(CHECK_TIMEOUT)
        connection.settings_dict = {**connection.settings_dict, "OPTIONS": options}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def check_cache():
    cache = caches["default"]
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def check_channel_layer():
    """A message sent to a fresh channel comes back: the layer the websockets depend on carries messages."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "health.ping"})
        message = await asyncio.wait_for(layer.receive(channel), CHECK_TIMEOUT)
        if message.get("type") != "health.ping":
            raise RuntimeError("channel layer returned another message")

    async_to_sync(round_trip)()


def check_broker():
    """The broker accepts a connection (embedded mode has none: tasks run in-process, nothing to check)."""
    if not settings.CELERY_BROKER_URL:
        return "tasks run in-process"
    from renovatie.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
        connection.transport_options.update(socket_connect_timeout=CHECK_TIMEOUT, socket_timeout=CHECK_TIMEOUT)
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=CHECK_TIMEOUT)
        connection.default_channel  # noqa: B018  (opening a channel talks to the broker)
    return None


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "celery_broker": check_broker,
}


def _timed(check):
    started = time.monotonic()
    try:
        detail = check()
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"; the kind is reported
        return {"ok": False, "error": type(error).__name__, "ms": _ms_since(started)}
    result = {"ok": True, "ms": _ms_since(started)}
    if detail:
        result["detail"] = detail
    return result


def _ms_since(started):
    return round((time.monotonic() - started) * 1000, 1)


def run_checks():
    """{name: {"ok": bool, "ms": float, "error"?: str, "detail"?: str}} for every check, within ~CHECK_TIMEOUT."""
    pool = ThreadPoolExecutor(max_workers=len(CHECKS), thread_name_prefix="readiness")
    futures = {name: pool.submit(_timed, check) for name, check in CHECKS.items()}
    deadline = time.monotonic() + CHECK_TIMEOUT + 0.5
    results = {}
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            results[name] = {"ok": False, "error": "Timeout", "ms": CHECK_TIMEOUT * 1000}
    pool.shutdown(wait=False, cancel_futures=True)  # a hung check finishes on its own; the probe does not wait
    return results
