"""The privacy page is for everyone and linked from every page's footer; "my data" is everyone's own page."""

import pytest

from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db


def people_of_every_role(project, people):
    elsewhere = CorporationFactory()
    return {
        "anonymous": None,
        "tenant": people["anna"],
        "housemate": people["ben"],
        "other tenant": tenant(household_of(elsewhere)),
        "contractor": contractor_member(project.corporation),
        "staff": staff_member(project.corporation),
        "other staff": staff_member(elsewhere),
    }


ROLES = ["anonymous", "tenant", "housemate", "other tenant", "contractor", "staff", "other staff"]


@pytest.mark.parametrize("role", ROLES)
def test_the_privacy_page_opens_for_every_role(client, project, people, role):
    person = people_of_every_role(project, people)[role]
    if person:
        client.force_login(person)
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="nl")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wat we bewaren" in page and "Autoriteit Persoonsgegevens" in page
    assert "nog 2 jaar" in page


@pytest.mark.parametrize("role", ROLES)
def test_my_data_is_each_person_s_own_page(client, project, people, role):
    person = people_of_every_role(project, people)[role]
    if person is None:
        assert outcome(client.get("/mijn-gegevens/")) == LOGIN
        return
    client.force_login(person)
    response = client.get("/mijn-gegevens/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uw gegevens downloaden" in page
    if role in ("staff", "other staff"):
        assert "beheerder van uw corporatie" in page and "/mijn-gegevens/account-verwijderen/" not in page
    else:
        assert "/mijn-gegevens/account-verwijderen/" in page


def test_every_page_links_to_the_privacy_page_in_its_footer(client, project, people):
    page = client.get("/huisregels/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'href="/privacy/"' in footer and 'href="/mijn-gegevens/"' not in footer
    client.force_login(people["anna"])
    page = client.get("/huisregels/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'href="/privacy/"' in footer and 'href="/mijn-gegevens/"' in footer


def test_the_privacy_page_reads_in_english_too(client):
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What we keep" in page and "2 years more" in page


def test_a_tenant_corrects_their_name_language_and_needs(client, people):
    client.force_login(people["anna"])
    assert client.get("/mijn-gegevens/profiel/").status_code == 200
    response = client.post(
        "/mijn-gegevens/profiel/",
        {"display_name": "Anna B., nr. 1", "language": "en", "accessibility_needs": "Grote letters"},
    )
    assert response.status_code == 302
    profile = people["anna"].tenant_profile
    profile.refresh_from_db()
    assert (profile.display_name, profile.language, profile.accessibility_needs) == (
        "Anna B., nr. 1",
        "en",
        "Grote letters",
    )


def test_an_empty_name_is_refused_and_nothing_changes(client, people):
    client.force_login(people["anna"])
    response = client.post("/mijn-gegevens/profiel/", {"display_name": "", "language": "nl"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    people["anna"].tenant_profile.refresh_from_db()
    assert people["anna"].tenant_profile.display_name == "Anna, nr. 1"


@pytest.mark.parametrize("role, expected", [("anonymous", LOGIN), ("staff", 404), ("contractor", 404)])
def test_only_a_tenant_has_details_to_correct(client, project, people, role, expected):
    person = people_of_every_role(project, people)[role]
    if person:
        client.force_login(person)
    assert outcome(client.get("/mijn-gegevens/profiel/")) == expected
