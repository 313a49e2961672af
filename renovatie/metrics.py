"""Prometheus metrics: what django-prometheus measures (requests and their latency per view, database queries),
plus the length of the Celery queues and the number of open websockets.

`/metrics` is not public. It answers a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`, or one whose
address is in METRICS_ALLOWED_IPS (addresses or networks); anyone else gets 403, and with neither configured it
answers nobody. Like the health probes it is answered before host validation: Prometheus scrapes each web
process on its own container address. The metrics are per process (each web container runs one daphne): scrape
every web container (see deploy/prometheus.yml) and sum in the query, e.g. `sum(renovatie_websocket_connections)`.
"""

import contextlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponseForbidden
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import REGISTRY, Gauge
from prometheus_client.core import GaugeMetricFamily

METRICS_PATH = "/metrics"

websocket_connections = Gauge(
    "renovatie_websocket_connections", "Websockets open in this process, by consumer.", ["consumer"]
)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.rstrip("/") != METRICS_PATH:
            return self.get_response(request)
        if not may_scrape(request):
            return HttpResponseForbidden("forbidden", content_type="text/plain")
        return ExportToDjangoView(request)


def may_scrape(request):
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(allowed, strict=False) for allowed in settings.METRICS_ALLOWED_IPS)


class CountedWebsocketMixin:
    """Put first in a consumer's bases: an accepted socket counts in renovatie_websocket_connections until it
    closes. Counting at accept (not at connect) leaves out sockets refused before the handshake."""

    async def accept(self, *args, **kwargs):
        await super().accept(*args, **kwargs)
        if not getattr(self, "_counted", False):
            self._counted = True
            websocket_connections.labels(type(self).__name__).inc()

    async def websocket_disconnect(self, message):
        if getattr(self, "_counted", False):
            self._counted = False
            websocket_connections.labels(type(self).__name__).dec()
        await super().websocket_disconnect(message)


class CeleryQueueCollector:
    """Messages waiting in each Celery queue, read from the Redis broker when Prometheus scrapes."""

    NAME = "renovatie_celery_queue_length"
    DOCUMENTATION = "Messages waiting in a Celery queue on the broker."
    PRIORITY_SEPARATOR = "\x06\x16"  # kombu's Redis transport keeps priorities 3, 6, 9 in lists of their own

    def __init__(self):
        self._client = None

    def describe(self):  # without it, registering would already ask Redis
        return [GaugeMetricFamily(self.NAME, self.DOCUMENTATION, labels=["queue"])]

    def collect(self):
        family = GaugeMetricFamily(self.NAME, self.DOCUMENTATION, labels=["queue"])
        client = self._redis()
        if client is not None:
            import redis

            for queue in settings.METRICS_CELERY_QUEUES:
                keys = [queue] + [f"{queue}{self.PRIORITY_SEPARATOR}{p}" for p in (3, 6, 9)]
                # Broker down: the queue has no value (readiness says why); the scrape itself still works.
                with contextlib.suppress(redis.RedisError):
                    family.add_metric([queue], sum(client.llen(key) for key in keys))
        yield family

    def _redis(self):
        url = settings.CELERY_BROKER_URL
        if not url.startswith(("redis://", "rediss://")):
            return None
        if self._client is None:
            import redis

            self._client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        return self._client


REGISTRY.register(CeleryQueueCollector())
