"""Who sees a poll's results on its page, and on the live-results address, per rule × role × open or closed."""

import pytest
from django.urls import reverse

from polls import services
from tests.factories import contractor_member

from .conftest import make_poll, vote

pytestmark = pytest.mark.django_db

SEEN, HIDDEN = "results", "no results"
# fmt: off
EXPECTED = {
    #  rule             state      household  contractor  staff
    ("live",          "open"):   (SEEN,      SEEN,       SEEN),
    ("live",          "closed"): (SEEN,      SEEN,       SEEN),
    ("after_closing", "open"):   (HIDDEN,    HIDDEN,     SEEN),
    ("after_closing", "closed"): (SEEN,      SEEN,       SEEN),
    ("staff_only",    "open"):   (HIDDEN,    HIDDEN,     SEEN),
    ("staff_only",    "closed"): (HIDDEN,    HIDDEN,     SEEN),
}
# fmt: on
ROLES = ("household", "contractor", "staff")


@pytest.mark.parametrize(
    ("rule", "state", "role", "expected"),
    [(rule, state, role, row[index]) for (rule, state), row in EXPECTED.items() for index, role in enumerate(ROLES)],
    ids=[f"{rule} {state} {role}" for rule, state in EXPECTED for role in ROLES],
)
def test_who_sees_the_results_on_the_poll_page(client, project, staff_user, tenants, rule, state, role, expected):
    poll = make_poll(project, staff_user, results_visibility=rule)
    vote(poll, tenants[1], "Bordeauxrood")
    if state == "closed":
        services.close_poll(poll, by=staff_user)
    if role == "contractor":
        reader = contractor_member(project.corporation)
        project.contractors.add(reader.memberships.get().organisation)
    else:
        reader = {"household": tenants[0], "staff": staff_user}[role]
    client.force_login(reader)

    html = client.get(reverse("poll_detail", args=[project.slug, poll.pk]), HTTP_ACCEPT_LANGUAGE="en").content
    fragment = client.get(reverse("poll_results", args=[project.slug, poll.pk]))

    shown = '<th scope="row">Bordeauxrood</th>' in html.decode()
    assert (SEEN if shown else HIDDEN) == expected
    assert fragment.status_code == (200 if expected == SEEN else 403)
