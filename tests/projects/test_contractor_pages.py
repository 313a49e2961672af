"""A contractor plans visit slots in bulk, proposes times to homes, keeps a day's visit list and posts updates."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from projects import appointments
from projects.appointments import SlotPlan
from projects.models import Appointment, AppointmentChange, HomePlan, Update, UpdatePhoto, VisitSlot
from tenants.models import HouseholdNeeds, Membership
from tests.factories import HouseholdFactory, MembershipFactory, OrganisationFactory, TenantProfileFactory

from .conftest import next_monday

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """Ask for the interface's second language, so the tests read the msgids whatever the Dutch catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def contractor(client, contractor_user):
    client.force_login(contractor_user)
    return client


def page_url(project, suffix=""):
    return f"/projecten/{project.slug}/aannemer/{suffix}"


def batch(**changes):
    monday = next_monday()
    data = {
        "first_day": monday.isoformat(),
        "last_day": (monday + timedelta(days=11)).isoformat(),
        "weekdays": ["0", "1", "2", "3", "4"],
        "teams": "Team A\nTeam B",
        "day_starts": "08:00",
        "visit_minutes": "60",
        "visits_per_day": "4",
        "purpose": "Opname",
    }
    data.update(changes)
    return data


def texts(response):
    return [str(message) for message in response.context["messages"]]


def tiny_png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "orange").save(buffer, format="PNG")
    return SimpleUploadedFile("steiger.png", buffer.getvalue(), content_type="image/png")


def visits_on_monday(project, organisation, user, *, homes=None, teams=("Team A", "Team B"), per_day=4):
    monday = next_monday()
    plan = SlotPlan(
        first_day=monday,
        last_day=monday,
        teams=teams,
        day_starts=time(8, 0),
        visit_minutes=30,
        visits_per_day=per_day,
        purpose="Opname",
    )
    appointments.plan_slots(project, organisation, plan, by=user)
    if homes is not None:
        homes = HomePlan.objects.filter(pk__in=[home.pk for home in homes])
    return appointments.propose_to_homes(project, purpose="Opname", by=user, home_plans=homes)


# --- Planning a batch ---


def test_contractor_plans_two_teams_over_two_weeks_through_the_form(project, contractor):
    response = contractor.post(page_url(project, "plannen/"), batch(), follow=True)
    assert response.status_code == 200
    assert "Planned 80 new visit slots." in texts(response)  # 10 weekdays x 4 visits x 2 teams
    assert VisitSlot.objects.filter(project=project).count() == 80
    assert not Appointment.objects.exists()  # proposing was not asked for


def test_planning_with_proposing_gives_every_home_a_time_and_says_so(project, contractor):
    response = contractor.post(page_url(project, "plannen/"), batch(propose="on"), follow=True)
    assert "Proposed a time for Opname to 8 homes." in texts(response)
    assert Appointment.objects.filter(status=Appointment.Status.PROPOSED).count() == 8
    assert HomePlan.objects.filter(project=project, appointments__isnull=True).count() == 0


def test_homes_left_without_a_time_when_slots_run_out_are_counted(project, contractor):
    monday = next_monday().isoformat()
    small = batch(first_day=monday, last_day=monday, teams="Team A", visits_per_day="3", propose="on")
    response = contractor.post(page_url(project, "plannen/"), small, follow=True)
    assert texts(response) == [
        "Planned 3 new visit slots.",
        "Proposed a time for Opname to 3 homes.",
        "5 homes still have no time for Opname: there were not enough free slots. Plan more slots and propose again.",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"last_day": (next_monday() - timedelta(days=1)).isoformat()},
            "The last day must not be before the first day.",
        ),
        ({"teams": " , \n ,"}, "Give at least one team."),
        ({"visits_per_day": "15"}, "15 visits of 60 minutes do not fit in one working day (at most 14 hours)."),
        ({"day_starts": "21:00"}, "Starting at this time, the last visit would end after midnight."),
        (
            {
                "last_day": (next_monday() + timedelta(weeks=52, days=-1)).isoformat(),
                "teams": "A, B, C, D",
                "visits_per_day": "8",
            },
            "This would make 8,320 slots at once; the most is 3,000. "
            "Plan a shorter period, fewer teams or fewer visits a day.",
        ),
        (
            {"first_day": (timezone.localdate() - timedelta(days=1)).isoformat()},
            "The first day must not be in the past.",
        ),
        ({"weekdays": []}, "Choose at least one day of the week."),
        (
            {"last_day": next_monday().isoformat(), "weekdays": ["5", "6"]},
            "None of the chosen days of the week falls between the first and last day.",
        ),
        ({"visit_minutes": "5"}, "Ensure this value is greater than or equal to 15."),
    ],
)
def test_bad_batch_is_explained_and_plans_nothing(project, contractor, changes, message):
    response = contractor.post(page_url(project, "plannen/"), batch(propose="on", **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VisitSlot.objects.exists()
    assert not Appointment.objects.exists()


def test_propose_form_gives_homes_without_a_time_the_free_slots(project, contractor_org, contractor_user, contractor):
    homes = HomePlan.objects.filter(project=project).order_by("pk")
    visits_on_monday(project, contractor_org, contractor_user, homes=homes[:2])  # 8 slots, 2 taken
    response = contractor.post(page_url(project, "voorstellen/"), {"purpose": "Opname"}, follow=True)
    assert texts(response) == ["Proposed a time for Opname to 6 homes."]
    assert Appointment.objects.count() == 8


def test_proposing_for_a_purpose_without_slots_is_refused(project, contractor_org, contractor_user, contractor):
    visits_on_monday(project, contractor_org, contractor_user)
    response = contractor.post(page_url(project, "voorstellen/"), {"purpose": "Keuken"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_project_page_counts_slots_free_slots_and_appointments(project, contractor_org, contractor_user, contractor):
    homes = HomePlan.objects.filter(project=project).order_by("pk")
    visits_on_monday(project, contractor_org, contractor_user, homes=homes[:5])
    response = contractor.get(page_url(project))
    overview = response.context["overview"]
    assert (overview["homes"], overview["slots"], overview["free_slots"]) == (8, 8, 3)
    assert dict(overview["appointments"])["proposed"] == 5
    assert overview["purposes"] == [{"purpose": "Opname", "slots": 8, "free": 3, "homes_without": 3}]


# --- The day's visit list ---


def test_day_list_shows_visits_in_time_and_team_order(project, contractor_org, contractor_user, contractor):
    visits_on_monday(project, contractor_org, contractor_user)
    response = contractor.get(page_url(project, f"dag/{next_monday().isoformat()}/"))
    assert response.status_code == 200
    shown = [(timezone.localtime(v.slot.starts_at).time(), v.slot.team) for v in response.context["visits"]]
    assert shown == sorted(shown) and len(shown) == 8
    assert "08:00–08:30" in response.content.decode()


def test_day_list_shows_what_a_visit_needs_but_never_medical_details_or_e_mail(
    project, contractor_org, contractor_user, contractor
):
    home = HomePlan.objects.filter(project=project).first()
    HouseholdNeeds.objects.create(
        household=home.household,
        mobility="Rolstoel, geen trap",
        medical="Diabetes, insuline in de koelkast",
        pets="Een hond die blaft",
        needs_helper_present=True,
        preferred_language="Turks",
        visit_notes="Bel twee keer aan",
    )
    TenantProfileFactory(household=home.household, user__email="fatma.private@example.org")
    (visit,) = visits_on_monday(project, contractor_org, contractor_user, homes=HomePlan.objects.filter(pk=home.pk))
    visit.tenant_note = "Graag na negen uur"
    visit.save()

    page = contractor.get(page_url(project, f"dag/{next_monday().isoformat()}/")).content.decode()

    for shown in ("Rolstoel, geen trap", "Een hond die blaft", "Turks", "Bel twee keer aan", "Graag na negen uur"):
        assert shown in page
    assert "Wants a helper present during visits" in page
    assert "Diabetes" not in page and "insuline" not in page
    assert "fatma.private@example.org" not in page


def test_day_list_without_a_date_shows_today(project, contractor):
    response = contractor.get(page_url(project, "dag/"))
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    assert "No visits on this day." in response.content.decode()


def test_day_list_of_an_impossible_date_is_not_found(project, contractor):
    assert contractor.get(page_url(project, "dag/2025-02-30/")).status_code == 404


def test_day_list_links_to_the_previous_and_next_day(project, contractor):
    page = contractor.get(page_url(project, "dag/2025-03-01/")).content.decode()
    assert page_url(project, "dag/2025-02-28/") in page
    assert page_url(project, "dag/2025-03-02/") in page


def test_contractor_does_not_see_visits_in_another_contractors_slots(
    project, contractor_org, contractor_user, contractor
):
    other = OrganisationFactory(corporation=project.corporation, kind="contractor")
    project.contractors.add(other)
    homes = HomePlan.objects.filter(project=project).order_by("pk")
    visits_on_monday(project, contractor_org, contractor_user, homes=homes[:2], teams=("Eigen",), per_day=2)
    visits_on_monday(project, other, contractor_user, homes=homes[2:4], teams=("Ander",), per_day=2)
    response = contractor.get(page_url(project, f"dag/{next_monday().isoformat()}/"))
    assert [visit.slot.team for visit in response.context["visits"]] == ["Eigen", "Eigen"]


@pytest.mark.parametrize("homes", [3, 30])
def test_day_list_costs_the_same_queries_for_3_or_30_visits(
    project, contractor_org, contractor_user, client, django_assert_max_num_queries, homes
):
    complex_ = project.complexes.get()
    for _ in range(homes - 8 if homes > 8 else 0):
        HomePlan.objects.create(project=project, household=HouseholdFactory(dwelling__complex=complex_))
    plans = HomePlan.objects.filter(project=project).order_by("pk")[:homes]
    for plan in plans:
        HouseholdNeeds.objects.create(household=plan.household, pets="kat", mobility="rollator")
    visits = visits_on_monday(project, contractor_org, contractor_user, homes=plans, per_day=15)
    assert len(visits) == homes
    client.force_login(contractor_user)
    with django_assert_max_num_queries(9):  # as before, and the bell's unread count
        response = client.get(page_url(project, f"dag/{next_monday().isoformat()}/"))
    assert len(response.context["visits"]) == homes


def test_day_list_query_count_does_not_grow_with_the_visits(project, contractor_org, contractor_user, client):
    client.force_login(contractor_user)
    url = page_url(project, f"dag/{next_monday().isoformat()}/")
    homes = HomePlan.objects.filter(project=project).order_by("pk")
    visits_on_monday(project, contractor_org, contractor_user, homes=homes[:3], per_day=15)
    client.get(url)  # the bell's unread count is cached from here on, for both measurements alike
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    visits_on_monday(project, contractor_org, contractor_user, homes=homes[3:], per_day=15)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.context["visits"]) == 8
    assert len(few) == len(more)


# --- Recording visits ---


@pytest.mark.parametrize(("outcome", "said"), [("done", "marked as done"), ("missed", "marked as missed")])
def test_contractor_records_a_visit_and_returns_to_the_day(
    project, contractor_org, contractor_user, contractor, outcome, said
):
    visit = visits_on_monday(project, contractor_org, contractor_user)[0]
    response = contractor.post(page_url(project, f"bezoeken/{visit.pk}/"), {"outcome": outcome})
    assert response.status_code == 302
    assert response.url == page_url(project, f"dag/{next_monday().isoformat()}/")
    page = contractor.get(response.url)
    address = visit.home_plan.household.dwelling.address
    assert f"The visit to {address} is {said}." in texts(page)
    visit.refresh_from_db()
    assert visit.status == outcome
    assert AppointmentChange.objects.filter(appointment=visit, to_status=outcome, changed_by=contractor_user).exists()


def test_recording_a_visit_twice_is_refused_with_a_message(project, contractor_org, contractor_user, contractor):
    visit = visits_on_monday(project, contractor_org, contractor_user)[0]
    contractor.post(page_url(project, f"bezoeken/{visit.pk}/"), {"outcome": "done"})
    response = contractor.post(page_url(project, f"bezoeken/{visit.pk}/"), {"outcome": "missed"}, follow=True)
    assert "This visit was already recorded." in texts(response)
    visit.refresh_from_db()
    assert visit.status == Appointment.Status.DONE


def test_a_visit_outcome_other_than_done_or_missed_changes_nothing(
    project, contractor_org, contractor_user, contractor
):
    visit = visits_on_monday(project, contractor_org, contractor_user)[0]
    response = contractor.post(page_url(project, f"bezoeken/{visit.pk}/"), {"outcome": "cancelled"}, follow=True)
    assert "Choose whether the visit was done or missed." in texts(response)
    visit.refresh_from_db()
    assert visit.status == Appointment.Status.PROPOSED


def test_recorded_visits_have_no_buttons_left(project, contractor_org, contractor_user, contractor):
    visit = visits_on_monday(
        project, contractor_org, contractor_user, homes=HomePlan.objects.filter(project=project)[:1]
    )[0]
    appointments.record_visit(visit, outcome="done", by=contractor_user)
    page = contractor.get(page_url(project, f"dag/{next_monday().isoformat()}/")).content.decode()
    assert 'name="outcome"' not in page
    assert ">done<" in page


# --- Posting an update ---


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_contractor_posts_an_update_with_a_described_photo(project, contractor_org, contractor_user, contractor, media):
    data = {"title": "Steiger staat", "body": "De steiger aan de achterkant staat.", "photo_1": tiny_png()}
    data["description_1"] = "Steiger langs de achtergevel"
    response = contractor.post(page_url(project, "nieuws/"), data, follow=True)
    assert "Your update is posted. The project's households can read it now." in texts(response)
    update = Update.objects.get(project=project)
    assert (update.author, update.organisation) == (contractor_user, contractor_org)
    assert [photo.description for photo in update.photos.all()] == ["Steiger langs de achtergevel"]


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_posted(project, contractor, media):
    fake = SimpleUploadedFile("steiger.png", b"<html>not a picture</html>", content_type="image/png")
    data = {"title": "Steiger", "body": "Tekst", "photo_1": fake, "description_1": "Een steiger"}
    response = contractor.post(page_url(project, "nieuws/"), data)
    assert response.status_code == 200
    assert "This file is not a photo we can show (use JPEG, PNG or WebP)." in response.content.decode()
    assert not Update.objects.exists() and not UpdatePhoto.objects.exists()


def test_a_photo_without_a_description_is_refused(project, contractor, media):
    data = {"title": "Steiger", "body": "Tekst", "photo_1": tiny_png()}
    response = contractor.post(page_url(project, "nieuws/"), data)
    assert "Describe this photo for people who cannot see it." in response.content.decode()
    assert not Update.objects.exists()


# --- Start page and staff ---


def test_start_page_lists_assigned_projects_with_phase_and_todays_visits(
    project, contractor_org, contractor_user, contractor
):
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12, 0)))
    for n, home in enumerate(HomePlan.objects.filter(project=project)[:3]):
        slot = VisitSlot.objects.create(
            project=project,
            contractor=contractor_org,
            team="Team A",
            purpose="Opname",
            starts_at=noon + timedelta(minutes=30 * n),
            ends_at=noon + timedelta(minutes=30 * n + 30),
        )
        Appointment.objects.create(home_plan=home, slot=slot)
    page = contractor.get("/aannemer/").content.decode()
    assert "Kanaleneiland-Noord verduurzaming" in page
    assert "Phase: Execution" in page
    assert "3 visits today" in page
    assert page_url(project) in page


def test_start_page_leaves_out_projects_the_contractor_is_not_assigned_to(project, client):
    outsider = MembershipFactory(
        organisation=OrganisationFactory(corporation=project.corporation, kind="contractor"),
        role=Membership.Role.CONTRACTOR,
    ).user
    client.force_login(outsider)
    page = client.get("/aannemer/").content.decode()
    assert "Kanaleneiland-Noord" not in page
    assert "Your organisation is not assigned to a renovation project yet." in page


def test_staff_see_the_planning_page_without_the_contractors_forms(project, staff_user, client, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(staff_user)
    page = client.get(page_url(project)).content.decode()
    assert "Visits at a glance" in page
    assert "Plan slots" not in page
    assert "the contractor plans visits and posts updates here" in page


@pytest.mark.parametrize("homes", [3, 8])
def test_project_page_costs_the_same_queries_however_many_visits(
    project, contractor_org, contractor_user, contractor, django_assert_max_num_queries, homes
):
    visits_on_monday(project, contractor_org, contractor_user, homes=HomePlan.objects.filter(project=project)[:homes])
    with django_assert_max_num_queries(12):  # as before, and the bell's unread count
        response = contractor.get(page_url(project))
    assert response.context["visit_days"][0]["visits"] == homes


@pytest.mark.parametrize("projects", [1, 4])
def test_start_page_costs_the_same_queries_however_many_projects(
    project, contractor_org, contractor, django_assert_max_num_queries, projects
):
    for n in range(projects - 1):
        extra = project.__class__.objects.create(
            corporation=project.corporation, name=f"Project {n}", slug=f"project-{n}", summary="Meer."
        )
        extra.contractors.add(contractor_org)
    with django_assert_max_num_queries(6):  # as before, and the bell's unread count
        response = contractor.get("/aannemer/")
    assert len(response.context["projects"]) == projects
