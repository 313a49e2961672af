"""The demo's sessions (`manage.py seed_demo`) in Kanaleneiland-Noord: a small group in the model home next week
with six of ten places taken, an information evening in two weeks, and a past session with attendance and
published minutes; the demo tenant is not registered, so a visitor can register."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Registration, Session
from projects.demo import PROJECT_SLUG

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sessions():
    call_command("seed_demo", force=True, stdout=StringIO())
    return {
        session.kind + ("_past" if session.ends_at < timezone.now() else ""): session
        for session in Session.objects.filter(project__slug=PROJECT_SLUG)
    }


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_a_small_group_in_the_model_home_next_week_has_six_of_ten_places_taken(sessions):
    small = sessions["small_group"]
    assert "modelwoning" in small.place.lower()
    assert small.capacity == 10
    assert Registration.objects.active().filter(session=small).count() == 6
    days = (timezone.localdate(small.starts_at) - timezone.localdate()).days
    assert days == 7


def test_an_information_evening_in_two_weeks_has_registrations(sessions):
    evening = sessions["information_evening"]
    assert (timezone.localdate(evening.starts_at) - timezone.localdate()).days == 14
    assert Registration.objects.filter(session=evening).exists()


def test_a_past_session_has_attendance_and_published_minutes(sessions):
    past = sessions["small_group_past"]
    assert past.ends_at < timezone.now() - timedelta(days=1)
    assert past.minutes_published and past.minutes_published_at > past.ends_at
    registrations = Registration.objects.filter(session=past)
    assert registrations.filter(attended=True).count() == registrations.count() - 1 > 0
    for registered_at in registrations.values_list("registered_at", flat=True):
        assert registered_at < past.starts_at


def test_the_demo_tenant_is_not_registered_and_can_register(sessions, client):
    fatma = user("huurder")
    assert not Registration.objects.filter(household=fatma.tenant_profile.household).exists()
    client.force_login(fatma)
    small = sessions["small_group"]

    response = client.post(
        f"/projecten/{PROJECT_SLUG}/bijeenkomsten/{small.pk}/aanmelden/", {"people": "2"}, follow=True, **ENGLISH
    )

    assert "Your household is registered: 2 people." in response.content.decode()
    assert "Kijken in de modelwoning" in client.get(f"/projecten/{PROJECT_SLUG}/").content.decode()


def test_seeding_again_adds_no_sessions_or_registrations(sessions):
    counts = Session.objects.count(), Registration.objects.count()
    call_command("seed_demo", force=True, stdout=StringIO())
    assert (Session.objects.count(), Registration.objects.count()) == counts
