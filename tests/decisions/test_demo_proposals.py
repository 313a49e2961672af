"""The demo's proposal (`manage.py seed_demo`): complete and open in Kanaleneiland-Noord, about half the
households voted, one on paper, and the demo tenant can still vote."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from decisions import demo, services
from decisions.models import Ballot, Proposal
from decisions.services import missing_for_publication
from decisions.tally import tally
from projects.demo import PROJECT_SLUG

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _uploads_in_tmp_and_no_two_factor(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def proposal():
    call_command("seed_demo", force=True, stdout=StringIO())
    return Proposal.objects.select_related("current_version", "project").get(
        project__slug=PROJECT_SLUG, title=demo.TITLE
    )


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def test_the_demo_proposal_is_complete_published_and_open_for_three_weeks(proposal):
    now = timezone.now()
    assert proposal.status == Proposal.Status.OPEN
    assert proposal.current_version.number == 1 and proposal.current_version.is_published
    assert missing_for_publication(proposal.current_version) == []
    assert now - timedelta(days=2) < proposal.opens_at < now - timedelta(hours=12)
    assert now + timedelta(days=20) < proposal.closes_at < now + timedelta(days=22)


def test_about_half_of_the_households_voted_mostly_in_favour(proposal):
    count = tally(proposal)
    assert count.ten_homes
    assert 0.4 <= count.response_rate <= 0.6
    assert count.agree > 3 * count.disagree > 0
    assert not count.reaches_70  # still open: the visitor's vote and the neighbours' still matter


def test_one_household_voted_on_paper_entered_by_the_resident_coach(proposal):
    paper = Ballot.objects.filter(proposal=proposal, on_paper=True)
    assert paper.count() == 1
    assert paper.get().entered_by == user("medewerker")


def test_votes_were_cast_while_voting_was_open(proposal):
    for cast_at in Ballot.objects.filter(proposal=proposal).values_list("cast_at", flat=True):
        assert proposal.opens_at <= cast_at <= timezone.now()


def test_the_demo_tenant_is_in_scope_and_can_still_vote(proposal, client):
    fatma = user("huurder")
    household = fatma.tenant_profile.household
    assert proposal.current_version.scope.filter(pk=household.pk).exists()
    assert not Ballot.objects.filter(proposal=proposal, household=household).exists()

    client.force_login(fatma)
    page = client.get(reverse("proposal_detail", args=[PROJECT_SLUG, proposal.pk]), **ENGLISH)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="{reverse("proposal_vote", args=[PROJECT_SLUG, proposal.pk])}"' in html
    assert f'data-ws-url="/ws/voorstellen/{proposal.pk}/"' in html  # the count follows her neighbours' votes


def test_seeding_again_adds_no_second_proposal_and_no_votes(proposal):
    votes = Ballot.objects.filter(proposal=proposal).count()
    call_command("seed_demo", force=True, stdout=StringIO())
    assert Proposal.objects.filter(project=proposal.project).count() == 2
    assert Ballot.objects.filter(proposal=proposal).count() == votes


def test_the_demo_audit_trail_tells_the_story_in_order(proposal):
    from decisions.audit import entries

    trail = list(entries(proposal))
    actions = [entry.action for entry in trail]
    assert actions[:3] == ["drafted", "content_changed", "published"]
    assert actions.count("vote") == Ballot.objects.filter(proposal=proposal).count()
    moments = [entry.at for entry in trail]
    assert moments == sorted(moments)
    paper = next(entry for entry in trail if entry.details.get("on_paper"))
    assert paper.actor == user("medewerker")


def test_a_second_demo_proposal_ended_yesterday_with_80_percent_and_waits_for_staff_to_close_it(proposal):
    ended = Proposal.objects.get(project=proposal.project, title=demo.ENDED_TITLE)
    assert ended.status == Proposal.Status.OPEN
    assert ended.closes_at < timezone.now()
    count = tally(ended)
    assert (count.scope, count.agree, count.disagree) == (60, 48, 6)
    result = services.close(ended, by=user("medewerker"))
    assert result.reaches_70 and result.ten_homes
    assert services.verify_snapshot(result)
