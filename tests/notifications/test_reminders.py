"""The calendar's reminders (emitted daily by projects.tasks.emit_due_reminders) reach the right people: a visit
tomorrow to its household at once by e-mail, a choice deadline to its household, a late promise to its owner."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from projects.models import ChoiceTopic, Commitment, HomeChoice
from projects.tasks import emit_due_reminders

from .conftest import appointment_for, committed

pytestmark = pytest.mark.django_db


def run_reminders():
    with committed():
        emit_due_reminders()


def test_a_visit_tomorrow_is_mailed_to_its_household_at_once(project, households, dutch, english):
    appointment_for(project, households[0], days=1)
    run_reminders()
    notification = Notification.objects.get(event="appointment.tomorrow")
    assert notification.recipient == dutch
    assert [message.to for message in mail.outbox] == [[dutch.email]]
    assert mail.outbox[0].subject.startswith("Herinnering: morgen komt er iemand bij u thuis")


def test_a_choice_deadline_reminds_the_household_that_has_not_chosen(project, households, dutch, english):
    topic = ChoiceTopic.objects.create(
        project=project, title="de kleur van de voordeur", deadline=timezone.localdate() + timedelta(days=3)
    )
    HomeChoice.objects.create(home_plan=project.home_plans.get(household=households[1]), topic=topic)
    run_reminders()
    notification = Notification.objects.get(event="choice.deadline_near")
    assert (notification.recipient, notification.kind, notification.email_rhythm) == (english, "choices", "daily")


def test_a_late_promise_reminds_its_owner(project, dutch, staff_user):
    Commitment.objects.create(
        project=project,
        title="Tuin opruimen",
        owner=staff_user,
        organisation=staff_user.memberships.get().organisation,
        due_on=timezone.localdate() - timedelta(days=1),
    )
    run_reminders()
    assert list(Notification.objects.values_list("event", "recipient")) == [("commitment.late", staff_user.pk)]
