"""Every page of the site with the demo's objects in its address, for the sweeps that visit them all
(tests/test_authorization_sweep.py, tests/e2e/test_accessibility_scan.py).

`routes()` walks the URL resolver, so a new page cannot escape a sweep; `demo_objects()` maps each address
parameter to an object of `manage.py seed_demo` (its project in execution, that project's proposal, threads,
sessions, polls, surveys and advice, and the demo tenant's own household and appointment), and `address()` fills
a route in with them.
"""

import re
from datetime import date

from django.contrib.auth import get_user_model
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

# the admin and allauth have their own tests
SKIPPED_PREFIXES = ("admin/", "accounts/", "i18n/", "health/")


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
            f"{name}: no demo object for <{parameter}>; add it to demo_objects() in tests/demo_pages.py"
        )
        if value is None:
            return None
        values[parameter] = value
    path = PARAMETER.sub(lambda match: str(values[match.group(1) or match.group(2)]), route)
    return "/" + path.lstrip("^").rstrip("$")
