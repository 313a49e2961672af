"""Posting is rate-limited per person (settings.POSTING_RATE), and a suspended member cannot post: the page says
why and nothing is saved."""

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Post, PostingSuspension, Thread
from tests.feedback.conftest import ENGLISH

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    discussion_settings.POSTING_RATE = "2/5m"
    return discussion_settings


@pytest.fixture
def thread(project, asker):
    return services.start_thread(
        project=project, kind=Thread.Kind.QUESTION, title="Steiger", body="Wanneer?", author=asker
    )


def test_posting_too_fast_gets_429_with_a_message_and_saves_nothing(client, thread, neighbour):
    opening = thread.posts.get()
    client.force_login(neighbour)
    url = f"/gesprekken/{thread.pk}/bericht/{opening.pk}/reageren/"

    first = client.post(url, {"body": "Een"}, **ENGLISH)
    second = client.post(url, {"body": "Twee"}, **ENGLISH)
    third = client.post(url, {"body": "Drie"}, **ENGLISH)

    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 429)
    assert "You are posting very quickly. Please wait 5 minutes and try again." in third.content.decode()
    assert "Drie" in third.content.decode()  # what was typed stays on the page
    assert not Post.objects.filter(body="Drie").exists()


def test_starting_threads_counts_towards_the_same_limit(client, project, neighbour):
    client.force_login(neighbour)
    url = f"/projecten/{project.slug}/gesprekken/nieuw/"
    data = {"kind": "idea", "title": "Idee", "body": "Een bankje"}

    statuses = [client.post(url, data, **ENGLISH).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert Thread.objects.filter(title="Idee").count() == 2


@pytest.fixture
def suspended(neighbour, project, staff):
    PostingSuspension.objects.create(
        user=neighbour, corporation=project.corporation, reason="Herhaaldelijk schelden", created_by=staff
    )
    return neighbour


def test_a_suspended_member_sees_why_instead_of_the_forms(client, thread, suspended):
    client.force_login(suspended)

    page = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH).content.decode()

    assert "You cannot post in these discussions at the moment." in page
    assert "Herhaaldelijk schelden" in page
    assert "Send reply" not in page


def test_a_suspended_members_reply_is_refused_and_nothing_saved(client, thread, suspended):
    client.force_login(suspended)

    response = client.post(f"/gesprekken/{thread.pk}/bericht/{thread.posts.get().pk}/reageren/", {"body": "Toch"})

    assert response.status_code == 403
    assert not Post.objects.filter(body="Toch").exists()


def test_a_suspended_member_cannot_start_a_thread(client, project, suspended):
    client.force_login(suspended)

    response = client.post(
        f"/projecten/{project.slug}/gesprekken/nieuw/", {"kind": "idea", "title": "Idee", "body": "Tekst"}, **ENGLISH
    )

    assert response.status_code == 403
    assert "Herhaaldelijk schelden" in response.content.decode()
    assert not Thread.objects.exists()


def test_the_services_refuse_a_suspended_member_too(thread, suspended):
    with pytest.raises(services.Suspended):
        services.reply(thread.posts.get(), "Via een andere weg", suspended)
    assert thread.posts.count() == 1


def test_a_lifted_suspension_lets_the_member_post_again(thread, suspended):
    PostingSuspension.objects.filter(user=suspended).update(lifted_at=timezone.now())

    services.reply(thread.posts.get(), "Weer welkom", suspended)

    assert thread.posts.count() == 2
