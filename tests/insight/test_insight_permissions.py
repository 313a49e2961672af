"""Who may open the risk pages and a household's dossier: staff of the corporation only. Tenants and contractors
get 403, staff of another corporation 404 (the project or household is not theirs), anonymous visitors the login
page. Only a dossier opened by staff of its corporation is logged."""

import pytest

from insight.models import DossierView
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN, outcome

from .conftest import households_of

pytestmark = pytest.mark.django_db

PAGES = [
    "/beheer/inzicht/",
    "/beheer/projecten/{slug}/inzicht/",
    "/beheer/huishoudens/?postcode={postcode}",
    "/beheer/huishoudens/{household}/dossier/",
]

# fmt: off
EXPECTED = {
    #                         overview project search dossier
    "anonymous":             (LOGIN,   LOGIN,  LOGIN, LOGIN),
    "tenant of the project": (403,     403,    403,   403),
    "the household itself":  (403,     403,    403,   403),
    "contractor assigned":   (403,     403,    403,   403),
    "staff":                 (200,     200,    200,   200),
    "project lead":          (200,     200,    200,   200),
    "staff of another":      (200,     404,    200,   404),
}
# fmt: on


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def person(role, project, household):
    corporation = project.corporation

    def assigned_contractor():
        user = contractor_member(corporation)
        project.contractors.add(user.memberships.get().organisation)
        return user

    make = {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(households_of(project)[1]),
        "the household itself": lambda: tenant(household),
        "contractor assigned": assigned_contractor,
        "staff": lambda: staff_member(corporation),
        "project lead": lambda: staff_member(corporation, role="project_lead"),
        "staff of another": lambda: staff_member(CorporationFactory()),
    }
    return make[role]()


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [(role, page, expected) for role, row in EXPECTED.items() for page, expected in zip(PAGES, row, strict=True)],
    ids=[f"{role} {page}" for role in EXPECTED for page in PAGES],
)
def test_who_gets_what_on_each_insight_page(client, project, role, page, expected):
    household = households_of(project)[0]
    user = person(role, project, household)
    if user is not None:
        client.force_login(user)
    url = page.format(slug=project.slug, postcode=household.dwelling.postcode, household=household.pk)

    response = client.get(url)

    assert outcome(response) == expected
    logged = DossierView.objects.filter(household=household)
    assert logged.count() == (1 if url.endswith("/dossier/") and expected == 200 else 0)


def test_search_shows_only_the_staff_members_own_households(client, project):
    ours = households_of(project)[0]
    other_corporation = CorporationFactory()
    theirs = household_of(other_corporation, postcode=ours.dwelling.postcode, house_number=999)
    client.force_login(staff_member(other_corporation))

    response = client.get("/beheer/huishoudens/", {"postcode": ours.dwelling.formatted_postcode})

    assert f"/beheer/huishoudens/{theirs.pk}/dossier/" in response.text
    assert f"/beheer/huishoudens/{ours.pk}/dossier/" not in response.text
