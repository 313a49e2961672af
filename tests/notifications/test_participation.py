"""Meetings and polls, through their own services: a planned meeting and an opened poll reach the project's
households, with a link to the meeting or the poll itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import services as meetings
from notifications.models import Notification
from polls import services as polls

from .conftest import committed

pytestmark = pytest.mark.django_db


def test_a_planned_meeting_reaches_the_projects_households(project, dutch, english, staff_user):
    starts = timezone.now() + timedelta(days=7)
    with committed():
        session = meetings.plan_session(
            project,
            kind="information_evening",
            title="Informatieavond",
            place="Buurthuis",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=40,
            by=staff_user,
        )
    notifications = Notification.objects.filter(event="session.planned")
    assert sorted(notifications.values_list("recipient", flat=True)) == sorted([dutch.pk, english.pk])
    assert notifications.first().link == f"/projecten/{project.slug}/bijeenkomsten/{session.pk}/"


def test_an_opened_poll_reaches_the_projects_households(project, dutch, staff_user):
    poll = polls.create_poll(project, options=["Rood", "Groen"], by=staff_user, question="Welke kleur voordeur?")
    with committed():
        polls.open_poll(poll, by=staff_user)
    notification = Notification.objects.get(event="poll.opened")
    assert (notification.recipient, notification.kind) == (dutch, "votes")
    assert notification.link == f"/projecten/{project.slug}/peilingen/{poll.pk}/"
    assert notification.params["title"] == "Welke kleur voordeur?"
