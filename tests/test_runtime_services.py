"""The runtime on real services: the Redis channel layer carries live messages, a Celery worker sends mail."""

import time

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.db import connection

from notifications.consumers import PersonalConsumer, personal_group
from renovatie.asgi import application
from tenants.tasks import send_welcome_email
from tests.factories import tenant

ORIGIN = [(b"origin", b"http://testserver")]  # the test host, which pytest-django allows


@pytest.mark.services
@pytest.mark.asyncio
async def test_redis_channel_layer_delivers_a_group_message():
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("smoke", channel)
    await layer.group_send("smoke", {"type": "smoke.test", "text": "hallo"})
    message = await layer.receive(channel)
    assert message["text"] == "hallo"


@pytest.mark.services
@pytest.mark.asyncio
async def test_a_quiet_socket_still_hears_a_message_after_seven_quiet_seconds():
    """An open page whose discussion is quiet for longer than the layer's 5 s wait must not lose its socket."""
    import asyncio

    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("quiet", channel)
    waiting = asyncio.create_task(layer.receive(channel))
    await asyncio.sleep(7)
    assert not waiting.done(), "the wait for a message failed while nothing was sent"
    await layer.group_send("quiet", {"type": "smoke.test", "text": "eindelijk"})
    message = await asyncio.wait_for(waiting, timeout=10)
    assert message["text"] == "eindelijk"


@pytest.mark.services
@pytest.mark.asyncio
async def test_a_hundred_and_fifty_pages_that_close_at_once_all_leave_their_group():
    """A broadcast's page closing, or a restart cutting sockets off, makes hundreds of sockets of one process leave
    their group at the same moment. With redis-py's default pool (100 connections, failing at once beyond that)
    most departures raised and left their members behind, and every later message went to them as well."""
    import asyncio
    import uuid

    layer = get_channel_layer()
    group = f"farewell-{uuid.uuid4().hex}"
    channels = [await layer.new_channel() for _ in range(150)]  # more than the 100 of the default pool
    await asyncio.gather(*(layer.group_add(group, channel) for channel in channels))
    await asyncio.gather(*(layer.group_discard(group, channel) for channel in channels))

    connection_ = layer.connection(layer.consistent_hash(group))
    assert await connection_.zcard(layer._group_key(group)) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_anonymous_visitor_cannot_open_a_personal_channel():
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=ORIGIN)
    connected, code = await communicator.connect(timeout=10)
    assert not connected
    await communicator.disconnect()


def tenant_in_own_connection():
    """A tenant made from a worker thread, whose connection is closed so it cannot outlive the test database."""
    try:
        return tenant()
    finally:
        connection.close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_signed_in_tenant_receives_what_is_sent_to_them_alone():
    user = await sync_to_async(tenant_in_own_connection)()
    communicator = WebsocketCommunicator(PersonalConsumer.as_asgi(), "/ws/me/")
    communicator.scope["user"] = user
    connected, code = await communicator.connect(timeout=10)
    assert connected, code
    await get_channel_layer().group_send(
        personal_group(user.pk), {"type": "personal.fragment", "html": "<p>Nieuw bericht</p>"}
    )
    assert await communicator.receive_from(timeout=3) == "<p>Nieuw bericht</p>"
    await communicator.disconnect()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_sends_the_welcome_mail_in_the_tenants_language(settings):
    import celery.contrib.testing.tasks  # noqa: F401  (the worker's ping task)
    from celery.contrib.testing.worker import start_worker

    from renovatie.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = tenant()
    user.tenant_profile.language = "en"
    user.tenant_profile.save()
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        send_welcome_email.delay(user.pk)
        deadline = time.monotonic() + 15
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Welcome" in mail.outbox[0].subject


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_requests_in_threads_of_their_own_reuse_pooled_postgresql_connections():
    """Under daphne every request runs its database work in a new thread. Without the pool each request paid for a
    new PostgreSQL backend (about half of a light page's time on this machine); with it, one thread after another
    gets the same connection back."""
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.fail("this test needs DATABASE_URL to point at PostgreSQL")
    assert connection.pool is not None, "the PostgreSQL connection pool is off"

    pool = connection.pool
    opened_before = pool.get_stats().get("connections_num", 0)

    def one_request():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            connections.close_all()  # what Django does when a request finishes: back into the pool

    for _ in range(5):
        worker = threading.Thread(target=one_request)
        worker.start()
        worker.join()
    opened = pool.get_stats().get("connections_num", 0) - opened_before
    assert opened <= 1, f"{opened} new PostgreSQL connections for 5 requests, one after another"
