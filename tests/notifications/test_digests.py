"""The daily and weekly digests: one e-mail per person with everything waiting, grouped per project and kind, in
the person's own language, text and HTML, sent once per period however often the task runs."""

import pytest
from django.core import mail

from notifications.models import EmailRhythm, Notification, Preference
from notifications.tasks import send_daily_digests, send_weekly_digests
from tests.factories import project_in_execution

from .conftest import TenantProfileFactory, appointment_for, committed, emit_committed
from .test_recipients import post_news

pytestmark = pytest.mark.django_db


def html_of(message):
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_daily_digest_groups_per_project_and_kind(project, households, dutch, staff_user):
    other = project_in_execution(homes=1, slug="zuilen", name="Zuilen", complex=households[0].dwelling.complex)
    post_news(project, staff_user)
    post_news(other, staff_user)
    Preference.objects.create(user=dutch, kind="appointments", email=EmailRhythm.DAILY)
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[0])
    )

    with committed():
        send_daily_digests()

    (message,) = mail.outbox
    text = message.body
    assert message.subject == "Uw overzicht van het renovatieplatform: 3 berichten"
    assert text.index("== Kanaleneiland-Noord verduurzaming ==") < text.index("== Zuilen ==")
    first_project = text.split("== Zuilen ==")[0]
    assert "Afspraken bij mij thuis:" in first_project and "Nieuws over het project:" in first_project
    assert "<h2" in html_of(message) and "Zuilen" in html_of(message)


def test_running_the_digest_twice_in_a_day_sends_one(project, dutch, staff_user):
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    with committed():
        send_daily_digests()
    assert len(mail.outbox) == 1


def test_news_after_todays_digest_waits_for_tomorrows(project, dutch, staff_user):
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(email__isnull=True).count() == 1


def test_the_weekly_digest_takes_only_what_was_chosen_weekly(project, dutch, english, staff_user):
    Preference.objects.create(user=english, kind="project", email=EmailRhythm.WEEKLY)
    post_news(project, staff_user)
    with committed():
        send_weekly_digests()
    assert [message.to for message in mail.outbox] == [[english.email]]
    with committed():
        send_daily_digests()
    assert [message.to for message in mail.outbox] == [[english.email], [dutch.email]]


def test_the_language_follows_the_recipient(project, households, dutch, english, staff_user):
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    by_person = {message.to[0]: message for message in mail.outbox}
    assert "Nieuws over Kanaleneiland-Noord verduurzaming: Steigers komen maandag" in by_person[dutch.email].body
    assert "News about Kanaleneiland-Noord verduurzaming: Steigers komen maandag" in by_person[english.email].body
    assert by_person[english.email].subject == "Your summary from the renovation platform: 1 message"
    assert 'lang="en"' in html_of(by_person[english.email])


def test_an_immediate_email_is_in_the_recipients_language_with_dates_for_them(project, households, english):
    appointment = appointment_for(project, households[1])
    emit_committed("appointment.planned", project=project, actor=None, appointment=appointment)
    (message,) = mail.outbox
    assert message.subject.startswith("A visit to your home is planned: Inspection on ")
    assert "See it on the renovation platform" in message.body
    assert f"https://renovatie.example/projecten/{project.slug}/mijn-woning/" in message.body


def test_a_digest_has_no_one_else_in_it(project, households, dutch, staff_user):
    housemate = TenantProfileFactory(household=households[0], display_name="Ali").user
    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([dutch.email, housemate.email])
    assert all(len(message.to) == 1 for message in mail.outbox)
