"""Search within a project's threads: full text in Dutch on PostgreSQL ("kozijnen" finds "kozijn"), a plain
substring match on SQLite; titles and replies are searched, hidden posts and other projects' threads are not."""

import pytest
from django.db import connection
from django.utils import timezone

from feedback import services
from feedback.models import Thread
from tests.factories import project_in_execution, tenant
from tests.feedback.conftest import ENGLISH

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    return discussion_settings


def start(project, author, title, body="Wie weet het?"):
    return services.start_thread(project=project, kind=Thread.Kind.QUESTION, title=title, body=body, author=author)


def search(client, project, query):
    return client.get(f"/projecten/{project.slug}/gesprekken/", {"q": query}, **ENGLISH).content.decode()


def test_search_finds_a_thread_by_a_word_in_a_reply(client, project, asker, neighbour):
    thread = start(project, asker, "Wanneer komt de aannemer?")
    services.reply(thread.posts.get(), "Bij mij hebben ze de steiger al opgebouwd.", neighbour)
    start(project, asker, "Parkeren tijdens de werkzaamheden")
    client.force_login(asker)

    page = search(client, project, "steiger")

    assert "Wanneer komt de aannemer?" in page and "Parkeren tijdens" not in page
    assert "1 thread found for “steiger”." in page


def test_search_finds_a_thread_by_its_title(client, project, asker):
    start(project, asker, "Vochtige kelderbox")
    client.force_login(asker)

    assert "Vochtige kelderbox" in search(client, project, "kelderbox")


def test_search_skips_hidden_posts(client, project, asker, neighbour, staff):
    thread = start(project, asker, "Een vraag")
    reply = services.reply(thread.posts.get(), "Scheldwoord vervelend", neighbour)
    type(reply).objects.filter(pk=reply.pk).update(hidden_at=timezone.now(), hidden_by=staff, hidden_reason="Grof")
    client.force_login(asker)

    assert "No threads match." in search(client, project, "vervelend")


def test_search_stays_within_the_project(client, project, asker):
    other = project_in_execution(homes=1, slug="elders", name="Elders")
    start(other, tenant(other.home_plans.get().household), "Kozijn elders")
    start(project, asker, "Kozijn hier")
    client.force_login(asker)

    page = search(client, project, "kozijn")

    assert "Kozijn hier" in page and "Kozijn elders" not in page


@pytest.mark.services
def test_postgresql_full_text_search_understands_dutch_word_forms(client, project, asker, neighbour):
    assert connection.vendor == "postgresql"
    thread = start(project, asker, "Nieuw glas", body="Mijn kozijn tocht erg.")
    services.reply(thread.posts.get(), "Wanneer worden de ramen vervangen?", neighbour)
    start(project, asker, "Tuinhek")
    client.force_login(asker)

    plural = search(client, project, "kozijnen")
    windows = search(client, project, "raam vervangen")  # "ramen" and "raam" share a stem; words in any post

    assert "Nieuw glas" in plural and "Tuinhek" not in plural
    assert "Nieuw glas" in windows
    assert "Nieuw glas" in search(client, project, "glas kozijnen")  # a word of the title, one of a post


def test_a_search_that_is_not_valid_full_text_still_answers(client, project, asker):
    start(project, asker, "Lift kapot")
    client.force_login(asker)

    response = client.get(f"/projecten/{project.slug}/gesprekken/", {"q": '"lift & | !'}, **ENGLISH)

    assert response.status_code == 200
