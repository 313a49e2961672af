"""Reads for the discussion pages, each a fixed number of queries however many threads and replies there are.

A thread page reads its posts in path order (the materialised path on Post), so the tree arrives in reading
order from one query; a page holds at most POSTS_PER_PAGE posts and VISIBLE_LEVELS levels below its root.
A post on the last visible level that has replies links to "continue this thread": the same page, rooted at
that post (a path prefix). Authors' names come with the posts: a tenant by their display name, staff and
contractors by first name and organisation, from one extra query for the whole page.
"""

import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tenants.models import Membership, TenantProfile
from tenants.permissions import STAFF_ROLES

from .models import Post, Support, Thread, ThreadStatusChange

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 50  # a phone screen's worth of reading; 200 took 1.3 s to render on the benchmark
VISIBLE_LEVELS = 6  # the root of a page and five levels of replies below it
SORTS = ("newest", "supported", "unanswered")
MAX_QUERY_LENGTH = 200
OFFICIAL_ROLES = {*STAFF_ROLES, Membership.Role.CONTRACTOR}


# --- Thread lists -------------------------------------------------------------------------------------------


def thread_list(*, project=None, complex=None, user=None, sort="newest", kind="", query=""):
    """The threads of a project or complex, sorted: newest (last activity first), most supported, or
    unanswered (no official answer yet, oldest first); optionally one kind, optionally matching `query`.
    Each thread knows whether `user` supports it (`supported_by_me`) and its author's name (`author_name`,
    set by `label_authors` once the page is sliced)."""
    threads = Thread.objects.filter(project=project) if project is not None else Thread.objects.filter(complex=complex)
    if kind in Thread.Kind.values:
        threads = threads.filter(kind=kind)
    if query:
        threads = search(threads, query)
    if sort == "supported":
        threads = threads.order_by("-support_count", "-last_activity_at", "-pk")
    elif sort == "unanswered":
        threads = threads.filter(first_official_answer_at__isnull=True).order_by("created_at", "pk")
    else:
        threads = threads.order_by("-last_activity_at", "-pk")
    return (
        with_viewer_support(threads, user)
        .select_related("author__tenant_profile")
        .prefetch_related(_author_memberships())
    )


def thread_page_of_list(threads, page_number, corporation_id):
    """One page of a thread list (20), with authors labelled."""
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    label_authors(page.object_list, corporation_id)
    return page


def with_viewer_support(threads, user):
    if user is None or not user.is_authenticated:
        return threads.annotate(supported_by_me=Value(False))
    return threads.annotate(supported_by_me=Exists(Support.objects.filter(thread=OuterRef("pk"), user=user)))


def search(threads, query):
    """Threads whose words match: PostgreSQL full text in Dutch over the title and the visible posts together
    ("kozijnen" finds "kozijn"; every word must occur somewhere in the thread), a plain case-insensitive
    substring of the title or one visible post elsewhere (SQLite)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return threads
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg
        from django.contrib.postgres.search import SearchQuery, SearchVector

        bodies = (
            Post.objects.filter(thread=OuterRef("pk"), hidden_at__isnull=True)
            .order_by()
            .values("thread")
            .annotate(text=StringAgg("body", delimiter="\n"))
            .values("text")
        )
        document = SearchVector("title", config="dutch") + SearchVector(
            Coalesce(Subquery(bodies), Value(""), output_field=TextField()), config="dutch"
        )
        wanted = SearchQuery(query, config="dutch", search_type="websearch")
        return threads.annotate(document=document).filter(document=wanted)
    posts = Post.objects.filter(thread=OuterRef("pk"), hidden_at__isnull=True, body__icontains=query)
    return threads.filter(Q(title__icontains=query) | Exists(posts))


# --- One thread ---------------------------------------------------------------------------------------------


def thread_for_viewer(thread_id, user):
    """A thread with what its page header needs: where it is, its author, photos, status changes, the viewer's
    support and whether its opening post is hidden. None if there is no such thread. (The viewer's role then costs
    one small query: the project's complexes or contractors, whichever the viewer's role depends on.)"""
    threads = (
        Thread.objects.filter(pk=thread_id)
        .select_related("project__corporation", "complex__corporation", "author__tenant_profile")
        .prefetch_related(
            "photos",
            _author_memberships(),
            Prefetch(
                "status_changes",
                ThreadStatusChange.objects.select_related("changed_by__tenant_profile").prefetch_related(
                    Prefetch("changed_by__memberships", Membership.objects.select_related("organisation"))
                ),
            ),
        )
    )
    opening_hidden = Exists(Post.objects.filter(thread=OuterRef("pk"), parent__isnull=True, hidden_at__isnull=False))
    return with_viewer_support(threads, user).annotate(opening_hidden=opening_hidden).first()


def thread_with_place(thread_id):
    """A thread with its project or complex and their corporation: enough to decide the viewer's role and to act
    on it. None if there is no such thread."""
    return Thread.objects.filter(pk=thread_id).select_related("project__corporation", "complex__corporation").first()


@dataclass
class PostNode:
    post: Post
    children: list = field(default_factory=list)


@dataclass
class PostTree:
    root: Post | None
    page: object  # a Paginator page of posts in path order
    nodes: list  # PostNode trees of this page: the root, or posts whose parent is on an earlier page


def post_tree(thread, *, root=None, page_number=1):
    """The posts of a thread (or of the subtree under `root`) for one page, as trees, in a fixed number of
    queries: count, posts with authors, memberships of the authors. An edited post's earlier texts are loaded only
    where its article is rendered (feedback/post_articles.py)."""
    base_depth = root.depth if root is not None else 0
    posts = Post.objects.filter(thread=thread, depth__lt=base_depth + VISIBLE_LEVELS)
    if root is not None:
        posts = posts.filter(path__startswith=root.path)
    posts = (
        posts.annotate(has_replies=Exists(Post.objects.filter(parent=OuterRef("pk"))))
        .select_related("author__tenant_profile")
        .prefetch_related(_author_memberships())
        .order_by("path")
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(page_number)
    page_posts = list(page.object_list)
    label_authors(page_posts, thread.corporation_id)
    by_id, nodes = {}, []
    for post in page_posts:
        post.level = post.depth - base_depth
        post.continues = post.level == VISIBLE_LEVELS - 1 and post.has_replies
        node = PostNode(post)
        parent = by_id.get(post.parent_id)
        (parent.children if parent is not None else nodes).append(node)
        by_id[post.pk] = node
    return PostTree(root=root, page=page, nodes=nodes)


def opening_is_hidden(thread):
    """Whether staff hid the thread's opening post (its photos are then hidden with it); free for a thread from
    thread_for_viewer, which annotates it."""
    if hasattr(thread, "opening_hidden"):
        return thread.opening_hidden
    return Post.objects.filter(thread=thread, parent__isnull=True, hidden_at__isnull=False).exists()


# --- Authors ------------------------------------------------------------------------------------------------


def _author_memberships():
    return Prefetch("author__memberships", Membership.objects.select_related("organisation"))


def label_authors(items, corporation_id):
    """Set `author_name` and `author_kind` (staff, contractor, tenant or "") on threads or posts whose author
    came with select_related("author__tenant_profile") and the memberships prefetch."""
    for item in items:
        item.author_name, item.author_kind = author_label(item.author, corporation_id)


def author_label(user, corporation_id):
    if user is None:
        return _("former member"), ""
    for membership in user.memberships.all():
        if membership.role in OFFICIAL_ROLES and membership.organisation.corporation_id == corporation_id:
            kind = "contractor" if membership.role == Membership.Role.CONTRACTOR else "staff"
            name = user.first_name.strip()
            organisation = membership.organisation.name
            return (f"{name} ({organisation})" if name else organisation), kind
    try:
        return user.tenant_profile.display_name, "tenant"
    except ObjectDoesNotExist:
        return (user.first_name.strip() or _("member")), ""


def mentionable_members(thread):
    """(name, user id) pairs of the people who may be @mentioned in the thread: the households' members by
    display name, staff and (in a project) the assigned contractors by first name."""
    project, complex_ = thread.project, thread.complex
    if project is not None:
        complexes = project.complexes.values("pk")
        corporation_id = project.corporation_id
    else:
        complexes = [complex_.pk]
        corporation_id = complex_.corporation_id
    members = list(
        TenantProfile.objects.filter(
            household__dwelling__complex__in=complexes, household__ended_on__isnull=True
        ).values_list("display_name", "user_id")
    )
    officials = Q(organisation__corporation_id=corporation_id, role__in=STAFF_ROLES)
    if project is not None:
        officials |= Q(organisation__in=project.contractors.values("pk"), role=Membership.Role.CONTRACTOR)
    members += (
        Membership.objects.filter(officials).exclude(user__first_name="").values_list("user__first_name", "user_id")
    )
    return members


# --- Staff figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerTimes:
    answered: int
    median: timedelta | None
    unanswered: int
    oldest_unanswered: Thread | None


def answer_times(*, project=None, complex=None):
    """How fast questions and problem reports get a first official answer: the median over those answered,
    and the oldest one still waiting (not resolved, no official answer). Three queries."""
    threads = Thread.objects.filter(kind__in=[Thread.Kind.QUESTION, Thread.Kind.PROBLEM])
    threads = threads.filter(project=project) if project is not None else threads.filter(complex=complex)
    durations = [
        answered - asked
        for asked, answered in threads.filter(first_official_answer_at__isnull=False).values_list(
            "created_at", "first_official_answer_at"
        )
    ]
    waiting = threads.filter(first_official_answer_at__isnull=True).exclude(status=Thread.Status.RESOLVED)
    return AnswerTimes(
        answered=len(durations),
        median=statistics.median(durations) if durations else None,
        unanswered=waiting.count(),
        oldest_unanswered=waiting.order_by("created_at", "pk").first(),
    )
