"""Who sees and posts where: one table per kind of discussion, role × action → what the person gets.

Anonymous visitors go to the login page; anyone who may not read a discussion gets 404 (nobody learns that a
thread exists); readers who may not do an action get 403. Support is for households; official answers for
staff and the contractor; status changes for staff. Contractors work on projects, so they never see a
complex's discussion."""

import pytest

from feedback import services
from feedback.models import Thread
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    tenant,
)
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db

DONE = "→ done"

ACTIONS = [
    ("GET", "{list}"),
    ("GET", "/gesprekken/{thread}/"),
    ("GET", "/gesprekken/{thread}/bericht/{answer}/"),
    ("GET", "/gesprekken/{thread}/fotos/{photo}/"),
    ("POST", "{list}nieuw/"),
    ("POST", "/gesprekken/{thread}/bericht/{opening}/reageren/"),
    ("POST", "/gesprekken/{thread}/steunen/"),
    ("POST", "/gesprekken/{thread}/bericht/{answer}/officieel/"),
    ("POST", "/gesprekken/{thread}/status/"),
]

# fmt: off
PROJECT = {
    #                            list   thread subtree photo new   reply support official status
    "anonymous":                (LOGIN, LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  LOGIN),
    "tenant of the project":    (200,   200,   200,    200,   DONE, DONE,  DONE,   403,    403),
    "tenant elsewhere":         (404,   404,   404,    404,   404,  404,   404,    404,    404),
    "contractor assigned":      (200,   200,   200,    200,   DONE, DONE,  403,    DONE,   403),
    "contractor not assigned":  (404,   404,   404,    404,   404,  404,   404,    404,    404),
    "staff":                    (200,   200,   200,    200,   DONE, DONE,  403,    DONE,   DONE),
    "staff of another corp":    (404,   404,   404,    404,   404,  404,   404,    404,    404),
}
COMPLEX = {
    "anonymous":                (LOGIN, LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  LOGIN),
    "tenant of the complex":    (200,   200,   200,    200,   DONE, DONE,  DONE,   403,    403),
    "tenant of the project":    (404,   404,   404,    404,   404,  404,   404,    404,    404),
    "contractor assigned":      (404,   404,   404,    404,   404,  404,   404,    404,    404),
    "staff":                    (200,   200,   200,    200,   DONE, DONE,  403,    DONE,   DONE),
    "staff of another corp":    (404,   404,   404,    404,   404,  404,   404,    404,    404),
}
# fmt: on


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    return discussion_settings


@pytest.fixture
def people(project, homes, asker, contractor, staff):
    corporation = project.corporation
    other_complex = ComplexFactory(corporation=corporation)
    return {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(homes[1]),
        "tenant elsewhere": lambda: tenant(household_of(corporation, complex=other_complex)),
        "tenant of the complex": lambda: tenant(household_of(corporation, complex=other_complex)),
        "contractor assigned": lambda: contractor,
        "contractor not assigned": lambda: contractor_member(corporation),
        "staff": lambda: staff,
        "staff of another corp": lambda: staff_member(CorporationFactory()),
        "complex": other_complex,
    }


def world(where, asker_for_complex, project, staff, asker, contractor):
    from tests.feedback.conftest import png

    if where == "project":
        place, author, official = {"project": project}, asker, contractor
        list_url = f"/projecten/{project.slug}/gesprekken/"
    else:
        place, author, official = {"complex": where}, asker_for_complex, staff
        list_url = f"/complexen/{where.pk}/gesprekken/"
    thread = services.start_thread(
        **place,
        kind=Thread.Kind.PROBLEM,
        title="Lekkage",
        body="Water in de gang",
        author=author,
        location="stairwell",
        photos=[(png(), "Water op de vloer")],
    )
    opening = thread.posts.get()
    answer = services.reply(opening, "We komen morgen kijken.", official)
    return {
        "list": list_url,
        "thread": thread.pk,
        "opening": opening.pk,
        "answer": answer.pk,
        "photo": thread.photos.get().pk,
    }


def cases(table, where):
    return [
        pytest.param(where, role, method, page, expected, id=f"{where}: {role} {method} {page}")
        for role, row in table.items()
        for (method, page), expected in zip(ACTIONS, row, strict=True)
    ]


POST_DATA = {
    "nieuw/": {"kind": "question", "title": "Vraag", "body": "Tekst"},
    "reageren/": {"body": "Een reactie"},
    "status/": {"status": "planned"},
}


@pytest.mark.parametrize(
    ("where", "role", "method", "page", "expected"), cases(PROJECT, "project") + cases(COMPLEX, "complex")
)
def test_who_may_read_and_post_in_a_discussion(
    client, project, people, staff, asker, contractor, where, role, method, page, expected
):
    place = "project" if where == "project" else people["complex"]
    complex_author = (
        tenant(household_of(project.corporation, complex=people["complex"])) if where == "complex" else None
    )
    urls = world(place, complex_author, project, staff, asker, contractor)
    user = people[role]()
    if user is not None:
        client.force_login(user)
    url = page.format(**urls)

    if method == "POST":
        data = next((data for suffix, data in POST_DATA.items() if url.endswith(suffix)), {})
        response = client.post(url, data)
    else:
        response = client.get(url)

    assert outcome(response, back="/", back_word=DONE) == expected
