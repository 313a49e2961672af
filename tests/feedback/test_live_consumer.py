"""The discussion socket: who may open it, what each viewer receives, and how a page that reconnects catches up.

Every test runs through the in-memory channel layer and again through Redis (marked `services`, as in CI).
Data is made in the test's own thread and committed (transaction=True); writes during a test go through the
worker thread the consumer's database calls use, whose connection is closed at the end.
"""

import asyncio
from dataclasses import replace

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from feedback import live, live_fragments, services
from feedback.models import Post, Thread
from projects.permissions import ProjectRole
from renovatie.routing import websocket_urlpatterns
from tests.factories import (
    ComplexFactory,
    contractor_member,
    household_of,
    project_in_execution,
    staff_member,
    tenant,
)
from tests.sockets import ORIGIN, TIMEOUT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def discussion(channel_layer, worker_connection_closed):
    """A project with a question, a tenant who lives there, one who lives elsewhere, and a staff member."""
    project = project_in_execution(homes=0)
    complex_ = project.complexes.get()
    neighbour = tenant(household_of(project.corporation, complex=complex_))
    asker = tenant(household_of(project.corporation, complex=complex_))
    thread = Thread.objects.create(project=project, kind=Thread.Kind.QUESTION, title="Wanneer komt de steiger?")
    opening = add_post(thread, None, asker, "Weet iemand al wanneer de steiger komt?")
    return {
        "project": project,
        "complex": complex_,
        "neighbour": neighbour,
        "asker": asker,
        "outsider": tenant(),
        "staff": staff_member(project.corporation),
        "corporation": project.corporation,
        "thread": thread,
        "opening": opening,
    }


def add_post(thread, parent, author, body):
    post = Post(thread=thread, parent=parent, author=author, body=body, body_html=f"<p>{escape(body)}</p>")
    post.path = ""
    post.depth = parent.depth + 1 if parent else 0
    post.save()
    post.path = (parent.path if parent else "") + Post.path_segment(post.pk)
    post.save(update_fields=["path"])
    return post


def reply(parent, author, body):
    """A reply as the service makes it: the post and its live events commit together."""
    with transaction.atomic():
        post = add_post(parent.thread, parent, author, body)
        Thread.objects.filter(pk=parent.thread_id).update(reply_count=parent.thread.reply_count + 1)
        live.record("post.created", parent.thread, post)
    return post


def hide(post, reason):
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(hidden_at=timezone.now(), hidden_reason=reason)
        live.record("post.updated", post.thread, post)


async def open_socket(user, path):
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return communicator


async def close_code(communicator):
    message = await communicator.receive_output(TIMEOUT)
    await communicator.disconnect()
    assert message["type"] == "websocket.close"
    return message["code"]


def contractor_member_of(project):
    user = contractor_member(project.corporation)
    project.contractors.add(user.memberships.get().organisation)
    return user


def project_socket(project, after=None):
    query = f"?after={after}&lang=en" if after is not None else "?lang=en"
    return f"/ws/gesprekken/project/{project.slug}/{query}"


@pytest.mark.asyncio
async def test_anonymous_visitor_is_refused_as_not_signed_in(discussion):
    # The stack of renovatie/asgi.py, built now: its host check reads ALLOWED_HOSTS when it is made.
    stack = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
    communicator = WebsocketCommunicator(stack, project_socket(discussion["project"]), headers=ORIGIN)
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected  # accepted only to be told why it closes, so the page stops retrying
    assert await close_code(communicator) == 4401


@pytest.mark.asyncio
async def test_tenant_who_lives_elsewhere_is_refused(discussion):
    communicator = await open_socket(discussion["outsider"], project_socket(discussion["project"]))
    assert await close_code(communicator) == 4403


@pytest.mark.asyncio
async def test_unknown_project_is_refused_like_one_the_viewer_may_not_read(discussion):
    communicator = await open_socket(discussion["neighbour"], "/ws/gesprekken/project/bestaat-niet/")
    assert await close_code(communicator) == 4403


@pytest.mark.asyncio
async def test_tenant_of_the_project_sees_a_new_reply_appear_under_the_post_it_answers(discussion):
    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))
    post = await sync_to_async(reply)(discussion["opening"], discussion["asker"], "Volgens de planning op 3 maart.")

    message = await communicator.receive_from(TIMEOUT)
    assert "Volgens de planning op 3 maart." in message
    assert f'data-target="replies-{discussion["opening"].pk}"' in message
    assert f'id="post-{post.pk}"' in message
    assert f'data-event-id="{await last_event_id(discussion)}"' in message  # where the page resumes from
    await communicator.disconnect()


async def last_event_id(discussion):
    return await sync_to_async(live.latest_event_id)(project=discussion["project"])


@pytest.mark.asyncio
async def test_staff_receive_moderation_controls_with_a_reply_and_tenants_do_not(discussion):
    tenant_socket = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))
    staff_socket = await open_socket(discussion["staff"], project_socket(discussion["project"]))
    await sync_to_async(reply)(discussion["opening"], discussion["asker"], "Bij mij lekt het dak.")

    seen_by_tenant = await tenant_socket.receive_from(TIMEOUT)
    seen_by_staff = await staff_socket.receive_from(TIMEOUT)
    assert "Bij mij lekt het dak." in seen_by_tenant and "Bij mij lekt het dak." in seen_by_staff
    assert "Suspend author" in seen_by_staff and "Hide" in seen_by_staff
    assert "Suspend author" not in seen_by_tenant and "Report" in seen_by_tenant
    await tenant_socket.disconnect()
    await staff_socket.disconnect()


@pytest.mark.asyncio
async def test_a_post_hidden_by_staff_reaches_a_tenant_as_its_placeholder(discussion):
    post = await sync_to_async(reply)(discussion["opening"], discussion["asker"], "Iets wat hier niet hoort.")
    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))
    await sync_to_async(hide)(post, "Persoonlijke gegevens van een buur")

    message = await communicator.receive_from(TIMEOUT)
    assert f'id="post-{post.pk}"' in message
    assert "Persoonlijke gegevens van een buur" in message
    assert "Iets wat hier niet hoort." not in message
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_page_that_reconnects_receives_what_it_missed_in_order(discussion):
    seen = await last_event_id(discussion)
    texts = ["Eerste antwoord.", "Tweede antwoord.", "Derde antwoord."]
    for text in texts:
        await sync_to_async(reply)(discussion["opening"], discussion["asker"], text)

    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"], after=seen))
    received = [await communicator.receive_from(TIMEOUT) for _ in texts]
    assert [text for message in received for text in texts if text in message] == texts
    assert await communicator.receive_nothing(0.2)
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_page_that_missed_too_much_is_asked_to_reload(discussion, monkeypatch):
    monkeypatch.setattr(live_fragments, "CATCH_UP_LIMIT", 2)
    seen = await last_event_id(discussion)
    for text in ["Een.", "Twee.", "Drie."]:
        await sync_to_async(reply)(discussion["opening"], discussion["asker"], text)

    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"], after=seen))
    message = await communicator.receive_from(TIMEOUT)
    assert "Reload the page" in message
    assert f'data-event-id="{await last_event_id(discussion)}"' in message
    assert await communicator.receive_nothing(0.2)
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_page_of_another_project_hears_nothing_of_this_one(discussion):
    other = await sync_to_async(project_in_execution)(homes=0, slug="overvecht-zuid", name="Overvecht-Zuid")
    viewer = await sync_to_async(staff_member)(other.corporation)
    communicator = await open_socket(viewer, project_socket(other))
    await sync_to_async(reply)(discussion["opening"], discussion["asker"], "Alleen voor Kanaleneiland.")
    assert await communicator.receive_nothing(0.5)
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_household_of_a_complex_follows_that_complexs_discussion(discussion):
    complex_ = discussion["complex"]
    thread = await sync_to_async(Thread.objects.create)(
        complex=complex_, kind=Thread.Kind.IDEA, title="Een moestuin op het binnenplein"
    )
    opening = await sync_to_async(add_post)(thread, None, discussion["asker"], "Wie doet er mee?")
    communicator = await open_socket(discussion["neighbour"], f"/ws/gesprekken/complex/{complex_.pk}/?lang=en")
    await sync_to_async(reply)(opening, discussion["neighbour"], "Ik doe mee!")
    assert "Ik doe mee!" in await communicator.receive_from(TIMEOUT)
    await communicator.disconnect()

    elsewhere = await sync_to_async(ComplexFactory)(corporation=discussion["corporation"])
    refused = await open_socket(discussion["neighbour"], f"/ws/gesprekken/complex/{elsewhere.pk}/")
    assert await close_code(refused) == 4403


def test_a_page_of_a_discussion_without_events_resumes_from_zero():
    project = project_in_execution(homes=0)
    assert live.latest_event_id(project=project) == 0


@pytest.mark.parametrize("name", ["thread.started", "post.created", "post.updated", "thread.updated"])
def test_each_pushed_event_is_rendered_for_a_viewer_in_a_few_queries(name, django_assert_max_num_queries):
    project = project_in_execution(homes=0)
    neighbour = tenant(household_of(project.corporation, complex=project.complexes.get()))
    thread = Thread.objects.create(project=project, kind=Thread.Kind.QUESTION, title="Wanneer komt de steiger?")
    post = add_post(
        thread, add_post(thread, None, neighbour, "Weet iemand het?"), staff_member(project.corporation), "Maart."
    )
    event = live.record(name, thread, post if name.startswith("post") else None)
    _, audience = live_fragments.place_and_audience(neighbour, slug=project.slug, language="en")

    with django_assert_max_num_queries(3):
        html = live_fragments.render_event_by_id(event.pk, audience)
    assert f'data-event-id="{event.pk}"' in html


@pytest.mark.parametrize("missed", [5, 50])
def test_catching_up_costs_the_same_few_queries_however_much_was_missed(missed, django_assert_max_num_queries):
    project = project_in_execution(homes=0)
    complex_ = project.complexes.get()
    neighbours = [tenant(household_of(project.corporation, complex=complex_)) for _ in range(3)]
    people = [*neighbours, staff_member(project.corporation), contractor_member_of(project)]
    thread = services.start_thread(
        kind=Thread.Kind.QUESTION,
        title="Wanneer komt de steiger?",
        body="Weet iemand het?",
        author=neighbours[0],
        project=project,
    )
    seen = live.latest_event_id(project=project)
    parent = thread.posts.get()
    for number in range(missed):
        parent = services.reply(parent, f"Antwoord {number}.", people[number % len(people)])
    place, audience = live_fragments.place_and_audience(neighbours[1], slug=project.slug, language="en")

    with django_assert_max_num_queries(6):
        messages = live_fragments.catch_up(place, seen, audience)
    assert len(messages) == 2 * missed  # each reply, and the thread's new counts
    assert "Antwoord 0." in messages[0][1] and f"Antwoord {missed - 1}." in messages[-2][1]


@pytest.mark.asyncio
async def test_a_new_thread_arrives_at_the_top_of_the_list(discussion):
    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))
    thread = await sync_to_async(services.start_thread)(
        kind=Thread.Kind.IDEA,
        title="Een fietsenstalling bij de ingang",
        body="Zullen we dat voorstellen?",
        author=discussion["asker"],
        project=discussion["project"],
    )

    message = await communicator.receive_from(TIMEOUT)
    assert 'data-live="prepend" data-target="threads"' in message
    assert f'id="thread-{thread.pk}"' in message and "Een fietsenstalling bij de ingang" in message
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_support_and_a_status_change_reach_the_threads_summary_and_its_row(discussion):
    thread = discussion["thread"]
    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))
    await sync_to_async(services.toggle_support)(thread, discussion["neighbour"])
    supported = await communicator.receive_from(TIMEOUT)
    await sync_to_async(services.change_status)(thread, Thread.Status.PLANNED, discussion["staff"])
    planned = await communicator.receive_from(TIMEOUT)

    assert f'id="thread-summary-{thread.pk}"' in supported and f'id="thread-{thread.pk}"' in supported
    assert "1 person has this too" in supported and "you too" in supported  # the row, as on the list page
    assert 'aria-pressed="true"' in supported  # her own support button, pressed
    assert "Planned" in planned
    await communicator.disconnect()


def test_who_connects_is_decided_once_in_a_few_queries(django_assert_max_num_queries):
    project = project_in_execution(homes=0)
    neighbour = tenant(household_of(project.corporation, complex=project.complexes.get()))
    with django_assert_max_num_queries(5):
        place, audience = live_fragments.place_and_audience(neighbour, slug=project.slug, language="en")
    assert audience.role == ProjectRole.HOUSEHOLD and audience.suspension is None


def test_a_broadcast_is_rendered_once_per_kind_of_viewer_and_each_socket_gets_its_own_form_token(
    django_assert_num_queries,
):
    """500 open pages hear the same reply: the first tenant's socket loads and renders it, the next costs no query,
    yet carries its own CSRF token and no edit link for someone else's post; the author's own socket differs."""
    project = project_in_execution(homes=0)
    complex_ = project.complexes.get()
    author, first, second = (tenant(household_of(project.corporation, complex=complex_)) for _ in range(3))
    thread = Thread.objects.create(project=project, kind=Thread.Kind.QUESTION, title="Wanneer komt de steiger?")
    reply = add_post(thread, add_post(thread, None, first, "Weet iemand het?"), author, "In maart, hoorde ik.")
    event = live.record("post.created", thread, reply)

    def audience_of(user, token):
        _, audience = live_fragments.place_and_audience(user, slug=project.slug, language="nl")
        return replace(audience, csrf_token=token)

    first_html = live_fragments.render_event_by_id(event.pk, audience_of(first, "token-of-first"))
    second_audience = audience_of(second, "token-of-second")
    with django_assert_num_queries(0):
        second_html = live_fragments.render_event_by_id(event.pk, second_audience)
    author_html = live_fragments.render_event_by_id(event.pk, audience_of(author, "token-of-author"))

    assert "token-of-first" in first_html and "token-of-second" not in first_html
    assert "token-of-second" in second_html and "token-of-first" not in second_html
    assert second_html.replace("token-of-second", "token-of-first") == first_html
    edit_link = reverse("post_edit", args=[thread.pk, reply.pk])
    assert edit_link not in second_html
    assert edit_link in author_html and "token-of-author" in author_html


@pytest.mark.asyncio
async def test_an_open_page_still_hears_replies_after_its_group_membership_would_have_expired(discussion, settings):
    """The channel layer forgets group members after CHANNEL_GROUP_EXPIRY (so that sockets a restart cut off stop
    costing every announcement); a page that stays open renews its membership and keeps hearing everything."""
    layer = {**settings.CHANNEL_LAYERS["default"]}
    layer["CONFIG"] = {**layer.get("CONFIG", {}), "group_expiry": 1}
    settings.CHANNEL_LAYERS = {"default": layer}
    settings.CHANNEL_GROUP_RENEWAL = 0.3
    communicator = await open_socket(discussion["neighbour"], project_socket(discussion["project"]))

    await asyncio.sleep(2.5)  # two and a half expiry periods
    await sync_to_async(reply)(discussion["opening"], discussion["asker"], "Nog steeds open, nog steeds live.")

    assert "Nog steeds open, nog steeds live." in await communicator.receive_from(TIMEOUT)
    await communicator.disconnect()
