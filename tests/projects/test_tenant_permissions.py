"""Who may open the project page, its files and the tenant's own pages: one table of role × page → what the
person gets. A file someone may not see answers 404, as if it did not exist; a tenant page answers 403 to anyone
signed in who is not a household of the project, and sends anonymous visitors to the login page."""

import pytest

from projects.models import Visibility
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    HouseholdFactory,
    contractor_member,
    staff_member,
    tenant,
)
from tests.permission_table import LOGIN, outcome
from tests.projects.home_plan_data import add_appointments, add_choices, add_document, add_updates

pytestmark = pytest.mark.django_db

BACK = "→ back"  # a POST that worked, redirecting to the home plan

PAGES = [
    ("GET", "/projecten/{slug}/"),
    ("GET", "/projecten/{slug}/documenten/{public_doc}/"),
    ("GET", "/projecten/{slug}/documenten/{households_doc}/"),
    ("GET", "/projecten/{slug}/documenten/{staff_doc}/"),
    ("GET", "/projecten/{slug}/fotos/{photo}/"),
    ("GET", "/projecten/{slug}/mijn-woning/"),
    ("POST", "/projecten/{slug}/mijn-woning/keuzes/{choice}/"),
    ("POST", "/projecten/{slug}/afspraken/{appointment}/bevestigen/"),
    ("GET", "/projecten/{slug}/afspraken/{appointment}/andere-tijd/"),
    ("GET", "/projecten/{slug}/afspraken/{appointment}/agenda.ics"),
    ("GET", "/mijn-renovatie/behoeften/"),
]

# fmt: off
EXPECTED = {
    #                         page  public households staff photo  home   choose confirm other  .ics   needs
    #                               doc    doc        doc          plan                  time
    "anonymous":             (200,  200,   404,       404,  404,   LOGIN, LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN),
    "tenant of the project": (200,  200,   200,       404,  200,   200,   BACK,  BACK,   200,   200,   200),
    "tenant elsewhere":      (200,  200,   404,       404,  404,   403,   403,   403,    403,   403,   200),
    "contractor assigned":   (200,  200,   200,       404,  200,   403,   403,   403,    403,   403,   403),
    "contractor elsewhere":  (200,  200,   404,       404,  404,   403,   403,   403,    403,   403,   403),
    "staff":                 (200,  200,   200,       200,  200,   403,   403,   403,    403,   403,   403),
    "staff of another corp": (200,  200,   404,       404,  404,   403,   403,   403,    403,   403,   403),
}
# fmt: on


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(project, home_plan, contractor_org, staff_user):
    organisation = staff_user.memberships.get().organisation
    add_updates(project, organisation, 1)
    (topic,) = add_choices(home_plan, 1)
    (appointment,) = add_appointments(home_plan, contractor_org, 1)
    return {
        "slug": project.slug,
        "public_doc": add_document(project, title="Brief", visibility=Visibility.PUBLIC).pk,
        "households_doc": add_document(project, title="Avond", visibility=Visibility.HOUSEHOLDS).pk,
        "staff_doc": add_document(project, title="Begroting", visibility=Visibility.STAFF).pk,
        "photo": project.updates.get().photos.get().pk,
        "choice": home_plan.choices.get().pk,
        "option": topic.options.first().pk,
        "appointment": appointment.pk,
    }


def person(role, project, home_plan, contractor_user, staff_user):
    corporation = project.corporation
    make = {
        "anonymous": lambda: None,
        "tenant of the project": lambda: tenant(home_plan.household),
        "tenant elsewhere": lambda: tenant(HouseholdFactory(dwelling__complex=ComplexFactory(corporation=corporation))),
        "contractor assigned": lambda: contractor_user,
        "contractor elsewhere": lambda: contractor_member(corporation),
        "staff": lambda: staff_user,
        "staff of another corp": lambda: staff_member(CorporationFactory()),
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
def test_who_gets_what_on_each_tenant_and_public_page(
    client, project, home_plan, contractor_user, staff_user, world, role, method, page, expected
):
    user = person(role, project, home_plan, contractor_user, staff_user)
    if user is not None:
        client.force_login(user)
    url = page.format(**world)

    if method == "POST":
        response = client.post(url, {f"choice-{world['choice']}-option": world["option"]})
    else:
        response = client.get(url)

    assert outcome(response, back="/", back_word=BACK) == expected
