"""Publishing from the staff page: staff choose which of the project's complexes vote (all of them by default),
and the page warns plainly when fewer than ten homes are in scope, where the 70% rule of the law does not apply."""

import pytest
from django.urls import reverse

from projects.models import HomePlan
from tests.factories import ComplexFactory, HouseholdFactory, project_in_execution, staff_member

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def second_complex(project):
    """A second complex of three homes in the project, next to the first of ten."""
    complex_ = ComplexFactory(corporation=project.corporation, code="ZZ-2")
    project.complexes.add(complex_)
    for _ in range(3):
        HomePlan.objects.create(project=project, household=HouseholdFactory(dwelling__complex=complex_))
    return complex_


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def publish_url(proposal):
    return reverse("staff_publish_version", args=[proposal.project.slug, proposal.pk])


def test_the_form_offers_every_complex_ticked_with_its_homes(staff_client, draft, second_complex):
    proposal, _version = draft

    page = staff_client.get(reverse("staff_proposal", args=[proposal.project.slug, proposal.pk]), **ENGLISH)

    form = page.context["publish_form"]
    assert len(form.fields["complexes"].choices) == 2
    assert set(form.fields["complexes"].initial) == set(proposal.project.complexes.values_list("pk", flat=True))
    assert "(3 homes)" in page.content.decode() and "(10 homes)" in page.content.decode()


def test_publishing_every_complex_puts_every_household_in_scope(staff_client, draft, second_complex):
    proposal, version = draft

    every_complex = list(proposal.project.complexes.values_list("pk", flat=True))

    response = staff_client.post(publish_url(proposal), {"complexes": every_complex})

    assert response.status_code == 302
    version.refresh_from_db()
    assert version.is_published and version.scope.count() == 13


def test_staff_can_limit_the_scope_to_some_complexes(staff_client, draft, second_complex):
    proposal, version = draft
    first = proposal.project.complexes.exclude(pk=second_complex.pk).get()

    staff_client.post(publish_url(proposal), {"complexes": [first.pk]})

    version.refresh_from_db()
    assert version.scope.count() == 10
    assert not version.scope.filter(dwelling__complex=second_complex).exists()


def test_a_scope_under_ten_homes_needs_the_warning_ticked(staff_client, draft, second_complex):
    proposal, version = draft

    response = staff_client.post(publish_url(proposal), {"complexes": [second_complex.pk]}, **ENGLISH)

    assert response.status_code == 400
    assert "Fewer than ten homes are in this choice" in response.content.decode()
    version.refresh_from_db()
    assert not version.is_published


def test_a_small_scope_is_published_when_understood_and_the_page_warns(staff_client, draft, second_complex):
    proposal, version = draft

    staff_client.post(publish_url(proposal), {"complexes": [second_complex.pk], "small_scope_understood": "on"})
    page = staff_client.get(reverse("staff_proposal", args=[proposal.project.slug, proposal.pk]), **ENGLISH)

    version.refresh_from_db()
    assert version.scope.count() == 3
    assert "This proposal is for 3 homes only." in page.content.decode()
    assert "does not apply" in page.content.decode()


def test_no_complex_chosen_publishes_nothing(staff_client, draft):
    proposal, version = draft

    response = staff_client.post(publish_url(proposal), {}, **ENGLISH)

    assert response.status_code == 400
    assert "Choose at least one complex." in response.content.decode()
    version.refresh_from_db()
    assert not version.is_published


def test_ten_homes_or_more_shows_no_warning(staff_client, open_proposal):
    page = staff_client.get(reverse("staff_proposal", args=[open_proposal.project.slug, open_proposal.pk]), **ENGLISH)

    assert "homes only." not in page.content.decode()


def test_a_project_under_ten_homes_is_warned_before_publishing(client):
    from .conftest import COMPLETE, make_proposal

    project = project_in_execution(homes=6, slug="zes-woningen")
    staff = staff_member(project.corporation)
    proposal, _version = make_proposal(project, staff, **COMPLETE)
    client.force_login(staff)

    page = client.get(reverse("staff_proposal", args=[project.slug, proposal.pk]), **ENGLISH).content.decode()

    assert "The project has 6 homes that can vote." in page
    assert "does not presume the proposal reasonable" in page
