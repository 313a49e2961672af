"""A tenant joins with the code on their letter: staff print letters, the tenant types the code and makes an account.

Pages are checked as a person sees them, in the site's default language (Dutch), so every expected message is
looked up through gettext: the tests keep passing when translations change, and fail when a message changes.
"""

import html
import re
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_ratelimit.core import get_usage

from renovatie.celery import app as celery_app
from tenants.invitations import ALPHABET, CODE_LENGTH, InvitationError, issue_letters, new_code, normalise, redeem
from tenants.models import Invitation, TenantProfile
from tests.factories import (
    ComplexFactory,
    DwellingFactory,
    HouseholdFactory,
    UserFactory,
    staff_member,
    tenant,
    with_totp,
)

pytestmark = pytest.mark.django_db

LOOK_ALIKES = "0O1IL2Z5S8B6G"
NEW_PASSWORD = "zonnepanelen op het dak"
WRONG_CODE = "ACDE-FH34-JK79"  # well-formed, but on no letter


def say(message):
    """`message` as the site shows it by default (Dutch)."""
    with translation.override(django_settings.LANGUAGE_CODE):
        return gettext(message)


def page_text(response):
    return html.unescape(response.content.decode())


def codes_on(response):
    return re.findall(r'class="letter-code">([A-Z0-9-]+)<', response.content.decode())


@pytest.fixture(autouse=True)
def eager_celery(monkeypatch):
    """Run the welcome mail in-process, also where a broker is configured (no stray tasks left in Redis)."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


@pytest.fixture
def household():
    dwelling = DwellingFactory(street="Kanaalstraat", house_number=12, addition="A", postcode="3531CD", city="Utrecht")
    return HouseholdFactory(dwelling=dwelling)


@pytest.fixture
def code(household):
    """The code printed on a fresh letter for `household`."""
    (letter,) = issue_letters([household], issued_by=None)
    return letter.code


def enter_code(client, code):
    return client.post("/activeren/", {"code": code})


def account_details(**overrides):
    return {
        "display_name": "Anna",
        "email": "anna@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "language": "nl",
        **overrides,
    }


def nothing_was_created():
    return not get_user_model().objects.exists() and not TenantProfile.objects.exists()


# --- Staff print letters -------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    complex_ = ComplexFactory(code="UTR-017", name="Kanaalbuurt")
    for number in (3, 5):
        HouseholdFactory(dwelling=DwellingFactory(complex=complex_, street="Kanaalstraat", house_number=number))
    user = staff_member(complex_.corporation)
    with_totp(user)
    client.force_login(user)
    client.complex = complex_
    return client


def test_printed_letters_show_each_address_with_its_own_code(staff_client):
    response = staff_client.post(f"/beheer/complexen/{staff_client.complex.pk}/brieven/", {"who": "not_activated"})

    assert response.status_code == 200
    text = page_text(response)
    assert "Kanaalstraat 3" in text
    assert "Kanaalstraat 5" in text
    codes = codes_on(response)
    assert len(codes) == 2
    assert len(set(codes)) == 2
    assert all(re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code) for code in codes)


def test_letters_for_households_without_account_skip_households_that_already_joined(staff_client):
    joined = HouseholdFactory(dwelling=DwellingFactory(complex=staff_client.complex, house_number=7))
    tenant(joined)

    response = staff_client.post(f"/beheer/complexen/{staff_client.complex.pk}/brieven/", {"who": "not_activated"})

    assert len(codes_on(response)) == 2
    assert "Kanaalstraat 7" not in page_text(response)


def test_a_printed_code_takes_the_tenant_to_their_own_address(staff_client, client):
    response = staff_client.post(f"/beheer/complexen/{staff_client.complex.pk}/brieven/", {"who": "all"})
    first_code = codes_on(response)[0]
    staff_client.logout()

    response = enter_code(client, first_code)

    assert response.status_code == 302
    assert "Kanaalstraat 3," in page_text(client.get(response.url))


# --- Step 1: the code ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda code: code, id="as printed"),
        pytest.param(lambda code: code.replace("-", ""), id="without dashes"),
        pytest.param(lambda code: code.lower(), id="lowercase"),
        pytest.param(lambda code: " " + code.replace("-", " ") + " ", id="with spaces"),
    ],
)
def test_tenant_who_types_the_code_sees_their_address_on_step_two(client, code, typed):
    response = enter_code(client, typed(code))

    assert response.status_code == 302
    step_two = client.get(response.url)
    assert step_two.status_code == 200
    assert "Kanaalstraat 12-A, 3531 CD Utrecht" in page_text(step_two)


def test_step_two_without_a_code_sends_the_tenant_back_to_step_one(client):
    response = client.get("/activeren/account/", follow=True)

    assert response.redirect_chain[-1][0] == "/activeren/"
    assert say("Please enter the code from your letter first.") in page_text(response)


def test_wrong_code_gets_its_own_message(client, code):
    response = enter_code(client, WRONG_CODE)

    assert response.status_code == 200
    assert say("We do not know this code. Please check it against your letter.") in page_text(response)
    assert "activation_invitation_id" not in client.session


def test_too_short_code_gets_its_own_message(client, code):
    response = enter_code(client, code[:-2])

    assert say("A code has 12 letters and digits, like ACDE-FH34-JK79. Please check the letter.") in page_text(response)
    assert "activation_invitation_id" not in client.session


def test_used_code_gets_its_own_message(client, household, code):
    redeem(
        Invitation.objects.get().pk, email="first@example.org", password=NEW_PASSWORD, display_name="B", language="nl"
    )

    response = enter_code(client, code)

    message = "This code has already been used. Log in with your e-mail address, or ask us for a new letter."
    assert say(message) in page_text(response)
    assert get_user_model().objects.count() == 1


def test_expired_code_gets_its_own_message(client, code):
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(minutes=1))

    response = enter_code(client, code)

    assert say("This code has expired. Ask the corporation for a new letter.") in page_text(response)
    assert "activation_invitation_id" not in client.session


def test_code_of_a_household_that_moved_out_counts_as_expired(client, household, code):
    household.ended_on = timezone.localdate()
    household.save()

    response = enter_code(client, code)

    assert say("This code has expired. Ask the corporation for a new letter.") in page_text(response)


def test_code_replaced_by_a_newer_letter_gets_its_own_message(client, household, code):
    (newer,) = issue_letters([household], issued_by=None)

    response = enter_code(client, code)

    assert say("This code was replaced by a newer letter. Please use the code on that letter.") in page_text(response)
    assert enter_code(client, newer.code).status_code == 302


# --- Too many wrong codes ------------------------------------------------------------------------------------


def attempts_allowed():
    return int(django_settings.INVITATION_ATTEMPT_RATE.split("/")[0])


def seconds_left_in_window():
    request = RequestFactory().post("/activeren/", REMOTE_ADDR="127.0.0.1")
    usage = get_usage(request, group="activation-code", key="ip", rate=django_settings.INVITATION_ATTEMPT_RATE)
    return usage["time_left"]


def test_too_many_wrong_codes_from_one_address_are_refused_with_429(client, code):
    if seconds_left_in_window() < 5:  # all attempts fall in one window
        time.sleep(seconds_left_in_window() + 0.1)
    for _ in range(attempts_allowed()):
        assert enter_code(client, WRONG_CODE).status_code == 200

    response = enter_code(client, WRONG_CODE)

    assert response.status_code == 429
    assert "Te veel verkeerde codes vanaf dit adres. Wacht 15 minuten en probeer het opnieuw." in page_text(response)


def test_after_too_many_wrong_codes_even_the_right_code_waits_until_the_window_has_passed(client, code, settings):
    settings.INVITATION_ATTEMPT_RATE = "3/3s"  # a short window, so the test can wait for it to pass for real
    if seconds_left_in_window() < 2:
        time.sleep(seconds_left_in_window() + 0.1)
    for _ in range(3):
        enter_code(client, WRONG_CODE)

    assert enter_code(client, code).status_code == 429
    assert "activation_invitation_id" not in client.session

    time.sleep(seconds_left_in_window() + 1.1)
    assert enter_code(client, code).status_code == 302


def test_right_codes_do_not_count_towards_the_limit(client, household):
    for _ in range(attempts_allowed() + 2):
        (letter,) = issue_letters([household], issued_by=None)
        assert enter_code(client, letter.code).status_code == 302


# --- Step 2: the account -------------------------------------------------------------------------------------


@pytest.fixture
def step_two(client, code):
    """A client that has entered a valid code and is on step 2."""
    assert enter_code(client, code).status_code == 302
    return client


def test_tenant_who_completes_step_two_lands_logged_in_on_my_renovation_with_their_address(
    step_two, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = step_two.post("/activeren/account/", account_details(), follow=True)

    assert response.redirect_chain[-1][0] == "/mijn-renovatie/"
    assert response.wsgi_request.user.email == "anna@example.org"
    text = page_text(response)
    assert "Kanaalstraat 12-A, 3531 CD Utrecht" in text
    assert say("Welcome! Your account is ready and linked to your home.") in text


def test_new_account_belongs_to_the_household_of_the_letter(step_two, household):
    step_two.post("/activeren/account/", account_details(display_name="Anna, nr. 12", language="en"))

    profile = TenantProfile.objects.select_related("user").get()
    assert profile.household == household
    assert profile.user.email == "anna@example.org"
    assert profile.display_name == "Anna, nr. 12"
    assert profile.language == "en"
    assert profile.user.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().used_by == profile.user


def test_new_tenant_receives_a_welcome_email_in_their_language(step_two, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        step_two.post("/activeren/account/", account_details(language="en"))

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert "Welcome to the renovation platform" in mail.outbox[0].subject
    assert "Kanaalstraat 12-A" in mail.outbox[0].body


def test_tenant_who_chose_english_sees_the_site_in_english(step_two):
    response = step_two.post("/activeren/account/", account_details(language="en"), follow=True)

    assert response.wsgi_request.LANGUAGE_CODE == "en"
    assert "My renovation" in page_text(response)


def test_address_with_an_account_already_is_refused_and_the_code_stays_usable(step_two, household):
    UserFactory(email="anna@example.org")

    response = step_two.post("/activeren/account/", account_details())

    assert response.status_code == 200
    expected = "An account with this e-mail address already exists. Please log in instead."
    assert say(expected) in page_text(response)
    assert not TenantProfile.objects.exists()
    assert Invitation.objects.get().used_at is None
    assert step_two.post("/activeren/account/", account_details(email="anna.b@example.org")).status_code == 302
    assert TenantProfile.objects.get().household == household


def test_existing_address_is_recognised_whatever_its_capitals(step_two):
    UserFactory(email="anna@example.org")

    response = step_two.post("/activeren/account/", account_details(email="Anna@Example.org"))

    assert response.status_code == 200
    assert get_user_model().objects.count() == 1
    assert not TenantProfile.objects.exists()


def test_mismatched_passwords_get_a_field_error_and_create_nothing(step_two):
    response = step_two.post("/activeren/account/", account_details(password2="zonnepanelen op de schuur"))

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [say("The two passwords are not the same.")]
    assert nothing_was_created()
    assert Invitation.objects.get().used_at is None


def test_code_of_a_household_that_moves_out_during_activation_is_refused_at_step_two(step_two, household):
    household.ended_on = timezone.localdate()
    household.save()

    response = step_two.post("/activeren/account/", account_details())

    assert response.status_code == 200
    expected = "This code can no longer be used. Ask the corporation for a new letter."
    assert say(expected) in page_text(response)
    assert nothing_was_created()


def test_too_short_password_gets_a_field_error_and_creates_nothing(step_two):
    response = step_two.post("/activeren/account/", account_details(password1="kort123", password2="kort123"))

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert nothing_was_created()


# --- The service ---------------------------------------------------------------------------------------------


def test_second_redemption_of_the_same_letter_fails(code):
    invitation = Invitation.objects.get()
    redeem(invitation.pk, email="a@example.org", password=NEW_PASSWORD, display_name="A", language="nl")

    with pytest.raises(InvitationError):
        redeem(invitation.pk, email="b@example.org", password=NEW_PASSWORD, display_name="B", language="nl")
    assert get_user_model().objects.count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_redemptions_of_one_letter_make_one_account(household):
    """Both requests read the invitation at the same moment; the row lock lets only the first one through."""
    issue_letters([household], issued_by=None)
    invitation = Invitation.objects.get()
    start = threading.Barrier(2)
    outcomes = []

    def redeem_as(email):
        try:
            start.wait()
            redeem(invitation.pk, email=email, password=NEW_PASSWORD, display_name=email, language="nl")
            outcomes.append("account")
        except InvitationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem_as, args=(f"{name}@example.org",)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["account", "refused"]
    assert TenantProfile.objects.count() == 1


# --- The codes -----------------------------------------------------------------------------------------------


def test_codes_have_at_least_40_bits_of_entropy():
    assert CODE_LENGTH == 12
    assert len(ALPHABET) ** CODE_LENGTH >= 2**40
    assert len(normalise(new_code())) == CODE_LENGTH


def test_codes_never_use_characters_that_look_alike():
    typed = "".join(normalise(new_code()) for _ in range(2000))

    assert not set(typed) & set(LOOK_ALIKES)
    assert set(typed) == set(ALPHABET)


def test_only_a_keyed_digest_of_the_code_is_stored(household):
    (letter,) = issue_letters([household], issued_by=None)

    row = Invitation.objects.filter(pk=Invitation.objects.get().pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert letter.code not in stored
    assert normalise(letter.code) not in stored
    assert normalise(letter.code).lower() not in stored.lower()
    assert re.fullmatch(r"[0-9a-f]{64}", row["code_digest"])
