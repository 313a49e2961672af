"""The daily task emits each calendar reminder once: a choice deadline three days away, a promise that became
late, a visit tomorrow."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from projects import appointments
from projects.models import ChoiceTopic, Commitment, HomeChoice
from projects.tasks import emit_due_reminders
from renovatie import events
from tests.factories import UserFactory
from tests.projects.conftest import next_monday

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []
    events.subscribe("*", received.append)
    yield received
    events.unsubscribe("*", received.append)


def names(heard):
    return sorted(event.name for event in heard)


def test_an_open_choice_three_days_before_its_deadline_is_reminded_once(
    project, heard, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    topic = ChoiceTopic.objects.create(project=project, title="Tegelkleur", deadline=today + timedelta(days=3))
    plans = list(project.home_plans.all()[:2])
    HomeChoice.objects.create(home_plan=plans[0], topic=topic)
    decided = HomeChoice.objects.create(home_plan=plans[1], topic=topic)
    decided.option = topic.options.create(label="Wit")
    decided.save()

    with django_capture_on_commit_callbacks(execute=True):
        emit_due_reminders(today)
    with django_capture_on_commit_callbacks(execute=True):
        emit_due_reminders(today + timedelta(days=1))

    assert names(heard) == ["choice.deadline_near"]
    assert heard[0].data["home_choice"].home_plan == plans[0]


def test_a_promise_is_reported_late_on_the_day_after_its_due_date_only(
    project, heard, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    owner = UserFactory()
    organisation = project.corporation.organisations.create(name="Mitros", kind="corporation")
    Commitment.objects.create(
        project=project, title="Lift gerepareerd", owner=owner, organisation=organisation, due_on=today - timedelta(1)
    )
    Commitment.objects.create(
        project=project,
        title="Brief verstuurd",
        owner=owner,
        organisation=organisation,
        due_on=today - timedelta(1),
        status=Commitment.Status.KEPT,
        resolved_on=today - timedelta(2),
    )

    with django_capture_on_commit_callbacks(execute=True):
        counts = emit_due_reminders(today)
    with django_capture_on_commit_callbacks(execute=True):
        emit_due_reminders(today + timedelta(days=1))

    assert counts["commitment.late"] == 1
    assert names(heard) == ["commitment.late"]
    assert heard[0].data["commitment"].title == "Lift gerepareerd"


def test_visits_of_tomorrow_are_reminded(
    project, contractor_org, contractor_user, heard, django_capture_on_commit_callbacks
):
    monday = next_monday()
    plan = appointments.SlotPlan(
        first_day=monday,
        last_day=monday,
        teams=("A",),
        day_starts=time(9, 0),
        visit_minutes=60,
        visits_per_day=8,
        purpose="Opname",
    )
    appointments.plan_slots(project, contractor_org, plan, by=contractor_user)
    appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)
    heard.clear()

    with django_capture_on_commit_callbacks(execute=True):
        counts = emit_due_reminders(monday - timedelta(days=1))

    assert counts["appointment.tomorrow"] == 8
