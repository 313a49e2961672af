"""Who may open the moderation pages and send their forms: one table of role × page → what the person gets.

Forms are sent empty (a report or a hide without a reason): whoever may act gets the form back with its error
(200) and nothing changes; whoever may not is stopped before the form is read. Staff of another corporation get
404 for a post or suspension of this one, as if it did not exist; people who are not staff get 403.
"""

import pytest

from feedback import moderation
from feedback.models import Flag, ModerationAction, PostingSuspension
from tests.factories import tenant
from tests.feedback.moderation_world import build_world, person
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db

BACK = "back to the post"
SUSPENSIONS = "→ /beheer/moderatie/schorsingen/"

PAGES = [
    ("GET", "/beheer/moderatie/"),
    ("GET", "/beheer/moderatie/logboek/"),
    ("GET", "/beheer/moderatie/schorsingen/"),
    ("GET", "/beheer/moderatie/berichten/{post}/verbergen/"),
    ("POST", "/beheer/moderatie/berichten/{post}/verbergen/"),
    ("POST", "/beheer/moderatie/berichten/{post}/tonen/"),
    ("POST", "/beheer/moderatie/berichten/{post}/meldingen-afwijzen/"),
    ("GET", "/beheer/moderatie/berichten/{post}/schorsen/"),
    ("POST", "/beheer/moderatie/berichten/{post}/schorsen/"),
    ("POST", "/beheer/moderatie/schorsingen/{suspension}/opheffen/"),
    ("GET", "/gesprekken/{thread}/bericht/{post}/melden/"),
    ("POST", "/gesprekken/{thread}/bericht/{post}/melden/"),
    ("GET", "/huisregels/"),
]

# fmt: off
EXPECTED = {
    #                    queue  log    susp-  hide   hide   re-    dis-   sus-   sus-   lift         flag   flag   house
    #                                  ended  page   (no    store  miss   pend   pend                page   (no    rules
    #                                                reason)              page   (no r.)                    reason)
    "anonymous":        (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,       LOGIN, LOGIN, 200),
    "tenant":           (403,   403,   403,   403,   403,   403,   403,   403,   403,   403,         200,   200,   200),
    "tenant elsewhere": (403,   403,   403,   403,   403,   403,   403,   403,   403,   403,         404,   404,   200),
    "contractor":       (403,   403,   403,   403,   403,   403,   403,   403,   403,   403,         200,   200,   200),
    "staff":            (200,   200,   200,   200,   200,   BACK,  BACK,  200,   200,   SUSPENSIONS, 200,   200,   200),
    "staff of another": (200,   200,   200,   404,   404,   404,   404,   404,   404,   404,         404,   404,   200),
    "superuser":        (200,   200,   200,   200,   200,   BACK,  BACK,  200,   200,   SUSPENSIONS, 200,   200,   200),
}
# fmt: on


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def world():
    world = build_world()
    world.suspension = moderation.suspend_member(
        tenant(world.project.home_plans.first().household), world.corporation, world.staff, "Eerder geschorst"
    )
    return world


@pytest.mark.parametrize(
    ("role", "method", "page", "expected"),
    [
        (role, method, page, expected)
        for role, row in EXPECTED.items()
        for (method, page), expected in zip(PAGES, row, strict=True)
    ],
    ids=[f"{role} {method} {page}" for role in EXPECTED for method, page in PAGES],
)
def test_who_gets_what_on_each_moderation_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    url = page.format(thread=world.thread.pk, post=world.reply.pk, suspension=world.suspension.pk)
    actions_before = ModerationAction.objects.count()

    response = client.get(url) if method == "GET" else client.post(url, {})

    assert (
        outcome(response, back=f"/gesprekken/{world.thread.pk}/bericht/{world.reply.pk}/", back_word=BACK) == expected
    )
    world.reply.refresh_from_db()
    assert not world.reply.is_hidden  # an empty form hides nothing, whoever sends it
    assert not Flag.objects.exists()
    if expected != SUSPENSIONS:  # only lifting by staff acts here (a visible post is not shown again nor dismissed)
        assert ModerationAction.objects.count() == actions_before
        assert PostingSuspension.objects.filter(lifted_at__isnull=True).count() == 1


def test_staff_of_another_corporation_see_none_of_this_corporations_moderation(client, world):
    for neighbour in world.neighbours:
        moderation.flag(world.reply, neighbour, "Scheldwoorden tegen buren")
    client.force_login(person("staff of another", world))

    queue = client.get("/beheer/moderatie/").content.decode()
    log = client.get("/beheer/moderatie/logboek/").content.decode()
    suspensions = client.get("/beheer/moderatie/schorsingen/").content.decode()

    assert "Scheldwoorden tegen buren" not in queue and "idioten" not in queue
    assert "Eerder geschorst" not in log and "Eerder geschorst" not in suspensions
