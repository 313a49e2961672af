"""Who hears of what: the households of the project for project news, one household for its own appointment or
choice, the person replied to or mentioned, the owner of a late promise; never the one who did it, never anyone
of a neighbour's vote, nobody of an event the platform does not know."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from feedback import services as feedback
from notifications.models import Notification, PaperNotice
from projects import services as projects
from tests.factories import (
    CorporationFactory,
    TenantProfileFactory,
    household_of,
    project_in_execution,
    staff_member,
    tenant,
)

from .conftest import appointment_for, committed, emit_committed

pytestmark = pytest.mark.django_db


def recipients(event=None):
    notifications = Notification.objects.all() if event is None else Notification.objects.filter(event=event)
    return sorted(notifications.values_list("recipient_id", flat=True))


def post_news(project, staff_user):
    with committed():
        return projects.post_update(
            project,
            author=staff_user,
            organisation=staff_user.memberships.get().organisation,
            title="Steigers komen maandag",
            body="Vanaf maandag staan er steigers.",
        )


def test_news_reaches_every_member_of_the_projects_households(project, households, dutch, english, staff_user):
    housemate = TenantProfileFactory(household=households[0]).user
    post_news(project, staff_user)
    assert recipients("update.posted") == sorted([dutch.pk, english.pk, housemate.pk])


def test_nobody_is_told_of_their_own_action(project, households, dutch, english):
    appointment = appointment_for(project, households[0])
    housemate = TenantProfileFactory(household=households[0]).user
    emit_committed("appointment.confirmed", project=project, actor=dutch, appointment=appointment)
    assert recipients() == [housemate.pk]


def test_households_of_another_project_and_staff_hear_nothing(project, dutch, staff_user):
    other = project_in_execution(homes=1, slug="elders")
    outsider = tenant(other.home_plans.get().household)
    elsewhere = tenant(household_of(project.corporation))
    post_news(project, staff_user)
    assert not Notification.objects.filter(recipient__in=[outsider, elsewhere, staff_user]).exists()


def test_an_appointment_is_told_only_to_its_own_household(project, households, dutch, english):
    emit_committed(
        "appointment.planned", project=project, actor=None, appointment=appointment_for(project, households[1])
    )
    assert recipients() == [english.pk]
    assert Notification.objects.get().link == f"/projecten/{project.slug}/mijn-woning/"


def test_a_neighbours_vote_is_never_notified(project, households, dutch, english):
    emit_committed("ballot.cast", project=project, actor=dutch, proposal=None, household=households[0])
    assert not Notification.objects.exists()


def test_an_event_the_platform_does_not_know_is_ignored(project, dutch):
    emit_committed("something.else", project=project, actor=None)
    assert not Notification.objects.exists()


def test_a_document_for_staff_only_is_not_announced(project, dutch, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.models import Visibility

    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    projects.add_document(project, uploaded_by=staff_user, title="Begroting", upload=pdf, visibility=Visibility.STAFF)
    assert not Notification.objects.exists()


def test_a_reply_tells_the_author_of_the_post_replied_to(project, dutch, english):
    thread = feedback.start_thread(
        kind="question", title="Wanneer komt de steiger?", body="Weet iemand het?", author=dutch, project=project
    )
    Notification.objects.all().delete()
    opening = thread.posts.get()
    feedback.reply(opening, "Maandag, hoorde ik.", english)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (dutch, "replies")
    assert notification.params["author"] == "Priya"


def test_a_mention_tells_the_person_mentioned(project, dutch, english):
    thread = feedback.start_thread(
        kind="idea", title="Bankje bij de ingang", body="Wat vindt @Priya ervan?", author=dutch, project=project
    )
    assert Notification.objects.filter(recipient=english, kind="mentions", event="post.mentioned").exists()
    assert Notification.objects.get(event="post.mentioned").link.endswith(f"/bericht/{thread.posts.get().pk}/")


def test_a_late_promise_is_told_to_its_owner_only(project, dutch, staff_user):
    commitment = projects.record_commitment(
        project,
        title="Tuin opruimen",
        description="",
        owner=staff_user,
        organisation=staff_user.memberships.get().organisation,
        due_on=timezone.localdate(),
        by=staff_user,
    )
    Notification.objects.all().delete()
    emit_committed("commitment.late", project=project, actor=None, commitment=commitment)
    assert recipients() == [staff_user.pk]


def test_closing_soon_reaches_only_the_households_given(project, households, dutch, english):
    proposal = SimpleNamespace(pk=1, title="Verduurzaming", closes_at=timezone.now())
    emit_committed(
        "proposal.closing_soon",
        project=project,
        actor=None,
        proposal=proposal,
        households=[households[1], households[2]],
    )
    assert recipients() == [english.pk]
    assert list(PaperNotice.objects.values_list("household", flat=True)) == [households[2].pk]


def test_a_changed_meeting_reaches_the_registered_households(project, households, dutch, english):
    session = SimpleNamespace(pk=1, title="Inloopavond", starts_at=timezone.now())  # the fields of meetings.Session
    emit_committed("session.changed", project=project, actor=None, session=session, households=[households[0]])
    assert recipients() == [dutch.pk]


def test_an_inactive_account_gets_nothing(project, households, dutch, english, staff_user):
    english.is_active = False
    english.save()
    post_news(project, staff_user)
    assert recipients() == [dutch.pk]


def test_staff_of_another_corporation_never_appear(project, dutch, staff_user):
    staff_member(CorporationFactory())
    post_news(project, staff_user)
    assert recipients() == [dutch.pk]


def test_a_request_for_advice_reaches_the_members_of_the_tenant_organisation(project, dutch, staff_user):
    from tests.factories import tenant_representative

    representative = tenant_representative(project.corporation)
    organisation = representative.memberships.get().organisation
    advice = SimpleNamespace(pk=7, subject="Sociaal plan", organisation_id=organisation.pk)
    emit_committed("advice.requested", project=project, actor=staff_user, advice=advice, organisation=organisation)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.params["title"]) == (representative, "Sociaal plan")
