"""Who may open the contractor's pages of a project: one table of role × page → what the person gets.

Looking is for an assigned contractor and for staff of the project's corporation; planning, proposing, posting
and recording visits are for the assigned contractor only. Anonymous visitors are sent to the login page.
"""

from datetime import timedelta

import pytest

from projects import appointments
from projects.models import HomePlan
from tests.factories import (
    CorporationFactory,
    HouseholdFactory,
    contractor_member,
    staff_member,
    superuser,
    tenant,
)
from tests.permission_table import LOGIN, outcome

from .conftest import next_monday

pytestmark = pytest.mark.django_db

BACK = "redirect back"

MONDAY = next_monday()
PAGES = [
    ("GET", "/projecten/{slug}/aannemer/", None),
    ("GET", "/projecten/{slug}/aannemer/dag/", None),
    ("GET", f"/projecten/{{slug}}/aannemer/dag/{MONDAY.isoformat()}/", None),
    (
        "POST",
        "/projecten/{slug}/aannemer/plannen/",
        {
            "first_day": (MONDAY + timedelta(days=7)).isoformat(),
            "last_day": (MONDAY + timedelta(days=11)).isoformat(),
            "weekdays": ["0", "1", "2", "3", "4"],
            "teams": "Team C",
            "day_starts": "08:00",
            "visit_minutes": "60",
            "visits_per_day": "2",
            "purpose": "Opname",
        },
    ),
    ("POST", "/projecten/{slug}/aannemer/voorstellen/", {"purpose": "Opname"}),
    ("POST", "/projecten/{slug}/aannemer/nieuws/", {"title": "Steiger", "body": "De steiger staat."}),
    ("POST", "/projecten/{slug}/aannemer/bezoeken/{visit}/", {"outcome": "done"}),
]

# fmt: off
EXPECTED = {
    #                            project dag    dag of  plan   propose news   record
    #                            page    today  monday  slots  times   post   visit
    "anonymous":                (LOGIN,  LOGIN, LOGIN,  LOGIN, LOGIN,  LOGIN, LOGIN),
    "tenant of the project":    (403,    403,   403,    403,   403,    403,   403),
    "tenant elsewhere":         (403,    403,   403,    403,   403,    403,   403),
    "contractor assigned":      (200,    200,   200,    BACK,  BACK,   BACK,  BACK),
    "contractor not assigned":  (403,    403,   403,    403,   403,    403,   403),
    "staff":                    (200,    200,   200,    403,   403,    403,   403),
    "staff of another corp.":   (403,    403,   403,    403,   403,    403,   403),
    "superuser":                (200,    200,   200,    403,   403,    403,   403),
}
# fmt: on


@pytest.fixture
def visit(project, contractor_org, contractor_user, week_plan):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    return appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)[0]


def person(role, project, contractor_user):
    make = {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(HomePlan.objects.filter(project=project).first().household),
        "tenant elsewhere": lambda: tenant(HouseholdFactory()),
        "contractor assigned": lambda: contractor_user,
        "contractor not assigned": lambda: contractor_member(project.corporation),
        "staff": lambda: staff_member(project.corporation),
        "staff of another corp.": lambda: staff_member(CorporationFactory()),
        "superuser": superuser,
    }
    return make[role]()


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [(role, page, expected) for role, row in EXPECTED.items() for page, expected in zip(PAGES, row, strict=True)],
    ids=[f"{role} {method} {url}" for role in EXPECTED for method, url, _ in PAGES],
)
def test_who_gets_what_on_the_contractor_pages(client, settings, project, contractor_user, visit, role, page, expected):
    settings.REQUIRE_STAFF_2FA = False
    user = person(role, project, contractor_user)
    if user is not None:
        client.force_login(user)
    method, url, data = page
    url = url.format(slug=project.slug, visit=visit.pk)

    response = client.post(url, data) if method == "POST" else client.get(url)

    assert outcome(response, back=url.split("aannemer/")[0] + "aannemer/", back_word=BACK) == expected


def test_a_project_that_does_not_exist_is_not_found(client, contractor_user):
    client.force_login(contractor_user)
    assert client.get("/projecten/bestaat-niet/aannemer/").status_code == 404


def test_a_visit_of_another_project_is_not_found(client, project, contractor_user, visit):
    other_contractor = contractor_member(project.corporation)
    other_project = project.__class__.objects.create(
        corporation=project.corporation, name="Ander project", slug="ander-project", summary="Elders."
    )
    other_project.contractors.add(other_contractor.memberships.get().organisation)
    client.force_login(other_contractor)

    response = client.post(f"/projecten/{other_project.slug}/aannemer/bezoeken/{visit.pk}/", {"outcome": "done"})

    assert response.status_code == 404
    visit.refresh_from_db()
    assert visit.status == "proposed"


def test_pages_only_answer_posts_where_they_change_something(client, project, contractor_user):
    client.force_login(contractor_user)
    assert client.get(f"/projecten/{project.slug}/aannemer/plannen/").status_code == 405
