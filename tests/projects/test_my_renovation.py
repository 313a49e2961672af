""" "Mijn renovatie": the household's projects with links to the project page and its own plan, the next visit,
the open choices with the nearest deadline, and the way to the needs form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import HomePlan, RenovationProject
from tests.factories import HouseholdFactory, tenant, tenant_representative
from tests.projects.home_plan_data import add_appointments, add_choices

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/mijn-renovatie/"


def test_the_household_sees_its_project_with_phase_and_links(client, project, project_tenant):
    client.force_login(project_tenant)

    page = client.get(URL, **ENGLISH).content.decode()

    assert "Kanaleneiland-Noord verduurzaming" in page
    assert "Execution" in page
    assert f'href="/projecten/{project.slug}/"' in page
    assert f'href="/projecten/{project.slug}/mijn-woning/"' in page


def test_without_a_plan_yet_there_is_no_home_plan_link(client, project):
    client.force_login(tenant(HouseholdFactory(dwelling__complex=project.complexes.get())))

    page = client.get(URL, **ENGLISH).content.decode()

    assert f'href="/projecten/{project.slug}/"' in page
    assert "mijn-woning" not in page
    assert "The plan for your own home is not ready yet." in page


def test_a_household_without_projects_sees_the_empty_state_and_the_needs_form_link(client):
    client.force_login(tenant())

    page = client.get(URL, **ENGLISH).content.decode()

    assert "There is no renovation planned for your home yet." in page
    assert 'href="/mijn-renovatie/behoeften/"' in page


def test_the_next_visit_and_open_choices_with_nearest_deadline_are_shown(
    client, project, home_plan, contractor_org, project_tenant
):
    add_appointments(home_plan, contractor_org, 2)
    add_choices(home_plan, 3, deadline_in_days=9)
    client.force_login(project_tenant)

    page = client.get(URL, **ENGLISH).content.decode()

    assert "Next visit" in page and "Bezoek 0" in page and "Bezoek 1" not in page
    assert "Confirm or pick another time" in page
    assert "You have 3 choices to make." in page
    deadline = timezone.localdate() + timedelta(days=9)
    assert f"The first deadline is {deadline.day} {deadline:%B %Y}." in page


# Measured maximum, on SQLite without Redis (PostgreSQL + Redis: one less, the session comes from the cache), for a
# tenant representative: session, user, roles (3), next visit, open choices, projects, own plans (4), the bell,
# the committee link (advice), the surveys waiting (3)
MY_RENOVATION_QUERIES = 10


def test_my_renovation_queries_stay_the_same_with_more_projects_visits_and_choices(
    client, project, home_plan, contractor_org, django_assert_max_num_queries
):
    # a representative: the committee link is the one read a plain tenant's page does without
    client.force_login(tenant_representative(project.corporation, home_plan.household))
    add_appointments(home_plan, contractor_org, 1)
    add_choices(home_plan, 1)
    with django_assert_max_num_queries(MY_RENOVATION_QUERIES):
        assert client.get(URL).status_code == 200

    complex_ = project.complexes.get()
    for i in range(5):
        other = RenovationProject.objects.create(
            corporation=project.corporation, name=f"Project {i}", slug=f"project-{i}", summary="…"
        )
        other.complexes.add(complex_)
        plan = HomePlan.objects.create(project=other, household=home_plan.household)
        add_appointments(plan, contractor_org, 3, first_day=20 + 5 * i)
        add_choices(plan, 3)
    with django_assert_max_num_queries(MY_RENOVATION_QUERIES):
        page = client.get(URL).content.decode()
    assert page.count('class="card project-card"') == 6
    assert 'id="committee-heading"' in page
