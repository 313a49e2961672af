"""Every page of the site, found from the URL resolver (so a new page cannot escape), requested as people who
must not reach the demo corporation's things: anonymous visitors, and the tenant, contractor and staff member of
another corporation. None of them may read a page about one of its projects, households or documents (GET gives
the login page, 403, 404 or 405) or change anything (POST likewise), and no request by anyone may fail with a
server error. The demo's own tenant, contractor, representative and staff member open every page too: no 500.

The objects in the URLs are the demo's (`manage.py seed_demo`): its project in execution, that project's
proposal, threads, sessions, polls, surveys and advice, and the demo tenant's own household and appointment.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from advice.models import AdviceRequest, CommitteeDocument, PacketDocument
from decisions.models import Proposal
from feedback.models import Post, PostingSuspension, Thread
from meetings.models import Session
from notifications import unsubscribe
from notifications.models import Kind, LetterBatch, Notification
from polls.models import Poll
from projects.demo import PROJECT_SLUG
from projects.models import (
    Appointment,
    Commitment,
    Document,
    HomeChoice,
    RenovationProject,
    UpdatePhoto,
    Visibility,
)
from surveys.models import Survey
from tenants.models import Membership, Organisation
from tests.factories import CorporationFactory, contractor_member, household_of, staff_member, tenant
from tests.permission_table import LOGIN

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/", "accounts/", "i18n/", "health/")  # the admin and allauth have their own tests
# Pages meant for everyone, signed in or not (a POST there is a form meant for anyone, or shows the page again).
# The unsubscribe link is a signed one-click page: whoever holds the link may use it (tests/notifications proves
# it cannot be forged).
PUBLIC = {
    "home",
    "house_rules",
    "activate",
    "activate_account",
    "project_detail",
    "project_photo",
    "notification_unsubscribe",
    "privacy",
}
# Pages without an object in the address show the visitor's own things; outsiders may open them (200).
REFUSED = {LOGIN, 403, 404, 405}


def demo_user(login):
    return get_user_model().objects.get(email=f"{login}@demo.renovatie.nl")


def routes():
    """(name, route) of every page below the site root, except the admin's and allauth's."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield pattern.name, prefix + str(pattern.pattern)

    return [
        (name, route) for name, route in walk(get_resolver().url_patterns) if not route.startswith(SKIPPED_PREFIXES)
    ]


def first_pk(queryset):
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def demo_objects():
    """The value for each parameter of an address, from the demo; (url name, parameter) where it depends."""
    project = RenovationProject.objects.get(slug=PROJECT_SLUG)
    fatma = demo_user("huurder")
    household = fatma.tenant_profile.household
    thread = Thread.objects.filter(project=project).order_by("pk").first()
    survey = Survey.objects.filter(project=project).order_by("pk").first()
    advice = AdviceRequest.objects.filter(project=project).order_by("pk").first()
    committee = Organisation.objects.filter(
        memberships__user=demo_user("bewonerscommissie"), memberships__role=Membership.Role.TENANT_REPRESENTATIVE
    ).first()
    return {
        "slug": project.slug,
        "proposal_id": first_pk(Proposal.objects.filter(project=project)),
        "thread_id": thread.pk,
        "post_id": first_pk(Post.objects.filter(thread=thread)),
        "household_id": household.pk,
        "complex_id": household.dwelling.complex_id,
        "suspension_id": first_pk(PostingSuspension.objects.all()),
        "appointment_id": first_pk(Appointment.objects.filter(home_plan__household=household)),
        "choice_id": first_pk(HomeChoice.objects.filter(home_plan__household=household)),
        "commitment_id": first_pk(Commitment.objects.filter(project=project)),
        "photo_id": first_pk(UpdatePhoto.objects.filter(update__project=project)),
        "session_id": first_pk(Session.objects.filter(project=project)),
        "poll_id": first_pk(Poll.objects.filter(project=project)),
        "survey_id": survey.pk if survey else None,
        "question_id": first_pk(survey.questions.all()) if survey else None,
        "advice_id": advice.pk if advice else None,
        "organisation_id": committee.pk if committee else None,
        "day": date.today().isoformat(),
        "notification_id": first_pk(Notification.objects.filter(recipient=fatma)),
        "token": unsubscribe.token(fatma, [Kind.PROJECT]),
        "batch_id": first_pk(LetterBatch.objects.filter(project=project)),
        # a document for the project's households only: a public one is meant for outsiders too
        ("project_document", "document_id"): first_pk(
            Document.objects.filter(project=project, visibility=Visibility.HOUSEHOLDS)
        ),
        ("staff_packet_document", "document_id"): first_pk(PacketDocument.objects.filter(request=advice)),
        ("committee_packet_document", "document_id"): first_pk(PacketDocument.objects.filter(request=advice)),
        ("committee_document", "document_id"): first_pk(CommitteeDocument.objects.filter(organisation=committee)),
        ("committee_minutes", "document_id"): first_pk(CommitteeDocument.objects.filter(organisation=committee)),
    }


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def address(name, route, objects):
    """The route with its parameters filled in, or None when the demo has no such object."""
    values = {}
    for match in PARAMETER.finditer(route):
        parameter = match.group(1) or match.group(2)
        value = objects.get((name, parameter), objects.get(parameter))
        assert (name, parameter) in objects or parameter in objects, (
            f"{name}: no demo object for <{parameter}>; add it to demo_objects() in this test"
        )
        if value is None:
            return None
        values[parameter] = value
    path = PARAMETER.sub(lambda match: str(values[match.group(1) or match.group(2)]), route)
    return "/" + path.lstrip("^").rstrip("$")


def verdict(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


def outsiders():
    """People with no business in the demo corporation: (label, user or None)."""
    elsewhere = CorporationFactory(name="Andere corporatie", slug="andere")
    return [
        ("anonymous", None),
        ("tenant elsewhere", tenant(household_of(elsewhere))),
        ("contractor elsewhere", contractor_member(elsewhere)),
        ("staff elsewhere", staff_member(elsewhere)),
    ]


def test_no_page_lets_an_outsider_in_and_no_page_fails(client, settings, tmp_path):
    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", force=True, stdout=StringIO())
    objects = demo_objects()
    pages = [(name, route, address(name, route, objects)) for name, route in routes()]
    without_object = [name for name, _route, url in pages if url is None]
    pages = [(name, route, url) for name, route, url in pages if url is not None]
    failures, checked = [], 0

    for label, user in outsiders():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, route, url in pages:
            about_demo = PARAMETER.search(route) is not None
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, {})
                got = verdict(response)
                checked += 1
                if response.status_code >= 500:
                    failures.append(f"{label} {method} {url}: server error")
                elif name in PUBLIC:
                    continue
                elif (about_demo or user is None) and got not in REFUSED:
                    failures.append(f"{label} {method} {url}: {got}, expected the login page, 403, 404 or 405")

    for login in ("huurder", "aannemer", "bewonerscommissie", "medewerker"):
        client.force_login(demo_user(login))
        for _name, _route, url in pages:
            checked += 1
            if client.get(url).status_code >= 500:
                failures.append(f"{login} GET {url}: server error")

    assert not failures, f"{len(failures)} of {checked} requests wrong:\n" + "\n".join(failures)
    assert len(without_object) <= len(pages) // 10, f"the demo lacks objects for: {without_object}"
