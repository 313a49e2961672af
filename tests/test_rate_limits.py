"""Guessing and flooding are stopped: the sixth wrong password or two-factor code in a window is refused, as are
too many letter codes from one address, too many posts and too many votes from one person. Each refusal says in
Dutch how long to wait (the window of the configured rate, not a fixed figure) and saves nothing."""

import html

import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.utils import timezone

from decisions import services as decisions
from decisions.models import Ballot, BallotChange
from feedback.models import Post, Thread
from polls import services as polls
from polls.models import PollVote
from tenants.invitations import issue_letters
from tests.factories import (
    CorporationFactory,
    UserFactory,
    household_of,
    project_in_execution,
    staff_member,
    tenant,
    with_totp,
)

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def person(db):
    user = UserFactory(email="fatma@example.nl")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_the_sixth_wrong_password_is_refused_even_when_it_is_right(client, person):
    for _ in range(5):
        response = log_in(client, person.email, "fout-wachtwoord")
        assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in text(response)

    sixth = log_in(client, person.email, PASSWORD)

    assert "Te veel mislukte pogingen. Wacht 5 minuten en probeer het opnieuw." in text(sixth)
    assert "_auth_user_id" not in client.session


def test_the_wait_named_after_too_many_wrong_passwords_follows_the_configured_window(client, person, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/1h/ip,3/10m/key"}
    for _ in range(3):
        log_in(client, person.email, "fout-wachtwoord")

    assert "Wacht 1 uur en probeer het opnieuw." in text(log_in(client, person.email, PASSWORD))


def test_the_sixth_wrong_two_factor_code_is_refused_even_when_it_is_right(client, settings):
    settings.REQUIRE_STAFF_2FA = True
    staff = staff_member(household_of_corporation().dwelling.complex.corporation)
    staff.set_password(PASSWORD)
    staff.save()
    secret = with_totp(staff)
    assert log_in(client, staff.email, PASSWORD)["Location"].startswith("/accounts/2fa/authenticate/")
    right = f"{hotp_value(secret, int(timezone.now().timestamp()) // 30):06d}"
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    for _ in range(5):
        assert client.post("/accounts/2fa/authenticate/", {"code": wrong}).status_code == 200
    sixth = client.post("/accounts/2fa/authenticate/", {"code": right})

    assert "Te veel mislukte pogingen. Wacht 5 minuten en probeer het opnieuw." in text(sixth)
    assert "_auth_user_id" not in client.session


def household_of_corporation():
    return household_of(CorporationFactory())


def test_too_many_wrong_letter_codes_name_the_configured_window_in_dutch(client, settings):
    settings.INVITATION_ATTEMPT_RATE = "2/1h"
    household = household_of_corporation()
    (letter,) = issue_letters([household], issued_by=staff_member(household.dwelling.complex.corporation))
    for _ in range(2):
        client.post("/activeren/", {"code": "AAAA-BBBB-CCCC"})

    refused = client.post("/activeren/", {"code": letter.code})

    assert refused.status_code == 429
    assert "Te veel verkeerde codes vanaf dit adres. Wacht 1 uur en probeer het opnieuw." in text(refused)
    assert "activation_invitation_id" not in client.session


def test_posting_too_fast_says_in_dutch_how_long_to_wait_and_saves_nothing(client, settings):
    settings.POSTING_RATE = "1/2h"
    settings.REQUIRE_STAFF_2FA = False
    project = project_in_execution(homes=2)
    neighbour = tenant(project.home_plans.first().household)
    client.force_login(neighbour)
    url = f"/projecten/{project.slug}/gesprekken/nieuw/"

    first = client.post(url, {"kind": "idea", "title": "Bankje", "body": "Een bankje bij de ingang"})
    second = client.post(url, {"kind": "idea", "title": "Tweede", "body": "Nog een idee"})

    assert (first.status_code, second.status_code) == (302, 429)
    assert "U plaatst erg snel berichten. Wacht 2 uur en probeer het opnieuw." in text(second)
    assert not Thread.objects.filter(title="Tweede").exists()
    assert not Post.objects.filter(body="Nog een idee").exists()


@pytest.fixture
def open_proposal(db):
    from tests.decisions.conftest import COMPLETE, make_proposal

    project = project_in_execution(homes=10)
    staff = staff_member(project.corporation)
    proposal, version = make_proposal(project, staff, **COMPLETE)
    decisions.publish_version(proposal, version, by=staff)
    proposal.refresh_from_db()
    return proposal


def test_changing_a_vote_too_often_is_refused_in_dutch_and_the_vote_stays(client, settings, open_proposal):
    settings.VOTING_RATE = "2/5m"
    household = open_proposal.project.home_plans.order_by("pk").first().household
    client.force_login(tenant(household))
    url = f"/projecten/{open_proposal.project.slug}/voorstellen/{open_proposal.pk}/stemmen/"

    statuses = [client.post(url, {"choice": choice}).status_code for choice in ("agree", "disagree")]
    third = client.post(url, {"choice": "agree"})

    assert statuses == [302, 302]
    assert third.status_code == 429
    assert "U heeft uw stem erg vaak veranderd. Wacht 5 minuten en probeer het opnieuw." in text(third)
    assert Ballot.objects.get(proposal=open_proposal, household=household).choice == "disagree"
    assert BallotChange.objects.filter(ballot__proposal=open_proposal).count() == 2


def test_changing_a_poll_answer_too_often_is_refused_in_dutch_and_the_answer_stays(client, settings):
    settings.VOTING_RATE = "2/10m"
    settings.REQUIRE_STAFF_2FA = False
    project = project_in_execution(homes=2)
    staff = staff_member(project.corporation)
    poll = polls.open_poll(
        polls.create_poll(project, question="Welke kleur?", options=["Groen", "Rood"], by=staff), by=staff
    )
    voter = tenant(project.home_plans.first().household)
    client.force_login(voter)
    green, red = poll.options.order_by("pk").values_list("pk", flat=True)
    url = f"/projecten/{project.slug}/peilingen/{poll.pk}/stemmen/"

    statuses = [client.post(url, {"options": option}).status_code for option in (green, red)]
    third = client.post(url, {"options": green})

    assert statuses == [302, 302]
    assert third.status_code == 429
    assert "U heeft uw stem erg vaak veranderd. Wacht 10 minuten en probeer het opnieuw." in text(third)
    assert list(PollVote.objects.get(poll=poll).options.values_list("pk", flat=True)) == [red]
