"""A household records what the corporation and visitors should know about it, and is told who sees what."""

import pytest

from tenants.models import HouseholdNeeds
from tests.factories import tenant

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/mijn-renovatie/behoeften/"


def needs_form(**values):
    data = {"mobility": "", "pets": "", "preferred_language": "", "visit_notes": "", "medical": ""}
    data.update(values)
    return data


def test_the_form_says_who_sees_what(client):
    client.force_login(tenant())

    page = client.get(URL, **ENGLISH).content.decode()

    assert "Corporation staff see everything you fill in here." in page
    assert "A contractor sees only what a visit needs" in page
    assert "A contractor never sees your medical needs" in page
    assert "Only corporation staff see this, never the contractor." in page


def test_the_first_save_creates_the_households_needs(client):
    user = tenant()
    client.force_login(user)

    response = client.post(
        URL, needs_form(mobility="Rolstoel", pets="Kat", needs_helper_present="on", medical="Longziekte")
    )

    assert response.status_code == 302 and response["Location"] == "/mijn-renovatie/"
    needs = HouseholdNeeds.objects.get(household=user.tenant_profile.household)
    assert needs.mobility == "Rolstoel" and needs.pets == "Kat" and needs.medical == "Longziekte"
    assert needs.needs_helper_present and not needs.works_from_home


def test_a_later_save_changes_the_same_record(client):
    user = tenant()
    client.force_login(user)
    client.post(URL, needs_form(mobility="Rolstoel"))

    client.post(URL, needs_form(mobility="Rollator", works_from_home="on"))

    needs = HouseholdNeeds.objects.get(household=user.tenant_profile.household)
    assert needs.mobility == "Rollator" and needs.works_from_home
    assert HouseholdNeeds.objects.count() == 1


def test_the_form_shows_what_was_saved_before(client):
    user = tenant()
    HouseholdNeeds.objects.create(household=user.tenant_profile.household, pets="Twee honden")
    client.force_login(user)

    assert 'value="Twee honden"' in client.get(URL).content.decode()


def test_too_long_input_is_explained_and_saves_nothing(client):
    client.force_login(tenant())

    response = client.post(URL, needs_form(mobility="x" * 201), **ENGLISH)

    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    assert not HouseholdNeeds.objects.exists()


def test_a_household_only_ever_edits_its_own_needs(client):
    neighbour = tenant()
    HouseholdNeeds.objects.create(household=neighbour.tenant_profile.household, pets="Papegaai")
    client.force_login(tenant())

    client.post(URL, needs_form(pets="Geen"))

    assert HouseholdNeeds.objects.get(household=neighbour.tenant_profile.household).pets == "Papegaai"
