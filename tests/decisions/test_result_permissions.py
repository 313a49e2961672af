"""Who gets the result's staff pages and downloads: the letters, recording a notice, the audit trail and the two
CSV files. Only the corporation's staff; anyone else signed in gets 403 (staff of another corporation 404), and
no response to a tenant, a representative or a contractor names a neighbour's home or says how anyone voted."""

import pytest
from django.utils import timezone

from decisions import services
from decisions.models import AuditEntry, Notice
from tests.factories import (
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    tenant,
    tenant_representative,
)
from tests.permission_table import LOGIN, outcome

from .conftest import end_voting, vote_all

pytestmark = pytest.mark.django_db

BACK = "back"
PAGES = [
    ("GET", "uitslag/brieven/"),
    ("POST", "uitslag/kennisgevingen/"),
    ("GET", "logboek/"),
    ("GET", "uitslag.csv"),
    ("GET", "logboek.csv"),
]

# fmt: off
EXPECTED = {
    #                            letters record  audit  result  audit
    #                                    notice  trail  CSV     CSV
    "anonymous":                (LOGIN,  LOGIN,  LOGIN, LOGIN,  LOGIN),
    "tenant in scope":          (403,    403,    403,   403,    403),
    "representative":           (403,    403,    403,   403,    403),
    "tenant elsewhere":         (403,    403,    403,   403,    403),
    "contractor assigned":      (403,    403,    403,   403,    403),
    "contractor not assigned":  (403,    403,    403,   403,    403),
    "staff":                    (200,    BACK,   200,   200,    200),
    "staff of another":         (404,    404,    404,   404,    404),
}
# fmt: on
NOT_STAFF = ["tenant in scope", "representative", "tenant elsewhere", "contractor assigned", "contractor not assigned"]


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(project, open_proposal, households, staff_user):
    """Closed at 70%: households 7 (no vote), 8 and 9 (disagreed) are to be notified."""
    vote_all(open_proposal, households, agree=7, disagree=2)
    services.close(end_voting(open_proposal), by=staff_user)
    return {"project": project, "proposal": open_proposal, "households": households}


def person(role, world):
    project = world["project"]
    corporation = project.corporation

    def assigned_contractor():
        user = contractor_member(corporation)
        project.contractors.add(user.memberships.get().organisation)
        return user

    make = {
        "anonymous": lambda: None,
        "tenant in scope": lambda: tenant(world["households"][9]),
        "representative": lambda: tenant_representative(corporation, world["households"][8]),
        "tenant elsewhere": lambda: tenant(household_of(corporation)),
        "contractor assigned": assigned_contractor,
        "contractor not assigned": lambda: contractor_member(corporation),
        "staff": lambda: staff_member(corporation),
        "staff of another": lambda: staff_member(CorporationFactory()),
    }
    return make[role]()


def request(client, world, role, method, page):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    proposal = world["proposal"]
    url = f"/beheer/projecten/{world['project'].slug}/voorstellen/{proposal.pk}/{page}"
    data = {"households": [world["households"][7].pk], "sent_on": timezone.localdate().isoformat(), "method": "post"}
    return client.get(url) if method == "GET" else client.post(url, data)


@pytest.mark.parametrize(
    ("role", "method", "page", "expected"),
    [
        (role, method, page, expected)
        for role, row in EXPECTED.items()
        for (method, page), expected in zip(PAGES, row, strict=True)
    ],
    ids=[f"{role} {method} {page}" for role in EXPECTED for method, page in PAGES],
)
def test_who_gets_what_on_each_result_page(client, world, role, method, page, expected):
    response = request(client, world, role, method, page)

    back = f"/beheer/projecten/{world['project'].slug}/voorstellen/{world['proposal'].pk}/uitslag/"
    assert outcome(response, back=back, back_word=BACK) == expected
    if expected == BACK:
        assert list(Notice.objects.values_list("household", flat=True)) == [world["households"][7].pk]
    else:
        assert not Notice.objects.exists()  # nobody else's request records a notice
    downloads = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORTED).count()
    assert downloads == (1 if expected == 200 and page.endswith(".csv") else 0)


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize(("method", "page"), PAGES, ids=[page for _method, page in PAGES])
def test_no_refusal_reveals_a_neighbours_home_or_vote(client, world, role, method, page):
    response = request(client, world, role, method, page)

    content = response.content.decode("utf-8", errors="replace")
    for household in world["households"]:
        assert household.dwelling.street + " " + str(household.dwelling.house_number) not in content
    assert "disagree" not in content.lower() and "tegen" not in content.lower()
    assert world["proposal"].result.ballots_hash not in content
    assert "text/csv" not in response.get("Content-Type", "")
