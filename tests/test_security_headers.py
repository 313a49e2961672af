"""Every page, for every role, carries the browser's protections: a Content Security Policy without inline code or
eval that allows our own scripts, styles and websockets only and forbids framing; no framing, no sniffing, a
same-origin referrer and opener, powerful features switched off; HSTS and Secure, HttpOnly cookies in production."""

import pytest
from django.test import override_settings

from tests.factories import contractor_member, project_in_execution, staff_member, tenant

pytestmark = pytest.mark.django_db

WANTED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header):
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.fixture
def people(settings):
    settings.REQUIRE_STAFF_2FA = False
    project = project_in_execution(homes=2)
    contractor = contractor_member(project.corporation)
    project.contractors.add(contractor.memberships.get().organisation)
    return {
        "anonymous": (None, ["/", "/accounts/login/", "/activeren/", f"/projecten/{project.slug}/"]),
        "tenant": (tenant(project.home_plans.first().household), ["/mijn-renovatie/", f"/projecten/{project.slug}/"]),
        "contractor": (contractor, ["/aannemer/"]),
        "staff": (staff_member(project.corporation), ["/beheer/", "/admin/"]),
    }


def test_every_role_gets_the_content_security_policy_and_the_other_protections(client, people):
    checked = 0
    for _role, (user, urls) in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            policy = directives(response["Content-Security-Policy"])
            for directive, value in WANTED_DIRECTIVES.items():
                assert policy.get(directive) == value, f"{url}: {directive} is {policy.get(directive)!r}"
            assert "unsafe-inline" not in response["Content-Security-Policy"]
            assert "unsafe-eval" not in response["Content-Security-Policy"]
            assert response["X-Frame-Options"] == "DENY"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "same-origin"
            assert response["Cross-Origin-Opener-Policy"] == "same-origin"
            assert "camera=()" in response["Permissions-Policy"]
            assert "geolocation=()" in response["Permissions-Policy"]
            checked += 1
    assert checked == 9


def test_the_pages_turn_off_htmx_eval_and_its_inline_indicator_style(client):
    page = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in page
    assert '"allowEval": false' in page


@override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=31536000)
def test_production_sends_hsts_and_secure_httponly_cookies(client):
    response = client.get("/accounts/login/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


def test_the_session_cookie_is_secure_and_httponly(client, settings):
    from tests.factories import UserFactory

    user = UserFactory(email="iemand@example.nl")
    user.set_password("een-lang-wachtwoord-42")
    user.save()
    response = client.post("/accounts/login/", {"login": user.email, "password": "een-lang-wachtwoord-42"})

    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
