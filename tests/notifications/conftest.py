"""A project of four homes: two with tenants (one Dutch, one English), two without an account; staff; and the
Celery app run eagerly, or (the `worker` fixture) by a real worker on Redis."""

import itertools
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test import TestCase

from renovatie import events
from renovatie.celery import app
from tests.factories import TenantProfileFactory, project_in_execution, staff_member

from . import backends


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture(autouse=True)
def _flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    settings.SITE_URL = "https://renovatie.example"
    settings.NOTIFICATIONS_RETRY_SECONDS = 1
    backends.failures_left, backends.send_delay = 0, 0.0
    yield
    backends.failures_left, backends.send_delay = 0, 0.0


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process unless a test starts the real worker."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def project(db):
    return project_in_execution(homes=4)


@pytest.fixture
def households(project):
    return [plan.household for plan in project.home_plans.select_related("household__dwelling").order_by("pk")]


@pytest.fixture
def dutch(households):
    return TenantProfileFactory(household=households[0], language="nl", display_name="Fatma").user


@pytest.fixture
def english(households):
    return TenantProfileFactory(household=households[1], language="en", display_name="Priya").user


@pytest.fixture
def staff_user(project):
    return staff_member(project.corporation)


def committed():
    """Run what waits for the commit at the end of the block (inside a test's transaction too)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def emit_committed(name, **data):
    """Emit inside a transaction that commits: the after-commit work runs, as in a request (in a test inside one
    transaction too, through Django's capture of the commit callbacks)."""
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        events.emit(name, **data)


@contextmanager
def broker_down():
    """Point the Celery app at a closed port, as if Redis were down, and restore it afterwards."""
    conf = app.conf
    saved = conf.broker_url, conf.broker_write_url, conf.broker_connection_timeout, conf.task_publish_retry
    eager = conf.task_always_eager
    conf.broker_url = conf.broker_write_url = "redis://127.0.0.1:9/0"
    conf.broker_connection_timeout, conf.task_publish_retry, conf.task_always_eager = 1, False, False
    app.amqp._producer_pool = None
    app._pool = None
    try:
        yield
    finally:
        conf.broker_url, conf.broker_write_url, conf.broker_connection_timeout, conf.task_publish_retry = saved
        conf.task_always_eager = eager
        app.amqp._producer_pool = None
        app._pool = None


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker in a thread, on the Redis broker, delivering into Django's locmem outbox."""
    with running_worker():
        yield app


@contextmanager
def running_worker():
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    app.control.purge()
    # No result backend here: tests watch the outbox and the rows, not task results (so no ping check either).
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        yield


_teams = itertools.count()


def appointment_for(project, household, *, days=3):
    """A proposed visit to `household`'s home in `days` days (a slot of a new contractor of the project)."""
    from datetime import timedelta

    from django.utils import timezone

    from projects.models import Appointment, VisitSlot
    from tenants.models import Organisation
    from tests.factories import OrganisationFactory

    contractor = OrganisationFactory(corporation=project.corporation, kind=Organisation.Kind.CONTRACTOR)
    starts = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=days)
    slot = VisitSlot.objects.create(
        project=project,
        contractor=contractor,
        team=f"T{next(_teams)}",
        purpose="Inspection",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    return Appointment.objects.create(home_plan=project.home_plans.get(household=household), slot=slot)


def wait_for(condition, timeout=15):
    """Poll `condition` until true (a real worker delivers asynchronously); False after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
