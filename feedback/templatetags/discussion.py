"""Template filters for the discussion pages: what a role may do, authors' names and the viewer's support.

The fragments are also rendered for live pushes, outside a page's selectors, so every filter works on a bare
thread or post too (at the cost of a query) and uses what the selectors attached when it is there.
"""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

from projects.permissions import ProjectRole

from .. import permissions
from ..models import Support, Thread
from ..selectors import VISIBLE_LEVELS, author_label

register = template.Library()


def _role_ok(role):
    return role is not None and role != ""


@register.filter
def may_answer_officially(role):
    return _role_ok(role) and permissions.may_answer_officially(role)


@register.filter
def may_support(role):
    """Support ("me too") is the households' voice: staff and contractors answer instead."""
    return _role_ok(role) and role == ProjectRole.HOUSEHOLD


@register.filter
def author_name(item):
    """A thread's or post's author as others see them (display name; staff and contractors with organisation)."""
    if not hasattr(item, "author_name"):
        thread = item if isinstance(item, Thread) else item.thread
        item.author_name, item.author_kind = author_label(item.author, thread.corporation_id)
    return item.author_name


@register.filter
def author_kind(item):
    author_name(item)
    return item.author_kind


@register.filter
def supported_by(thread, viewer):
    supported = getattr(thread, "supported_by_me", None)
    if supported is None:
        user = getattr(viewer, "user", None)
        supported = bool(user and user.is_authenticated and Support.objects.filter(thread=thread, user=user).exists())
    return supported


@register.filter
def is_author(item, viewer):
    user = getattr(viewer, "user", None)
    return bool(user is not None and user.is_authenticated and item.author_id == user.pk)


@register.filter
def shows_replies(post):
    """Whether the page shows this post's replies below it (below the last visible level: "continue")."""
    return getattr(post, "level", 0) < VISIBLE_LEVELS - 1


@register.filter
def duration_words(delta):
    """A timedelta in words, e.g. "2 days, 3 hours"."""
    now = timezone.now()
    return timesince(now - delta, now)


@register.filter
def person_in(user, thread):
    """Someone as the readers of `thread` see them (never an e-mail address)."""
    return author_label(user, thread.corporation_id)[0]
