"""Who may read polls, vote, fetch live results and use the staff pages: one table of role × page → what they get.

Households vote; the project's contractors and the corporation's staff read polls but never vote; staff make,
change, open and close polls. Anyone else signed in gets 404 on the project's poll pages (as if they did not exist)
and 403 on the staff pages; staff of another corporation get 404.
"""

import pytest

from polls.models import Poll, PollVote
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    contractor_member,
    household_of,
    project_in_execution,
    staff_member,
    tenant,
)
from tests.permission_table import LOGIN, outcome

from .conftest import make_poll

pytestmark = pytest.mark.django_db

BACK = "back"  # an action that worked (or was refused with a message), back on the poll's page

PAGES = [
    ("GET", "/projecten/{slug}/peilingen/"),
    ("GET", "/projecten/{slug}/peilingen/{open}/"),
    ("POST", "/projecten/{slug}/peilingen/{open}/stemmen/"),
    ("GET", "/projecten/{slug}/peilingen/{open}/uitslag/"),
    ("GET", "/beheer/projecten/{slug}/peilingen/"),
    ("GET", "/beheer/projecten/{slug}/peilingen/nieuw/"),
    ("GET", "/beheer/projecten/{slug}/peilingen/{open}/"),
    ("GET", "/beheer/projecten/{slug}/peilingen/{draft}/wijzigen/"),
    ("POST", "/beheer/projecten/{slug}/peilingen/{draft}/openen/"),
    ("POST", "/beheer/projecten/{slug}/peilingen/{open}/papieren-stem/"),
    ("POST", "/beheer/projecten/{slug}/peilingen/{open}/sluiten/"),
]

# fmt: off
EXPECTED = {
    #                            list  poll  vote   live    staff  new   staff  edit   open   paper  close
    #                                              results list         poll                vote
    "anonymous":                (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "tenant in the project":    (200,   200,   BACK,  200,   403,   403,   403,   403,   403,   403,   403),
    "tenant elsewhere":         (404,   404,   404,   404,   403,   403,   403,   403,   403,   403,   403),
    "contractor assigned":      (200,   200,   403,   200,   403,   403,   403,   403,   403,   403,   403),
    "contractor not assigned":  (404,   404,   404,   404,   403,   403,   403,   403,   403,   403,   403),
    "staff":                    (200,   200,   403,   200,   200,   200,   200,   200,   BACK,  BACK,  BACK),
    "staff of another":         (404,   404,   404,   404,   404,   404,   404,   404,   404,   404,   404),
}
# fmt: on


@pytest.fixture
def world(project, staff_user, households):
    """An open poll with live results and a draft poll, in a ten-home project."""
    return {
        "project": project,
        "open": make_poll(project, staff_user),
        "draft": make_poll(project, staff_user, question="Welke bomen?", options=["Eik", "Linde"], opened=False),
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
        "tenant in the project": lambda: tenant(world["households"][0]),
        "tenant elsewhere": lambda: tenant(household_of(corporation)),
        "contractor assigned": assigned_contractor,
        "contractor not assigned": lambda: contractor_member(corporation),
        "staff": lambda: staff_member(corporation),
        "staff of another": lambda: staff_member(CorporationFactory()),
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
def test_who_gets_what_on_each_poll_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    project, poll, draft = world["project"], world["open"], world["draft"]
    url = page.format(slug=project.slug, open=poll.pk, draft=draft.pk)
    data = {"options": poll.options.first().pk, "household": world["households"][1].pk}

    response = client.get(url) if method == "GET" else client.post(url, data)

    area = "/projecten" if page.startswith("/projecten") else "/beheer/projecten"
    back = f"{area}/{project.slug}/peilingen/"
    assert outcome(response, back=back, back_word=BACK) == expected
    voted = PollVote.objects.filter(poll=poll).values_list("household_id", flat=True)
    if expected == BACK and url.endswith("/stemmen/"):
        assert list(voted) == [world["households"][0].pk]
    elif expected == BACK and url.endswith("papieren-stem/"):
        assert list(voted) == [world["households"][1].pk]
    else:
        assert not voted  # nobody else's request records a vote
    draft.refresh_from_db()
    poll.refresh_from_db()
    opened, closed = expected == BACK and url.endswith("openen/"), expected == BACK and url.endswith("sluiten/")
    assert draft.status == (Poll.Status.OPEN if opened else Poll.Status.DRAFT)
    assert poll.status == (Poll.Status.CLOSED if closed else Poll.Status.OPEN)


def test_a_draft_poll_is_for_staff_only(client, world, staff_user):
    url = f"/projecten/{world['project'].slug}/peilingen/{world['draft'].pk}/"
    client.force_login(tenant(world["households"][0]))
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_a_poll_of_another_project_answers_404_under_this_projects_address(client, world, staff_user):
    other_project = project_in_execution(
        homes=2, slug="zuilen", complex=ComplexFactory(corporation=world["project"].corporation)
    )
    elsewhere = make_poll(other_project, staff_user)
    client.force_login(tenant(world["households"][0]))
    assert client.get(f"/projecten/{world['project'].slug}/peilingen/{elsewhere.pk}/").status_code == 404
