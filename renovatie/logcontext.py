"""One request id per request, on every log line it causes: its own, and those of the Celery tasks it queues.

The id comes from the proxy's or caller's `X-Request-ID` header when that is well-formed (so one id follows a
request through the reverse proxy and the application), otherwise a new one is made; the response echoes it.
It lives in a context variable that a logging filter copies onto every record (settings.LOGGING prints it in
the JSON line). When a task is queued, the id goes into the task message's headers (before_task_publish); the
worker restores it around the task (task_prerun / task_postrun), whichever process or thread runs it.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.core.signals import request_finished
from django.dispatch import receiver

request_id = ContextVar("request_id", default=None)

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
# Letters, digits and . _ - only, 8 to 128 long: a UUID, a proxy's hex id; nothing that could forge a log line.
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,128}")
# Probes every few seconds would drown the log; their lines are kept at DEBUG.
QUIET_PATHS = ("/health/", "/metrics")

access_log = logging.getLogger("renovatie.requests")
task_log = logging.getLogger("renovatie.tasks")


def incoming_or_new(value):
    return value if value and WELL_FORMED.fullmatch(value) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (or None outside a request or task) to every record, for the formatter to print."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    """Sets the request id for the request's duration, echoes it, and writes one access line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Kept until the response is closed (request_finished), so Django's own "Internal Server Error" line,
        # written after the middleware returns, carries the id too.
        request_id.set(incoming_or_new(request.headers.get(HEADER)))
        started = time.monotonic()
        response = self.get_response(request)
        response[HEADER] = request_id.get()
        level = logging.DEBUG if request.path.startswith(QUIET_PATHS) else logging.INFO
        access_log.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    request_id.set(None)


@before_task_publish.connect
def _put_request_id_in_task_headers(headers=None, **kwargs):
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault(TASK_HEADER, current)


_task_tokens = {}


@task_prerun.connect
def _restore_request_id_in_worker(task_id=None, task=None, **kwargs):
    incoming = getattr(task.request, TASK_HEADER, None) if task is not None else None
    # An eagerly run task (embedded mode) runs inside the request and already has its id.
    _task_tokens[task_id] = request_id.set(incoming or request_id.get())
    task_log.info("task %s started", task.name, extra={"task": task.name, "task_id": task_id})


@task_postrun.connect
def _forget_request_id_after_task(task_id=None, task=None, state=None, **kwargs):
    task_log.info("task %s %s", task.name, state, extra={"task": task.name, "task_id": task_id, "state": state})
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            request_id.reset(token)
        except ValueError:  # set in another context (a thread pool that switched contexts): just clear it
            request_id.set(None)
