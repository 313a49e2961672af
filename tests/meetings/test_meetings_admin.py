"""The meetings admin for corporation staff: lists stay within the own corporation, sessions are planned and
changed through meetings.services (so households hear of it), cancelled by an action, and registrations are
for looking at only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import Registration, Session
from tests.factories import project_in_execution

from .conftest import plan, register_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def other_session(staff_user):
    """A session of a project of another corporation."""
    other = project_in_execution(homes=2, slug="elders")
    return plan(other, None)


def form_data(project, **changes):
    starts = timezone.localtime(timezone.now() + timedelta(days=5)).replace(hour=19, minute=0, second=0)
    return {
        "project": project.pk,
        "kind": "information_evening",
        "title": "Informatieavond",
        "description": "",
        "place": "Buurthuis",
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": "19:00:00",
        "ends_at_0": starts.strftime("%Y-%m-%d"),
        "ends_at_1": "21:00:00",
        "capacity": "40",
        **changes,
    }


def test_staff_see_only_their_own_corporations_sessions(staff_client, session, other_session):
    response = staff_client.get("/admin/meetings/session/")

    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {session}
    assert staff_client.get(f"/admin/meetings/session/{other_session.pk}/change/").status_code == 302


def test_adding_a_session_in_the_admin_plans_it_through_the_service(
    staff_client, project, staff_user, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/admin/meetings/session/add/", form_data(project))

    assert response.status_code == 302, response.context["adminform"].form.errors
    session = Session.objects.get()
    assert session.created_by == staff_user and session.capacity == 40
    assert [event.name for event in heard] == ["session.planned"]


def test_the_admin_refuses_fewer_places_than_households_registered(staff_client, project, session, households):
    register_all(session, households[:3])
    local = timezone.localtime(session.starts_at)
    data = form_data(
        project,
        kind=session.kind,
        title=session.title,
        place=session.place,
        starts_at_0=local.strftime("%Y-%m-%d"),
        starts_at_1=local.strftime("%H:%M:%S"),
        ends_at_0=timezone.localtime(session.ends_at).strftime("%Y-%m-%d"),
        ends_at_1=timezone.localtime(session.ends_at).strftime("%H:%M:%S"),
        capacity="2",
    )

    response = staff_client.post(f"/admin/meetings/session/{session.pk}/change/", data)

    assert response.status_code == 200
    assert "3 households are already registered" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 10


def test_the_cancel_action_cancels_through_the_service(staff_client, session):
    response = staff_client.post(
        "/admin/meetings/session/",
        {"action": "cancel_sessions", "_selected_action": [session.pk]},
        follow=True,
    )

    assert f"{session.title} is cancelled." in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED


def test_registrations_are_for_looking_at_only(staff_client, session, households, other_session):
    register_all(session, households[:2])
    registration = Registration.objects.first()

    listing = staff_client.get("/admin/meetings/registration/")
    assert set(listing.context["cl"].result_list) == set(Registration.objects.filter(session=session))
    page = staff_client.get(f"/admin/meetings/registration/{registration.pk}/change/")
    assert page.status_code == 200
    assert 'name="people"' not in page.content.decode()
    assert staff_client.get("/admin/meetings/registration/add/").status_code == 403
