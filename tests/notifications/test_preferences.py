"""Each person decides per kind: on the website or not, and an e-mail at once, daily, weekly or never. Without a
choice: always on the website, an e-mail at once only for what is personal and urgent, else the daily digest."""

import pytest
from django.core import mail

from notifications.models import EmailRhythm, Notification, Preference

from .conftest import appointment_for, emit_committed
from .test_recipients import post_news

pytestmark = pytest.mark.django_db


def plan_visit(project, household):
    emit_committed("appointment.planned", project=project, actor=None, appointment=appointment_for(project, household))


def test_by_default_an_urgent_personal_event_is_mailed_at_once(project, households, dutch):
    plan_visit(project, households[0])
    notification = Notification.objects.get()
    assert (notification.in_app, notification.email_rhythm) == (True, EmailRhythm.IMMEDIATE)
    assert len(mail.outbox) == 1


def test_by_default_project_news_waits_for_the_daily_digest(project, dutch, staff_user):
    post_news(project, staff_user)
    notification = Notification.objects.get()
    assert (notification.in_app, notification.email_rhythm, notification.email) == (True, EmailRhythm.DAILY, None)
    assert mail.outbox == []


def test_a_person_who_wants_news_at_once_gets_it_at_once(project, dutch, staff_user):
    Preference.objects.create(user=dutch, kind="project", email=EmailRhythm.IMMEDIATE)
    post_news(project, staff_user)
    assert len(mail.outbox) == 1


def test_a_person_who_wants_appointments_weekly_gets_no_mail_now(project, households, dutch):
    Preference.objects.create(user=dutch, kind="appointments", email=EmailRhythm.WEEKLY)
    plan_visit(project, households[0])
    assert Notification.objects.get().email_rhythm == EmailRhythm.WEEKLY
    assert mail.outbox == []


def test_no_email_still_shows_it_on_the_website(project, households, dutch):
    Preference.objects.create(user=dutch, kind="appointments", email=EmailRhythm.NEVER)
    plan_visit(project, households[0])
    assert Notification.objects.get().in_app
    assert mail.outbox == []


def test_neither_website_nor_email_means_nothing_at_all(project, households, dutch):
    Preference.objects.create(user=dutch, kind="appointments", in_app=False, email=EmailRhythm.NEVER)
    plan_visit(project, households[0])
    assert not Notification.objects.exists()


def test_email_only_sends_the_mail_and_keeps_the_bell_quiet(client, project, households, dutch):
    Preference.objects.create(user=dutch, kind="appointments", in_app=False, email=EmailRhythm.IMMEDIATE)
    plan_visit(project, households[0])
    assert len(mail.outbox) == 1
    client.force_login(dutch)
    assert "notification-unread" not in client.get("/meldingen/").content.decode()


def test_one_persons_choice_does_not_change_a_housemates(project, households, dutch, staff_user):
    from tests.factories import TenantProfileFactory

    housemate = TenantProfileFactory(household=households[0]).user
    Preference.objects.create(user=dutch, kind="project", email=EmailRhythm.IMMEDIATE)
    post_news(project, staff_user)
    assert [message.to for message in mail.outbox] == [[dutch.email]]
    assert Notification.objects.get(recipient=housemate).email_rhythm == EmailRhythm.DAILY


# --- The settings page ---


def test_the_settings_page_shows_every_kind_with_the_defaults(client, dutch):
    client.force_login(dutch)
    page = client.get("/meldingen/instellingen/").content.decode()
    for label in ("Nieuws over het project", "Reacties op mij", "Afspraken bij mij thuis", "Stemmingen en peilingen"):
        assert label in page
    assert 'value="auto" selected' in page


def form_data(**changes):
    data = {}
    for kind in ("project", "replies", "mentions", "appointments", "votes", "choices"):
        data[f"{kind}-in_app"] = "on"
        data[f"{kind}-email"] = "auto"
    data.update(changes)
    return data


def test_saving_the_settings_stores_the_choice_per_kind(client, dutch):
    client.force_login(dutch)
    data = form_data(**{"project-email": "weekly"})
    del data["votes-in_app"]
    response = client.post("/meldingen/instellingen/", data)
    assert response.status_code == 302
    assert Preference.objects.get(user=dutch, kind="project").email == "weekly"
    assert Preference.objects.get(user=dutch, kind="votes").in_app is False


def test_an_unknown_rhythm_is_refused_in_dutch_and_nothing_is_saved(client, dutch):
    client.force_login(dutch)
    response = client.post("/meldingen/instellingen/", form_data(**{"project-email": "hourly"}))
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Preference.objects.exists()
