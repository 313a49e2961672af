"""/metrics gives Prometheus what an operator watches (latency per view, database queries, Celery queue length,
open websockets) and nobody else anything."""

import uuid
from types import SimpleNamespace

import pytest
from channels.testing import WebsocketCommunicator
from prometheus_client import REGISTRY

from notifications.consumers import PersonalConsumer
from renovatie.celery import app as celery_app

TOKEN = "a-scrape-token-of-some-length"
SCRAPER = "web:8000"  # Prometheus scrapes each web container on its own address, not the site's host name


@pytest.fixture
def metrics_settings(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["127.0.0.0/8"]
    return settings


def scrape(client, **headers):
    return client.get("/metrics", HTTP_HOST=SCRAPER, REMOTE_ADDR="192.0.2.10", **headers)


def test_metrics_are_refused_without_the_token(client, metrics_settings):
    assert scrape(client).status_code == 403
    assert scrape(client, HTTP_AUTHORIZATION="Bearer wrong-token-of-the-same-size").status_code == 403


def test_metrics_answer_nobody_when_neither_token_nor_addresses_are_configured(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert scrape(client, HTTP_AUTHORIZATION="Bearer ").status_code == 403
    assert client.get("/metrics", HTTP_HOST=SCRAPER, REMOTE_ADDR="127.0.0.1").status_code == 403


def test_an_allowed_address_may_scrape_without_a_token(client, metrics_settings):
    response = client.get("/metrics", HTTP_HOST=SCRAPER, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200


@pytest.mark.django_db
def test_scrape_shows_latency_by_view_and_database_queries(client, metrics_settings):
    assert client.get("/").status_code == 200

    response = scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="home"}' in text
    assert "django_db_execute_total{" in text


@pytest.mark.services
def test_scrape_shows_how_many_tasks_wait_in_the_celery_queue(client, metrics_settings):
    queue = f"metrics-test-{uuid.uuid4().hex[:8]}"
    metrics_settings.METRICS_CELERY_QUEUES = [queue]
    try:
        for _ in range(3):
            celery_app.send_task("tenants.tasks.send_welcome_email", args=[0], queue=queue)

        text = scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    finally:
        with celery_app.connection_for_write() as connection:
            connection.default_channel.client.delete(queue)

    assert f'renovatie_celery_queue_length{{queue="{queue}"}} 3.0' in text


def open_sockets():
    return REGISTRY.get_sample_value("renovatie_websocket_connections", {"consumer": "PersonalConsumer"}) or 0


@pytest.mark.asyncio
async def test_open_websockets_are_counted_while_open(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    before = open_sockets()
    communicator = WebsocketCommunicator(PersonalConsumer.as_asgi(), "/ws/me/")
    communicator.scope["user"] = SimpleNamespace(is_authenticated=True, pk=987654)
    connected, _code = await communicator.connect(timeout=10)
    assert connected
    assert open_sockets() == before + 1

    await communicator.disconnect()

    assert open_sockets() == before


@pytest.mark.asyncio
async def test_a_refused_websocket_is_not_counted(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    before = open_sockets()
    communicator = WebsocketCommunicator(PersonalConsumer.as_asgi(), "/ws/me/")
    communicator.scope["user"] = SimpleNamespace(is_authenticated=False, pk=None)
    connected, _code = await communicator.connect(timeout=10)
    assert not connected
    assert open_sockets() == before
