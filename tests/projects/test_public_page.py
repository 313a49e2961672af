"""The project page: everyone sees what, where, why, when, the phases, milestones, contact and public documents;
the project's households, contractors and staff also see news with photos, their documents and the promises."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from projects import services
from projects.models import Commitment, Phase, Visibility
from tests.factories import HouseholdFactory, tenant
from tests.projects.home_plan_data import (
    PDF_BYTES,
    add_commitments,
    add_document,
    add_milestones,
    add_updates,
    png_bytes,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def url(project):
    return f"/projecten/{project.slug}/"


@pytest.fixture
def described(project):
    project.reason = "De woningen zijn koud en tochtig."
    project.starts_on, project.ends_on = date(2031, 2, 3), date(2031, 11, 28)
    project.contact_name, project.contact_phone = "Sanne de Vries", "030 123 45 67"
    project.save()
    return project


def test_anyone_sees_what_where_why_when_and_contact(client, described, url):
    page = client.get(url, **ENGLISH).content.decode()

    assert "Kanaleneiland-Noord verduurzaming" in page
    assert "Nieuwe kozijnen, isolatie en ventilatie." in page
    assert "De woningen zijn koud en tochtig." in page
    assert "Kanaalstraat" in page
    assert "3 February 2031" in page and "28 November 2031" in page
    assert "Sanne de Vries" in page and "030 123 45 67" in page


def test_the_public_page_names_streets_but_no_house_numbers_or_people(client, project, url):
    plan = project.home_plans.select_related("household__dwelling").first()
    tenant(plan.household)

    page = client.get(url, **ENGLISH).content.decode()

    assert plan.household.dwelling.street in page
    assert plan.household.dwelling.address not in page
    assert plan.household.dwelling.formatted_postcode not in page
    assert "Buur " not in page  # tenants' display names


def test_the_phase_timeline_shows_every_phase_with_the_current_one_marked(client, project, url):
    page = client.get(url, **ENGLISH).content.decode()

    for phase in ("Initiative", "Proposal", "Consultation", "Preparation", "Execution", "Evaluation", "Ended"):
        assert phase in page
    assert page.count('aria-current="step"') == 1
    assert 'class="phase phase-execution' not in page  # classes are by state, not by name
    assert page.count("phase phase-done") == 4
    assert page.count("phase phase-current") == 1


def test_a_paused_project_shows_why_and_where_it_stopped(client, project, url):
    services.change_phase(project, Phase.PAUSED, by=None, reason="Wachten op de vergunning.")

    page = client.get(url, **ENGLISH).content.decode()

    assert "This project is paused." in page
    assert "Wachten op de vergunning." in page
    assert page.count("phase phase-stopped") == 1
    assert "paused here" in page


def test_milestones_are_listed_with_their_dates(client, project, url):
    add_milestones(project, 2)

    page = client.get(url, **ENGLISH).content.decode()

    assert "Mijlpaal 0" in page and "Mijlpaal 1" in page
    assert "planned for" in page


def test_anonymous_visitors_see_public_documents_only_and_no_news_or_promises(client, project, url, staff_user):
    add_document(project, title="Bewonersbrief", visibility=Visibility.PUBLIC)
    add_document(project, title="Uitnodiging bewonersavond", visibility=Visibility.HOUSEHOLDS)
    add_document(project, title="Begroting intern", visibility=Visibility.STAFF)
    add_updates(project, staff_user.memberships.get().organisation, 1)
    add_commitments(project, staff_user, staff_user.memberships.get().organisation, 1)

    page = client.get(url, **ENGLISH).content.decode()

    assert "Bewonersbrief" in page
    assert "Uitnodiging bewonersavond" not in page and "Begroting intern" not in page
    assert "Nieuws 0" not in page
    assert "Belofte 0" not in page


def test_a_household_of_the_project_sees_news_with_photos_their_documents_and_the_promises(
    client, project, url, staff_user, project_tenant
):
    organisation = staff_user.memberships.get().organisation
    add_document(project, title="Uitnodiging bewonersavond", visibility=Visibility.HOUSEHOLDS)
    add_document(project, title="Begroting intern", visibility=Visibility.STAFF)
    add_updates(project, organisation, 1)
    client.force_login(project_tenant)

    page = client.get(url, **ENGLISH).content.decode()

    assert "Nieuws 0" in page
    assert 'alt="Steiger aan de voorkant 0-0"' in page
    assert "Uitnodiging bewonersavond" in page
    assert "Begroting intern" not in page
    assert "Our promises" in page


def test_a_household_member_gets_a_prominent_link_to_their_own_home_plan(client, project, url, project_tenant):
    client.force_login(project_tenant)

    page = client.get(url, **ENGLISH).content.decode()

    assert f'href="/projecten/{project.slug}/mijn-woning/"' in page
    assert "See the plan for your own home" in page


def test_no_home_plan_link_for_a_household_without_a_plan_or_for_staff(client, project, url, staff_user):
    household = HouseholdFactory(dwelling__complex=project.complexes.get())
    client.force_login(tenant(household))
    assert "See the plan for your own home" not in client.get(url, **ENGLISH).content.decode()

    client.force_login(staff_user)
    assert "See the plan for your own home" not in client.get(url, **ENGLISH).content.decode()


def test_staff_see_the_staff_documents_too(client, project, url, staff_user, settings):
    settings.REQUIRE_STAFF_2FA = False
    add_document(project, title="Begroting intern", visibility=Visibility.STAFF)
    client.force_login(staff_user)

    assert "Begroting intern" in client.get(url, **ENGLISH).content.decode()


def test_promises_show_what_was_promised_and_what_became_of_it(client, project, url, staff_user, project_tenant):
    organisation = staff_user.memberships.get().organisation
    today = timezone.localdate()

    def promise(title, due_on, status=Commitment.Status.OPEN, resolved_on=None, note=""):
        Commitment.objects.create(
            project=project,
            title=title,
            owner=staff_user,
            organisation=organisation,
            due_on=due_on,
            status=status,
            resolved_on=resolved_on,
            resolution_note=note,
        )

    promise("Steigers weg voor Pasen", today - timedelta(days=10), "kept", today - timedelta(days=12), "Op tijd weg.")
    promise("Tuinen hersteld", today - timedelta(days=10), "kept", today - timedelta(days=2), "Twee weken later.")
    promise("Gratis opslagbox", today - timedelta(days=5), "broken", today, "Leverancier failliet.")
    promise("Bewonersavond in mei", today - timedelta(days=1))
    promise("Eindoplevering", today + timedelta(days=30))
    client.force_login(project_tenant)

    page = client.get(url, **ENGLISH).content.decode()

    assert "25% of the promises that are due were kept on time." in page  # 1 of kept, kept late, broken, late
    assert "Op tijd weg." in page and "Leverancier failliet." in page
    assert page.count('badge badge-ok">kept') == 2
    assert page.count('badge badge-error">broken') == 1
    assert page.count('badge badge-warning">late') == 1
    assert page.count('class="badge">open') == 1


def test_an_unknown_project_is_not_found(client):
    assert client.get("/projecten/bestaat-niet/").status_code == 404


# --- Files ------------------------------------------------------------------------------------------------------


def test_a_public_pdf_streams_as_an_attachment_with_its_type(client, project):
    document = add_document(project, title="Bewonersbrief maart", visibility=Visibility.PUBLIC)

    response = client.get(f"/projecten/{project.slug}/documenten/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="bewonersbrief-maart.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_image_document_is_shown_inline(client, project):
    document = add_document(project, title="Plattegrond", visibility=Visibility.PUBLIC, pdf=False)

    response = client.get(f"/projecten/{project.slug}/documenten/{document.pk}/")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")


def test_a_document_of_another_project_is_not_found_under_this_one(client, project):
    other_project = type(project).objects.create(
        corporation=project.corporation, name="Ander project", slug="ander-project", summary="Iets anders."
    )
    document = add_document(other_project, title="Elders", visibility=Visibility.PUBLIC)

    assert client.get(f"/projecten/{project.slug}/documenten/{document.pk}/").status_code == 404


def test_a_photo_streams_with_the_type_read_from_its_content(client, project, staff_user, project_tenant):
    add_updates(project, staff_user.memberships.get().organisation, 1)
    photo = project.updates.get().photos.get()
    client.force_login(project_tenant)

    response = client.get(f"/projecten/{project.slug}/fotos/{photo.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_stored_file_that_is_no_image_is_never_served_as_a_photo(client, project, staff_user, project_tenant):
    add_updates(project, staff_user.memberships.get().organisation, 1)
    photo = project.updates.get().photos.get()
    with open(photo.image.path, "wb") as file:
        file.write(b"<html><script>alert(1)</script></html>")
    client.force_login(project_tenant)

    assert client.get(f"/projecten/{project.slug}/fotos/{photo.pk}/").status_code == 404


# --- Query count -------------------------------------------------------------------------------------------------

# Measured maximum, on SQLite without Redis (PostgreSQL + Redis: one less, the session comes from the cache): session,
# user, roles (3), the project with its complexes and contractors (3), phase changes, streets, milestones, documents,
# updates, their photos, commitments (7), the bell (1), and the hooks: proposals, meetings, polls, surveys (4)
PROJECT_PAGE_QUERIES = 18


def test_project_page_queries_stay_the_same_as_the_project_grows(
    client, project, url, staff_user, project_tenant, django_assert_max_num_queries
):
    organisation = staff_user.memberships.get().organisation
    client.force_login(project_tenant)

    def grow(n):
        add_milestones(project, n)
        add_commitments(project, staff_user, organisation, n)
        add_updates(project, organisation, n, photos=2)
        for i in range(n):
            add_document(project, title=f"Stuk {i}", visibility=Visibility.HOUSEHOLDS)
        project.refresh_from_db()
        services.change_phase(
            project, Phase.EVALUATION if project.phase == Phase.EXECUTION else Phase.EXECUTION, by=None
        )

    grow(2)
    with django_assert_max_num_queries(PROJECT_PAGE_QUERIES):
        small = client.get(url)
    assert small.content.decode().count("<img ") == 4

    grow(8)
    for _ in range(20):
        HouseholdFactory(dwelling__complex=project.complexes.get(), dwelling__street="Nieuwe Straat")
    with django_assert_max_num_queries(PROJECT_PAGE_QUERIES):
        large = client.get(url)
    assert large.content.decode().count("<img ") == 20  # the ten most recent updates, two photos each
