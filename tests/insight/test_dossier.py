"""The household dossier: everything that happened with a household, oldest first, for staff to read and print."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from decisions.models import Choice
from insight.dossier import household_dossier
from insight.models import DossierView
from meetings.models import Registration, Session
from projects.models import Appointment
from tenants.invitations import issue_letters
from tests.factories import staff_member

from .conftest import activate, ask, households_of, open_vote, visits, vote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def history(project):
    """One household with a letter, an account, a question, a visit and a paper vote."""
    household = households_of(project)[0]
    staff = staff_member(project.corporation)
    issue_letters([household], issued_by=staff)
    member = activate([household])[0]
    ask(project, member)
    visits(project, [household], Appointment.Status.MISSED)
    proposal = open_vote(project, closes_in_days=10)
    vote(proposal, [household], Choice.DISAGREE)
    return household, staff


def test_the_dossier_lists_letters_account_messages_visits_and_votes_in_order(history):
    household, _staff = history
    with translation.override("en"):
        titles = [entry.title for entry in household_dossier(household)]
    assert titles[0] == "Tenancy started"
    for expected in ("Activation letter printed", "Account activated", "Wrote in “Wanneer komen de kozijnen?”"):
        assert expected in titles
    assert any(title.startswith("Voted “disagree”") for title in titles)
    moments = [entry.moment for entry in household_dossier(household)]
    assert moments == sorted(moments)


def test_staff_read_the_dossier_and_the_opening_is_logged_and_shown(client, history):
    household, staff = history
    client.force_login(staff)
    response = client.get(f"/beheer/huishoudens/{household.pk}/dossier/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert household.dwelling.address in response.text
    assert "Voted “disagree”" in response.text
    assert "on paper or at the door" in response.text
    view = DossierView.objects.get(household=household)
    assert (view.viewed_by, view.for_print) == (staff, False)
    assert "Who opened this dossier" in response.text and staff.email in response.text


def test_opening_for_print_is_logged_as_such(client, history):
    household, staff = history
    client.force_login(staff)
    client.get(f"/beheer/huishoudens/{household.pk}/dossier/?afdrukken=1")
    assert DossierView.objects.get(household=household).for_print is True


def test_the_dossier_costs_the_same_queries_with_a_longer_history(client, django_assert_max_num_queries, history):
    household, staff = history
    client.force_login(staff)
    with django_assert_max_num_queries(25) as before:
        client.get(f"/beheer/huishoudens/{household.pk}/dossier/")
    project = household.home_plans.get().project
    member = household.members.get().user
    for _ in range(5):
        ask(project, member)
    visits(project, [household], Appointment.Status.DONE)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(f"/beheer/huishoudens/{household.pk}/dossier/")


def test_the_dossier_shows_sessions_registered_for_and_attended(history):
    household, staff = history
    project = household.home_plans.get().project
    starts = timezone.now() - timedelta(days=2)
    session = Session.objects.create(
        project=project,
        title="Kijken in de modelwoning",
        place="Kanaalstraat 1",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=10,
    )
    Registration.objects.create(session=session, household=household, registered_by=staff, attended=True)
    with translation.override("en"):
        titles = [entry.title for entry in household_dossier(household)]
    assert "Registered for “Kijken in de modelwoning”" in titles
    assert "Attended the session" in titles
