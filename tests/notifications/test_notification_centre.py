"""The bell and the list: the unread count on every page (one COUNT at most, none once cached), the list newest
first with a link to the thing itself, marking one or all read; the count follows live over the person's socket."""

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from renovatie.routing import websocket_urlpatterns
from tests.sockets import ORIGIN, TIMEOUT

from .conftest import appointment_for, emit_committed
from .test_recipients import post_news


def plan_visit(project, household):
    emit_committed("appointment.planned", project=project, actor=None, appointment=appointment_for(project, household))


def notification_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]


@pytest.mark.django_db
def test_the_bell_shows_the_unread_count_on_every_page(client, project, households, dutch, staff_user):
    post_news(project, staff_user)
    plan_visit(project, households[0])
    client.force_login(dutch)
    page = client.get("/huisregels/").content.decode()
    assert 'id="notification-bell" href="/meldingen/"' in page
    assert '2<span class="visually-hidden"> ongelezen meldingen</span>' in page


@pytest.mark.django_db
def test_the_bell_costs_one_count_and_nothing_once_it_is_cached(client, project, households, dutch):
    from django.core.cache import cache

    client.force_login(dutch)
    cache.clear()
    assert len(notification_queries(client, "/huisregels/")) == 1
    assert notification_queries(client, "/huisregels/") == []
    plan_visit(project, households[0])  # a new notification sets the cached count
    assert notification_queries(client, "/huisregels/") == []
    assert "1<span" in client.get("/huisregels/").content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_see_no_bell(client):
    assert "notification-bell" not in client.get("/huisregels/").content.decode()


@pytest.mark.django_db
def test_the_list_shows_newest_first_and_links_to_each_notification(client, project, households, dutch, staff_user):
    post_news(project, staff_user)
    plan_visit(project, households[0])
    client.force_login(dutch)
    page = client.get("/meldingen/").content.decode()
    visit, news = Notification.objects.get(event="appointment.planned"), Notification.objects.get(event="update.posted")
    assert page.index(f'href="/meldingen/{visit.pk}/"') < page.index(f'href="/meldingen/{news.pk}/"')
    assert "Er is een bezoek aan uw woning gepland: Inspection op" in page
    assert "Nieuws over Kanaleneiland-Noord verduurzaming: Steigers komen maandag" in page


@pytest.mark.django_db
def test_opening_a_notification_marks_it_read_and_goes_to_the_thing_itself(client, project, households, dutch):
    plan_visit(project, households[0])
    notification = Notification.objects.get()
    client.force_login(dutch)
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response["Location"] == f"/projecten/{project.slug}/mijn-woning/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "notification-unread" not in client.get("/meldingen/").content.decode()


@pytest.mark.django_db
def test_mark_all_read_empties_the_bell(client, project, households, dutch, staff_user):
    post_news(project, staff_user)
    plan_visit(project, households[0])
    client.force_login(dutch)
    client.post("/meldingen/alles-gelezen/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert 'class="bell-count"></span>' in client.get("/huisregels/").content.decode()


@pytest.mark.django_db
def test_the_list_is_paginated_and_its_queries_do_not_grow(
    client, project, dutch, staff_user, django_assert_max_num_queries
):
    client.force_login(dutch)
    post_news(project, staff_user)
    with django_assert_max_num_queries(9):  # session, user, roles (2), bell, page count, rows, unread check
        client.get("/meldingen/")
    for _ in range(24):
        post_news(project, staff_user)
    with django_assert_max_num_queries(9):
        page = client.get("/meldingen/").content.decode()
    assert page.count('class="card notification-unread"') == 20
    assert "Pagina 1 van 2" in page
    assert client.get("/meldingen/?pagina=2").content.decode().count('class="card notification-unread"') == 5


# --- Live, over the person's own socket (ws/me/) ---


async def open_socket(user):
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), "/ws/me/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return communicator


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_anonymous_visitors_cannot_open_the_personal_socket(channel_layer, worker_connection_closed):
    stack = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
    communicator = WebsocketCommunicator(stack, "/ws/me/", headers=ORIGIN)
    connected, code = await communicator.connect(timeout=TIMEOUT)
    assert (connected, code) == (False, 4401)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_bell_count_arrives_live_and_only_for_its_recipient(
    channel_layer, worker_connection_closed, project, households, dutch, english
):
    mine, theirs = await open_socket(dutch), await open_socket(english)
    await sync_to_async(plan_visit)(project, households[0])

    message = await mine.receive_from(TIMEOUT)
    assert 'id="notification-count"' in message and "1<span" in message and "ongelezen melding" in message
    assert await theirs.receive_nothing(timeout=0.5)
    await mine.disconnect()
    await theirs.disconnect()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_live_count_is_in_the_recipients_language(
    channel_layer, worker_connection_closed, project, households, english
):
    socket = await open_socket(english)
    await sync_to_async(plan_visit)(project, households[1])
    assert "unread notification" in await socket.receive_from(TIMEOUT)
    await socket.disconnect()
