"""What an open discussion page receives over its socket: each live event rendered as HTML for one viewer.

Tenants and staff see different things (a hidden post's text, moderation controls), so every connection renders
for its own viewer, in its page's language, with the same fragment templates the pages use
(feedback/fragments/live_event.html). A message is a few <template data-live="..."> elements, each saying what
to do with the elements inside; static/js/live-discussion.js applies them:
- "replace": each element takes the place of the one with its id, if the page shows it (an edited or hidden
  post, a thread's counters and status, the last event id);
- "append"/"prepend" with data-target="replies-<parent id>" or "threads": insert, unless an element with the
  same id is on the page already, so an event that arrives twice (catch-up and live at once) changes nothing.
A target exists only on the pages that show it (#replies-<id> on its thread's page, #threads on the list), so
the other pages of the project ignore the fragment. Every message ends with the event's id (#live-last-event),
the number the page asks to resume from when it reconnects.

A broadcast reaches every open page of a project at once: 500 sockets asking for the same event. Each process
therefore loads an announced event once, with the ids of its thread's supporters, and renders it once per kind of
viewer (role, language, suspension, own post or not, supporting or not), with a placeholder for the form token
that each socket fills with its own. The benchmark measured what this saves (README, "Benchmark").
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from projects.models import RenovationProject
from projects.permissions import ProjectRole
from tenants.models import Complex
from tenants.permissions import viewer_for_user

from .models import LiveEvent, Support
from .permissions import active_suspension, discussion_role, may_read

CATCH_UP_LIMIT = 500  # more missed than this, and the page is asked to reload instead


@dataclass(frozen=True)
class Place:
    """The project or complex whose discussions a socket follows, and who the viewer is there."""

    project: RenovationProject | None
    complex: Complex | None
    role: ProjectRole

    @property
    def corporation_id(self):
        return self.project.corporation_id if self.project is not None else self.complex.corporation_id

    @property
    def events(self):
        if self.project is not None:
            return LiveEvent.objects.filter(project=self.project)
        return LiveEvent.objects.filter(complex=self.complex)


@dataclass(frozen=True)
class Audience:
    """Whom a connection renders for: decided once, when the socket connects."""

    viewer: object
    role: ProjectRole
    language: str
    csrf_token: str = ""
    suspension: object = None  # a suspended member's posts arrive without reply forms, as on the page


def place_and_audience(user, *, slug=None, complex_id=None, language="", csrf_secret=""):
    """Who is connecting to which discussion, decided once per socket (five small queries)."""
    viewer = viewer_for_user(user)
    place = place_for(viewer, slug=slug, complex_id=complex_id)
    audience = Audience(
        viewer=viewer,
        role=place.role,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        csrf_token=csrf_token_from_cookie(csrf_secret),
        suspension=active_suspension(user, place.corporation_id) if may_read(place.role) else None,
    )
    return place, audience


def place_for(viewer, *, slug=None, complex_id=None):
    """The discussion a socket asks to follow, with the viewer's role in it (PUBLIC when it does not exist)."""
    if slug is not None:
        project = RenovationProject.objects.filter(slug=slug).first()
        role = discussion_role(viewer, project=project) if project else ProjectRole.PUBLIC
        return Place(project=project, complex=None, role=role)
    complex_ = Complex.objects.filter(pk=complex_id).first()
    role = discussion_role(viewer, complex=complex_) if complex_ else ProjectRole.PUBLIC
    return Place(project=None, complex=complex_, role=role)


def csrf_token_from_cookie(secret):
    """A form token for the forms inside pushed fragments, made from the page's own CSRF cookie."""
    if not secret:
        return ""
    request = HttpRequest()
    request.META["CSRF_COOKIE"] = secret
    return get_token(request)


def _events(events=None):
    return (LiveEvent.objects if events is None else events).select_related(
        "thread__project",
        "thread__complex",
        "thread__author__tenant_profile",
        "post__author__tenant_profile",
    )


CSRF_PLACEHOLDER = "live-csrf-token-placeholder"  # in a shared rendering, replaced by each socket's own token
RECENT_EVENTS = 64  # announced events each process keeps loaded and rendered


@dataclass
class _Announced:
    """An announced event as loaded once in this process, and its renderings per kind of viewer."""

    event: LiveEvent
    supporters: frozenset
    fragments: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)  # one rendering at a time: it marks the event


_recent = OrderedDict()  # event id -> _Announced, newest last
_recent_lock = threading.Lock()


def render_event_by_id(event_id, audience):
    """The message for one announced event, or "" if it is gone (its thread was deleted meanwhile).

    The first socket of a kind of viewer pays for loading and rendering; the others get a copy with their own
    form token, without a query."""
    announced = _announced(event_id)
    if announced is None:
        return ""
    kind = _kind(announced, audience)
    with announced.lock:
        html = announced.fragments.get(kind)
        if html is None:
            announced.event.thread.supported_by_me = kind[-1]
            html = render_event(announced.event, replace(audience, csrf_token=CSRF_PLACEHOLDER))
            announced.fragments[kind] = html
    return html.replace(CSRF_PLACEHOLDER, audience.csrf_token)


def rendered_already(event_id, audience):
    """The message for an announced event if this process rendered it for this kind of viewer already, else None.
    No query and no waiting on a lock, so a socket's handler can call it without leaving the event loop: of 500
    sockets only the first of each kind then needs a thread (hundreds of thread hops made a broadcast slow)."""
    announced = _recent.get(event_id)
    if announced is None:
        return None
    html = announced.fragments.get(_kind(announced, audience))
    return None if html is None else html.replace(CSRF_PLACEHOLDER, audience.csrf_token)


def _kind(announced, audience):
    """What a rendering of the event depends on besides the event: who looks, in which language."""
    user_id = audience.viewer.user.pk if audience.viewer.is_authenticated else None
    post = announced.event.post
    return (
        audience.role,
        audience.language,
        audience.suspension.pk if audience.suspension else None,
        post is not None and user_id is not None and post.author_id == user_id,
        user_id in announced.supporters,
    )


def _announced(event_id):
    with _recent_lock:
        announced = _recent.get(event_id)
    if announced is not None:
        return announced
    event = _events().filter(pk=event_id).first()
    if event is None:
        return None
    supporters = frozenset()
    if event.name.startswith("thread."):
        supporters = frozenset(Support.objects.filter(thread_id=event.thread_id).values_list("user_id", flat=True))
    announced = _Announced(event=event, supporters=supporters)
    with _recent_lock:
        announced = _recent.setdefault(event_id, announced)
        while len(_recent) > RECENT_EVENTS:
            _recent.popitem(last=False)
    return announced


def forget_announced():
    """Empty this process's memory of announced events (tests that change an event's data after announcing it)."""
    with _recent_lock:
        _recent.clear()


def catch_up(place, after, audience):
    """Messages for every event after `after`, oldest first, with their ids; one reload notice if too many.
    A fixed number of queries however many events were missed (authors' roles and edits prefetched)."""
    limit = CATCH_UP_LIMIT
    events = list(
        _events(place.events)
        .filter(pk__gt=after)
        .prefetch_related(
            "post__author__memberships__organisation", "thread__author__memberships__organisation", "post__revisions"
        )
        .order_by("pk")[: limit + 1]
    )
    if len(events) > limit:
        newest = place.events.order_by("-pk").values_list("pk", flat=True).first()
        with translation.override(audience.language):
            return [(newest, render_to_string("feedback/fragments/live_reload.html", {"event_id": newest}))]
    _mark_support(events, audience.viewer)
    return [(event.pk, render_event(event, audience)) for event in events]


def _mark_support(events, viewer):
    """Whether the viewer supports each event's thread, as the list's selector annotates it (one query)."""
    thread_ids = {event.thread_id for event in events if event.name.startswith("thread.")}
    if not thread_ids:
        return
    supported = set()
    if viewer.is_authenticated:
        supported = set(
            Support.objects.filter(user=viewer.user, thread__in=thread_ids).values_list("thread_id", flat=True)
        )
    for event in events:
        event.thread.supported_by_me = event.thread_id in supported


def render_event(event, audience):
    if event.post is not None:
        event.post.thread = event.thread  # loaded once, with its project or complex
        event.post.level = event.post.depth  # its level on the thread's own page (see feedback.selectors)
    context = {
        "event": event,
        "thread": event.thread,
        "post": event.post,
        "role": audience.role,
        "viewer": audience.viewer,
        "user": audience.viewer.user,
        "csrf_token": audience.csrf_token,
        "suspension": audience.suspension,
    }
    with translation.override(audience.language):
        return render_to_string("feedback/fragments/live_event.html", context)
