"""The demo's polls (`manage.py seed_demo`): in Kanaleneiland-Noord an open poll on the colour of the front doors
with live results and about twenty votes, which the demo tenant can still vote in, and a closed courtyard poll."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from polls.models import Poll, PollVote
from polls.results import results
from projects.demo import PROJECT_SLUG

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def polls():
    call_command("seed_demo", force=True, stdout=StringIO())
    return {poll.status: poll for poll in Poll.objects.filter(project__slug=PROJECT_SLUG).select_related("project")}


def fatma():
    return get_user_model().objects.get(email="huurder@demo.renovatie.nl")


def test_the_front_door_poll_is_open_per_household_with_live_results(polls):
    doors = polls[Poll.Status.OPEN]
    assert doors.question == "Welke kleur krijgen de voordeuren?"
    assert (doors.voters, doors.results_visibility, doors.kind) == ("household", "live", "single")
    assert doors.accepts_votes()
    assert doors.opens_at < timezone.now() - timedelta(days=3) and doors.closes_at > timezone.now() + timedelta(days=9)


def test_about_twenty_households_voted_for_the_front_doors(polls):
    count = results(polls[Poll.Status.OPEN])
    assert 18 <= count.voters <= 22 and count.eligible == 60
    assert sum(option.votes for option in count.options) == count.voters


def test_the_demo_tenant_has_not_voted_yet_and_sees_the_form_and_live_results(polls, client):
    doors = polls[Poll.Status.OPEN]
    user = fatma()
    assert not PollVote.objects.filter(poll=doors, household=user.tenant_profile.household).exists()
    client.force_login(user)
    html = client.get(reverse("poll_detail", args=[PROJECT_SLUG, doors.pk]), **ENGLISH).content.decode()
    assert f'action="{reverse("poll_vote", args=[PROJECT_SLUG, doors.pk])}"' in html
    assert 'hx-trigger="every 10s"' in html


def test_the_courtyard_poll_is_closed_with_its_results_shown_after_closing(polls, client):
    courtyard = polls[Poll.Status.CLOSED]
    assert courtyard.results_visibility == "after_closing" and courtyard.max_choices == 2
    assert courtyard.closes_at < timezone.now() - timedelta(days=6)
    assert results(courtyard).voters == 31
    for cast_at in PollVote.objects.filter(poll=courtyard).values_list("cast_at", flat=True):
        assert courtyard.opens_at <= cast_at <= courtyard.closes_at
    client.force_login(fatma())
    html = client.get(reverse("poll_detail", args=[PROJECT_SLUG, courtyard.pk]), **ENGLISH).content.decode()
    assert '<th scope="row">Bankjes en bloemen</th>' in html


def test_seeding_again_adds_no_polls_and_no_votes(polls):
    votes = PollVote.objects.count()
    call_command("seed_demo", force=True, stdout=StringIO())
    assert Poll.objects.count() == 2 and PollVote.objects.count() == votes
