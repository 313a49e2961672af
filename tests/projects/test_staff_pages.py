"""The staff pages of a project: the list of projects, the dashboard's counts, and the actions taken on it
(phase change, commitments, documents). Who may open them is in test_staff_permissions.py."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projects import appointments, services
from projects.models import (
    Appointment,
    ChoiceOption,
    ChoiceTopic,
    Commitment,
    Document,
    HomeChoice,
    HomePlan,
    Phase,
    PhaseChange,
    RenovationProject,
    Visibility,
)
from surveys import services as survey_services
from surveys.services import PulseQuestion, Reply
from tenants.models import Membership
from tests.factories import ComplexFactory, HouseholdFactory, contractor_member, staff_member, tenant
from tests.projects.home_plan_data import PDF_BYTES, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _staff_without_two_factor_and_files_in_tmp(settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff_client(client, staff_user):
    """A staff member of the project's corporation, reading the interface in English (the msgids)."""
    client.force_login(staff_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def dashboard_url(project):
    return f"/beheer/projecten/{project.slug}/"


def page_text(response):
    return response.content.decode()


def membership_of(user):
    return user.memberships.get()


def commitment(project, owner, *, due_in_days, status=Commitment.Status.OPEN, resolved_in_days=None, title="Belofte"):
    today = timezone.localdate()
    return Commitment.objects.create(
        project=project,
        title=title,
        owner=owner,
        organisation=membership_of(owner).organisation,
        due_on=today + timedelta(days=due_in_days),
        status=status,
        resolved_on=None if resolved_in_days is None else today + timedelta(days=resolved_in_days),
    )


# --- What the dashboard counts -------------------------------------------------------------------------------


def test_dashboard_counts_households_activated_and_with_a_plan(staff_client, project):
    complex_ = project.complexes.get()
    HouseholdFactory(dwelling__complex=complex_)  # a ninth home, no plan yet
    for plan in project.home_plans.all()[:3]:
        tenant(plan.household)

    response = staff_client.get(dashboard_url(project))

    assert response.status_code == 200
    assert response.context["dashboard"].households == {
        "total": 9,
        "activated": 3,
        "not_activated": 6,
        "with_plan": 8,
    }
    assert "33%" in page_text(response)


def test_dashboard_counts_appointments_by_status_and_lists_the_missed_ones(
    staff_client, project, contractor_org, contractor_user, week_plan
):
    appointments.plan_slots(project, contractor_org, week_plan, by=contractor_user)
    proposed = appointments.propose_to_homes(project, purpose="Opname", by=contractor_user)
    for appointment in proposed[:2]:
        appointments.confirm(appointment, by=contractor_user)
    appointments.record_visit(proposed[2], outcome=Appointment.Status.DONE, by=contractor_user)
    appointments.record_visit(proposed[3], outcome=Appointment.Status.MISSED, by=contractor_user)

    response = staff_client.get(dashboard_url(project))

    counts = response.context["dashboard"].appointments
    assert (counts["proposed"], counts["confirmed"], counts["done"], counts["missed"]) == (4, 2, 1, 1)
    missed_home = proposed[3].home_plan.household.dwelling.address
    assert [a.home_plan.household.dwelling.address for a in response.context["dashboard"].missed_appointments] == [
        missed_home
    ]
    assert missed_home in page_text(response)


def test_dashboard_counts_open_choices_and_shows_the_nearest_deadline(staff_client, project):
    today = timezone.localdate()
    plans = list(project.home_plans.all())
    for title, days, chosen in [("Tegelkleur", 10, 3), ("Keukenindeling", 20, 0), ("Verlopen", -2, 0)]:
        topic = ChoiceTopic.objects.create(project=project, title=title, deadline=today + timedelta(days=days))
        option = ChoiceOption.objects.create(topic=topic, label="Wit")
        for n, plan in enumerate(plans):
            HomeChoice.objects.create(home_plan=plan, topic=topic, option=option if n < chosen else None)

    response = staff_client.get(dashboard_url(project))

    dashboard = response.context["dashboard"]
    assert {topic.title: topic.open_count for topic in dashboard.choice_topics} == {
        "Tegelkleur": 5,
        "Keukenindeling": 8,
        "Verlopen": 8,
    }
    assert dashboard.open_choice_count == 21
    assert dashboard.nearest_choice_deadline == today + timedelta(days=10)


def test_dashboard_shows_kept_on_time_percentage_and_late_promises(staff_client, project, staff_user):
    commitment(project, staff_user, due_in_days=-10, status=Commitment.Status.KEPT, resolved_in_days=-12)
    commitment(project, staff_user, due_in_days=-10, status=Commitment.Status.KEPT, resolved_in_days=-5)
    commitment(project, staff_user, due_in_days=-3, status=Commitment.Status.BROKEN, resolved_in_days=-3)
    commitment(project, staff_user, due_in_days=-1, title="Steigers weg")  # late by itself
    commitment(project, staff_user, due_in_days=5, title="Buurtavond")

    response = staff_client.get(dashboard_url(project))

    summary = response.context["dashboard"].commitments
    assert (summary["kept"], summary["kept_on_time"], summary["broken"], summary["open"], summary["late"]) == (
        2,
        1,
        1,
        2,
        1,
    )
    assert summary["kept_on_time_percentage"] == 25  # one of four that were due
    late = {c.title: c.is_late for c, _form in response.context["open_commitments"]}
    assert late == {"Steigers weg": True, "Buurtavond": False}
    assert "25%" in page_text(response)


def test_dashboard_links_open_the_admin_lists_filtered_to_this_project(staff_client, project, staff_user):
    commitment(project, staff_user, due_in_days=1)
    links = staff_client.get(dashboard_url(project)).context["links"]

    for name in ("edit", "home_plans", "appointments", "missed", "open_choices", "commitments"):
        response = staff_client.get(links[name])
        assert response.status_code == 200, name  # a filter the admin refuses answers with a redirect to ?e=1
    assert links["day_list"] == f"/projecten/{project.slug}/aannemer/dag/"
    assert links["public_page"] == f"/projecten/{project.slug}/"


# --- Changing the phase --------------------------------------------------------------------------------------


def test_phase_change_is_recorded_with_who_and_when(staff_client, project, staff_user):
    response = staff_client.post(f"{dashboard_url(project)}fase/", {"to_phase": "evaluation", "reason": ""})

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.phase == Phase.EVALUATION
    change = PhaseChange.objects.get(project=project)
    assert (change.from_phase, change.to_phase, change.changed_by) == (Phase.EXECUTION, Phase.EVALUATION, staff_user)
    assert timezone.now() - change.changed_at < timedelta(minutes=1)
    history = staff_client.get(dashboard_url(project))
    assert staff_user.email in page_text(history)


@pytest.mark.parametrize("phase", ["paused", "cancelled"])
def test_pausing_or_cancelling_without_a_reason_is_refused_and_changes_nothing(staff_client, project, phase):
    response = staff_client.post(f"{dashboard_url(project)}fase/", {"to_phase": phase, "reason": "  "})

    assert response.status_code == 200
    assert "Say why the project is paused or cancelled" in page_text(response)
    project.refresh_from_db()
    assert project.phase == Phase.EXECUTION
    assert not PhaseChange.objects.exists()


def test_cancelling_with_a_reason_shows_the_reason_in_the_history(staff_client, project):
    staff_client.post(f"{dashboard_url(project)}fase/", {"to_phase": "cancelled", "reason": "Te weinig draagvlak"})

    project.refresh_from_db()
    assert (project.phase, project.phase_reason) == (Phase.CANCELLED, "Te weinig draagvlak")
    assert "Te weinig draagvlak" in page_text(staff_client.get(dashboard_url(project)))


def test_after_a_phase_change_the_staff_member_is_told_the_new_phase(staff_client, project):
    response = staff_client.post(f"{dashboard_url(project)}fase/", {"to_phase": "evaluation"}, follow=True)

    assert "The project is now in the phase “evaluation”." in page_text(response)


def test_the_current_phase_is_not_offered_as_a_new_one(staff_client, project):
    response = staff_client.get(dashboard_url(project))

    offered = [value for value, _label in response.context["phase_form"].fields["to_phase"].choices]
    assert Phase.EXECUTION not in offered
    assert {Phase.EVALUATION, Phase.PAUSED, Phase.CANCELLED} <= set(offered)


# --- Commitments ---------------------------------------------------------------------------------------------


def test_staff_member_records_a_commitment_owned_by_the_projects_contractor(
    staff_client, project, contractor_org, contractor_user
):
    due = timezone.localdate() + timedelta(days=14)
    response = staff_client.post(
        f"{dashboard_url(project)}toezeggingen/",
        {
            "title": "Bouwhekken weg voor Koningsdag",
            "description": "Het plein is dan weer vrij.",
            "owner": membership_of(contractor_user).pk,
            "due_on": due.isoformat(),
        },
    )

    assert response.status_code == 302
    promise = Commitment.objects.get(project=project)
    assert (promise.owner, promise.organisation, promise.due_on) == (contractor_user, contractor_org, due)
    assert promise.status == Commitment.Status.OPEN
    assert "Bouwhekken weg voor Koningsdag" in page_text(staff_client.get(dashboard_url(project)))


def test_owner_from_outside_the_project_is_refused(staff_client, project):
    outsider = contractor_member(project.corporation)  # a contractor of the corporation, not on this project

    response = staff_client.post(
        f"{dashboard_url(project)}toezeggingen/",
        {"title": "Iets", "owner": membership_of(outsider).pk, "due_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert not Commitment.objects.exists()


def test_staff_member_marks_a_commitment_kept_with_a_note(staff_client, project, staff_user):
    promise = commitment(project, staff_user, due_in_days=3)

    response = staff_client.post(
        f"{dashboard_url(project)}toezeggingen/{promise.pk}/",
        {f"commitment-{promise.pk}-status": "kept", f"commitment-{promise.pk}-note": "Hekken zijn weg."},
    )

    assert response.status_code == 302
    promise.refresh_from_db()
    assert (promise.status, promise.resolved_on, promise.resolution_note) == (
        Commitment.Status.KEPT,
        timezone.localdate(),
        "Hekken zijn weg.",
    )
    assert promise.kept_on_time


def test_a_broken_promise_is_recorded_as_broken(staff_client, project, staff_user):
    promise = commitment(project, staff_user, due_in_days=-3)

    staff_client.post(
        f"{dashboard_url(project)}toezeggingen/{promise.pk}/",
        {f"commitment-{promise.pk}-status": "broken", f"commitment-{promise.pk}-note": "Leverancier failliet."},
    )

    promise.refresh_from_db()
    assert promise.status == Commitment.Status.BROKEN


def test_resolving_without_a_note_is_refused_with_a_clear_message(staff_client, project, staff_user):
    promise = commitment(project, staff_user, due_in_days=3)

    response = staff_client.post(
        f"{dashboard_url(project)}toezeggingen/{promise.pk}/", {f"commitment-{promise.pk}-status": "kept"}
    )

    assert response.status_code == 200
    assert "Say what was done, so tenants can see it." in page_text(response)
    promise.refresh_from_db()
    assert promise.status == Commitment.Status.OPEN


def test_a_commitment_of_another_project_cannot_be_resolved_through_this_one(staff_client, project, staff_user):
    other = RenovationProject.objects.create(corporation=project.corporation, name="Ander", slug="ander", summary=".")
    promise = commitment(other, staff_user, due_in_days=3)

    response = staff_client.post(
        f"{dashboard_url(project)}toezeggingen/{promise.pk}/",
        {f"commitment-{promise.pk}-status": "kept", f"commitment-{promise.pk}-note": "Klaar."},
    )

    assert response.status_code == 404
    promise.refresh_from_db()
    assert promise.status == Commitment.Status.OPEN


def test_a_promise_becomes_late_the_day_after_its_due_date(staff_client, project, staff_user):
    due_today = commitment(project, staff_user, due_in_days=0, title="Vandaag")
    due_yesterday = commitment(project, staff_user, due_in_days=-1, title="Gisteren")

    response = staff_client.get(dashboard_url(project))

    assert not due_today.is_late
    assert due_yesterday.is_late
    assert response.context["dashboard"].commitments["late"] == 1


# --- Documents -----------------------------------------------------------------------------------------------


def upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_document(client, project, file, visibility=Visibility.PUBLIC, title="Projectbrochure"):
    return client.post(
        f"{dashboard_url(project)}documenten/",
        {"document-title": title, "document-file": file, "document-visibility": visibility},
    )


def test_a_pdf_is_accepted_with_its_visibility(staff_client, project, staff_user):
    response = post_document(staff_client, project, upload("brochure.pdf", PDF_BYTES, "application/pdf"))

    assert response.status_code == 302
    document = Document.objects.get(project=project)
    assert (document.content_type, document.visibility, document.uploaded_by) == (
        "application/pdf",
        Visibility.PUBLIC,
        staff_user,
    )
    assert "Projectbrochure" in page_text(staff_client.get(dashboard_url(project)))


def test_a_photo_is_accepted_as_a_document(staff_client, project):
    response = post_document(staff_client, project, upload("gevel.png", png_bytes(), "image/png"), Visibility.STAFF)

    assert response.status_code == 302
    assert Document.objects.get().content_type == "image/png"


def test_a_web_page_named_like_a_pdf_is_refused_by_its_content(staff_client, project):
    page = upload("brochure.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")

    response = post_document(staff_client, project, page)

    assert response.status_code == 200
    assert "This file is not a photo we can show (use JPEG, PNG or WebP)." in page_text(response)
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(staff_client, project, monkeypatch):
    monkeypatch.setattr("projects.uploads.MAX_DOCUMENT_BYTES", len(PDF_BYTES) - 1)

    response = post_document(staff_client, project, upload("groot.pdf", PDF_BYTES, "application/pdf"))

    assert response.status_code == 200
    assert "A document may be at most 20 MB." in page_text(response)
    assert not Document.objects.exists()


# --- The list of projects and the start page ---------------------------------------------------------------


def test_project_list_shows_the_corporations_projects_with_phase_and_counts(staff_client, project, staff_user):
    tenant(project.home_plans.first().household)
    commitment(project, staff_user, due_in_days=-1)
    elsewhere = ComplexFactory()
    RenovationProject.objects.create(corporation=elsewhere.corporation, name="Niet van ons", slug="x", summary=".")

    response = staff_client.get("/beheer/projecten/")

    (row,) = response.context["projects"]
    assert (row.household_count, row.activated_count, row.plan_count) == (8, 1, 8)
    assert (row.open_commitment_count, row.late_commitment_count) == (1, 1)
    assert "Niet van ons" not in page_text(response)
    assert f'href="{dashboard_url(project)}"' in page_text(response)


def test_staff_start_page_lists_projects_with_their_phase_above_the_complexes(staff_client, project):
    text = page_text(staff_client.get("/beheer/"))

    assert project.name in text and "execution" in text
    assert f'href="{dashboard_url(project)}"' in text
    assert text.index(project.name) < text.index("Complexes")


# --- Query counts --------------------------------------------------------------------------------------------


def grow(project, contractor_org, contractor_user, staff_user, n):
    """n more of everything the dashboard counts or lists."""
    complex_ = project.complexes.get()
    for _ in range(n):
        household = HouseholdFactory(dwelling__complex=complex_)
        HomePlan.objects.create(project=project, household=household)
        tenant(household)
    topic = ChoiceTopic.objects.create(project=project, title="Tegels", deadline=timezone.localdate())
    for plan in project.home_plans.all():
        HomeChoice.objects.create(home_plan=plan, topic=topic)
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    plan = appointments.SlotPlan(
        first_day=monday,
        last_day=monday + timedelta(days=4),
        teams=("A", "B", "C"),
        day_starts=timezone.datetime(2000, 1, 1, 8).time(),
        visit_minutes=30,
        visits_per_day=n,
        purpose=f"Bezoek {n}",
    )
    appointments.plan_slots(project, contractor_org, plan, by=contractor_user)
    for appointment in appointments.propose_to_homes(project, purpose=plan.purpose, by=contractor_user)[:n]:
        appointments.record_visit(appointment, outcome=Appointment.Status.MISSED, by=contractor_user)
    for i in range(n):
        commitment(project, staff_user, due_in_days=i - 2, title=f"Belofte {i}")
        services.add_document(
            project,
            uploaded_by=staff_user,
            title=f"Document {i}",
            upload=upload(f"d{i}.pdf", PDF_BYTES, "application/pdf"),
            visibility=Visibility.HOUSEHOLDS,
        )
        services.change_phase(project, Phase.PAUSED if i % 2 == 0 else Phase.EXECUTION, by=staff_user, reason="x")
        project.refresh_from_db()
    staff_member(project.corporation)
    answered_pulse(project)


def answered_pulse(project):
    """A pulse every home of the project answered: enough answers for the dashboard's sentiment line to count it."""
    pulse = survey_services.send_pulse(
        project, PulseQuestion(text="Hoe gaat het?", low_label="slecht", high_label="goed")
    )
    question = pulse.questions.get()
    for household in survey_services.project_households(project):
        survey_services.submit_response(pulse, household, {question.pk: Reply(score=4)}, by=None)


# Measured maximum, on SQLite without Redis (PostgreSQL + Redis: one less, the session comes from the cache): the
# session, user and roles (3), the project with its complexes and contractors (3), the bell's unread count (1), the
# dashboard's reads: households counted, appointments counted, choices, commitments, missed visits, phase history,
# documents and the commitment owners (8), and the hooks: proposals, advice, meetings, polls, and the surveys with
# the weeks of their sentiment line (6). (The two counts as one query of subqueries took twice the time to build.)
DASHBOARD_QUERIES = 21


@pytest.mark.parametrize("n", [1, 12])
def test_dashboard_costs_the_same_number_of_queries_however_big_the_project(
    client, project, contractor_org, contractor_user, staff_user, n, django_assert_max_num_queries
):
    grow(project, contractor_org, contractor_user, staff_user, n)
    client.force_login(staff_user)

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(dashboard_url(project))

    assert len(response.context["dashboard"].missed_appointments) == n
    assert len(response.context["open_commitments"]) == n
    assert response.context["sentiment"].responses == n + 8  # the pulse counts: its weeks are read too


@pytest.mark.parametrize("n", [1, 12])
def test_project_list_costs_the_same_number_of_queries_for_1_or_12_projects(
    client, staff_user, project, n, django_assert_max_num_queries
):
    for i in range(n):
        other = RenovationProject.objects.create(
            corporation=project.corporation, name=f"Project {i}", slug=f"project-{i}", summary="."
        )
        other.complexes.add(ComplexFactory(corporation=project.corporation))
    client.force_login(staff_user)

    with django_assert_max_num_queries(6):  # session, user, roles (2), the bell, the projects with their counts
        response = client.get("/beheer/projecten/")

    assert len(response.context["projects"]) == n + 1


def test_staff_of_a_project_lead_role_can_act_too(client, project):
    lead = staff_member(project.corporation, role=Membership.Role.PROJECT_LEAD)
    client.force_login(lead)

    response = client.post(f"{dashboard_url(project)}fase/", {"to_phase": "evaluation"})

    assert response.status_code == 302
    assert PhaseChange.objects.get().changed_by == lead
