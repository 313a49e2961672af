"""After `seed_demo` the demo's events are in the demo people's bells, and e-mails went out (the console in
`make run`; Django's test outbox here)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from notifications.demo import seed_notifications
from notifications.models import EmailDelivery, Notification
from tenants.models import Corporation

from .conftest import committed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


@pytest.fixture
def demo():
    with committed():  # the demo's transactions commit, and what waits for the commit runs (the e-mails)
        call_command("seed_demo", force=True, stdout=StringIO())
    corporation = Corporation.objects.get(slug="mitros")
    users = {u.email.split("@")[0]: u for u in get_user_model().objects.filter(email__endswith="@demo.renovatie.nl")}
    return corporation, users


def test_the_demo_tenants_find_the_demos_events_in_their_bell(client, demo):
    fatma = user("huurder")
    events = set(Notification.objects.filter(recipient=fatma).values_list("event", flat=True))
    assert {"update.posted", "appointment.planned", "proposal.published"} <= events
    client.force_login(fatma)
    assert 'id="notification-bell"' in client.get("/huisregels/").content.decode()
    assert "Stem over het voorstel" in client.get("/meldingen/").content.decode()


def test_the_demo_sends_email_and_its_first_digest_once(demo):
    corporation, users = demo  # seed_demo ended with seed_notifications
    assert EmailDelivery.objects.filter(status="sent", rhythm="immediate").exists()
    assert EmailDelivery.objects.filter(status="sent", rhythm="daily").exists()
    assert any("overzicht" in message.subject for message in mail.outbox)

    before = (Notification.objects.count(), EmailDelivery.objects.count(), len(mail.outbox))
    assert seed_notifications(corporation, users) is None
    assert (Notification.objects.count(), EmailDelivery.objects.count(), len(mail.outbox)) == before
