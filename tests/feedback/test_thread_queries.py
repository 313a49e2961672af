"""A thread page costs the same small number of queries with 10 replies as with 2,000 (the tree comes in path
order from one query, authors with it, a page holds at most POSTS_PER_PAGE posts), and so does the thread list."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import services
from feedback.models import Post, PostRevision, Thread
from feedback.selectors import POSTS_PER_PAGE
from tests.factories import tenant
from tests.feedback.conftest import ENGLISH

pytestmark = pytest.mark.django_db

# Measured maximum, the same on SQLite and on PostgreSQL + Redis (queries_for empties the cache, so the session comes
# from the database in both; with Redis warm, one less): session, user, roles (3), the thread (1), its photos, the
# opening author's memberships, status changes, their authors' memberships (4), the project's complexes for the
# viewer's role (1), the post count, posts, their authors' memberships, suspension, the edited posts' earlier texts
# (5), live event, the bell (2). Continuation pages: one more, the post they start from.
THREAD_PAGE_QUERIES = 16
LIST_PAGE_QUERIES = 16  # with the bell; staff: three of them for the answer times


@pytest.fixture(autouse=True)
def _settings(discussion_settings):
    return discussion_settings


def add_replies(thread, count, authors, levels=8):
    """`count` replies spread evenly over `levels` levels below the opening post, each below one post of the
    level above, written in bulk: a level at a time, ids first, then the paths that need them."""
    parents = [thread.posts.get()]
    per_level = max(count // levels, 1)
    made = 0
    for depth in range(1, levels + 1):
        batch = min(per_level if depth < levels else count - made, count - made)
        if batch <= 0:
            break
        posts = [
            Post(
                thread=thread,
                parent=parents[i % len(parents)],
                depth=depth,
                path=f"new-{depth}-{i}",
                author=authors[i % len(authors)],
                body=f"Antwoord {depth}.{i} van @iemand",
                body_html=f"<p>Antwoord {depth}.{i}</p>",
                is_official=i % 50 == 0,
                edited_at=timezone.now() if i % 25 == 0 else None,  # the posts with an earlier text, below
            )
            for i in range(batch)
        ]
        Post.objects.bulk_create(posts)
        for post in posts:
            post.path = post.parent.path + Post.path_segment(post.pk)
        Post.objects.bulk_update(posts, ["path"])
        PostRevision.objects.bulk_create(PostRevision(post=post, body="eerder") for post in posts[::25])
        parents = posts
        made += batch
    Thread.objects.filter(pk=thread.pk).update(reply_count=made)
    return made


def queries_for(client, url):
    cache.clear()  # every measurement counts the bell's unread count (cached between requests) alike
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **ENGLISH)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


@pytest.fixture
def authors(homes, asker, neighbour, staff, contractor):
    return [asker, neighbour, staff, contractor, tenant(homes[2])]


def answered(thread, staff):
    """The thread with a status change, so its page also reads who changed it (and their memberships)."""
    return services.change_status(thread, "answered", staff)


def test_a_thread_page_costs_the_same_queries_with_10_and_2000_replies(
    client, project, asker, authors, staff, django_assert_max_num_queries
):
    small = services.start_thread(project=project, kind="question", title="Klein", body="Tien antwoorden", author=asker)
    large = services.start_thread(project=project, kind="question", title="Groot", body="Veel antwoorden", author=asker)
    add_replies(small, 10, authors)
    assert add_replies(large, 2000, authors) == 2000
    answered(small, staff)
    answered(large, staff)
    client.force_login(asker)

    small_count, _ = queries_for(client, f"/gesprekken/{small.pk}/")
    large_count, page = queries_for(client, f"/gesprekken/{large.pk}/")
    with django_assert_max_num_queries(THREAD_PAGE_QUERIES):
        client.get(f"/gesprekken/{large.pk}/?page=2", **ENGLISH)

    assert small_count == large_count <= THREAD_PAGE_QUERIES
    assert page.count('class="post-node"') == POSTS_PER_PAGE and "Page 1 of" in page
    assert "Kees (Bouwbedrijf Smit)" in page and "Continue this thread" in page


def test_a_continuation_page_costs_the_same_queries(client, project, asker, authors, staff):
    thread = services.start_thread(project=project, kind="question", title="Diep", body="Diepe draad", author=asker)
    add_replies(thread, 2000, authors)
    answered(thread, staff)
    deep = Post.objects.filter(thread=thread, depth=5).first()
    client.force_login(asker)

    count, page = queries_for(client, f"/gesprekken/{thread.pk}/bericht/{deep.pk}/")

    assert count <= THREAD_PAGE_QUERIES + 1
    assert f'id="post-{deep.pk}"' in page


def test_the_thread_list_costs_the_same_queries_with_3_and_60_threads(client, project, asker, neighbour, staff):
    def start(n):
        for i in range(n):
            thread = services.start_thread(project=project, kind="idea", title=f"Idee {i}", body="Tekst", author=asker)
            services.toggle_support(thread, neighbour)

    start(3)
    client.force_login(staff)
    few, _ = queries_for(client, f"/projecten/{project.slug}/gesprekken/")
    start(57)
    many, page = queries_for(client, f"/projecten/{project.slug}/gesprekken/?sort=supported")

    assert few == many <= LIST_PAGE_QUERIES
    assert page.count('class="thread-row kind-') == 20
