"""The proposal pages: a tenant reads the proposal, votes and changes the vote; staff enter a paper vote, close
voting and print the certified result."""

import pytest

from decisions import services
from decisions.models import Ballot
from tests.factories import HouseholdFactory, contractor_member, tenant

from .conftest import end_voting, make_proposal, vote_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def page_url(proposal):
    return f"/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/"


def staff_url(proposal, action=""):
    return f"/beheer/projecten/{proposal.project.slug}/voorstellen/{proposal.pk}/{action}"


def get(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def test_a_tenant_reads_the_proposal_in_plain_language(client, open_proposal, voter):
    client.force_login(voter)

    page = get(client, page_url(open_proposal)).content.decode()

    assert "Verduurzaming 2027" in page
    assert "Isolatie van gevel, dak en vloer" in page  # renovation
    assert "Voegwerk herstellen" in page  # maintenance
    assert "Your rent goes up by € 25.00 per month" in page
    assert "Lagere energiekosten" in page
    assert "3 weeks" in page
    assert "You can stay in your home during the works." in page
    assert "1 March 2027" in page and "30 September 2027" in page
    assert "Herinrichtingsvergoeding" in page
    assert "Sociaal Plan Renovatie 2026" in page
    assert "Your household has not voted yet." in page


def test_a_tenant_votes_and_sees_a_clear_confirmation(client, open_proposal, voter, households):
    client.force_login(voter)

    response = client.post(
        page_url(open_proposal) + "stemmen/", {"choice": "agree"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    page = response.content.decode()
    assert "Your household&#x27;s vote is saved: you agree with the proposal." in page
    assert "Your household agrees with this proposal." in page
    assert "10% agrees — 70% needed" in page
    assert Ballot.objects.get(proposal=open_proposal).household == households[0]


def test_a_tenant_changes_the_vote_and_only_the_latest_counts(client, open_proposal, voter):
    client.force_login(voter)
    client.post(page_url(open_proposal) + "stemmen/", {"choice": "agree"})

    response = client.post(
        page_url(open_proposal) + "stemmen/", {"choice": "disagree"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    page = response.content.decode()
    assert "you do not agree with the proposal" in page
    assert "Your household does not agree with this proposal." in page
    assert "0% agrees — 70% needed" in page
    assert Ballot.objects.get(proposal=open_proposal).changes.count() == 2


def test_the_tenant_sees_the_count_of_all_households(client, open_proposal, voter, households):
    vote_all(open_proposal, households[1:], agree=5, disagree=2)
    client.force_login(voter)

    page = get(client, page_url(open_proposal)).content.decode()

    assert f'id="tally-{open_proposal.pk}"' in page
    assert "50% agrees — 70% needed" in page
    assert '<progress max="100" value="50"' in page
    assert "70% of households voted" in page
    assert "so the 70% rule of the law applies" in page


def test_a_vote_without_a_choice_is_refused_with_a_message(client, open_proposal, voter):
    client.force_login(voter)

    response = client.post(page_url(open_proposal) + "stemmen/", {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Please choose agree or disagree." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_vote_after_closing_time_is_refused_with_the_reason(client, open_proposal, voter):
    end_voting(open_proposal)
    client.force_login(voter)

    response = client.post(
        page_url(open_proposal) + "stemmen/", {"choice": "agree"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "Voting on this proposal closed on" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_contractor_of_the_project_reads_the_proposal_but_cannot_vote(client, open_proposal, project):
    user = contractor_member(project.corporation)
    project.contractors.add(user.memberships.get().organisation)
    client.force_login(user)

    page = get(client, page_url(open_proposal))
    vote = client.post(page_url(open_proposal) + "stemmen/", {"choice": "agree"})

    assert page.status_code == 200
    assert "<form" not in page.content.decode().split('id="main"')[1].split("</main>")[0]
    assert vote.status_code == 403
    assert not Ballot.objects.exists()


def test_staff_read_the_proposal_page_but_cannot_vote_on_it(client, open_proposal, staff_user):
    client.force_login(staff_user)

    assert get(client, page_url(open_proposal)).status_code == 200
    assert client.post(page_url(open_proposal) + "stemmen/", {"choice": "agree"}).status_code == 403
    assert not Ballot.objects.exists()


def test_the_project_page_links_to_the_open_proposal_for_its_households(client, open_proposal, voter):
    client.force_login(voter)

    page = get(client, f"/projecten/{open_proposal.project.slug}/").content.decode()

    assert page_url(open_proposal) in page


def test_the_staff_dashboard_links_to_the_proposal(client, open_proposal, staff_user):
    client.force_login(staff_user)

    page = get(client, f"/beheer/projecten/{open_proposal.project.slug}/").content.decode()

    assert staff_url(open_proposal) in page


def test_staff_see_what_a_draft_still_misses(client, project, staff_user):
    proposal, _ = make_proposal(project, staff_user, renovation_works="Isolatie.")
    client.force_login(staff_user)

    response = get(client, staff_url(proposal))

    checklist = dict(response.context["checklist"])
    assert checklist["renovation works (improvements)"] is True
    assert checklist["maintenance works"] is False
    assert "missing" in response.content.decode()


def test_staff_record_a_paper_vote_marked_with_who_entered_it(client, open_proposal, staff_user, households):
    client.force_login(staff_user)

    response = client.post(
        staff_url(open_proposal, "papieren-stem/"),
        {"household": households[3].pk, "choice": "disagree"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    ballot = Ballot.objects.get(proposal=open_proposal)
    assert (ballot.household, ballot.choice, ballot.on_paper, ballot.entered_by) == (
        households[3],
        "disagree",
        True,
        staff_user,
    )
    page = response.content.decode()
    assert "The paper vote of" in page
    assert f"on paper, entered by {staff_user.email}" in page


def test_staff_close_voting_and_get_a_verified_printable_result(client, open_proposal, staff_user, households):
    vote_all(open_proposal, households, agree=7, disagree=2)
    end_voting(open_proposal)
    client.force_login(staff_user)

    response = client.post(staff_url(open_proposal, "sluiten/"), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == staff_url(open_proposal, "uitslag/")
    assert open_proposal.result.ballots_hash in page
    assert ">verified<" in page
    assert "The proposal is presumed reasonable" in page
    assert households[7].dwelling.address in page  # did not vote: gets the notice
    assert households[8].dwelling.address in page  # disagreed
    assert households[0].dwelling.address not in page
    assert "the last day to go to court is" in page


def test_the_result_page_says_not_verified_when_a_vote_changed_after_closing(
    client, open_proposal, staff_user, households
):
    vote_all(open_proposal, households, agree=7)
    services.close(end_voting(open_proposal), by=staff_user)
    Ballot.objects.filter(household=households[0]).update(choice="disagree")
    client.force_login(staff_user)

    page = get(client, staff_url(open_proposal, "uitslag/")).content.decode()

    assert "NOT verified" in page


def test_closing_before_the_closing_moment_is_refused_with_a_message(client, open_proposal, staff_user):
    client.force_login(staff_user)

    response = client.post(staff_url(open_proposal, "sluiten/"), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    assert "Voting is open until" in response.content.decode()
    open_proposal.refresh_from_db()
    assert open_proposal.status == "open"


def test_a_tenant_of_a_household_outside_the_scope_cannot_vote(client, open_proposal, project):
    outsider = tenant(HouseholdFactory(dwelling__complex=project.complexes.get()))
    client.force_login(outsider)

    page = get(client, page_url(open_proposal)).content.decode()

    assert "This proposal is not for your home" in page


# Measured maxima, on SQLite without Redis (PostgreSQL + Redis: one less each, the session comes from the cache), of a
# proposal in its second version. Session, user, roles (3), the project with its complexes and contractors (3), the
# proposal, the previous version's number, in scope, own vote, the scope's size, the tally (6), the bell (1)
PROPOSAL_PAGE_QUERIES = 13
# session, user, roles (3), the project (3), the proposal, its draft, the scope, the scope's size, the tally, the votes
# (6), the bell (1)
STAFF_PAGE_QUERIES = 13


def second_version(proposal, by):
    """Publish a changed version of `proposal` (votes read the proposal again, so `proposal` itself is left as is)."""
    version = services.start_new_version(proposal, by=by)
    services.update_draft(version, by=by, changes_since_previous="De huur gaat minder omhoog.")
    services.publish_version(proposal, version, by=by)


@pytest.mark.parametrize("homes", [10, 40])
def test_the_proposal_pages_cost_the_same_number_of_queries_however_many_households(
    client, homes, django_assert_max_num_queries
):
    from .conftest import open_proposal_with

    proposal, households = open_proposal_with(homes)
    staff = proposal.project.corporation.organisations.get(kind="corporation").memberships.get().user
    second_version(proposal, staff)  # the page then also reads the previous version's number
    vote_all(proposal, households, agree=homes // 2, disagree=homes // 4)

    client.force_login(tenant(households[0]))
    with django_assert_max_num_queries(PROPOSAL_PAGE_QUERIES):
        assert get(client, page_url(proposal)).status_code == 200
    client.force_login(staff)
    with django_assert_max_num_queries(STAFF_PAGE_QUERIES):
        response = get(client, staff_url(proposal))
    assert len(response.context["household_votes"]) == homes


def test_the_proposal_page_reads_in_dutch(client, open_proposal, voter, households):
    vote_all(open_proposal, households[1:], agree=6)
    client.force_login(voter)

    page = client.get(page_url(open_proposal), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "60% stemt in — 70% nodig" in page
    assert "Ik stem in met dit voorstel" in page


def test_an_open_proposal_page_follows_the_count_live_and_a_closed_one_does_not(
    client, open_proposal, voter, staff_user
):
    client.force_login(voter)
    live = f'data-live-tally="tally-{open_proposal.pk}"'

    assert live in get(client, page_url(open_proposal)).content.decode()
    services.close(end_voting(open_proposal), by=staff_user)
    page = get(client, page_url(open_proposal)).content.decode()
    assert live not in page
    assert "The result" in page
