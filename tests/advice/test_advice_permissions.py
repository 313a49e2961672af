"""Who gets what on every advice page: one table of role × page.

Staff of the project's corporation run the steps; the committee's representatives read their requests, give the
advice online and keep their papers; staff read the committee's workspace but do not write in it (403). Signed-in
people who are not staff get 403 on staff pages; on the workspace everyone else gets 404, as if it did not exist.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from advice import services
from tests.factories import (
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    tenant,
    tenant_representative,
)
from tests.permission_table import LOGIN, outcome

from .conftest import pdf

pytestmark = pytest.mark.django_db
BACK = "back"

PAGES = [
    ("GET", "/beheer/projecten/{slug}/advies/"),
    ("POST", "/beheer/projecten/{slug}/advies/nieuw/"),
    ("GET", "/beheer/projecten/{slug}/advies/{sent}/"),
    ("POST", "/beheer/projecten/{slug}/advies/{draft}/pakket/"),
    ("GET", "/beheer/projecten/{slug}/advies/{sent}/pakket/{packet_doc}/"),
    ("POST", "/beheer/projecten/{slug}/advies/{draft}/verstuurd/"),
    ("POST", "/beheer/projecten/{slug}/advies/{sent}/verlengen/"),
    ("POST", "/beheer/projecten/{slug}/advies/{sent}/advies/"),
    ("GET", "/beheer/projecten/{slug}/advies/{disagreed}/advies/document/"),
    ("POST", "/beheer/projecten/{slug}/advies/{disagreed}/reactie/"),
    ("GET", "/bewonerscommissie/{org}/"),
    ("POST", "/bewonerscommissie/{org}/documenten/"),
    ("GET", "/bewonerscommissie/{org}/documenten/{committee_doc}/"),
    ("POST", "/bewonerscommissie/{org}/notulen/"),
    ("GET", "/bewonerscommissie/{org}/notulen/{minutes}/"),
    ("GET", "/bewonerscommissie/{org}/advies/{sent}/"),
    ("POST", "/bewonerscommissie/{org}/advies/{sent}/indienen/"),
    ("GET", "/bewonerscommissie/{org}/advies/{sent}/pakket/{packet_doc}/"),
    ("GET", "/bewonerscommissie/{org}/advies/{disagreed}/advies/document/"),
]

L, B, F, N = LOGIN, BACK, 403, 404
# fmt: off
EXPECTED = {
    #                             staff pages ─────────────────────────────  committee workspace ─────────────────
    #                             list new page pkt file sent ext adv afile resp ws doc+ doc min+ min req adv+ pkt afile
    "anonymous":                 (L,   L,  L,   L,  L,   L,   L,  L,  L,    L,   L, L,   L,  L,   L,  L,  L,   L,  L),
    "representative":            (F,   F,  F,   F,  F,   F,   F,  F,  F,    F,   200, B, 200, B, 200, 200, B, 200, 200),
    "tenant of the project":     (F,   F,  F,   F,  F,   F,   F,  F,  F,    F,   N, N,   N,  N,   N,  N,  N,   N,  N),
    "tenant elsewhere":          (F,   F,  F,   F,  F,   F,   F,  F,  F,    F,   N, N,   N,  N,   N,  N,  N,   N,  N),
    "contractor assigned":       (F,   F,  F,   F,  F,   F,   F,  F,  F,    F,   N, N,   N,  N,   N,  N,  N,   N,  N),
    "staff":                     (200, B, 200,  B, 200,  B,   B,  B, 200,   B, 200, F, 200, F, 200, 200, F, 200, 200),
    "staff of another":          (N,   N,  N,   N,  N,   N,   N,  N,  N,    N,   N, N,   N,  N,   N,  N,  N,   N,  N),
    "representative of another": (F,   F,  F,   F,  F,   F,   F,  F,  F,    F,   N, N,   N,  N,   N,  N,  N,   N,  N),
}
# fmt: on


@pytest.fixture
def world(project, organisation, staff_user, representative, households, draft_request, sent, disagreed):
    text_file = SimpleUploadedFile("notities.txt", b"Notities\n", content_type="text/plain")
    document = services.add_committee_document(organisation, title="Notities", upload=text_file, by=representative)
    minutes = services.add_minutes(
        organisation, title="Vergadering", meeting_on=timezone.localdate(), minutes="Besproken", by=representative
    )
    return {
        "project": project,
        "organisation": organisation,
        "representative": representative,
        "households": households,
        "ids": {
            "slug": project.slug,
            "org": organisation.pk,
            "draft": draft_request.pk,
            "sent": sent.pk,
            "disagreed": disagreed.pk,
            "packet_doc": sent.packet_documents.get().pk,
            "committee_doc": document.pk,
            "minutes": minutes.pk,
        },
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
        "representative": lambda: world["representative"],
        "tenant of the project": lambda: tenant(world["households"][1]),
        "tenant elsewhere": lambda: tenant(household_of(corporation)),
        "contractor assigned": assigned_contractor,
        "staff": lambda: staff_member(corporation),
        "staff of another": lambda: staff_member(CorporationFactory()),
        "representative of another": lambda: tenant_representative(CorporationFactory()),
    }
    return make[role]()


def post_data(world):
    today = timezone.localdate().isoformat()
    return {
        "organisation": world["organisation"].pk,
        "subject": "Nieuwe adviesaanvraag",
        "title": "Stuk",
        "file": pdf(),
        "sent_on": today,
        "until": "2099-01-01",
        "reason": "Afgesproken in het overleg",
        "received_on": today,
        "agrees": "no",
        "text": "Ons advies",
        "departs": "yes",
        "reasons": "Omdat het moet",
        "meeting_on": today,
        "minutes": "Besproken",
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
def test_who_gets_what_on_each_advice_page(client, world, role, method, page, expected):
    user = person(role, world)
    if user is not None:
        client.force_login(user)
    url = page.format(**world["ids"])

    response = client.get(url) if method == "GET" else client.post(url, post_data(world))

    ids = world["ids"]
    back = (
        f"/beheer/projecten/{ids['slug']}/advies/" if url.startswith("/beheer") else f"/bewonerscommissie/{ids['org']}/"
    )
    assert outcome(response, back=back, back_word=BACK) == expected


def test_a_representative_of_another_committee_of_the_same_corporation_gets_404(client, world):
    project, organisation = world["project"], world["organisation"]
    other_committee = tenant_representative(project.corporation)  # a second tenant organisation of the corporation
    client.force_login(other_committee)
    assert client.get(f"/bewonerscommissie/{organisation.pk}/").status_code == 404
    assert client.get(f"/bewonerscommissie/{organisation.pk}/advies/{world['ids']['sent']}/").status_code == 404


def test_a_contractor_organisation_has_no_workspace(client, world):
    contractor = contractor_member(world["project"].corporation)
    client.force_login(staff_member(world["project"].corporation))
    assert client.get(f"/bewonerscommissie/{contractor.memberships.get().organisation_id}/").status_code == 404
