"""A person deletes their own account: password again and a tick, then everything in one transaction. Their
messages stay (as "former member"), every count and tally stays the same, and no row points to them any more."""

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from decisions.services import ballots_hash
from decisions.tally import tally
from feedback.models import Post, Support, Thread
from meetings.models import Registration
from notifications.models import Notification
from polls.results import results
from privacy.erasure import delete_account
from privacy.models import PrivacyEvent
from surveys.models import Response
from tenants.models import HouseholdNeeds, TenantProfile
from tests.factories import PASSWORD, UserFactory, contractor_member, staff_member, superuser
from tests.permission_table import LOGIN, outcome

pytestmark = pytest.mark.django_db
URL = "/mijn-gegevens/account-verwijderen/"
CONFIRM = {"password": PASSWORD, "understood": "on"}


def rows_pointing_to(user_pk):
    """Every row of every model (ours, allauth's, Django's) with a foreign key to this user id."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is get_user_model():
                lookup = field.attname if not field.many_to_many else f"{field.name}__pk"
                if model._default_manager.filter(**{lookup: user_pk}).exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def counts_that_must_not_change(traces):
    thread = Thread.objects.get(pk=traces["thread"].pk)
    poll = results(traces["poll"])
    return {
        "tally": tally(traces["proposal"]),
        "ballots_hash": ballots_hash(traces["proposal"]),
        "poll": ([option.votes for option in poll.options], poll.voters),
        "posts": Post.objects.filter(thread=thread).count(),
        "replies": thread.reply_count,
        "supports": (thread.support_count, Support.objects.filter(thread=thread).count()),
        "registrations": Registration.objects.filter(session=traces["session"]).count(),
        "responses": Response.objects.filter(survey=traces["survey"]).count(),
    }


def test_deleting_leaves_every_count_and_tally_as_it_was(people, traces):
    before = counts_that_must_not_change(traces)
    delete_account(people["anna"])
    assert counts_that_must_not_change(traces) == before


def test_after_deleting_no_row_anywhere_points_to_the_person(people, traces):
    anna_pk = people["anna"].pk
    assert rows_pointing_to(anna_pk)  # the sweep finds her before
    delete_account(people["anna"])
    assert rows_pointing_to(anna_pk) == []


def test_the_messages_stay_and_read_as_by_a_former_member(client, people, traces):
    delete_account(people["anna"])
    post = Post.objects.get(pk=traces["post"].pk)
    assert post.author is None and post.body == "Ik wil het ook weten, ik werk thuis."
    client.force_login(people["carla"])
    page = client.get(f"/gesprekken/{traces['thread'].pk}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Ik wil het ook weten, ik werk thuis." in page
    assert "oud-deelnemer" in page and "Anna, nr. 1" not in page


def test_profile_needs_and_notifications_are_erased(people, traces, households):
    anna = people["anna"]
    delete_account(anna)
    assert not TenantProfile.objects.filter(display_name="Anna, nr. 1").exists()
    assert not HouseholdNeeds.objects.filter(household=households[0]).exists()
    assert not Notification.objects.filter(recipient_id=anna.pk).exists()
    assert TenantProfile.objects.filter(user=people["ben"]).exists()  # the housemate keeps his account


def test_the_deletion_is_logged_without_the_person(people, traces, households):
    counts = delete_account(people["anna"])
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ACCOUNT_DELETED)
    assert event.household == households[0] and event.user is None
    assert event.counts == counts and counts["messages_kept_anonymous"] == 3 and counts["votes_kept_unlinked"] == 2


def test_a_person_confirms_with_password_and_tick_and_is_signed_out_everywhere(client, people, traces):
    anna = people["anna"]
    email = anna.email
    EmailAddress.objects.create(user=anna, email=email, verified=True, primary=True)
    elsewhere = Client()
    assert elsewhere.login(email=email, password=PASSWORD)
    assert client.login(email=email, password=PASSWORD)
    assert client.get(URL).status_code == 200

    response = client.post(URL, CONFIRM)

    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(email=email).exists()
    assert outcome(client.get("/mijn-gegevens/")) == LOGIN
    assert outcome(elsewhere.get("/mijn-gegevens/")) == LOGIN
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(anna.pk)]
    assert not EmailAddress.objects.filter(email=email).exists()
    UserFactory(email=email)  # the address is free again


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password": "wrong", "understood": "on"}, "Dit wachtwoord klopt niet."),
        ({"password": PASSWORD}, "Zet een vinkje om uw account te verwijderen."),
    ],
)
def test_without_the_right_password_and_the_tick_nothing_is_deleted(client, people, traces, data, message):
    client.force_login(people["anna"])
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert get_user_model().objects.filter(pk=people["anna"].pk).exists()
    assert Post.objects.filter(author=people["anna"]).exists()


def test_staff_are_told_to_ask_their_administrator_and_keep_their_account(client, project):
    for person in (staff_member(project.corporation), superuser()):
        client.force_login(person)
        response = client.post(URL, CONFIRM, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 403
        assert "beheerder van uw corporatie" in response.content.decode()
        assert get_user_model().objects.filter(pk=person.pk).exists()
        with pytest.raises(PermissionError):
            delete_account(person)


def test_a_contractor_may_delete_their_account(client, project):
    person = contractor_member(project.corporation)
    client.force_login(person)
    assert client.post(URL, CONFIRM).status_code == 302
    assert not get_user_model().objects.filter(pk=person.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert outcome(client.get(URL)) == LOGIN
    assert outcome(client.post(URL, CONFIRM)) == LOGIN


def test_after_five_wrong_passwords_even_the_right_one_is_refused_for_a_while(client, people):
    client.force_login(people["anna"])
    for _attempt in range(5):
        assert client.post(URL, {"password": "wrong", "understood": "on"}).status_code == 400
    response = client.post(URL, CONFIRM, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert get_user_model().objects.filter(pk=people["anna"].pk).exists()
