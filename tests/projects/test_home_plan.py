"""A tenant's own home plan: the work, what to do before, nuisance, schedule, appointments, choices, what they are
owed, the temporary home and who to ask."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import (
    AllowanceRate,
    Appointment,
    AppointmentChange,
    Compensation,
    HomeChoice,
    HomePlan,
    TemporaryHome,
    WorkItem,
)
from tests.factories import UserFactory, tenant
from tests.projects.home_plan_data import (
    add_appointments,
    add_choices,
    add_compensations,
    add_slot,
    add_work_items,
    soon,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def plan_url(project):
    return f"/projecten/{project.slug}/mijn-woning/"


@pytest.fixture
def signed_in(client, project_tenant):
    client.force_login(project_tenant)
    return client


def test_tenant_sees_the_work_with_dates_and_what_to_do_before(signed_in, home_plan, plan_url):
    WorkItem.objects.create(
        home_plan=home_plan,
        kind=WorkItem.Kind.KITCHEN,
        description="Nieuwe keuken met inductie",
        starts_on=date(2031, 3, 3),
        ends_on=date(2031, 3, 7),
        tenant_preparation="Keukenkastjes leeghalen",
    )

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Nieuwe keuken met inductie" in page
    assert "3 March 2031 – 7 March 2031" in page
    assert "What you must do before" in page and "Keukenkastjes leeghalen" in page


def test_nuisance_is_shown_only_for_days_above_zero(signed_in, home_plan, plan_url):
    WorkItem.objects.create(
        home_plan=home_plan, kind="bathroom", description="Badkamer", days_without_water=2, days_without_shower=5
    )

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "2 days without water" in page
    assert "5 days without a shower or bath" in page
    assert "without a kitchen" not in page


def test_schedule_shows_when_the_work_starts_and_ends(signed_in, home_plan, plan_url):
    home_plan.starts_on, home_plan.ends_on = date(2031, 4, 1), date(2031, 4, 18)
    home_plan.save()

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Tuesday 1 April 2031" in page and "Friday 18 April 2031" in page


def test_moving_allowance_uses_the_rate_valid_on_its_reference_date_in_dutch_format(signed_in, home_plan, plan_url):
    AllowanceRate.objects.create(amount=Decimal("7000.00"), valid_from=date(2024, 3, 1))
    AllowanceRate.objects.create(amount=Decimal("7731.00"), valid_from=date(2025, 3, 1))
    Compensation.objects.create(home_plan=home_plan, kind=Compensation.Kind.MOVING, reference_date=date(2025, 6, 1))

    page = signed_in.get(plan_url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert "€&nbsp;7.731,00" in page
    assert "7.000,00" not in page


def test_moving_allowance_without_a_known_rate_says_the_amount_follows(signed_in, home_plan, plan_url):
    Compensation.objects.create(home_plan=home_plan, kind=Compensation.Kind.MOVING, reference_date=date(2020, 1, 1))

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "amount follows" in page
    assert "€&nbsp;" not in page


def test_temporary_home_shows_address_dates_and_rent_rule(signed_in, home_plan, plan_url):
    TemporaryHome.objects.create(
        home_plan=home_plan,
        address="Wisselstraat 4, Utrecht",
        moves_in_on=date(2031, 5, 1),
        moves_out_on=date(2031, 6, 15),
        rent_rule=TemporaryHome.RentRule.LOWEST,
    )

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Your temporary home" in page
    assert "Wisselstraat 4, Utrecht" in page
    assert "1 May 2031" in page and "15 June 2031" in page
    assert "You pay the lower of the two rents" in page


def test_no_temporary_home_section_without_one(signed_in, plan_url):
    assert "Your temporary home" not in signed_in.get(plan_url, **ENGLISH).content.decode()


def test_resident_coach_is_named_with_their_email(signed_in, home_plan, plan_url):
    home_plan.coach = UserFactory(first_name="Sanne", last_name="de Vries", email="sanne@mitros.example")
    home_plan.save()

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Sanne de Vries" in page and "mailto:sanne@mitros.example" in page


def test_without_a_coach_the_project_contact_is_shown(signed_in, project, plan_url):
    project.contact_name, project.contact_email = "Projectbureau Noord", "noord@mitros.example"
    project.save()

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Projectbureau Noord" in page and "noord@mitros.example" in page


# --- Choices ---------------------------------------------------------------------------------------------------


def test_open_choice_shows_options_with_extra_cost_and_deadline(signed_in, home_plan, plan_url):
    add_choices(home_plan, 1)

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert 'type="radio"' in page
    assert "Wit 0 (no extra cost)" in page
    assert "Grijs 0 (+ € 1,250.00)" in page
    assert "Choose before" in page


def test_tenant_makes_a_choice_and_sees_it_saved(signed_in, home_plan, project, plan_url, project_tenant):
    (topic,) = add_choices(home_plan, 1)
    grey = topic.options.get(label="Grijs 0")
    choice = HomeChoice.objects.get(home_plan=home_plan, topic=topic)

    response = signed_in.post(
        f"/projecten/{project.slug}/mijn-woning/keuzes/{choice.pk}/", {f"choice-{choice.pk}-option": grey.pk}, **ENGLISH
    )

    assert response.status_code == 302
    choice.refresh_from_db()
    assert choice.option == grey and choice.decided_by == project_tenant
    page = signed_in.get(response["Location"], **ENGLISH).content.decode()
    assert "Your choice for “Keuze 0” is saved: Grijs 0." in page


def test_sending_a_choice_without_an_option_explains_and_changes_nothing(signed_in, home_plan, project):
    (topic,) = add_choices(home_plan, 1)
    choice = HomeChoice.objects.get(home_plan=home_plan, topic=topic)

    response = signed_in.post(f"/projecten/{project.slug}/mijn-woning/keuzes/{choice.pk}/", {}, **ENGLISH)

    assert response.status_code == 400
    assert "Please pick one of the options." in response.content.decode()
    choice.refresh_from_db()
    assert choice.option is None


def test_after_the_deadline_the_choice_is_shown_read_only(signed_in, home_plan, plan_url):
    (topic,) = add_choices(home_plan, 1, deadline_in_days=-1)
    HomeChoice.objects.filter(topic=topic).update(option=topic.options.get(label="Wit 0"))

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Choices that are closed" in page
    assert "Wit 0" in page
    assert 'type="radio"' not in page


def test_a_choice_after_the_deadline_is_refused_with_a_message(signed_in, home_plan, project):
    (topic,) = add_choices(home_plan, 1, deadline_in_days=-1)
    choice = HomeChoice.objects.get(topic=topic)

    response = signed_in.post(
        f"/projecten/{project.slug}/mijn-woning/keuzes/{choice.pk}/",
        {f"choice-{choice.pk}-option": topic.options.first().pk},
        follow=True,
        **ENGLISH,
    )

    assert "The deadline for this choice has passed." in response.content.decode()
    choice.refresh_from_db()
    assert choice.option is None


def test_another_homes_choice_cannot_be_made(signed_in, project):
    other_plan = project.home_plans.order_by("pk").last()
    (topic,) = add_choices(other_plan, 1)
    choice = HomeChoice.objects.get(home_plan=other_plan)

    response = signed_in.post(
        f"/projecten/{project.slug}/mijn-woning/keuzes/{choice.pk}/",
        {f"choice-{choice.pk}-option": topic.options.first().pk},
    )

    assert response.status_code == 404
    choice.refresh_from_db()
    assert choice.option is None


# --- Appointments ----------------------------------------------------------------------------------------------


def test_appointments_show_their_time_status_and_actions(signed_in, home_plan, contractor_org, plan_url):
    (appointment,) = add_appointments(home_plan, contractor_org, 1)

    page = signed_in.get(plan_url, **ENGLISH).content.decode()

    assert "Bezoek 0" in page
    assert "proposed – please confirm" in page
    assert f"/afspraken/{appointment.pk}/bevestigen/" in page
    assert f"/afspraken/{appointment.pk}/andere-tijd/" in page
    assert f"/afspraken/{appointment.pk}/agenda.ics" in page


def test_tenant_confirms_a_proposed_appointment(signed_in, home_plan, contractor_org, project, project_tenant):
    (appointment,) = add_appointments(home_plan, contractor_org, 1)

    response = signed_in.post(
        f"/projecten/{project.slug}/afspraken/{appointment.pk}/bevestigen/", follow=True, **ENGLISH
    )

    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED
    assert AppointmentChange.objects.get(appointment=appointment).changed_by == project_tenant
    assert "is confirmed" in response.content.decode()


def test_pick_another_time_lists_free_times_of_the_same_visit_by_day(signed_in, home_plan, contractor_org, project):
    (appointment,) = add_appointments(home_plan, contractor_org, 1)  # purpose "Bezoek 0"
    add_slot(project, contractor_org, starts_at=soon(10, 8), purpose="Bezoek 0")
    add_slot(project, contractor_org, starts_at=soon(10, 13), purpose="Bezoek 0")
    add_slot(project, contractor_org, starts_at=soon(11, 8), purpose="Bezoek 0")
    add_slot(project, contractor_org, starts_at=soon(12, 8), purpose="Iets anders")

    response = signed_in.get(f"/projecten/{project.slug}/afspraken/{appointment.pk}/andere-tijd/", **ENGLISH)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="slot"') == 3
    assert page.count('class="slot-day"') == 2
    assert "13:00–14:00" in page


def test_picking_a_free_time_moves_the_appointment_and_confirms_it(signed_in, home_plan, contractor_org, project):
    (appointment,) = add_appointments(home_plan, contractor_org, 1)
    new_slot = add_slot(project, contractor_org, starts_at=soon(10, 13), purpose="Bezoek 0")

    response = signed_in.post(
        f"/projecten/{project.slug}/afspraken/{appointment.pk}/andere-tijd/", {"slot": new_slot.pk}, **ENGLISH
    )

    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.slot == new_slot and appointment.status == Appointment.Status.CONFIRMED
    page = signed_in.get(response["Location"], **ENGLISH).content.decode()
    assert "Your appointment is now on" in page and "13:00. It is confirmed." in page


def test_picking_a_time_someone_else_took_shows_a_clear_message_and_the_list(
    signed_in, home_plan, contractor_org, project
):
    (appointment,) = add_appointments(home_plan, contractor_org, 1)
    taken = add_slot(project, contractor_org, starts_at=soon(10, 13), purpose="Bezoek 0")
    add_slot(project, contractor_org, starts_at=soon(10, 15), purpose="Bezoek 0")
    neighbour_plan = project.home_plans.order_by("pk").last()
    Appointment.objects.create(home_plan=neighbour_plan, slot=taken)

    response = signed_in.post(
        f"/projecten/{project.slug}/afspraken/{appointment.pk}/andere-tijd/", {"slot": taken.pk}, **ENGLISH
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else just took this time. Please pick another one." in page
    assert page.count('name="slot"') == 1  # the one still free
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.PROPOSED


def test_a_done_visit_cannot_be_moved(signed_in, home_plan, contractor_org, project):
    (appointment,) = add_appointments(home_plan, contractor_org, 1, status=Appointment.Status.DONE)

    response = signed_in.get(
        f"/projecten/{project.slug}/afspraken/{appointment.pk}/andere-tijd/", follow=True, **ENGLISH
    )

    assert "This appointment can no longer be changed." in response.content.decode()


def test_another_households_appointment_is_not_found(signed_in, contractor_org, project):
    other_plan = project.home_plans.order_by("pk").last()
    (appointment,) = add_appointments(other_plan, contractor_org, 1)

    for action in ("andere-tijd/", "agenda.ics"):
        assert signed_in.get(f"/projecten/{project.slug}/afspraken/{appointment.pk}/{action}").status_code == 404
    response = signed_in.post(f"/projecten/{project.slug}/afspraken/{appointment.pk}/bevestigen/")
    assert response.status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.PROPOSED


def test_a_household_of_the_project_without_a_plan_gets_not_found(client, project):
    household = project.home_plans.order_by("pk").first().household
    HomePlan.objects.filter(household=household).delete()
    client.force_login(tenant(household))

    assert client.get(f"/projecten/{project.slug}/mijn-woning/").status_code == 404


# --- Query count -----------------------------------------------------------------------------------------------


def fill(plan, contractor, n, *, first_day=3):
    add_work_items(plan, n)
    add_choices(plan, n)
    add_appointments(plan, contractor, n, first_day=first_day)
    add_compensations(plan, n)
    Compensation.objects.create(home_plan=plan, kind=Compensation.Kind.MOVING)
    TemporaryHome.objects.get_or_create(
        home_plan=plan,
        defaults={"address": "Wisselstraat 1", "moves_in_on": date.today(), "moves_out_on": date.today()},
    )


HOME_PLAN_QUERIES = 14  # session, user, viewer (2), project (2), plan (6), allowance rates, the bell


def test_home_plan_page_queries_stay_the_same_with_2_or_20_of_everything(
    signed_in, home_plan, contractor_org, plan_url, django_assert_max_num_queries
):
    AllowanceRate.objects.create(amount=Decimal("7731.00"), valid_from=timezone.localdate() - timedelta(days=30))
    fill(home_plan, contractor_org, 2)
    with django_assert_max_num_queries(HOME_PLAN_QUERIES):
        small = signed_in.get(plan_url)
    assert small.content.decode().count('class="card appointment"') == 2

    fill(home_plan, contractor_org, 18, first_day=10)
    with django_assert_max_num_queries(HOME_PLAN_QUERIES):
        large = signed_in.get(plan_url)
    assert large.content.decode().count('class="card appointment"') == 20
    assert large.content.decode().count('class="card work-item"') == 20
