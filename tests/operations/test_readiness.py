"""The readiness probe tells the operator (and the proxy and orchestrator) whether this process can serve, and
if not, which dependency is down, within a few seconds."""

import time

import pytest
from django.db import connections
from django.test import override_settings

pytestmark = pytest.mark.services

CONTAINER_HOST = "web:8000"  # the probe asks on the container's own name, which is not in ALLOWED_HOSTS


def ready(client):
    started = time.monotonic()
    response = client.get("/health/ready", HTTP_HOST=CONTAINER_HOST)
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_ready_when_postgresql_redis_and_the_broker_answer(client):
    response, _seconds = ready(client)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "celery_broker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_redis_down_is_named_in_the_answer_within_three_seconds(client, closed_port):
    nowhere = f"redis://127.0.0.1:{closed_port}/1"
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": nowhere}},
        CHANNEL_LAYERS={
            "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [nowhere]}}
        },
        CELERY_BROKER_URL=nowhere,
    ):
        response, seconds = ready(client)

    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["cache", "celery_broker", "channel_layer"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert nowhere not in response.content.decode()  # no addresses or passwords in a public answer
    assert seconds < 3


@pytest.mark.django_db
def test_database_down_is_named_in_the_answer_within_three_seconds(client, monkeypatch, closed_port):
    # The probe opens a fresh connection from these settings; the test's own connection stays as it is.
    monkeypatch.setitem(connections.settings["default"], "PORT", str(closed_port))

    response, seconds = ready(client)

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert seconds < 3


@pytest.mark.django_db
def test_liveness_stays_up_while_the_database_is_down(client, monkeypatch, closed_port):
    """Restarting the web process would not bring the database back: liveness does not depend on it."""
    monkeypatch.setitem(connections.settings["default"], "PORT", str(closed_port))

    response = client.get("/health/live", HTTP_HOST=CONTAINER_HOST)

    assert response.status_code == 200
