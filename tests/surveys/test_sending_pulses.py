"""Pulses go out at the moments that matter: by hand, after a home visit, at a phase change and every month during
the works. Each sends "pulse.sent" with the households asked, so the notifications app can tell them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from projects import services as project_services
from projects.models import Appointment, Phase, VisitSlot
from surveys import services
from surveys.models import Survey
from surveys.tasks import send_monthly_pulses
from tests.factories import OrganisationFactory, project_in_execution

from .conftest import scale_pulse

pytestmark = pytest.mark.django_db


def sent(recorded_events):
    return [event for event in recorded_events if event.name == "pulse.sent"]


def test_a_pulse_is_sent_to_every_household_of_the_project(
    project, households, recorded_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pulse = scale_pulse(project)
    assert set(pulse.households.all()) == set(households)
    [event] = sent(recorded_events)
    assert event.data["pulse"] == pulse and event.data["project"] == project and event.data["actor"] is None
    assert set(event.data["households"]) == set(households)


def visit(project, household, hours_ago=2):
    contractor = OrganisationFactory(corporation=project.corporation, kind="contractor")
    starts = timezone.now() - timedelta(hours=hours_ago)
    slot = VisitSlot.objects.create(
        project=project,
        contractor=contractor,
        team="Team A",
        purpose="Opname",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    plan = project.home_plans.get(household=household)
    return Appointment.objects.create(home_plan=plan, slot=slot, status=Appointment.Status.CONFIRMED)


def test_a_done_home_visit_asks_that_household_how_it_went(
    project, households, recorded_events, django_capture_on_commit_callbacks
):
    from projects import appointments

    with django_capture_on_commit_callbacks(execute=True):
        appointments.record_visit(visit(project, households[0]), outcome="done", by=None)
    pulse = Survey.objects.get(project=project, trigger=Survey.Trigger.HOME_VISIT)
    assert list(pulse.households.all()) == [households[0]]
    assert pulse.questions.get().text == "Hoe ging het huisbezoek?"  # stored in Dutch, whoever caused it
    assert sent(recorded_events)[0].data["households"] == [households[0]]


def test_later_visits_add_their_household_to_the_same_home_visit_pulse(
    project, households, recorded_events, django_capture_on_commit_callbacks
):
    from projects import appointments

    for n, household in enumerate(households[:3]):
        with django_capture_on_commit_callbacks(execute=True):
            appointments.record_visit(visit(project, household, hours_ago=n + 2), outcome="done", by=None)
    pulse = Survey.objects.get(project=project, trigger=Survey.Trigger.HOME_VISIT)
    assert set(pulse.households.all()) == set(households[:3])
    assert [event.data["households"] for event in sent(recorded_events)] == [[h] for h in households[:3]]


def test_a_missed_visit_asks_nothing(project, households, django_capture_on_commit_callbacks):
    from projects import appointments

    with django_capture_on_commit_callbacks(execute=True):
        appointments.record_visit(visit(project, households[0]), outcome="missed", by=None)
    assert not Survey.objects.exists()


def test_a_phase_change_asks_every_household_how_they_feel(
    project, households, staff_user, recorded_events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project_services.change_phase(project, Phase.EVALUATION, by=staff_user)
    pulse = Survey.objects.get(project=project, trigger=Survey.Trigger.PHASE_CHANGE)
    assert pulse.households.count() == 10
    assert "evaluatie" in pulse.title
    assert len(sent(recorded_events)) == 1


def test_pausing_or_cancelling_a_project_sends_no_pulse(project, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project_services.change_phase(project, Phase.PAUSED, by=staff_user, reason="Vergunning ontbreekt")
    assert not Survey.objects.exists()


def test_the_monthly_pulse_goes_to_projects_in_execution_once_a_month(
    project, recorded_events, django_capture_on_commit_callbacks
):
    project_in_execution(homes=3, slug="zuilen", phase=Phase.PREPARATION)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_monthly_pulses() == 1
        send_monthly_pulses()  # beat may run twice: the month's pulse is sent once
    [pulse] = Survey.objects.filter(trigger=Survey.Trigger.MONTHLY)
    assert pulse.project == project and pulse.households.count() == 10
    assert len(sent(recorded_events)) == 1


def test_the_monthly_pulse_may_be_answered_until_the_end_of_the_month(project):
    [pulse] = services.send_monthly_pulses(today=date(2026, 12, 1))
    assert timezone.localtime(pulse.deadline).strftime("%Y-%m-%d %H:%M") == "2026-12-31 23:59"
    assert services.send_monthly_pulses(today=date(2027, 1, 1))[0] != pulse
