"""Logs are JSON lines, and one request id ties a request's line to the lines of the tasks it queued."""

import io
import json
import logging
import re
import time
from contextlib import contextmanager

import pytest
from django.core import mail
from pythonjsonlogger.json import JsonFormatter

from tenants.invitations import issue_letters
from tests.factories import HouseholdFactory

PASSWORD = "zonnepanelen op het dak"


@contextmanager
def json_log():
    """What the site's log handler (settings.LOGGING, console) writes meanwhile, as parsed JSON objects.
    (Enter it after starting a test worker: the worker configures logging afresh, with a new handler.)"""
    root = logging.getLogger()
    handler = next(h for h in root.handlers if isinstance(h.formatter, JsonFormatter))
    stream = io.StringIO()
    previous, level = handler.setStream(stream), root.level
    # The level of settings.LOGGING: a test worker started earlier in the run leaves the root logger at ERROR.
    root.setLevel(logging.INFO)
    lines = []
    try:
        yield lines
    finally:
        handler.setStream(previous)
        root.setLevel(level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_echoed(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="3f2a9c1e-proxy-id")
    assert response["X-Request-ID"] == "3f2a9c1e-proxy-id"


@pytest.mark.parametrize("sent", ["", "short", "two words here", 'x"}, "level": "forged', "a" * 200])
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(client, sent):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=sent)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_each_request_writes_one_json_line_with_its_id(client):
    with json_log() as lines:
        response = client.get("/", HTTP_X_REQUEST_ID="request-for-the-home-page")

    (line,) = [line for line in lines if line["logger"] == "renovatie.requests"]
    assert line["request_id"] == response["X-Request-ID"] == "request-for-the-home-page"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert line["level"] == "INFO"
    assert "timestamp" in line


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_task_a_request_queued_logs_with_the_requests_id(client, settings):
    """A tenant activates their account; the welcome mail is sent by a real Celery worker; its log lines carry the
    id of the activation request, so an operator can follow one request from the proxy into the worker."""
    import celery.contrib.testing.tasks  # noqa: F401  (the worker's ping task)
    from celery.contrib.testing.worker import start_worker

    from renovatie.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    (letter,) = issue_letters([HouseholdFactory()], issued_by=None)
    assert client.post("/activeren/", {"code": letter.code}).status_code == 302
    details = {"display_name": "Anna", "email": "anna@example.org", "password1": PASSWORD, "password2": PASSWORD}

    # loglevel as in docker-compose.yml (the test worker's default, ERROR, would hide INFO lines from then on).
    worker = start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10, loglevel="INFO")
    with worker, json_log() as lines:
        response = client.post(
            "/activeren/account/", {**details, "language": "nl"}, HTTP_X_REQUEST_ID="activation-request-0001"
        )
        deadline = time.monotonic() + 15
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)  # the task's closing line follows the mail

    assert response.status_code == 302
    assert mail.outbox, "the worker sent no welcome mail"
    (request_line,) = [line for line in lines if line.get("path") == "/activeren/account/"]
    task_lines = [line for line in lines if line.get("task") == "tenants.tasks.send_welcome_email"]
    assert request_line["request_id"] == "activation-request-0001"
    assert [line["message"] for line in task_lines] == [
        "task tenants.tasks.send_welcome_email started",
        "task tenants.tasks.send_welcome_email SUCCESS",
    ]
    assert {line["request_id"] for line in task_lines} == {"activation-request-0001"}
