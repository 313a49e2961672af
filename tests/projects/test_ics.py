"""A tenant adds a visit to their calendar: an iCalendar file (RFC 5545) with the right time in UTC, the home's
address, and a UID that stays the same when the visit moves."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from projects import appointments
from projects.ics import escape_text, fold
from projects.models import Appointment
from tests.projects.home_plan_data import add_slot

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def appointment(home_plan, contractor_org, project):
    slot = add_slot(project, contractor_org, starts_at=datetime(2031, 3, 4, 9, 0, tzinfo=AMSTERDAM), purpose="Opname")
    return Appointment.objects.create(home_plan=home_plan, slot=slot)


@pytest.fixture
def signed_in(client, project_tenant):
    client.force_login(project_tenant)
    return client


def ics_url(project, appointment):
    return f"/projecten/{project.slug}/afspraken/{appointment.pk}/agenda.ics"


def properties(text):
    """The calendar's content lines (unfolded) as a dict; later duplicates win."""
    unfolded = text.replace("\r\n ", "")
    return dict(line.split(":", 1) for line in unfolded.split("\r\n") if line)


def test_the_calendar_file_is_text_calendar_with_crlf_line_ends(signed_in, project, appointment):
    response = signed_in.get(ics_url(project, appointment))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="afspraak-{appointment.pk}.ics"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_times_are_in_utc_in_winter_and_in_summer(signed_in, project, appointment, contractor_org):
    winter = properties(signed_in.get(ics_url(project, appointment)).content.decode())
    assert winter["DTSTART"] == "20310304T080000Z"  # 09:00 CET
    assert winter["DTEND"] == "20310304T090000Z"

    Appointment.objects.filter(pk=appointment.pk).update(
        slot=add_slot(project, contractor_org, starts_at=datetime(2031, 7, 1, 9, 0, tzinfo=AMSTERDAM))
    )
    summer = properties(signed_in.get(ics_url(project, appointment)).content.decode())
    assert summer["DTSTART"] == "20310701T070000Z"  # 09:00 CEST


def test_summary_names_the_visit_and_location_is_the_home_address(signed_in, project, appointment, home_plan):
    event = properties(signed_in.get(ics_url(project, appointment)).content.decode())

    assert event["SUMMARY"] == "Opname – Kanaleneiland-Noord verduurzaming"
    assert event["LOCATION"] == escape_text(home_plan.household.dwelling.address)
    assert "\\, " in event["LOCATION"]  # "Kanaalstraat 1, 3500 AB Utrecht": the comma escaped
    assert event["STATUS"] == "TENTATIVE"


def test_the_uid_stays_the_same_when_the_visit_moves_and_the_sequence_grows(
    signed_in, project, appointment, contractor_org, project_tenant
):
    before = properties(signed_in.get(ics_url(project, appointment)).content.decode())
    new_slot = add_slot(project, contractor_org, starts_at=datetime(2031, 3, 5, 13, 0, tzinfo=AMSTERDAM))
    appointments.move(appointment, new_slot, by=project_tenant)

    after = properties(signed_in.get(ics_url(project, appointment)).content.decode())

    assert after["UID"] == before["UID"] == f"appointment-{appointment.pk}@127.0.0.1"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"] == "20310305T120000Z"
    assert after["STATUS"] == "CONFIRMED"


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "é" * 100  # two octets each
    folded = fold(line)

    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
