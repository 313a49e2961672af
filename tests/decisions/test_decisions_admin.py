"""The decisions admin for corporation staff: lists stay within the own corporation, every write goes through
decisions.services, a published version is frozen, and votes are for looking at only."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from decisions import services
from decisions.models import AuditEntry, Ballot, BallotChange, Proposal, ProposalVersion, ResultSnapshot
from tests.decisions.conftest import COMPLETE, end_voting, make_proposal, open_proposal_with
from tests.factories import project_in_execution, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def other_proposal():
    """A proposal, open for voting, of another corporation."""
    proposal, _households = open_proposal_with(homes=3)
    return proposal


def rows(response):
    return set(response.context["cl"].result_list)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def run_action(client, model, action, objects):
    return client.post(
        f"/admin/decisions/{model._meta.model_name}/",
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
        follow=True,
    )


# --- Lists ---------------------------------------------------------------------------------------------------


def test_staff_see_only_their_own_corporations_proposals(staff_client, open_proposal, other_proposal):
    response = staff_client.get("/admin/decisions/proposal/")

    assert response.status_code == 200
    assert rows(response) == {open_proposal}


def test_the_list_links_to_the_proposals_staff_page(staff_client, open_proposal):
    page = staff_client.get("/admin/decisions/proposal/").content.decode()

    assert reverse("staff_proposal", args=[open_proposal.project.slug, open_proposal.pk]) in page


@pytest.mark.parametrize(
    ("model", "path"),
    [
        (Proposal, "project__corporation"),
        (ProposalVersion, "proposal__project__corporation"),
        (Ballot, "proposal__project__corporation"),
        (BallotChange, "ballot__proposal__project__corporation"),
        (AuditEntry, "proposal__project__corporation"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_lists_of_votes_and_versions_stay_within_the_corporation(
    staff_client, staff_user, open_proposal, households, other_proposal, model, path
):
    services.cast_vote(open_proposal, households[0], "agree", by=None)
    other_households = [plan.household for plan in other_proposal.project.home_plans.all()]
    services.cast_vote(other_proposal, other_households[0], "disagree", by=None)
    own = staff_user.memberships.get().organisation.corporation

    response = staff_client.get(f"/admin/decisions/{model._meta.model_name}/")

    assert response.status_code == 200
    assert rows(response) == set(model.objects.filter(**{path: own}))
    assert rows(response)
    assert len(rows(response)) < model.objects.count()


def test_another_corporations_proposal_cannot_be_opened(staff_client, open_proposal, other_proposal):
    for url in (
        f"/admin/decisions/proposal/{other_proposal.pk}/change/",
        f"/admin/decisions/proposalversion/{other_proposal.current_version_id}/change/",
    ):
        response = staff_client.get(url)

        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


def test_the_add_form_offers_only_the_own_corporations_projects(staff_client, project, other_proposal):
    response = staff_client.get("/admin/decisions/proposal/add/")

    assert set(response.context["adminform"].form.fields["project"].queryset) == {project}


# --- Proposals and versions ----------------------------------------------------------------------------------


def test_a_proposal_added_in_the_admin_is_made_by_the_service_as_a_draft(staff_client, project):
    opens = timezone.localtime() + timedelta(days=1)
    closes = opens + timedelta(days=14)

    response = staff_client.post(
        "/admin/decisions/proposal/add/",
        {
            "project": project.pk,
            "title": "Nieuwe kozijnen",
            "opens_at_0": opens.strftime("%Y-%m-%d"),
            "opens_at_1": opens.strftime("%H:%M:%S"),
            "closes_at_0": closes.strftime("%Y-%m-%d"),
            "closes_at_1": closes.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    proposal = Proposal.objects.get(title="Nieuwe kozijnen")
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.project == project
    assert list(proposal.versions.values_list("number", flat=True)) == [1]  # the service made the first version


def test_status_cannot_be_set_in_the_proposal_form(staff_client, draft):
    proposal, _version = draft

    response = staff_client.get(f"/admin/decisions/proposal/{proposal.pk}/change/")

    assert "status" not in response.context["adminform"].form.fields


def test_a_draft_version_is_changed_through_the_service(staff_client, project, staff_user):
    proposal, version = make_proposal(project, staff_user)
    data = {name: "" for name in services.CONTENT_FIELDS}
    data.update(renovation_works="Nieuwe kozijnen", tenants_stay_home="unknown")

    response = staff_client.post(f"/admin/decisions/proposalversion/{version.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    version.refresh_from_db()
    assert version.renovation_works == "Nieuwe kozijnen"
    assert not version.is_published


def test_publishing_an_incomplete_version_lists_what_is_missing_and_publishes_nothing(
    staff_client, project, staff_user
):
    proposal, version = make_proposal(project, staff_user, renovation_works="Nieuwe kozijnen")

    response = run_action(staff_client, ProposalVersion, "publish", [version])

    text = " ".join(messages_of(response))
    assert "was not published" in text
    assert "maintenance works" in text
    assert "social plan" in text
    assert "renovation works" not in text.split("Still missing:")[1]
    version.refresh_from_db()
    proposal.refresh_from_db()
    assert not version.is_published
    assert proposal.status == Proposal.Status.DRAFT


def test_publishing_a_complete_version_opens_voting(staff_client, draft):
    proposal, version = draft

    response = run_action(staff_client, ProposalVersion, "publish", [version])

    assert any("voting is open" in message for message in messages_of(response))
    version.refresh_from_db()
    proposal.refresh_from_db()
    assert version.is_published
    assert proposal.status == Proposal.Status.OPEN
    assert proposal.current_version == version
    assert version.scope.count() == 10


def test_a_published_version_cannot_be_changed(staff_client, open_proposal):
    version = open_proposal.current_version
    before = version.renovation_works

    page = staff_client.get(f"/admin/decisions/proposalversion/{version.pk}/change/")
    data = {name: "" for name in services.CONTENT_FIELDS}
    data["renovation_works"] = "Iets anders"
    response = staff_client.post(f"/admin/decisions/proposalversion/{version.pk}/change/", data)

    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.renovation_works == before


def test_start_a_new_version_makes_a_draft_copy(staff_client, open_proposal):
    response = run_action(staff_client, ProposalVersion, "start_new_version", [open_proposal.current_version])

    assert any("new draft" in message for message in messages_of(response))
    new = open_proposal.versions.get(number=2)
    assert not new.is_published
    assert new.renovation_works == COMPLETE["renovation_works"]


def test_closing_in_the_admin_certifies_the_result(staff_client, open_proposal):
    end_voting(open_proposal)

    run_action(staff_client, Proposal, "close_voting", [open_proposal])

    open_proposal.refresh_from_db()
    assert open_proposal.status == Proposal.Status.CLOSED
    assert ResultSnapshot.objects.filter(proposal=open_proposal).exists()


# --- Votes ---------------------------------------------------------------------------------------------------


def test_ballots_cannot_be_added_changed_or_deleted(staff_client, open_proposal, households):
    ballot = services.cast_vote(open_proposal, households[0], "agree", by=None)
    change = ballot.changes.get()

    assert staff_client.get("/admin/decisions/ballot/add/").status_code == 403
    page = staff_client.get(f"/admin/decisions/ballot/{ballot.pk}/change/")
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    response = staff_client.post(f"/admin/decisions/ballot/{ballot.pk}/change/", {"choice": "disagree"})
    assert response.status_code == 403
    assert staff_client.post(f"/admin/decisions/ballot/{ballot.pk}/delete/", {"post": "yes"}).status_code == 403
    assert staff_client.get("/admin/decisions/ballotchange/add/").status_code == 403
    assert staff_client.post(f"/admin/decisions/ballotchange/{change.pk}/delete/", {"post": "yes"}).status_code == 403
    ballot.refresh_from_db()
    assert ballot.choice == "agree"


def test_results_are_read_only(staff_client, open_proposal):
    end_voting(open_proposal)
    snapshot = services.close(open_proposal, by=None)

    assert staff_client.get("/admin/decisions/resultsnapshot/add/").status_code == 403
    page = staff_client.get(f"/admin/decisions/resultsnapshot/{snapshot.pk}/change/")
    assert page.status_code == 200
    assert not page.context["has_change_permission"]


def closed_proposal(project, staff):
    """A proposal every household voted on, closed with a certified result."""
    proposal, version = make_proposal(project, staff, **COMPLETE)
    services.publish_version(proposal, version, by=staff)
    for plan in project.home_plans.select_related("household"):
        services.cast_vote(proposal, plan.household, "agree", by=None)
    services.close(end_voting(proposal), by=staff)


@pytest.mark.parametrize(
    "model",
    [Proposal, ProposalVersion, Ballot, BallotChange, ResultSnapshot, AuditEntry],
    ids=lambda model: model.__name__,
)
def test_list_costs_the_same_number_of_queries_however_many_rows(client, model):
    project = project_in_execution(homes=3)
    staff = staff_member(project.corporation)
    client.force_login(staff)
    url = f"/admin/decisions/{model._meta.model_name}/"

    def count():
        client.get(url)  # warm up the session and caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.context["cl"].result_count

    closed_proposal(project, staff)
    few, few_rows = count()
    closed_proposal(project, staff)
    closed_proposal(project, staff)
    many, many_rows = count()

    assert many_rows > few_rows
    assert many == few


# --- Registration --------------------------------------------------------------------------------------------


def registered_decisions_admins():
    return [(model, admin.site._registry.get(model)) for model in apps.get_app_config("decisions").get_models()]


@pytest.mark.parametrize(("model", "model_admin"), registered_decisions_admins(), ids=lambda value: str(value))
def test_every_model_is_in_the_admin_with_search_filters_and_related_rows_fetched(model, model_admin):
    assert model_admin is not None, f"{model.__name__} is not registered in the admin"
    assert model_admin.search_fields
    assert model_admin.list_filter
    relations = {field.name for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one}
    shown_relations = relations & set(model_admin.list_display)
    assert shown_relations
    fetched = {path.split("__")[0] for path in model_admin.list_select_related}
    assert shown_relations <= fetched
