"""Who may read the session pages, register, and use the staff pages: one table of role × page → what the person
gets.

The project's households, contractors and the corporation's staff read the sessions; only a household registers
or cancels (contractors and staff get 403). Staff plan, change and cancel, register a household that called in,
tick attendance, write minutes and print the door list. Anyone else signed in gets 404 on the project's pages and
403 on the staff pages; staff of another corporation get 404.
"""

import pytest

from meetings import services
from meetings.models import Registration, Session
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN, outcome

from .conftest import move_to_past, plan

pytestmark = pytest.mark.django_db

BACK = "back"  # an action that worked (or was refused with a message), back on the page it was done from

PAGES = [
    ("GET", "/projecten/{slug}/bijeenkomsten/"),
    ("GET", "/projecten/{slug}/bijeenkomsten/{next}/"),
    ("GET", "/projecten/{slug}/bijeenkomsten/{next}/agenda.ics"),
    ("POST", "/projecten/{slug}/bijeenkomsten/{next}/aanmelden/"),
    ("POST", "/projecten/{slug}/bijeenkomsten/{other}/afmelden/"),
    ("GET", "/beheer/projecten/{slug}/bijeenkomsten/"),
    ("GET", "/beheer/projecten/{slug}/bijeenkomsten/nieuw/"),
    ("GET", "/beheer/projecten/{slug}/bijeenkomsten/{next}/"),
    ("GET", "/beheer/projecten/{slug}/bijeenkomsten/{next}/wijzigen/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{other}/annuleren/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{next}/aanmelden/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{other}/afmelden/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{past}/aanwezigheid/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{past}/binnenloper/"),
    ("POST", "/beheer/projecten/{slug}/bijeenkomsten/{past}/verslag/"),
    ("GET", "/beheer/projecten/{slug}/bijeenkomsten/{next}/deurlijst/"),
]

# fmt: off
L, B = LOGIN, BACK
# Columns: the project's list, a session's page, its calendar file, register, cancel one's own; then staff: the list,
# plan, a session's page, edit, cancel the session, register a caller, cancel a caller's registration, attendance,
# a walk-in, minutes, the list for the door.
EXPECTED = {
    #                            list page ics  reg. canc list plan page edit canc reg. canc att. walk min. door
    "anonymous":                (L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L),
    "tenant of the project":    (200, 200, 200, B,   B,   403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "tenant elsewhere":         (404, 404, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "contractor assigned":      (200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "contractor not assigned":  (404, 404, 404, 404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "staff":                    (200, 200, 200, 403, 403, 200, 200, 200, 200, B,   B,   B,   B,   B,   B,   200),
    "staff of another":         (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
}
# fmt: on


@pytest.fixture
def world(project, staff_user, households):
    """A session next week, another one the tenant's household is registered for, and a past one."""
    member = households[0]
    other = plan(project, staff_user, in_days=14, title="Informatieavond")
    services.register_household(other, member, by=None)
    services.register_household(other, households[5], by=None)
    past = plan(project, staff_user, in_days=2, title="Vorige keer")
    services.register_household(past, households[5], by=None)
    move_to_past(past)
    return {
        "project": project,
        "next": plan(project, staff_user),
        "other": other,
        "past": past,
        "households": households,
    }


def person(role, world):
    project = world["project"]
    corporation = project.corporation

    def assigned_contractor():
        user = contractor_member(corporation)
        project.contractors.add(user.memberships.get().organisation)
        return user

    make = {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(world["households"][0]),
        "tenant elsewhere": lambda: tenant(household_of(corporation)),
        "contractor assigned": assigned_contractor,
        "contractor not assigned": lambda: contractor_member(corporation),
        "staff": lambda: staff_member(corporation),
        "staff of another": lambda: staff_member(CorporationFactory()),
    }
    return make[role]()


def data_for(world, page):
    """The form data; staff cancel the registration of a household that has one, and add one that has not."""
    cancelling = page.startswith("/beheer") and page.endswith("afmelden/")
    return {
        "people": "2",
        "household": world["households"][5 if cancelling else 2].pk,
        "attended": [world["households"][5].pk],
        "minutes": "Goed gesprek.",
        "publish": "on",
    }


@pytest.mark.parametrize(
    ("role", "method", "page", "expected"),
    [
        (role, method, page, expected)
        for role, row in EXPECTED.items()
        for (method, page), expected in zip(PAGES, row, strict=True)
    ],
    ids=[f"{role} {method} {page}" for role in EXPECTED for method, page in PAGES],
)
def test_who_gets_what_on_each_session_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    project = world["project"]
    url = page.format(slug=project.slug, next=world["next"].pk, other=world["other"].pk, past=world["past"].pk)
    before = sorted(Registration.objects.values_list("session", "household", "people", "cancelled_at", "attended"))

    response = client.get(url) if method == "GET" else client.post(url, data_for(world, page))

    area = "/projecten" if page.startswith("/projecten") else "/beheer/projecten"
    back = f"{area}/{project.slug}/bijeenkomsten/"
    assert outcome(response, back=back, back_word=BACK) == expected
    after = sorted(Registration.objects.values_list("session", "household", "people", "cancelled_at", "attended"))
    cancelled = Session.objects.filter(status=Session.Status.CANCELLED).exists()
    minutes = Session.objects.filter(minutes_published_at__isnull=False).exists()
    if expected != BACK:
        assert after == before and not cancelled and not minutes  # nothing changes for anyone refused
    else:
        assert after != before or cancelled or minutes


def test_a_session_of_another_project_answers_404(client, world, project, staff_user):
    from tests.factories import project_in_execution

    other_project = project_in_execution(homes=1, slug="elders", complex=None)
    other_project.corporation = project.corporation
    elsewhere = plan(other_project, staff_user)
    client.force_login(tenant(world["households"][0]))

    assert client.get(f"/projecten/{project.slug}/bijeenkomsten/{elsewhere.pk}/").status_code == 404
    response = client.post(f"/projecten/{project.slug}/bijeenkomsten/{elsewhere.pk}/aanmelden/", {"people": "1"})
    assert response.status_code == 404
