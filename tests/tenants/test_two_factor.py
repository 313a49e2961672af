"""Staff reach tenants' personal data, so staff use two-factor authentication (TOTP) before anything else."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from tenants.models import Membership
from tests.factories import (
    PASSWORD,
    CorporationFactory,
    contractor_member,
    household_of,
    staff_member,
    superuser,
    tenant,
    tenant_representative,
    with_totp,
)

pytestmark = pytest.mark.django_db

TOTP_SETUP = reverse("mfa_activate_totp")


@pytest.fixture(autouse=True)
def staff_must_use_two_factor(settings):
    """The production default, whatever the environment of the test run says."""
    settings.REQUIRE_STAFF_2FA = True


@pytest.fixture
def corporation():
    return CorporationFactory()


def current_code(secret):
    """What the staff member's authenticator app shows right now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize("page", ["/beheer/", "/admin/", "/admin/tenants/household/", "/"])
def test_staff_member_without_totp_is_sent_to_the_totp_setup(client, corporation, page):
    client.force_login(staff_member(corporation))

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda corporation: staff_member(corporation, role=Membership.Role.PROJECT_LEAD), id="lead"),
        pytest.param(lambda corporation: superuser(), id="superuser"),
    ],
)
def test_project_leads_and_superusers_need_totp_too(client, corporation, make):
    client.force_login(make(corporation))

    assert client.get("/beheer/")["Location"] == TOTP_SETUP


def test_staff_member_without_totp_can_still_log_out(client, corporation):
    client.force_login(staff_member(corporation))

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/")["Location"].startswith("/accounts/login/")


def test_staff_member_without_totp_can_open_the_setup_page_after_confirming_their_password(client, corporation):
    log_in(client, staff_member(corporation))
    response = client.get(TOTP_SETUP)
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == TOTP_SETUP
    assert response.status_code == 200
    assert SECRET_SESSION_KEY in client.session


def test_staff_member_who_sets_up_totp_then_reaches_management(client, corporation):
    staff = staff_member(corporation)
    log_in(client, staff)
    assert client.get("/")["Location"] == TOTP_SETUP
    client.post(client.get(TOTP_SETUP)["Location"], {"password": PASSWORD})  # confirm the password first
    assert client.get(TOTP_SETUP).status_code == 200  # the QR code, and the secret behind it in the session

    response = client.post(TOTP_SETUP, {"code": current_code(client.session[SECRET_SESSION_KEY])})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/beheer/").status_code == 200


def test_staff_member_with_totp_reaches_management_and_the_admin(client, corporation):
    staff = staff_member(corporation)
    with_totp(staff)
    client.force_login(staff)

    assert client.get("/beheer/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_staff_member_with_totp_logs_in_with_password_and_code(client, corporation):
    staff = staff_member(corporation)
    secret = with_totp(staff)

    response = log_in(client, staff)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)}, follow=True)

    assert response.redirect_chain[-1][0] == "/beheer/"
    assert response.status_code == 200


def test_staff_member_with_totp_is_refused_with_a_wrong_code(client, corporation):
    staff = staff_member(corporation)
    secret = with_totp(staff)
    log_in(client, staff)
    wrong = f"{(int(current_code(secret)) + 1) % 1000000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda corporation: tenant(household_of(corporation)), id="tenant"),
        pytest.param(lambda corporation: tenant_representative(corporation, household_of(corporation)), id="rep"),
    ],
)
def test_tenants_are_never_asked_for_totp(client, corporation, make):
    user = make(corporation)

    response = log_in(client, user)

    assert client.get(response["Location"], follow=True).redirect_chain[-1][0] == "/mijn-renovatie/"
    assert client.get("/mijn-renovatie/").status_code == 200


def test_contractors_are_not_asked_for_totp(client, corporation):
    client.force_login(contractor_member(corporation))

    assert client.get("/aannemer/").status_code == 200


def test_the_rule_can_be_switched_off_for_the_embedded_demo(client, corporation, settings):
    settings.REQUIRE_STAFF_2FA = False
    client.force_login(staff_member(corporation))

    assert client.get("/beheer/").status_code == 200
