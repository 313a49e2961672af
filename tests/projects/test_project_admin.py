"""The projects admin for corporation staff: every list, page and choice stays within the staff member's own
corporation; phases, appointments and logs change only where who and when are recorded; uploads are checked."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from projects.models import (
    AllowanceRate,
    Appointment,
    AppointmentChange,
    ChoiceOption,
    ChoiceTopic,
    Commitment,
    Compensation,
    Document,
    HomeChoice,
    HomePlan,
    Milestone,
    Phase,
    PhaseChange,
    RenovationProject,
    TemporaryHome,
    Update,
    UpdatePhoto,
    Visibility,
    VisitSlot,
    WorkItem,
)
from tenants.models import Membership, Organisation
from tests.factories import (
    ComplexFactory,
    CorporationFactory,
    HouseholdFactory,
    MembershipFactory,
    OrganisationFactory,
    household_of,
    staff_member,
    superuser,
)
from tests.projects.home_plan_data import PDF_BYTES, add_slot, png_bytes, soon

pytestmark = pytest.mark.django_db

# The lookup from each projects model to its corporation, to know whose rows a list should show.
CORPORATION_PATHS = {
    RenovationProject: "corporation",
    PhaseChange: "project__corporation",
    Milestone: "project__corporation",
    HomePlan: "project__corporation",
    WorkItem: "home_plan__project__corporation",
    ChoiceTopic: "project__corporation",
    ChoiceOption: "topic__project__corporation",
    HomeChoice: "home_plan__project__corporation",
    Compensation: "home_plan__project__corporation",
    TemporaryHome: "home_plan__project__corporation",
    VisitSlot: "project__corporation",
    Appointment: "home_plan__project__corporation",
    AppointmentChange: "appointment__home_plan__project__corporation",
    Update: "project__corporation",
    UpdatePhoto: "update__project__corporation",
    Document: "project__corporation",
    Commitment: "project__corporation",
}


@pytest.fixture(autouse=True)
def _staff_without_two_factor_and_files_in_tmp(settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


def build_project(corporation, *, homes=2, slug=None):
    """A project of `corporation` with one of everything the admin lists (and `homes` homes)."""
    complex_ = ComplexFactory(corporation=corporation)
    project = RenovationProject.objects.create(
        corporation=corporation,
        name=f"Project van {corporation.name}",
        slug=slug or f"project-{corporation.slug}",
        summary=".",
        phase=Phase.EXECUTION,
    )
    project.complexes.add(complex_)
    contractor = OrganisationFactory(corporation=corporation, kind=Organisation.Kind.CONTRACTOR)
    project.contractors.add(contractor)
    lead = staff_member(corporation)
    PhaseChange.objects.create(project=project, from_phase=Phase.PREPARATION, to_phase=Phase.EXECUTION, changed_by=lead)
    Milestone.objects.create(project=project, title="Start", due_on=timezone.localdate())
    topic = ChoiceTopic.objects.create(project=project, title="Tegels", deadline=timezone.localdate())
    option = ChoiceOption.objects.create(topic=topic, label="Wit")
    update = Update.objects.create(project=project, organisation=contractor, title="Nieuws", body=".")
    UpdatePhoto.objects.create(update=update, image=SimpleUploadedFile("f.png", png_bytes()), description="Steiger")
    Document.objects.create(
        project=project,
        title="Brochure",
        file=SimpleUploadedFile("b.pdf", PDF_BYTES),
        content_type="application/pdf",
        size=len(PDF_BYTES),
        visibility=Visibility.PUBLIC,
    )
    Commitment.objects.create(
        project=project,
        title="Belofte",
        owner=lead,
        organisation=lead.memberships.get().organisation,
        due_on="2030-1-1",
    )
    for n in range(homes):
        plan = HomePlan.objects.create(project=project, household=HouseholdFactory(dwelling__complex=complex_))
        WorkItem.objects.create(home_plan=plan, kind=WorkItem.Kind.WINDOWS, description="Kozijnen")
        HomeChoice.objects.create(home_plan=plan, topic=topic, option=option if n % 2 else None)
        Compensation.objects.create(home_plan=plan, kind=Compensation.Kind.MOVING)
        TemporaryHome.objects.create(
            home_plan=plan, address="Wisselstraat 1", moves_in_on="2030-1-1", moves_out_on="2030-2-1"
        )
        slot = add_slot(project, contractor, starts_at=soon(3 + n), team=f"Team {n}")
        appointment = Appointment.objects.create(home_plan=plan, slot=slot)
        AppointmentChange.objects.create(appointment=appointment, to_slot=slot, to_status="proposed", changed_by=lead)
    return project


class World:
    def __init__(self):
        self.a, self.b = CorporationFactory(name="Corporatie A"), CorporationFactory(name="Corporatie B")
        self.project_a, self.project_b = build_project(self.a), build_project(self.b)
        self.staff_a = staff_member(self.a)

    def of(self, corporation, model):
        return set(model.objects.filter(**{CORPORATION_PATHS[model]: corporation}))


@pytest.fixture
def world():
    return World()


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.staff_a)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def rows(response):
    return set(response.context["cl"].result_list)


def url_of(model, action="changelist", *args):
    return f"/admin/projects/{model._meta.model_name}/" + {"changelist": "", "add": "add/"}.get(action, action)


# --- Lists ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(CORPORATION_PATHS), ids=lambda model: model.__name__)
def test_staff_member_sees_only_their_own_corporations_rows(staff_client, world, model):
    response = staff_client.get(url_of(model))

    assert response.status_code == 200
    assert rows(response) == world.of(world.a, model)
    assert rows(response)  # the world has some of each


@pytest.mark.parametrize("model", list(CORPORATION_PATHS), ids=lambda model: model.__name__)
def test_another_corporations_row_cannot_be_opened(staff_client, world, model):
    other = next(iter(world.of(world.b, model)))

    response = staff_client.get(f"{url_of(model)}{other.pk}/change/")

    assert response["Location"] == "/admin/"


def test_project_filter_offers_only_the_own_corporations_projects(staff_client, world):
    page = staff_client.get("/admin/projects/homeplan/").content.decode()

    assert world.project_a.name in page
    assert world.project_b.name not in page


def test_superuser_sees_every_corporations_projects(client, world):
    client.force_login(superuser())

    assert rows(client.get("/admin/projects/renovationproject/")) == {world.project_a, world.project_b}


# --- Choices in forms ----------------------------------------------------------------------------------------


def choices(response, field):
    return set(response.context["adminform"].form.fields[field].queryset)


@pytest.mark.parametrize(
    ("model", "field", "related", "path"),
    [
        (RenovationProject, "complexes", "Complex", "corporation"),
        (RenovationProject, "contractors", "Organisation", "corporation"),
        (Milestone, "project", "RenovationProject", "corporation"),
        (HomePlan, "project", "RenovationProject", "corporation"),
        (HomePlan, "household", "Household", "dwelling__complex__corporation"),
        (WorkItem, "home_plan", "HomePlan", "project__corporation"),
        (ChoiceOption, "topic", "ChoiceTopic", "project__corporation"),
        (HomeChoice, "topic", "ChoiceTopic", "project__corporation"),
        (HomeChoice, "option", "ChoiceOption", "topic__project__corporation"),
        (VisitSlot, "project", "RenovationProject", "corporation"),
        (VisitSlot, "contractor", "Organisation", "corporation"),
        (Update, "organisation", "Organisation", "corporation"),
        (Document, "project", "RenovationProject", "corporation"),
        (Commitment, "project", "RenovationProject", "corporation"),
        (Commitment, "organisation", "Organisation", "corporation"),
    ],
)
def test_add_forms_offer_only_the_own_corporations_objects(staff_client, world, model, field, related, path):
    response = staff_client.get(url_of(model, "add"))

    offered = choices(response, field)
    related_model = next(m for m in apps.get_models() if m.__name__ == related)
    assert offered
    assert offered <= set(related_model.objects.filter(**{path: world.a}))


def test_project_form_offers_only_contractors_as_contractors(staff_client, world):
    offered = choices(staff_client.get("/admin/projects/renovationproject/add/"), "contractors")

    assert {organisation.kind for organisation in offered} == {Organisation.Kind.CONTRACTOR}


def test_commitment_owner_is_a_member_of_the_corporation_or_its_contractors_never_a_tenant(staff_client, world):
    offered = choices(staff_client.get("/admin/projects/commitment/add/"), "owner")

    assert world.staff_a in offered
    assert all(user.memberships.filter(organisation__corporation=world.a).exists() for user in offered)


def test_home_plan_for_a_home_outside_the_projects_complexes_is_refused(staff_client, world):
    elsewhere = household_of(world.a)

    response = staff_client.post(
        "/admin/projects/homeplan/add/",
        {
            "project": world.project_a.pk,
            "household": elsewhere.pk,
            **empty_inlines("work_items", "choices", "compensations", "temporary_home", "appointments"),
        },
    )

    assert response.status_code == 200
    assert "This home is not in one of the project" in response.content.decode()
    assert not HomePlan.objects.filter(household=elsewhere).exists()


def empty_inlines(*prefixes):
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


# --- Changes that must be recorded ---------------------------------------------------------------------------


def project_form_data(project):
    return {
        "corporation": project.corporation_id,
        "name": project.name,
        "slug": project.slug,
        "complexes": [c.pk for c in project.complexes.all()],
        "contractors": [c.pk for c in project.contractors.all()],
        "summary": project.summary,
        "phase": Phase.CANCELLED,
        "phase_reason": "Zomaar",
        **empty_inlines("milestones", "phase_changes"),
    }


def test_phase_cannot_be_changed_in_the_project_form(staff_client, world):
    response = staff_client.post(
        f"/admin/projects/renovationproject/{world.project_a.pk}/change/", project_form_data(world.project_a)
    )

    assert response.status_code == 302
    world.project_a.refresh_from_db()
    assert world.project_a.phase == Phase.EXECUTION
    assert world.project_a.phase_changes.count() == 1


def test_a_project_added_in_the_admin_starts_its_phase_history_with_who_and_when(staff_client, world):
    data = {**project_form_data(world.project_a), "name": "Nieuw project", "slug": "nieuw-project"}

    response = staff_client.post("/admin/projects/renovationproject/add/", data)

    assert response.status_code == 302
    project = RenovationProject.objects.get(slug="nieuw-project")
    assert project.phase == Phase.INITIATIVE
    start = project.phase_changes.get()
    assert (start.from_phase, start.to_phase, start.changed_by) == ("", Phase.INITIATIVE, world.staff_a)


def test_phase_action_takes_the_staff_member_to_the_projects_dashboard(staff_client, world):
    response = staff_client.post(
        "/admin/projects/renovationproject/",
        {"action": "change_phase", "_selected_action": [world.project_a.pk]},
    )

    assert response["Location"] == f"/beheer/projecten/{world.project_a.slug}/#phase"


def test_phase_history_cannot_be_edited_or_deleted(staff_client, world):
    change = world.project_a.phase_changes.get()

    staff_client.post(f"/admin/projects/phasechange/{change.pk}/delete/", {"post": "yes"})
    page = staff_client.get("/admin/projects/phasechange/add/")

    assert PhaseChange.objects.filter(pk=change.pk).exists()
    assert page.status_code == 403


def test_appointment_status_cannot_be_set_in_the_admin(staff_client, world):
    appointment = Appointment.objects.filter(home_plan__project=world.project_a).first()

    staff_client.post(f"/admin/projects/appointment/{appointment.pk}/change/", {"status": "done"})

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.PROPOSED


def test_choice_set_by_staff_records_who_and_when(staff_client, world):
    home_choice = HomeChoice.objects.filter(home_plan__project=world.project_a, option__isnull=True).first()
    option = home_choice.topic.options.get()

    staff_client.post(
        f"/admin/projects/homechoice/{home_choice.pk}/change/",
        {"home_plan": home_choice.home_plan_id, "topic": home_choice.topic_id, "option": option.pk},
    )

    home_choice.refresh_from_db()
    assert (home_choice.option, home_choice.decided_by) == (option, world.staff_a)
    assert home_choice.decided_at is not None


def test_choice_option_must_belong_to_the_choice_and_the_choice_to_the_homes_project(staff_client, world):
    home_choice = HomeChoice.objects.filter(home_plan__project=world.project_a, option__isnull=True).first()
    other_project = build_project(world.a, slug="ander-project")
    other_topic = other_project.choice_topics.get()
    own_topic = home_choice.topic_id

    response = staff_client.post(
        f"/admin/projects/homechoice/{home_choice.pk}/change/",
        {"home_plan": home_choice.home_plan_id, "topic": other_topic.pk, "option": other_topic.options.get().pk},
    )
    wrong_option = staff_client.post(
        f"/admin/projects/homechoice/{home_choice.pk}/change/",
        {"home_plan": home_choice.home_plan_id, "topic": home_choice.topic_id, "option": other_topic.options.get().pk},
    )

    assert "This choice belongs to another project." in response.content.decode()
    assert "Pick one of this choice" in wrong_option.content.decode()
    home_choice.refresh_from_db()
    assert (home_choice.topic_id, home_choice.option) == (own_topic, None)


def test_commitment_added_in_the_admin_needs_an_owner_of_its_organisation(staff_client, world):
    contractor = world.project_a.contractors.get()
    data = {"project": world.project_a.pk, "title": "Tuinen netjes", "due_on": "2030-05-01"}

    refused = staff_client.post(
        "/admin/projects/commitment/add/", {**data, "owner": world.staff_a.pk, "organisation": contractor.pk}
    )
    accepted = staff_client.post(
        "/admin/projects/commitment/add/",
        {**data, "owner": world.staff_a.pk, "organisation": world.staff_a.memberships.get().organisation_id},
    )

    assert "The owner must be a member of the organisation." in refused.content.decode()
    assert accepted.status_code == 302
    assert Commitment.objects.get(title="Tuinen netjes").status == Commitment.Status.OPEN


def test_document_added_in_the_admin_is_checked_by_its_content(staff_client, world):
    data = {"project": world.project_a.pk, "title": "Planning", "visibility": Visibility.HOUSEHOLDS}

    refused = staff_client.post(
        "/admin/projects/document/add/", {**data, "file": SimpleUploadedFile("p.pdf", b"<html></html>")}
    )
    accepted = staff_client.post(
        "/admin/projects/document/add/", {**data, "file": SimpleUploadedFile("p.pdf", PDF_BYTES)}
    )

    assert "This file is not a photo we can show" in refused.content.decode()
    assert accepted.status_code == 302
    document = Document.objects.get(title="Planning")
    assert (document.content_type, document.size, document.uploaded_by) == (
        "application/pdf",
        len(PDF_BYTES),
        world.staff_a,
    )


def test_admin_never_links_to_an_upload_under_media(staff_client, world):
    document = Document.objects.filter(project=world.project_a).get()
    photo = UpdatePhoto.objects.filter(update__project=world.project_a).get()

    pages = [
        staff_client.get(f"/admin/projects/document/{document.pk}/change/"),
        staff_client.get(f"/admin/projects/update/{photo.update_id}/change/"),
    ]

    assert all("/media/" not in page.content.decode() for page in pages)


def test_moving_allowance_shows_the_rate_valid_on_its_reference_date(staff_client, world):
    AllowanceRate.objects.create(valid_from="2000-01-01", amount=Decimal("1234.00"))

    page = staff_client.get("/admin/projects/compensation/").content.decode()

    assert "1234" in page


# --- The moving allowance rate -------------------------------------------------------------------------------


def test_staff_may_look_at_allowance_rates_but_not_change_them(staff_client):
    rate = AllowanceRate.objects.create(valid_from="2025-02-01", amount=Decimal("100.00"))

    assert staff_client.get("/admin/projects/allowancerate/").status_code == 200
    assert staff_client.get("/admin/projects/allowancerate/add/").status_code == 403
    staff_client.post(f"/admin/projects/allowancerate/{rate.pk}/change/", {"kind": "moving", "amount": "1"})
    rate.refresh_from_db()
    assert rate.amount == Decimal("100.00")


def test_project_lead_adds_a_new_allowance_rate(client, world):
    lead = staff_member(world.a, role=Membership.Role.PROJECT_LEAD)
    client.force_login(lead)

    response = client.post(
        "/admin/projects/allowancerate/add/", {"kind": "moving", "amount": "8000.00", "valid_from": "2031-02-01"}
    )

    assert response.status_code == 302
    assert AllowanceRate.objects.get(valid_from="2031-02-01").amount == Decimal("8000.00")
    assert client.get(f"/admin/projects/allowancerate/{AllowanceRate.objects.get().pk}/delete/").status_code == 403


def test_tenants_and_contractors_cannot_enter_the_projects_admin(client, world):
    contractor = MembershipFactory(organisation=world.project_a.contractors.get(), role=Membership.Role.CONTRACTOR).user
    client.force_login(contractor)

    assert client.get("/admin/projects/renovationproject/")["Location"].startswith("/admin/login/")


# --- Query counts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("homes", [2, 30])
@pytest.mark.parametrize(
    ("model", "queries"),
    [
        (RenovationProject, 10),
        (HomePlan, 10),
        (WorkItem, 10),
        (HomeChoice, 11),
        (Compensation, 10),
        (Appointment, 11),
        (AppointmentChange, 10),
        (Commitment, 10),
        (Document, 10),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_list_costs_the_same_number_of_queries_however_many_rows(
    client, model, queries, homes, django_assert_max_num_queries
):
    corporation = CorporationFactory()
    build_project(corporation, homes=homes, slug="p1")
    build_project(corporation, homes=homes, slug="p2")
    staff = staff_member(corporation)
    client.force_login(staff)

    with django_assert_max_num_queries(queries):  # session, user, roles (2), each filter's choices, counts, rows
        response = client.get(url_of(model))

    assert response.context["cl"].result_count >= 2


# --- Registration --------------------------------------------------------------------------------------------


def registered_projects_admins():
    return [(model, admin.site._registry.get(model)) for model in apps.get_app_config("projects").get_models()]


@pytest.mark.parametrize(("model", "model_admin"), registered_projects_admins(), ids=lambda value: str(value))
def test_every_model_is_in_the_admin_with_search_filters_and_related_rows_fetched(model, model_admin):
    assert model_admin is not None, f"{model.__name__} is not registered in the admin"
    assert model_admin.search_fields
    assert model_admin.list_filter
    relations = {field.name for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one}
    shown_relations = relations & set(model_admin.list_display)
    if model is not AllowanceRate:
        assert shown_relations
        fetched = {path.split("__")[0] for path in model_admin.list_select_related}
        assert shown_relations <= fetched


def test_every_scoped_model_has_a_corporation_path_in_this_test():
    scoped = {model for model, model_admin in registered_projects_admins() if model is not AllowanceRate}

    assert scoped == set(CORPORATION_PATHS)
