"""Who may read a proposal, vote on it, and use the staff pages: one table of role × page → what the person gets.

Only a household in scope votes; the project's contractors and the corporation's staff read the proposal but never
vote; staff enter paper votes, close and print the result. Anyone else signed in gets 404 on the proposal (as if it
did not exist) and 403 on the staff pages; staff of another corporation get 404.
"""

import pytest

from decisions import services
from decisions.models import Ballot
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN, outcome

from .conftest import COMPLETE, end_voting, make_proposal

pytestmark = pytest.mark.django_db

BACK = "back"  # an action that worked (or was refused with a message), back on the page it was done from

PAGES = [
    ("GET", "/projecten/{slug}/voorstellen/{open}/"),
    ("POST", "/projecten/{slug}/voorstellen/{open}/stemmen/"),
    ("GET", "/beheer/projecten/{slug}/voorstellen/{open}/"),
    ("POST", "/beheer/projecten/{slug}/voorstellen/{open}/papieren-stem/"),
    ("POST", "/beheer/projecten/{slug}/voorstellen/{open}/sluiten/"),
    ("GET", "/beheer/projecten/{slug}/voorstellen/{closed}/uitslag/"),
    ("POST", "/beheer/projecten/{slug}/voorstellen/{open}/publiceren/"),
]

# fmt: off
EXPECTED = {
    #                            proposal vote   staff  paper  close  result publish
    #                            page            page   vote
    "anonymous":                (LOGIN,   LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "tenant in scope":          (200,     BACK,  403,   403,   403,   403,   403),
    "tenant elsewhere":         (404,     404,   403,   403,   403,   403,   403),
    "contractor assigned":      (200,     403,   403,   403,   403,   403,   403),
    "contractor not assigned":  (404,     404,   403,   403,   403,   403,   403),
    "staff":                    (200,     403,   200,   BACK,  BACK,  200,   BACK),
    "staff of another":         (404,     404,   404,   404,   404,   404,   404),
}
# fmt: on


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(project, open_proposal, staff_user, households):
    """The open proposal of a ten-home project, and a second proposal of the project that is closed."""
    closed, version = make_proposal(project, staff_user, **COMPLETE)
    services.publish_version(closed, version, by=staff_user)
    services.close(end_voting(closed), by=staff_user)
    return {"project": project, "open": open_proposal, "closed": closed, "households": households}


def person(role, world):
    project = world["project"]
    corporation = project.corporation

    def assigned_contractor():
        user = contractor_member(corporation)
        project.contractors.add(user.memberships.get().organisation)
        return user

    make = {
        "anonymous": lambda: None,
        "tenant in scope": lambda: tenant(world["households"][0]),
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
def test_who_gets_what_on_each_proposal_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    project, proposal = world["project"], world["open"]
    url = page.format(slug=project.slug, open=proposal.pk, closed=world["closed"].pk)
    data = {"choice": "agree", "household": world["households"][1].pk}

    response = client.get(url) if method == "GET" else client.post(url, data)

    area = "/projecten" if page.startswith("/projecten") else "/beheer/projecten"
    back = f"{area}/{project.slug}/voorstellen/{proposal.pk}/"
    assert outcome(response, back=back, back_word=BACK) == expected
    voted = Ballot.objects.filter(proposal=proposal).values_list("household_id", flat=True)
    if expected == BACK and url.endswith("stemmen/"):
        assert list(voted) == [world["households"][0].pk]
    elif expected == BACK and url.endswith("papieren-stem/"):
        assert list(voted) == [world["households"][1].pk]
    else:
        assert not voted  # nobody else's request records a vote
    proposal.refresh_from_db()
    assert proposal.status == "open"  # closing before the closing moment is refused, whoever asks


def test_a_draft_proposal_is_for_staff_only(client, project, staff_user, households):
    draft, _ = make_proposal(project, staff_user, **COMPLETE)
    url = f"/projecten/{project.slug}/voorstellen/{draft.pk}/"

    client.force_login(tenant(households[0]))
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_a_proposal_of_another_project_answers_404(client, world):
    other_project_url = f"/projecten/{world['project'].slug}-elders/voorstellen/{world['open'].pk}/"
    client.force_login(tenant(world["households"][0]))

    assert client.get(other_project_url).status_code == 404
