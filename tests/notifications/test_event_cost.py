"""Turning an event into notifications costs a fixed number of queries, however many households hear of it:
it runs inside the emitting service's transaction, so it must stay cheap for a project of hundreds of homes."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification, PaperNotice
from renovatie import events
from tests.factories import TenantProfileFactory, project_in_execution

from .conftest import appointment_for

pytestmark = pytest.mark.django_db


def queries_for_two_events(homes, with_account):
    project = project_in_execution(homes=homes, slug=f"project-{homes}")
    households = [plan.household for plan in project.home_plans.all()]
    for household in households[:with_account]:
        TenantProfileFactory(household=household)
    appointment = appointment_for(project, households[0])
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        events.emit("appointment.moved", project=project, actor=None, appointment=appointment)
        events.emit("update.posted", project=project, actor=None, update=appointment.slot)  # any titled object
    return len(queries.captured_queries)


def test_the_queries_do_not_grow_with_the_households():
    few = queries_for_two_events(homes=3, with_account=2)
    many = queries_for_two_events(homes=40, with_account=30)
    assert many == few
    assert Notification.objects.filter(event="update.posted").count() == 2 + 30
    assert PaperNotice.objects.count() == 0  # the moved visits were to households with an account
