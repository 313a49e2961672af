"""The session pages: a tenant sees the coming sessions with places left, registers, changes and cancels; staff plan,
change and cancel a session, register a household that called in, tick who came, write minutes and print the list
for the door; households read the published minutes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.forms import SessionForm
from meetings.models import Registration, Session
from tests.factories import contractor_member

from .conftest import move_to_past, plan, register_all

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def list_url(project):
    return f"/projecten/{project.slug}/bijeenkomsten/"


def detail_url(session):
    return f"/projecten/{session.project.slug}/bijeenkomsten/{session.pk}/"


def staff_url(session, action=""):
    return f"/beheer/projecten/{session.project.slug}/bijeenkomsten/{session.pk}/{action}"


def text(response):
    return response.content.decode()


def test_a_tenant_sees_a_coming_session_with_the_places_left(client, session, households, member):
    register_all(session, households[1:4])
    client.force_login(member)

    page = text(client.get(list_url(session.project), **ENGLISH))

    assert "Kijken in de modelwoning" in page
    assert "Modelwoning Marshallaan 4-A" in page
    assert "7 of 10" in page
    assert f'action="{detail_url(session)}aanmelden/"' in page


def test_a_tenant_registers_two_people_and_sees_it_confirmed(client, session, households, member):
    client.force_login(member)

    response = client.post(detail_url(session) + "aanmelden/", {"people": "2"}, follow=True, **ENGLISH)

    page = text(response)
    assert "Your household is registered. You will get a reminder the day before." in page
    assert "Your household is registered: 2 people." in page
    registration = Registration.objects.get(session=session)
    assert registration.household == households[0] and registration.registered_by == member


def test_a_tenant_cancels_and_the_place_is_free_again(client, session, households, member):
    services.register_household(session, households[0], by=member)
    client.force_login(member)

    response = client.post(detail_url(session) + "afmelden/", follow=True, **ENGLISH)

    assert "Your registration is cancelled." in text(response)
    assert not Registration.objects.active().exists()


def test_a_full_session_says_so_in_dutch_and_offers_no_register_button(client, project, staff_user, households, member):
    session = plan(project, staff_user, capacity=2)
    register_all(session, households[1:3])
    client.force_login(member)

    page = text(client.get(detail_url(session)))
    assert "Deze bijeenkomst is vol. Kies een andere bijeenkomst." in page
    assert f'action="{detail_url(session)}aanmelden/"' not in page

    response = client.post(detail_url(session) + "aanmelden/", {"people": "1"}, follow=True)
    assert "Deze bijeenkomst is vol." in text(response)
    assert Registration.objects.filter(session=session).count() == 2


def test_a_bad_number_of_people_changes_nothing(client, session, member):
    client.force_login(member)

    response = client.post(detail_url(session) + "aanmelden/", {"people": "9"}, follow=True)

    assert "Kies 1 tot 4 personen." in text(response)
    assert not Registration.objects.exists()


def test_a_contractor_reads_the_sessions_but_has_no_form(client, session):
    user = contractor_member(session.project.corporation)
    session.project.contractors.add(user.memberships.get().organisation)
    client.force_login(user)

    page = text(client.get(list_url(session.project), **ENGLISH))

    assert "Kijken in de modelwoning" in page
    assert "aanmelden/" not in page
    assert "Only households of the project can register." in page


def test_published_minutes_are_read_by_households_and_drafts_are_not(client, session, staff_user, member):
    move_to_past(session)
    services.save_minutes(session, "Er waren **vragen** over de ventilatie.", publish=False, by=staff_user)
    client.force_login(member)
    assert "vragen" not in text(client.get(detail_url(session)))
    assert "Kijken in de modelwoning" not in text(client.get(list_url(session.project)))

    session.refresh_from_db()
    services.save_minutes(session, session.minutes, publish=True, by=staff_user)

    assert "Kijken in de modelwoning" in text(client.get(list_url(session.project)))
    assert "Er waren <strong>vragen</strong> over de ventilatie." in text(client.get(detail_url(session)))


def test_minutes_with_html_are_shown_as_text_never_run(client, session, staff_user, member):
    move_to_past(session)
    services.save_minutes(session, "<script>alert(1)</script> Goed gesprek.", publish=True, by=staff_user)
    client.force_login(member)

    page = text(client.get(detail_url(session)))

    assert "<script>alert(1)</script>" not in page
    assert "Goed gesprek." in page


# --- Staff ------------------------------------------------------------------------------------------------------


def test_staff_plan_a_session_on_the_staff_page(client, project, staff_user):
    client.force_login(staff_user)
    day = timezone.localdate() + timedelta(days=10)

    response = client.post(
        f"/beheer/projecten/{project.slug}/bijeenkomsten/nieuw/",
        {
            "kind": "information_evening",
            "title": "Informatieavond planning",
            "description": "De **planning** per portiek.",
            "place": "Buurthuis De Boog",
            "day": day.isoformat(),
            "starts": "19:30",
            "ends": "21:00",
            "capacity": "60",
        },
    )

    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == staff_url(session)
    assert session.kind == "information_evening" and session.capacity == 60
    assert timezone.localtime(session.starts_at).hour == 19 and timezone.localtime(session.ends_at).minute == 0


def test_planning_with_the_end_before_the_start_shows_the_error_and_saves_nothing(client, project, staff_user):
    client.force_login(staff_user)
    day = timezone.localdate() + timedelta(days=10)

    response = client.post(
        f"/beheer/projecten/{project.slug}/bijeenkomsten/nieuw/",
        {
            "kind": "walk_in",
            "title": "Inloop",
            "place": "Keet",
            "day": day,
            "starts": "15:00",
            "ends": "14:00",
            "capacity": "5",
        },
    )

    assert response.status_code == 400
    assert "De bijeenkomst moet eindigen na het begin." in text(response)
    assert not Session.objects.exists()


def test_staff_change_the_place(client, session, staff_user):
    client.force_login(staff_user)
    values = {
        **SessionForm.initial_for(session),
        "place": "Buurthuis De Boog",
    }

    response = client.post(staff_url(session, "wijzigen/"), values)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Buurthuis De Boog"


def test_staff_cancel_a_session_and_households_see_it(client, session, staff_user, member):
    client.force_login(staff_user)
    client.post(staff_url(session, "annuleren/"))

    client.force_login(member)
    page = text(client.get(detail_url(session), **ENGLISH))
    assert "This session is cancelled." in page
    assert "aanmelden/" not in page


def test_staff_register_a_household_that_called_in(client, session, staff_user, households):
    client.force_login(staff_user)

    response = client.post(
        staff_url(session, "aanmelden/"), {"household": households[3].pk, "people": "3"}, follow=True, **ENGLISH
    )

    assert f"{households[3].dwelling.address} is registered." in text(response)
    registration = Registration.objects.get(session=session)
    assert registration.household == households[3] and registration.people == 3
    assert registration.registered_by == staff_user


def test_staff_tick_who_came_and_see_the_counts(client, session, staff_user, households):
    register_all(session, households[:3])
    move_to_past(session)
    client.force_login(staff_user)

    client.post(staff_url(session, "aanwezigheid/"), {"attended": [households[0].pk, households[2].pk]})

    assert sorted(Registration.objects.filter(attended=True).values_list("household", flat=True)) == sorted(
        [households[0].pk, households[2].pk]
    )
    page = text(client.get(f"/beheer/projecten/{session.project.slug}/bijeenkomsten/", **ENGLISH))
    assert "Came to a meeting" in page
    assert "20%" in page  # 2 of 10 households reached


def test_staff_publish_minutes(client, session, staff_user):
    move_to_past(session)
    client.force_login(staff_user)

    client.post(staff_url(session, "verslag/"), {"minutes": "Goede avond.", "publish": "on"})

    session.refresh_from_db()
    assert session.minutes == "Goede avond." and session.minutes_published


def test_publishing_empty_minutes_shows_the_error_in_dutch(client, session, staff_user):
    move_to_past(session)
    client.force_login(staff_user)

    response = client.post(staff_url(session, "verslag/"), {"minutes": "", "publish": "on"})

    assert response.status_code == 400
    assert "Schrijf eerst het verslag voordat u het publiceert." in text(response)


def test_the_door_list_shows_each_registered_home_and_the_people_expected(client, session, staff_user, households):
    register_all(session, households[:2], people=2)
    services.cancel_registration(session, households[1], by=None)
    client.force_login(staff_user)

    page = text(client.get(staff_url(session, "deurlijst/"), **ENGLISH))

    assert "1 household, 2 people expected" in page
    assert f"{households[0].dwelling.street} {households[0].dwelling.house_number}" in page
    assert page.count('class="door-box"') == 1


def test_staff_cancel_the_registration_of_a_household_that_called(client, session, staff_user, households):
    register_all(session, households[:2])
    client.force_login(staff_user)

    response = client.post(staff_url(session, "afmelden/"), {"household": households[1].pk}, follow=True, **ENGLISH)

    assert f"The registration of {households[1].dwelling.address} is cancelled." in text(response)
    assert list(Registration.objects.active().values_list("household", flat=True)) == [households[0].pk]


def test_staff_add_a_household_that_came_without_registering(client, session, staff_user, households):
    register_all(session, households[:1])
    move_to_past(session)
    client.force_login(staff_user)

    response = client.post(
        staff_url(session, "binnenloper/"), {"household": households[6].pk, "people": "2"}, follow=True, **ENGLISH
    )

    assert "came without registering and is marked as present." in text(response)
    walk_in = Registration.objects.get(household=households[6])
    assert walk_in.attended and walk_in.people == 2 and walk_in.registered_by == staff_user


def test_the_project_page_shows_the_next_sessions_and_the_households_own_place(
    client, project, session, staff_user, households, member
):
    full = plan(project, staff_user, in_days=9, capacity=1, title="Kleine groep vol")
    register_all(full, households[1:2])
    services.register_household(session, households[0], by=member)
    client.force_login(member)

    page = text(client.get(f"/projecten/{project.slug}/", **ENGLISH))

    assert "Meetings with your neighbours" in page
    assert "you are registered" in page
    assert "Kleine groep vol" in page and "full" in page


def test_the_staff_dashboard_shows_the_next_sessions_with_their_registrations(client, session, households, staff_user):
    register_all(session, households[:3])
    client.force_login(staff_user)

    page = text(client.get(f"/beheer/projecten/{session.project.slug}/", **ENGLISH))

    assert "3 of 10 registered" in page
    assert f'href="{staff_url(session)}"' in page


def test_attendance_with_nonsense_ids_says_so_and_changes_nothing(client, session, staff_user, households):
    register_all(session, households[:1])
    move_to_past(session)
    client.force_login(staff_user)

    response = client.post(staff_url(session, "aanwezigheid/"), {"attended": ["abc"]}, follow=True)

    assert "Alleen aangemelde huishoudens kunnen als aanwezig worden aangevinkt." in text(response)
    assert not Registration.objects.filter(attended=True).exists()


def test_a_tenant_adds_the_session_to_the_calendar_on_the_phone(client, session, member):
    client.force_login(member)

    response = client.get(detail_url(session) + "agenda.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert f"UID:session-{session.pk}@" in body
    assert "LOCATION:Modelwoning Marshallaan 4-A" in body
    assert "STATUS:CONFIRMED" in body


def test_the_staff_page_offers_walk_ins_from_the_day_and_callers_until_the_start(client, session, staff_user):
    client.force_login(staff_user)
    before = text(client.get(staff_url(session), **ENGLISH))
    assert "Register a household that called in" in before
    assert "Add a household that came without registering" not in before

    move_to_past(session)
    after = text(client.get(staff_url(session), **ENGLISH))

    assert "Register a household that called in" not in after
    assert "Add a household that came without registering" in after
