"""The session pages and the hooks cost a fixed number of queries, however many sessions and registrations."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import services
from tests.factories import HouseholdFactory

from .conftest import move_to_past, plan, register_all

pytestmark = pytest.mark.django_db


def grow(project, staff_user, households, n):
    """`n` coming sessions each with `n` registrations (up to the ten homes), and `n` past ones with minutes."""
    for i in range(n):
        session = plan(project, staff_user, in_days=3 + i, title=f"Bijeenkomst {i}")
        register_all(session, households[:n])
        past = plan(project, staff_user, in_days=1, title=f"Eerder {i}")
        register_all(past, households[:n])
        move_to_past(past, days_ago=2 + i)
        services.record_attendance(past, [h.pk for h in households[: n // 2]], by=staff_user)
        services.save_minutes(past, "Verslag.", publish=True, by=staff_user)
    for _ in range(n):
        HouseholdFactory(dwelling__complex=project.complexes.get())


def queries(client, url):
    cache.clear()  # every measurement counts the bell's unread count (cached between requests) alike
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def measure(client, user, url_for, project, staff_user, households):
    """Queries of the page with one session and with eight: (small, large)."""
    client.force_login(user)
    grow(project, staff_user, households, 1)
    small = queries(client, url_for(project))
    grow(project, staff_user, households, 8)
    return small, queries(client, url_for(project))


# session, user, viewer (2), project (3), the sessions with counts, the household's own registrations, past minutes
TENANT_LIST_QUERIES = 11  # with the bell


def test_the_tenant_list_costs_the_same_queries_for_1_or_16_sessions(client, project, staff_user, households, member):
    small, large = measure(
        client, member, lambda p: f"/projecten/{p.slug}/bijeenkomsten/", project, staff_user, households
    )
    assert small == large <= TENANT_LIST_QUERIES


# session, user, viewer (2), project (3), the sessions with counts, the reach
STAFF_LIST_QUERIES = 10  # with the bell


def test_the_staff_list_costs_the_same_queries_for_1_or_16_sessions(client, project, staff_user, households):
    small, large = measure(
        client, staff_user, lambda p: f"/beheer/projecten/{p.slug}/bijeenkomsten/", project, staff_user, households
    )
    assert small == large <= STAFF_LIST_QUERIES


# session, user, viewer (2), project (3), the session with counts, registrations, households left to register
STAFF_SESSION_QUERIES = 11  # with the bell


def test_the_staff_session_page_costs_the_same_queries_for_1_or_9_registrations(
    client, project, staff_user, households
):
    session = plan(project, staff_user)
    url = f"/beheer/projecten/{project.slug}/bijeenkomsten/{session.pk}/"
    client.force_login(staff_user)
    register_all(session, households[:1])
    small = queries(client, url)
    register_all(session, households[1:9], people=3)
    services.cancel_registration(session, households[8], by=None)

    assert small == queries(client, url) <= STAFF_SESSION_QUERIES


def test_the_door_list_costs_the_same_queries_for_1_or_9_registrations(client, project, staff_user, households):
    session = plan(project, staff_user)
    url = f"/beheer/projecten/{project.slug}/bijeenkomsten/{session.pk}/deurlijst/"
    client.force_login(staff_user)
    register_all(session, households[:1])
    small = queries(client, url)
    register_all(session, households[1:9])

    assert small == queries(client, url) <= STAFF_SESSION_QUERIES - 1


def test_the_project_page_hook_costs_one_query_whatever_the_sessions(client, project, staff_user, households, member):
    client.force_login(member)
    url = f"/projecten/{project.slug}/"
    without = queries(client, url)
    grow(project, staff_user, households, 1)
    one = queries(client, url)
    grow(project, staff_user, households, 8)

    assert without == one == queries(client, url)
    page = client.get(url).content.decode()
    assert page.count(f"/projecten/{project.slug}/bijeenkomsten/") >= 4  # three sessions and the link to all


def test_the_staff_dashboard_hook_costs_the_same_queries_whatever_the_sessions(client, project, staff_user, households):
    client.force_login(staff_user)
    url = f"/beheer/projecten/{project.slug}/"
    grow(project, staff_user, households, 1)
    one = queries(client, url)
    grow(project, staff_user, households, 8)

    assert one == queries(client, url)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "8 of 10 registered" in page
