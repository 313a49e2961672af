"""Every e-mail carries a signed one-click unsubscribe link for its kinds, also in the List-Unsubscribe headers
(RFC 8058). The link works without logging in, only for what it was signed for, and cannot be forged."""

import re

import pytest
from django.core import mail, signing

from notifications import unsubscribe
from notifications.models import EmailRhythm, Preference

from .conftest import appointment_for, committed, emit_committed
from .test_recipients import post_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(project, households, dutch):
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[0])
    )
    (message,) = mail.outbox
    return message


def link_in(message):
    return re.search(r"https://renovatie\.example(/meldingen/afmelden/[^/\s]+/)", message.body).group(1)


def test_every_email_has_the_one_click_headers_and_the_link(message):
    path = link_in(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<https://renovatie.example{path}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert path in message.alternatives[0][0]


def test_the_one_click_post_stops_email_of_that_kind_without_logging_in(client, message, dutch):
    response = client.post(link_in(message), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "U krijgt geen e-mail meer over: Afspraken bij mij thuis" in response.content.decode()
    assert Preference.objects.get(user=dutch, kind="appointments").email == EmailRhythm.NEVER
    assert not Preference.objects.filter(user=dutch).exclude(kind="appointments").exists()


def test_opening_the_link_only_asks_so_a_link_checker_changes_nothing(client, message):
    response = client.get(link_in(message))
    assert "Ja, stop deze e-mails" in response.content.decode()
    assert not Preference.objects.exists()


def test_after_unsubscribing_the_next_one_is_not_mailed_but_still_shown(client, message, project, households, dutch):
    client.post(link_in(message))
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[0], days=5)
    )
    assert len(mail.outbox) == 1
    assert dutch.notifications.count() == 2


def test_a_digest_link_stops_the_kinds_in_it(client, project, dutch, staff_user):
    from notifications.tasks import send_daily_digests

    post_news(project, staff_user)
    with committed():
        send_daily_digests()
    client.post(link_in(mail.outbox[0]))
    assert Preference.objects.get(user=dutch, kind="project").email == EmailRhythm.NEVER


def test_a_token_with_a_changed_person_is_refused(client, message, dutch, english):
    token = link_in(message).split("/")[-2]
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps({"u": english.pk, "k": ["appointments"]}, salt=unsubscribe.SALT, compress=True)
    tampered = forged.rsplit(":", 1)[0] + ":" + signature
    assert client.post(f"/meldingen/afmelden/{tampered}/").status_code == 404
    assert not Preference.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client, english):
    other_salt = signing.dumps({"u": english.pk, "k": ["appointments"]}, salt="another.purpose", compress=True)
    unsalted = signing.dumps({"u": english.pk, "k": ["appointments"]}, compress=True)
    for token in (other_salt, unsalted, "nonsense", "e30:abc"):
        assert client.post(f"/meldingen/afmelden/{token}/").status_code == 404
    assert not Preference.objects.exists()


def test_a_token_made_with_another_secret_key_is_refused(client, english, settings):
    settings.SECRET_KEY = "someone-elses-key"
    forged = unsubscribe.token(english, ["appointments"])
    settings.SECRET_KEY = "test"
    assert client.post(f"/meldingen/afmelden/{forged}/").status_code == 404


def test_a_link_of_a_closed_account_is_refused(client, message, dutch):
    dutch.is_active = False
    dutch.save()
    assert client.post(link_in(message)).status_code == 404
    assert not Preference.objects.exists()
