"""Reads for the moderation pages: the queue, the audit log, the suspensions, each a fixed number of queries for
a page of any size, and always within the corporations the staff member works for."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, Max, Prefetch, Q

from .models import Flag, ModerationAction, Post, PostingSuspension

QUEUE_PAGE_SIZE = 25
LOG_PAGE_SIZE = 50


def in_corporations(corporation_ids, prefix="thread__"):
    """A filter for posts (or threads, with prefix="") in these corporations' discussions: a thread is in a
    project or in a complex, and both belong to a corporation."""
    return Q(**{f"{prefix}project__corporation_id__in": corporation_ids}) | Q(
        **{f"{prefix}complex__corporation_id__in": corporation_ids}
    )


def posts_for_moderation(corporation_ids):
    """Posts staff of these corporations may moderate, with what the action pages show."""
    return Post.objects.filter(in_corporations(corporation_ids)).select_related(
        "thread__project", "thread__complex", "author__tenant_profile", "hidden_by"
    )


def moderation_queue(corporation_ids):
    """Posts waiting for staff: hidden by reports, or with open reports. The most recently reported first, each
    with its open reports (newest first) in `open_flags`. Three queries per page: count, posts, reports."""
    open_flags = Flag.objects.filter(resolved_at__isnull=True).order_by("-created_at", "-pk")
    return (
        posts_for_moderation(corporation_ids)
        .filter(Q(flag_count__gt=0) | Q(hidden_at__isnull=False, hidden_by__isnull=True))
        .annotate(last_flagged_at=Max("flags__created_at"))
        .prefetch_related(Prefetch("flags", open_flags, to_attr="open_flags"))
        .order_by(F("last_flagged_at").desc(nulls_last=True), "-created_at", "-pk")
    )


def moderation_log(corporation_ids):
    """Every act of moderation in these corporations, newest first."""
    return ModerationAction.objects.filter(corporation_id__in=corporation_ids).select_related(
        "actor__tenant_profile", "member__tenant_profile", "post__thread"
    )


def active_suspensions(corporation_ids):
    return (
        PostingSuspension.objects.filter(corporation_id__in=corporation_ids, lifted_at__isnull=True)
        .select_related("user__tenant_profile", "created_by__tenant_profile", "corporation")
        .order_by("-created_at", "-pk")
    )


def visible_post_count(member, corporation_id):
    """How many of the member's posts a suspension in this corporation would hide."""
    from .moderation import posts_in_corporation

    return posts_in_corporation(member, corporation_id).filter(hidden_at__isnull=True).count()


def has_reported(post, user):
    return Flag.objects.filter(post=post, user=user).exists()


def person_name(user):
    """How a person is named on moderation pages: the name neighbours see, else their name, else their e-mail.
    Select `…__tenant_profile` with the user, or this costs a query."""
    if user is None:
        return ""
    try:
        profile = user.tenant_profile
    except ObjectDoesNotExist:
        profile = None
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or user.email
