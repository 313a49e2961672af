"""Who may open the staff project pages and post their forms: one table of role × page → what the person gets.

Posts carry an empty form: whoever may act gets the dashboard back with the form's errors (200) and nothing
changes; whoever may not is stopped before the form is read.
"""

import pytest

from projects.models import Commitment, RenovationProject
from tenants.models import Membership, Organisation
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    MembershipFactory,
    OrganisationFactory,
    contractor_member,
    household_of,
    staff_member,
    superuser,
    tenant,
)
from tests.permission_table import ADMIN, LOGIN, outcome

pytestmark = pytest.mark.django_db

INDEX = "→ /admin/"  # the admin's answer to an object it cannot find: back to its index, with a message

PAGES = [
    ("GET", "/beheer/projecten/"),
    ("GET", "/beheer/projecten/{slug}/"),
    ("POST", "/beheer/projecten/{slug}/fase/"),
    ("POST", "/beheer/projecten/{slug}/toezeggingen/"),
    ("POST", "/beheer/projecten/{slug}/toezeggingen/{commitment}/"),
    ("POST", "/beheer/projecten/{slug}/documenten/"),
    ("GET", "/admin/projects/renovationproject/"),
    ("GET", "/admin/projects/renovationproject/{project}/change/"),
]

# fmt: off
EXPECTED = {
    #                           list   dash-  phase  prom-  resolve docu-  admin  admin
    #                                  board         ise           ment   list   change
    "anonymous":               (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  LOGIN, ADMIN, ADMIN),
    "tenant of the project":   (403,   403,   403,   403,   403,    403,   ADMIN, ADMIN),
    "tenant elsewhere":        (403,   403,   403,   403,   403,    403,   ADMIN, ADMIN),
    "contractor assigned":     (403,   403,   403,   403,   403,    403,   ADMIN, ADMIN),
    "contractor not assigned": (403,   403,   403,   403,   403,    403,   ADMIN, ADMIN),
    "staff":                   (200,   200,   200,   200,   200,    200,   200,   200),
    "project lead":            (200,   200,   200,   200,   200,    200,   200,   200),
    "staff of another":        (200,   404,   404,   404,   404,    404,   200,   INDEX),
    "superuser":               (200,   200,   200,   200,   200,    200,   200,   200),
}
# fmt: on


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    """A project of corporation A over one complex with an assigned contractor and an open commitment, and a
    corporation B next door."""
    a, b = CorporationFactory(), CorporationFactory()
    complex_ = ComplexFactory(corporation=a)
    project = RenovationProject.objects.create(corporation=a, name="Project A", slug="project-a", summary=".")
    project.complexes.add(complex_)
    contractor = OrganisationFactory(corporation=a, kind=Organisation.Kind.CONTRACTOR)
    project.contractors.add(contractor)
    owner = staff_member(a)
    commitment = Commitment.objects.create(
        project=project,
        title="Belofte",
        owner=owner,
        organisation=owner.memberships.get().organisation,
        due_on="2030-1-1",
    )
    return {"a": a, "b": b, "complex": complex_, "project": project, "contractor": contractor, "commitment": commitment}


def person(role, world):
    a, b = world["a"], world["b"]
    make = {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(household_of(a, complex=world["complex"])),
        "tenant elsewhere": lambda: tenant(household_of(a)),
        "contractor assigned": lambda: (
            MembershipFactory(organisation=world["contractor"], role=Membership.Role.CONTRACTOR).user
        ),
        "contractor not assigned": lambda: contractor_member(a),
        "staff": lambda: staff_member(a),
        "project lead": lambda: staff_member(a, role=Membership.Role.PROJECT_LEAD),
        "staff of another": lambda: staff_member(b),
        "superuser": superuser,
    }
    return make[role]()


@pytest.mark.parametrize(
    ("role", "method", "page", "expected"),
    [
        (role, method, page, expected)
        for role, row in EXPECTED.items()
        for (method, page), expected in zip(PAGES, row, strict=True)
    ],
    ids=[f"{role} {method} {page}" for role in EXPECTED for method, page in PAGES],
)
def test_who_gets_what_on_each_staff_project_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    url = page.format(slug=world["project"].slug, project=world["project"].pk, commitment=world["commitment"].pk)

    response = client.get(url) if method == "GET" else client.post(url, {})

    assert outcome(response) == expected
    world["project"].refresh_from_db()
    assert world["project"].phase_changes.count() == 0  # an empty form changes nothing, whoever sends it
    assert world["project"].commitments.count() == 1


def test_staff_of_another_corporation_does_not_see_the_project_in_their_list(client, world):
    client.force_login(staff_member(world["b"]))

    response = client.get("/beheer/projecten/")

    assert list(response.context["projects"]) == []
    assert "Project A" not in response.content.decode()
