"""What every websocket test shares: the allowed origin, a patient timeout, and (as fixtures) the channel layer
to run over and the consumer's worker-thread connection closed after each test."""

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.db import connection

ORIGIN = [(b"origin", b"http://testserver")]  # the test host, which pytest-django allows
TIMEOUT = 10  # generous: a loaded CI machine may take seconds; a passing test never waits it out


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.services)])
def channel_layer(request, settings):
    if request.param == "memory":
        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    else:
        settings.CHANNEL_LAYERS = {
            "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [settings.REDIS_URL]}}
        }
    return request.param


@pytest_asyncio.fixture
async def worker_connection_closed():
    """The consumer's database calls run in one worker thread; its connection must not outlive the test."""
    yield
    await sync_to_async(close_this_threads_connection)()


def close_this_threads_connection():
    connection.close()
