"""A person downloads all their data, as JSON for a computer and as a printable page, and only their own."""

import json

import pytest

from privacy.export import personal_data
from privacy.models import PrivacyEvent
from tests.factories import contractor_member, staff_member
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db


def download(client, user):
    client.force_login(user)
    response = client.get("/mijn-gegevens/download.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    return json.loads(response.content)["sections"]


def test_the_json_download_holds_anna_s_data_from_every_app(client, people, traces):
    sections = download(client, people["anna"])
    assert sections["account"][0]["email"] == people["anna"].email
    assert sections["profile"][0]["accessibility_needs"] == "Slechtziend"
    assert sections["needs"][0]["medical"] == "Zuurstofapparaat in de slaapkamer"
    assert [thread["title"] for thread in sections["threads"]] == ["Wanneer komen de kozijnen?"]
    assert "Ik wil het ook weten, ik werk thuis." in [post["body"] for post in sections["posts"]]
    assert len(sections["reactions"]) == 1
    votes = [(vote["choice"], vote["proposal__title"]) for vote in sections["votes"]]
    assert votes == [("agree", "Verduurzaming 2027")]
    assert [vote["options__label"] for vote in sections["poll_votes"]] == ["Groen"]
    assert sections["survey_answers"][0]["comment"] == "Prima buren"
    assert sections["registrations"][0]["people"] == 2
    assert sections["notification_preferences"][0]["email"] == "weekly"
    assert sections["notifications"]
    assert sections["appointments"] == [] and sections["home_plans"]
    assert any(entry["action"] == "vote" for entry in sections["audit"])


def test_a_download_holds_nothing_of_the_neighbours(client, people, traces):
    text = json.dumps(download(client, people["anna"]))
    # Carla's public name may appear (a notification says she replied); her account, text and vote may not.
    assert people["carla"].email not in text
    assert "Wij ook." not in text and "disagree" not in text and "Rood" not in text


def test_a_housemate_gets_the_household_s_data_but_not_anna_s_own(client, people, traces):
    sections = download(client, people["ben"])
    assert sections["account"][0]["email"] == people["ben"].email
    assert [profile["display_name"] for profile in sections["profile"]] == ["Ben, nr. 1"]
    assert sections["posts"] == [] and sections["threads"] == [] and sections["reactions"] == []
    assert sections["poll_votes"] == []  # Anna's own vote in a poll for persons
    assert [vote["choice"] for vote in sections["votes"]] == ["agree"]  # the household's vote is his too
    assert people["anna"].email not in json.dumps(sections)


def test_the_printable_page_shows_the_data_with_readable_headings(client, people, traces):
    client.force_login(people["anna"])
    response = client.get("/mijn-gegevens/overzicht/", HTTP_ACCEPT_LANGUAGE="nl")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zuurstofapparaat in de slaapkamer" in page
    assert "Ik wil het ook weten, ik werk thuis." in page
    assert "Verduurzaming 2027" in page
    assert "household__dwelling__street" not in page
    assert response["Cache-Control"] == "no-store"


def test_every_download_is_logged_for_the_corporation(client, people, traces, staff_user):
    download(client, people["anna"])
    client.get("/mijn-gegevens/overzicht/")
    events = PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.EXPORT, user=people["anna"])
    assert sorted(event.counts["format"] for event in events) == ["html", "json"]
    client.force_login(staff_user)
    page = client.get("/beheer/privacy/").content.decode()
    assert page.count("Gegevens gedownload") + page.count("Data downloaded") == 2


def test_staff_and_contractors_download_their_own_account_too(client, project):
    for person in (staff_member(project.corporation), contractor_member(project.corporation)):
        sections = download(client, person)
        assert sections["account"][0]["email"] == person.email
        assert len(sections["memberships"]) == 1
        assert sections["profile"] == []


@pytest.mark.parametrize("url", ["/mijn-gegevens/", "/mijn-gegevens/download.json", "/mijn-gegevens/overzicht/"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    assert outcome(client.get(url)) == LOGIN


def test_personal_data_of_a_person_without_a_household_is_just_the_account(db, project):
    person = staff_member(project.corporation)
    data = personal_data(person)
    assert data["account"][0]["email"] == person.email
    assert data["votes"] == [] and data["needs"] == []


def test_the_download_costs_one_query_per_section_however_much_data(client, people, traces):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from feedback import services as feedback
    from privacy.inventory import SECTIONS

    client.force_login(people["anna"])
    with CaptureQueriesContext(connection) as few:
        client.get("/mijn-gegevens/download.json")
    opening = traces["thread"].posts.order_by("pk").first()
    for number in range(15):
        feedback.reply(opening, f"Nog een vraag {number}.", people["anna"])
    with CaptureQueriesContext(connection) as many:
        sections = json.loads(client.get("/mijn-gegevens/download.json").content)["sections"]
    assert len(sections["posts"]) == 17
    assert len(many) == len(few) <= len(SECTIONS) + 8  # + session, user, households, the log entry
