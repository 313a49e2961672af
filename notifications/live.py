"""The bell follows new and read notifications live: after commit, each person's own group (`user.<id>`,
PersonalConsumer) receives their fresh unread count, rendered in their language."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import translation

from .consumers import personal_group
from .models import Notification
from .rendering import languages_of

logger = logging.getLogger(__name__)


CACHE_SECONDS = 3600


def _cache_key(user_id):
    return f"notifications:unread:{user_id}"


def unread_count(user):
    """The bell's number: from the cache, which every change sets (see announce_unread); else one COUNT."""
    count = cache.get(_cache_key(user.pk))
    if count is None:
        count = Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()
        cache.set(_cache_key(user.pk), count, CACHE_SECONDS)
    return count


def forget_counts(user_ids):
    """Drop cached counts at once (the next page counts again); announce_unread sets them after commit."""
    cache.delete_many([_cache_key(user_id) for user_id in user_ids])


def unread_counts(user_ids):
    rows = (
        Notification.objects.filter(recipient_id__in=user_ids, in_app=True, read_at__isnull=True)
        .order_by()
        .values_list("recipient_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


async def _send_all(layer, messages):
    for group, message in messages:
        await layer.group_send(group, message)


def announce_unread(user_ids):
    """Set the cached counts of these people and push them to their open pages."""
    if not user_ids:
        return
    counts = unread_counts(user_ids)
    cache.set_many({_cache_key(user_id): counts.get(user_id, 0) for user_id in user_ids}, CACHE_SECONDS)
    layer = get_channel_layer()
    if layer is None:
        return
    languages = languages_of(user_ids)
    messages = []
    for user_id in user_ids:
        with translation.override(languages[user_id]):
            html = render_to_string("notifications/bell_count.html", {"unread": counts.get(user_id, 0)})
        messages.append((personal_group(user_id), {"type": "personal.fragment", "html": html}))
    try:
        async_to_sync(_send_all)(layer, messages)
    except Exception:  # Redis down: the bell shows the right count on the next page
        logger.warning("unread counts of %s people not announced", len(user_ids), exc_info=True)
