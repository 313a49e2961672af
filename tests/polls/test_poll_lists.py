"""The polls on the project page, on the staff dashboard and on the poll list: what they show, and that their
queries do not grow with the number of polls, answers or votes."""

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from polls import services
from tenants.permissions import viewer_for

from .conftest import make_poll, vote

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
# Queries on the polls tables per page, as measured. The rest of a page (session, user, viewer, project, role, the
# shared layout) belongs to other apps and changes with them; here it only may not grow with the polls or votes.
# The hooks on the shared pages cost at most two queries (test_the_hooks_cost_two_queries_at_most).
POLL_QUERIES = {
    "poll_list": 1,
    "staff_polls": 1,
    "poll_detail": 6,  # the poll, the own vote and its answers, the form, the results (2)
    "poll_results": 3,  # the poll, the results (2)
    "staff_poll": 6,
}


def poll_queries(captured):
    return len([query for query in captured.captured_queries if '"polls_' in query["sql"]])


def many_polls(project, staff_user, tenants, count):
    for number in range(count):
        poll = make_poll(project, staff_user, question=f"Vraag {number}?", options=[f"Ja {number}", f"Nee {number}"])
        vote(poll, tenants[number % len(tenants)], f"Ja {number}")
        if number % 3 == 0:
            services.close_poll(poll, by=staff_user)
    make_poll(project, staff_user, question="Nog een concept?", opened=False)


def test_the_project_page_lists_open_polls_with_whether_the_household_voted(client, project, staff_user, tenants):
    voted = make_poll(project, staff_user, question="Welke dag past het best?", options=["Maandag", "Dinsdag"])
    vote(voted, tenants[0], "Maandag")
    make_poll(project, staff_user)
    make_poll(project, staff_user, question="Nog een concept?", opened=False)
    client.force_login(tenants[0])

    html = client.get(reverse("project_detail", args=[project.slug]), **ENGLISH).content.decode()

    assert "Think along: polls" in html
    assert "you voted" in html and "not voted yet" in html
    assert "Nog een concept?" not in html
    assert reverse("poll_detail", args=[project.slug, voted.pk]) in html


def test_the_staff_dashboard_lists_every_poll_with_a_link_to_make_one(client, project, staff_user):
    draft = make_poll(project, staff_user, question="Nog een concept?", opened=False)
    client.force_login(staff_user)
    html = client.get(reverse("staff_project", args=[project.slug]), **ENGLISH).content.decode()
    assert reverse("staff_poll", args=[project.slug, draft.pk]) in html
    assert reverse("staff_new_poll", args=[project.slug]) in html


def test_a_project_without_polls_shows_no_poll_section_to_households(client, project, tenants):
    client.force_login(tenants[0])
    html = client.get(reverse("project_detail", args=[project.slug]), **ENGLISH).content.decode()
    assert "Think along: polls" not in html


@pytest.mark.parametrize(
    "url_name", ["poll_list", "project_detail", "staff_polls", "staff_project"], ids=lambda name: name
)
def test_poll_lists_cost_the_same_queries_however_many_polls(
    client, project, staff_user, tenants, url_name, django_assert_max_num_queries
):
    reader = staff_user if url_name.startswith("staff") else tenants[0]
    client.force_login(reader)
    url = reverse(url_name, args=[project.slug])
    many_polls(project, staff_user, tenants, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    assert poll_queries(few) <= POLL_QUERIES.get(url_name, 2)
    many_polls(project, staff_user, tenants, 12)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_poll_pages_cost_the_same_queries_however_many_votes(
    client, project, staff_user, tenants, django_assert_max_num_queries
):
    poll = make_poll(project, staff_user)
    pages = [(tenants[0], "poll_detail"), (tenants[0], "poll_results"), (staff_user, "staff_poll")]
    counted = {}
    vote(poll, tenants[1], "Antraciet")
    for reader, name in pages:
        client.force_login(reader)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(name, args=[project.slug, poll.pk]))
        counted[name] = len(queries)
        assert poll_queries(queries) <= POLL_QUERIES[name]
    for user in tenants[2:]:
        vote(poll, user, "Okergeel")
    for reader, name in pages:
        client.force_login(reader)
        with django_assert_max_num_queries(counted[name]):
            assert client.get(reverse(name, args=[project.slug, poll.pk])).status_code == 200


@pytest.mark.parametrize("hook", ["project_links", "staff_links"])
def test_the_hooks_cost_two_queries_at_most(rf, project, staff_user, tenants, hook, django_assert_max_num_queries):
    many_polls(project, staff_user, tenants, 8)
    request = rf.get("/")
    request.user = staff_user if hook == "staff_links" else tenants[0]
    viewer_for(request)  # the page has worked out who is reading before its hooks run
    template = get_template(f"polls/fragments/{hook}.html")
    with django_assert_max_num_queries(2):
        html = template.render({"project": project, "request": request})
    assert "Vraag 7?" in html
