"""A tenant who has an account logs in with e-mail and password, or with a code e-mailed to them. Nobody signs up."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tenants.invitations import issue_letters, redeem
from tenants.models import Invitation
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

PASSWORD = "zonnepanelen op het dak"


@pytest.fixture
def anna():
    """A tenant who activated her account with the code on her letter, as every tenant does."""
    household = HouseholdFactory(dwelling__street="Kanaalstraat", dwelling__house_number=12)
    issue_letters([household], issued_by=None)
    return redeem(
        Invitation.objects.get().pk, email="anna@example.org", password=PASSWORD, display_name="Anna", language="nl"
    )


def signed_in_user(client):
    return client.get("/").wsgi_request.user


def test_tenant_logs_in_with_email_and_password_and_lands_on_my_renovation(client, anna):
    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/mijn-renovatie/"
    assert response.wsgi_request.user == anna
    assert "Kanaalstraat 12" in response.content.decode()


def test_capitals_in_the_email_address_do_not_matter_when_logging_in(client, anna):
    client.post("/accounts/login/", {"login": "Anna@Example.ORG", "password": PASSWORD})

    assert signed_in_user(client) == anna


def test_wrong_password_keeps_the_tenant_on_the_login_page(client, anna):
    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": "zonnepanelen"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not signed_in_user(client).is_authenticated


def request_login_code(client, email):
    return client.post(reverse("account_request_login_code"), {"email": email})


def code_in(message):
    """The login code on its own line in allauth's e-mail."""
    return re.search(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]{3,})*)\s*$", message.body, re.MULTILINE).group(1)


def test_tenant_without_password_at_hand_logs_in_with_an_emailed_code(client, anna):
    response = request_login_code(client, "anna@example.org")
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]

    response = client.post(reverse("account_confirm_login_code"), {"code": code_in(mail.outbox[0])}, follow=True)

    assert response.redirect_chain[-1][0] == "/mijn-renovatie/"
    assert response.wsgi_request.user == anna


def test_wrong_login_code_does_not_log_in(client, anna):
    request_login_code(client, "anna@example.org")

    response = client.post(reverse("account_confirm_login_code"), {"code": "AAAAAA"})

    assert response.status_code == 200
    assert not signed_in_user(client).is_authenticated


def test_asking_a_code_for_an_unknown_address_logs_nobody_in(client, anna):
    request_login_code(client, "onbekend@example.org")

    assert all(message.to != ["anna@example.org"] for message in mail.outbox)
    assert not signed_in_user(client).is_authenticated


def test_signup_page_says_signing_up_is_closed(client):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    assert "account/signup_closed.html" in [template.name for template in response.templates]


def test_posting_to_the_signup_page_creates_no_account(client):
    client.post(
        "/accounts/signup/", {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD}, follow=True
    )

    assert not get_user_model().objects.filter(email="nieuw@example.org").exists()
    assert not signed_in_user(client).is_authenticated


def test_after_logging_in_the_interface_speaks_the_language_of_the_tenants_profile(client, anna):
    anna.tenant_profile.language = "en"
    anna.tenant_profile.save()

    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": PASSWORD}, follow=True)

    assert client.cookies["django_language"].value == "en"
    assert response.wsgi_request.LANGUAGE_CODE == "en"


def test_a_wrong_password_is_explained_formally_in_dutch(client, anna):
    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": "fout"})

    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()
