"""The demo's advice (`manage.py seed_demo`): a request with its advice clock running, one whose response is
overdue and flagged to staff, and the demo representative in the committee with a workspace to open."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from advice.clocks import State, clocks_for
from advice.demo import OVERDUE_SUBJECT, RUNNING_SUBJECT, seed_advice
from advice.models import AdviceRequest, CommitteeDocument
from projects.demo import PROJECT_SLUG
from tenants.models import Membership

pytestmark = pytest.mark.django_db
DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}


@pytest.fixture(autouse=True)
def _uploads_in_tmp_and_no_two_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, stdout=StringIO())
    return {advice.subject: advice for advice in AdviceRequest.objects.filter(project__slug=PROJECT_SLUG)}


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_one_advice_clock_is_running_about_two_weeks_left(demo):
    advice = demo[RUNNING_SUBJECT]
    clocks = clocks_for(advice, timezone.localdate())
    assert clocks.advice.state == State.RUNNING and clocks.advice.days_left == 14
    assert advice.proposal is not None
    assert advice.packet_documents.count() == 2


def test_one_response_is_overdue(demo):
    clocks = clocks_for(demo[OVERDUE_SUBJECT], timezone.localdate())
    assert clocks.overdue == ["response"]
    assert clocks.advice.state == State.MET and not clocks.advice.was_late  # the committee was on time


def test_the_demo_representative_is_in_the_committee_and_sees_its_workspace(client, demo):
    representative = user("bewonerscommissie")
    committee = demo[RUNNING_SUBJECT].organisation
    assert Membership.objects.filter(
        user=representative, organisation=committee, role=Membership.Role.TENANT_REPRESENTATIVE
    ).exists()
    client.force_login(representative)
    assert f"/bewonerscommissie/{committee.pk}/" in client.get("/mijn-renovatie/", **DUTCH).content.decode()
    page = client.get(f"/bewonerscommissie/{committee.pk}/", **DUTCH).content.decode()
    assert RUNNING_SUBJECT in page and "Vergadering bewonerscommissie" in page
    assert CommitteeDocument.objects.filter(organisation=committee).count() == 2


def test_staff_see_the_overdue_flag_on_their_start_page(client, demo):
    client.force_login(user("medewerker"))
    page = client.get("/beheer/", **DUTCH).content.decode()
    assert "Termijnen van adviezen die verlopen zijn" in page and OVERDUE_SUBJECT in page


def test_seeding_again_adds_nothing(demo):
    corporation = demo[RUNNING_SUBJECT].project.corporation
    assert seed_advice(corporation, {"projectleider": user("projectleider")}) is None
    call_command("seed_demo", force=True, stdout=StringIO())
    assert AdviceRequest.objects.count() == 2
