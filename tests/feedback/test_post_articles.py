"""A thread page takes its posts' articles from the cache once someone of the same kind has seen them
(feedback/post_articles.py). Whoever reads next must still see exactly what is theirs: their own form token,
their own controls, and every edit or hiding at once."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from feedback import moderation, services
from tests.feedback.conftest import ENGLISH

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    cache.clear()
    return discussion_settings


@pytest.fixture
def thread(project, asker, neighbour):
    thread = services.start_thread(
        project=project, kind="question", title="Tocht", body="Tocht bij het raam", author=asker
    )
    services.reply(thread.posts.get(), "Bij mij ook, in de slaapkamer.", neighbour)
    return thread


def page_of(user, thread):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.get(f"/gesprekken/{thread.pk}/", **ENGLISH)
    assert response.status_code == 200
    return client, response.content.decode()


def test_a_reader_served_from_the_cache_replies_with_their_own_form_token(thread, asker, neighbour):
    page_of(asker, thread)  # renders the articles and keeps them
    client, page = page_of(neighbour, thread)  # the same kind of reader: the kept articles
    opening = thread.posts.get(parent__isnull=True)
    form = page[page.index(f'action="/gesprekken/{thread.pk}/bericht/{opening.pk}/reageren/"') :]

    response = client.post(
        f"/gesprekken/{thread.pk}/bericht/{opening.pk}/reageren/",
        {"body": "Vanaf de bewaarde pagina.", "csrfmiddlewaretoken": TOKEN.search(form).group(1)},
    )

    assert response.status_code == 302, "the form token in a kept article was not the reader's own"
    assert thread.posts.filter(body="Vanaf de bewaarde pagina.", author=neighbour).exists()


def test_tenants_and_staff_each_see_their_own_controls_on_the_same_posts(thread, asker, neighbour, staff):
    _, first = page_of(asker, thread)
    _, staff_page = page_of(staff, thread)
    _, second = page_of(asker, thread)

    assert ">Hide<" in staff_page and "Suspend author" in staff_page
    assert ">Hide<" not in first and ">Hide<" not in second
    assert second.count(">Report<") == first.count(">Report<") == 1  # the neighbour's reply, not the own post


def test_each_author_sees_edit_on_their_own_post_only(thread, asker, neighbour):
    _, askers_page = page_of(asker, thread)
    _, neighbours_page = page_of(neighbour, thread)

    for page in (askers_page, neighbours_page):
        assert page.count(">Edit<") == 1
    opening, reply = thread.posts.order_by("path")
    assert f"/bericht/{opening.pk}/bewerken/" in askers_page and f"/bericht/{reply.pk}/bewerken/" not in askers_page
    assert (
        f"/bericht/{reply.pk}/bewerken/" in neighbours_page
        and f"/bericht/{opening.pk}/bewerken/" not in neighbours_page
    )


def test_an_edit_and_a_hiding_show_at_once_after_the_page_was_kept(thread, asker, neighbour, staff):
    opening, reply = thread.posts.order_by("path")
    page_of(asker, thread)

    services.edit_post(reply, "Bij mij ook, in de slaapkamer en de keuken.", neighbour)
    _, edited = page_of(asker, thread)
    moderation.hide(opening, staff, "Persoonsgegevens")
    _, hidden = page_of(neighbour, thread)

    assert "de keuken" in edited and "edited on" in edited
    assert "Hidden by staff: Persoonsgegevens" in hidden and "Tocht bij het raam" not in hidden
