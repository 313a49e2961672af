"""Who may use each pulse and survey page: one table of role × page → what the person gets.

A household answers only what it was asked; anyone else signed in gets 404 there, as if it did not exist. The
project's contractors see totals, never the answers of a household. Staff pages: 403 for people who are not staff,
404 for staff of another corporation.
"""

import pytest

from surveys import services
from surveys.models import Question, Response, Survey
from tests.factories import (
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    tenant,
    tenant_representative,
)
from tests.permission_table import LOGIN, outcome

from .conftest import answer_pulse

LG = LOGIN  # short, so the table fits

pytestmark = pytest.mark.django_db

BACK = "back"

PAGES = [
    ("GET", "/projecten/{slug}/enquetes/"),
    ("GET", "/enquetes/{pulse}/"),
    ("POST", "/enquetes/{pulse}/"),
    ("GET", "/enquetes/{pulse}/uitkomsten/"),
    ("GET", "/beheer/enquetes/"),
    ("GET", "/beheer/projecten/{slug}/enquetes/"),
    ("GET", "/beheer/projecten/{slug}/enquetes/nieuwe-pulsvraag/"),
    ("GET", "/beheer/projecten/{slug}/enquetes/nieuwe-enquete/"),
    ("GET", "/beheer/enquetes/{pulse}/"),
    ("POST", "/beheer/enquetes/{draft}/vragen/"),
    ("POST", "/beheer/enquetes/{draft}/openen/"),
    ("POST", "/beheer/enquetes/{pulse}/sluiten/"),
    ("GET", "/beheer/enquetes/{pulse}/uitkomsten.csv"),
]

# fmt: off
EXPECTED = {
    #                          project answer answer result staff project new   new    staff add    open  close csv
    #                          list    page   save   page   all   list    pulse survey page  quest.
    "anonymous":               (LG,     LG,    LG,    LG,    LG,   LG,     LG,   LG,    LG,   LG,    LG,   LG,   LG),
    "tenant asked":            (200,    200,   BACK,  200,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "representative asked":    (200,    200,   BACK,  200,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "tenant not asked":        (200,    404,   404,   404,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "tenant elsewhere":        (404,    404,   404,   404,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "contractor assigned":     (200,    404,   404,   200,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "contractor not assigned": (404,    404,   404,   404,   403,  403,    403,  403,   403,  403,   403,  403,  403),
    "staff":                   (200,    404,   404,   200,   200,  200,    200,  200,   200,  BACK,  BACK, BACK, 200),
    "staff of another":        (404,    404,   404,   404,   200,  404,    404,  404,   404,  404,   404,  404,  404),
}
# fmt: on


@pytest.fixture
def world(project, households, staff_user):
    """A pulse to nine of the project's ten households (the tenth was not asked), and a draft survey."""
    pulse = services.send_pulse(
        project, services.PulseQuestion(text="Hoe gaat het?"), households=households[:9], by=staff_user
    )
    draft = services.create_survey(project.corporation, project=project, title="Concept", by=staff_user)
    services.add_question(draft, text="Hoe tevreden bent u?", kind=Question.Kind.SCALE)
    answer_pulse(pulse, households[1:3], [4, 5])
    return {"project": project, "pulse": pulse, "draft": draft, "households": households}


def person(role, world):
    project, households = world["project"], world["households"]
    corporation = project.corporation

    def assigned_contractor():
        user = contractor_member(corporation)
        project.contractors.add(user.memberships.get().organisation)
        return user

    make = {
        "anonymous": lambda: None,
        "tenant asked": lambda: tenant(households[0]),
        "representative asked": lambda: tenant_representative(corporation, households[0]),
        "tenant not asked": lambda: tenant(households[9]),
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
def test_who_gets_what_on_each_survey_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    pulse, draft = world["pulse"], world["draft"]
    url = page.format(slug=world["project"].slug, pulse=pulse.pk, draft=draft.pk)
    question = pulse.questions.get()
    data = {f"q{question.pk}": "4", "text": "Nog een vraag", "kind": "scale"}

    response = client.get(url) if method == "GET" else client.post(url, data)

    back = f"/beheer/enquetes/{draft.pk if '{draft}' in page else pulse.pk}/" if "beheer" in page else url
    assert outcome(response, back=back, back_word=BACK) == expected
    answered = set(Response.objects.filter(survey=pulse).values_list("household_id", flat=True))
    if expected == BACK and page == "/enquetes/{pulse}/":
        assert answered == {h.pk for h in world["households"][:3]}
    else:
        assert answered == {h.pk for h in world["households"][1:3]}  # nobody else's request records an answer
    if expected != BACK:
        assert Survey.objects.get(pk=draft.pk).status == "draft"
        assert Survey.objects.get(pk=pulse.pk).status == "open"


# The page-changing POSTs that the table above reaches only by GET: sending a pulse, saving a new survey, and
# removing a question from a draft.
WRITES = [
    ("/beheer/projecten/{slug}/enquetes/nieuwe-pulsvraag/", {"text": "Nieuw?", "kind": "scale"}),
    (
        "/beheer/projecten/{slug}/enquetes/nieuwe-enquete/",
        {"title": "Nieuw", "target": "project", "deadline": "2099-01-01T10:00"},
    ),
    ("/beheer/enquetes/{draft}/vragen/{question}/weghalen/", {}),
]
WRITE_EXPECTED = {
    "anonymous": (LG, LG, LG),
    "tenant asked": (403, 403, 403),
    "contractor assigned": (403, 403, 403),
    "staff": ("created", "created", "back"),
    "staff of another": (404, 404, 404),
}


@pytest.mark.parametrize(
    ("role", "page", "data", "expected"),
    [
        (role, page, data, expected)
        for role, row in WRITE_EXPECTED.items()
        for (page, data), expected in zip(WRITES, row, strict=True)
    ],
    ids=[f"{role} POST {page}" for role in WRITE_EXPECTED for page, _data in WRITES],
)
def test_who_may_make_and_change_surveys(client, world, role, page, data, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    draft = world["draft"]
    question = draft.questions.get()
    before = Survey.objects.count()
    url = page.format(slug=world["project"].slug, draft=draft.pk, question=question.pk)

    response = client.post(url, data)

    result = outcome(response, back=f"/beheer/enquetes/{draft.pk}/", back_word="back")
    if expected == "created":
        assert response.status_code == 302 and Survey.objects.count() == before + 1
        return
    assert result == expected
    assert Survey.objects.count() == before
    assert draft.questions.exists() == (expected != "back")
